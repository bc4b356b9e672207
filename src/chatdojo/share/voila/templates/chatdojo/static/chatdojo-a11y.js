// What Voila and ipywidgets leave out, in the page's language (issue 21 items 2, 5, 8, 9):
// - the loading screen ("Running ...", "Executing 1 of 2", "Loading widget...") in Japanese on
//   Japanese pages;
// - toggle buttons (ToggleButtons) say which one is selected (aria-pressed);
// - a resume code that was not found is typed back into the field (kept in this tab only);
// - a language or organization the learner chose is kept in the URL and a cookie, so Back,
//   reload and the next page keep it (the .cd-page-meta span says data-chosen="1").
(function () {
  "use strict";
  var LANG = /^(ja|en)$/;

  function cookie(name) {
    var jar = "";
    try {
      jar = document.cookie || "";
    } catch (e) {
      return ""; // a document without cookies (about:blank, sandboxed)
    }
    var parts = jar ? jar.split("; ") : [];
    for (var i = 0; i < parts.length; i++) {
      var eq = parts[i].indexOf("=");
      if (parts[i].slice(0, eq) === name) {
        return decodeURIComponent(parts[i].slice(eq + 1));
      }
    }
    return "";
  }

  function pageLang() {
    var meta = document.querySelector(".cd-page-meta[data-lang]");
    if (meta && LANG.test(meta.getAttribute("data-lang"))) {
      return meta.getAttribute("data-lang");
    }
    var asked = new URLSearchParams(window.location.search).get("lang");
    if (asked && LANG.test(asked)) {
      return asked;
    }
    var chosen = cookie("chatdojo_lang");
    if (LANG.test(chosen)) {
      return chosen;
    }
    var nav = (navigator.languages && navigator.languages[0]) || navigator.language || "ja";
    return /^en\b/i.test(nav) ? "en" : "ja";
  }

  var WORDS = {
    ja: {
      running: "ページを開いています…",
      executing: "ページを準備しています（{i} / {n}）",
      reading: "ページを読み込んでいます（{i} / {n}）",
      widget: "表示を準備しています…",
    },
    en: {
      running: "Opening the page…",
      executing: "Preparing the page ({i} of {n})",
      reading: "Loading the page ({i} of {n})",
      widget: "Preparing the display…",
    },
  };

  function say(key, i, n) {
    return WORDS[pageLang()][key].replace("{i}", i).replace("{n}", n);
  }

  var STEP = /^(Executing|Reading) (\d+) of (\d+)$/;
  // Voila's first words, shown while the page's kernel starts (the longest wait in a full hall).
  var RUNNING = /^Running\b[^]*\.\.\.$/;

  function translateLoading() {
    var el = document.getElementById("loading_text");
    if (el) {
      var text = el.textContent.trim();
      var m = STEP.exec(text);
      if (RUNNING.test(text)) {
        el.textContent = say("running", 0, 0);
      } else if (m) {
        el.textContent = say(m[1] === "Executing" ? "executing" : "reading", m[2], m[3]);
      } else {
        return;
      }
      // <html lang> is "ja" until the page's own language arrives with its first output.
      el.setAttribute("lang", pageLang());
    }
  }

  function translateWidgetPlaceholders(root) {
    var nodes = root.querySelectorAll ? root.querySelectorAll(".jupyter-widgets") : [];
    for (var i = 0; i < nodes.length; i++) {
      var node = nodes[i];
      if (node.childElementCount === 0 && node.textContent === "Loading widget...") {
        node.textContent = say("widget");
      }
    }
  }

  function pressed(root) {
    var buttons = root.querySelectorAll
      ? root.querySelectorAll(".widget-toggle-buttons button, button.widget-toggle-button")
      : [];
    for (var i = 0; i < buttons.length; i++) {
      var b = buttons[i];
      var on = b.classList.contains("mod-active") ? "true" : "false";
      if (b.getAttribute("aria-pressed") !== on) {
        b.setAttribute("aria-pressed", on);
      }
    }
  }

  var KEY = "chatdojo-typed-code";
  var status = new URLSearchParams(window.location.search).get("learner_status");

  // What was typed before a failed try: read once (a widget may re-render the form later).
  var typedBefore = "";
  try {
    typedBefore = window.sessionStorage.getItem(KEY) || "";
    window.sessionStorage.removeItem(KEY);
  } catch (e) {
    typedBefore = "";
  }
  if (status !== "unknown" && status !== "wait") {
    typedBefore = "";
  }

  function restoreCode() {
    var field = document.querySelector(".cd-resume-form input[name=code]");
    if (!field || !typedBefore || field.getAttribute("data-cd-restored")) {
      return;
    }
    field.setAttribute("data-cd-restored", "1");
    if (!field.value) {
      field.value = typedBefore.slice(0, 64);
      var details = field.closest("details");
      if (details) {
        details.open = true;
      }
      field.focus();
    }
  }

  document.addEventListener(
    "submit",
    function (event) {
      var form = event.target;
      if (form && form.classList && form.classList.contains("cd-resume-form")) {
        var field = form.querySelector("input[name=code]");
        try {
          window.sessionStorage.setItem(KEY, field ? field.value.slice(0, 64) : "");
        } catch (e) {
          /* private mode: nothing kept */
        }
      }
    },
    true
  );

  // Keep a chosen language/organization: this entry's URL (reload, Back) and a cookie
  // (pages opened later). Only after the learner chose; until then the browser's language.
  function keepChoice() {
    var metas = document.querySelectorAll(".cd-page-meta[data-chosen='1']");
    if (!metas.length) {
      return;
    }
    var meta = metas[metas.length - 1];
    var lang = meta.getAttribute("data-lang");
    var profile = meta.getAttribute("data-profile") || "";
    if (!LANG.test(lang) || !/^[a-z0-9][a-z0-9_-]{0,63}$/.test(profile)) {
      return;
    }
    var year = "; path=/; max-age=31536000; SameSite=Lax";
    if (cookie("chatdojo_lang") !== lang) {
      document.cookie = "chatdojo_lang=" + lang + year;
    }
    if (cookie("chatdojo_profile") !== profile) {
      document.cookie = "chatdojo_profile=" + profile + year;
    }
    var url = new URL(window.location.href);
    if (url.searchParams.get("lang") !== lang || url.searchParams.get("profile") !== profile) {
      url.searchParams.set("lang", lang);
      url.searchParams.set("profile", profile);
      url.searchParams.delete("learner_status");
      url.searchParams.delete("wait");
      window.history.replaceState(window.history.state, "", url.toString());
    }
  }

  function apply(root) {
    translateLoading();
    translateWidgetPlaceholders(root || document);
    pressed(root || document);
    restoreCode();
    keepChoice();
  }

  apply(document);
  // One pass per batch of changes (the observer delivers them together), not one per change.
  new MutationObserver(function () {
    apply(document);
  }).observe(document.documentElement, {
    childList: true,
    subtree: true,
    characterData: true,
    attributes: true,
    attributeFilter: ["class", "data-lang", "data-profile", "data-chosen"],
  });
})();
