/* ChatDojo static site: the home page's module list with each module's state, and the
   printable completion page, both read from this browser's localStorage. */
(function () {
  "use strict";
  var site = JSON.parse(document.getElementById("cd-site").textContent);
  var ui = site.ui;
  var progress = {};
  try { progress = JSON.parse(window.localStorage.getItem("chatdojo-progress") || "{}") || {}; } catch (e) { progress = {}; }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined) node.textContent = text;
    return node;
  }
  function state(m) {
    var p = progress[m.id];
    return !p ? ui.not_started : p.passed ? ui.passed : ui.tried;
  }

  if (site.page === "home") {
    var box = document.getElementById("cd-modules");
    site.modules.forEach(function (m) {
      var card = el("div", "cd-card");
      var link = el("a", null, m.title);
      link.href = m.id + ".html";
      card.appendChild(link);
      card.appendChild(el("p", "cd-note", m.summary));
      var p = progress[m.id];
      card.appendChild(el("p", "cd-badge" + (p && p.passed ? " cd-correct" : ""), state(m) + (p ? " " + p.score + "%" : "")));
      box.appendChild(card);
    });
    var form = document.getElementById("cd-code-form");
    if (form) {
      var input = document.getElementById("cd-code");
      try { input.value = window.localStorage.getItem("chatdojo-code") || ""; } catch (e) { /* storage off */ }
      form.addEventListener("submit", function (ev) {
        ev.preventDefault();
        try { window.localStorage.setItem("chatdojo-code", input.value.trim().slice(0, 64)); } catch (e) { /* storage off */ }
        document.getElementById("cd-code-status").textContent = ui.code_saved;
      });
    }
  } else if (site.page === "completion") {
    var root = document.getElementById("cd-completion");
    var label = el("label", null, ui.name);
    var name = el("input", "cd-number");
    name.type = "text"; name.id = "cd-name"; name.autocomplete = "name";
    label.htmlFor = "cd-name";
    var cert = el("div", "cd-card cd-completion");
    var who = el("p", "cd-title");
    name.addEventListener("input", function () { who.textContent = name.value; });
    root.appendChild(label); root.appendChild(name);
    var table = el("table"), head = el("tr");
    [ui.module, ui.status, ui.score, ui.date].forEach(function (h) { head.appendChild(el("th", null, h)); });
    table.appendChild(head);
    var passedAll = true;
    site.modules.forEach(function (m) {
      var p = progress[m.id], row = el("tr");
      if (!p || !p.passed) passedAll = false;
      [m.title, state(m), p ? p.score + "%" : "-", p ? p.at.slice(0, 10) : "-"].forEach(function (v) { row.appendChild(el("td", null, v)); });
      table.appendChild(row);
    });
    cert.appendChild(who);
    cert.appendChild(table);
    if (passedAll) cert.appendChild(el("p", null, ui.all_passed));
    root.appendChild(cert);
    var print = el("button", "cd-button cd-primary", ui.print);
    print.type = "button";
    print.addEventListener("click", function () { window.print(); });
    root.appendChild(print);
  }
  if (site.page === "list") {  // scenarios: each one's best ending so far in this browser
    var done = {};
    try { done = JSON.parse(window.localStorage.getItem("chatdojo-scenarios") || "{}") || {}; } catch (e) { done = {}; }
    Array.prototype.forEach.call(document.querySelectorAll("[data-scenario]"), function (card) {
      var d = done[card.getAttribute("data-scenario")];
      if (d) card.appendChild(el("p", "cd-badge" + (d.best ? " cd-correct" : ""), ui.best_score + " " + d.score));
    });
  }
  document.getElementById("cd-app").dataset.ready = "1";
})();
