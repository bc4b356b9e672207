/* ChatDojo static quiz page: guide and quiz, one question at a time, feedback, results,
   review, retry, like the app's quiz view. Scoring is CDScoring's (the engine's rules);
   what reaches the LMS goes through CDRuntime. No eval, no inline code, no other host. */
(function () {
  "use strict";
  var S = window.CDScoring, R = window.CDRuntime;
  var data = JSON.parse(document.getElementById("cd-data").textContent);
  var ui = data.ui;
  var LETTERS = "abcdefghijklmnopqrstuvwxyz0123456789";
  var MARKS = { correct: "\u2713", partly: "\u25b3", wrong: "\u2717" };
  var app = document.getElementById("cd-app");
  var guidePane = document.getElementById("cd-guide");
  var quizPane = document.getElementById("cd-quiz");
  var switchBox = document.getElementById("cd-switch");
  var statusBox = document.getElementById("cd-lms-status");

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function html(tag, cls, markup) { var node = el(tag, cls); node.innerHTML = markup || ""; return node; }
  function fmt(text, values) { return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function number(value) { return (Math.round(value * 10) / 10).toFixed(1).replace(/\.0$/, ""); }
  function button(label, cls, onClick) {
    var b = el("button", "cd-button " + (cls || ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  // -- LMS -------------------------------------------------------------------------
  var rt = new R.Runtime(window);
  var recorded = rt.start();
  var mastery = recorded ? rt.mastery(data.mastery) : data.mastery;
  var passMark = mastery !== null && mastery !== undefined ? mastery / 100 : data.passMark;

  function say(text, cls) {
    statusBox.textContent = text;
    statusBox.className = "cd-lms-status " + (cls || "cd-note");
  }
  function showLmsError() {
    if (rt.error) say(fmt(ui.lms_error, { code: rt.error.code }), "cd-error");
  }

  // -- attempts --------------------------------------------------------------------
  function newAttempt(questions, seed, practice) {
    return { questions: questions, seed: seed, practice: practice, outcomes: {}, position: 0, shown: {}, pending: null };
  }
  function freshSeed() {
    var buf = new Uint32Array(1);
    window.crypto.getRandomValues(buf);
    return buf[0] & 0x3fffffff;
  }
  /* The questions of one attempt: the package's fixed set, or (static site, data.draw set)
     a seeded draw from the whole pool, rebuilt from the seed on resume. */
  function drawn(seed) {
    var list = data.questions.slice();
    if (!data.draw || data.draw >= list.length) return list;
    var next = S.rng(seed, "draw");
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
    }
    return list.slice(0, data.draw);
  }
  var firstSeed = freshSeed();
  var main = newAttempt(drawn(firstSeed), firstSeed, false);
  var current = main;

  function state() {
    return {
      v: 1, s: main.seed, p: main.position, f: finished(main) ? 1 : 0,
      a: main.questions.map(function (q) { var o = main.outcomes[q.id]; return o ? o.answer : null; })
    };
  }
  function location() { return finished(main) ? "results" : "q" + (main.position + 1); }
  function finished(a) { return a.position >= a.questions.length; }
  function score(a) {
    var total = 0;
    a.questions.forEach(function (q) { if (a.outcomes[q.id]) total += a.outcomes[q.id].score; });
    return total;
  }
  function fraction(a) { return a.questions.length ? score(a) / a.questions.length : 0; }
  function passed(a) { return !a.practice && a.questions.length > 0 && fraction(a) + 1e-9 >= passMark; }
  function missed(a) {
    return a.questions.filter(function (q) { var o = a.outcomes[q.id]; return !o || o.verdict !== "correct"; });
  }

  function restore(saved) {
    if (!saved || typeof saved.s !== "number" || !Array.isArray(saved.a)) return false;
    main = newAttempt(drawn(saved.s), saved.s, false);
    var ok = true;
    main.questions.forEach(function (q, i) {
      if (saved.a[i] === null || saved.a[i] === undefined) return;
      try { main.outcomes[q.id] = S.answer(q, saved.a[i]); } catch (e) { ok = false; }
    });
    var p = typeof saved.p === "number" ? Math.max(0, Math.min(saved.p, main.questions.length)) : 0;
    main.position = p;
    current = main;
    return ok;
  }

  // SCORM 1.2 response formats: options as single characters by their place in the bank.
  function letter(q, id) {
    for (var i = 0; i < q.choices.length; i++) if (q.choices[i].id === id) return LETTERS.charAt(i);
    return "";
  }
  function response(q, a) {
    switch (q.type) {
      case "truefalse": return a === "true" ? "t" : "f";
      case "single": return letter(q, a);
      case "multiple": case "ordering": return a.map(function (id) { return letter(q, id); }).join(",");
      case "matching":
        return q.pairs.map(function (p, i) { return a[p.id] ? (i + 1) + "." + letter(q, a[p.id]) : null; })
          .filter(function (v) { return v !== null; }).join(",");
      default: return String(a);
    }
  }
  function pattern(q) {
    var right = S.types[q.type].correct(q);
    if (q.type === "matching") return q.pairs.map(function (p, i) { return String(i + 1) + "." + letter(q, p.answer); }).join(",");
    return response(q, right);
  }

  // -- actions ---------------------------------------------------------------------
  var input = null;
  var message = null;

  function check() {
    var q = current.questions[current.position];
    if (!q || current.outcomes[q.id]) return;
    var raw = input ? input.get() : null;
    if (raw === null || raw === "" || (Array.isArray(raw) && !raw.length) || (typeof raw === "object" && !Array.isArray(raw) && !Object.keys(raw).length)) {
      message.textContent = ui.answer_required;
      return;
    }
    var outcome;
    try { outcome = S.answer(q, raw); } catch (e) { message.textContent = e.message || String(e); return; }
    current.outcomes[q.id] = outcome;
    if (current === main && recorded && !rt.finished) {
      rt.interaction({
        id: q.sid, type: q.scormType, response: response(q, outcome.answer), pattern: pattern(q),
        result: outcome.verdict === "correct" ? "correct" : "wrong",
        latency: Date.now() - (current.shown[q.id] || Date.now()), at: new Date()
      });
      rt.suspend(state(), location());
      rt.commit();
      showLmsError();
    }
    render(true);
  }

  function next() {
    var q = current.questions[current.position];
    if (!q || !current.outcomes[q.id]) return;
    current.position += 1;
    if (current === main && finished(main) && data.site) { keep(); send(); }
    if (current === main && recorded && !rt.finished) {
      if (finished(main)) {
        rt.complete(fraction(main), mastery, state());
      } else {
        rt.suspend(state(), location());
        rt.commit();
      }
      showLmsError();
      if (rt.finished && !rt.error) say(ui.recorded);
    }
    render(true);
  }

  /* The static site: a finished attempt kept in this browser (the completion page reads it). */
  var STORE = "chatdojo-progress";
  function keep() {
    try {
      var all = JSON.parse(window.localStorage.getItem(STORE) || "{}") || {};
      var before = all[data.module];
      var entry = { score: Math.round(fraction(main) * 10000) / 100, passed: passed(main), at: new Date().toISOString(),
        profile: data.profile, passMark: Math.round(passMark * 100) };
      if (!before || !before.passed || entry.passed) all[data.module] = entry;
      window.localStorage.setItem(STORE, JSON.stringify(all));
    } catch (e) { /* storage off: the result stays on screen only */ }
  }

  /* The static site with --collect: send the finished attempt to the training server,
     which scores it again and keeps it once in the learner's record. */
  function send() {
    var code = "";
    try { code = window.localStorage.getItem("chatdojo-code") || ""; } catch (e) { return; }
    if (!data.collect || !code || !window.fetch) return;
    var buf = new Uint8Array(16);
    window.crypto.getRandomValues(buf);
    var attempt = Array.prototype.map.call(buf, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    var body = {
      code: code, module: data.module, profile: data.profile, attempt: attempt,
      answers: main.questions.map(function (q) { return [q.id, main.outcomes[q.id].answer]; })
    };
    window.fetch(data.collect, {
      method: "POST", mode: "cors", credentials: "omit", cache: "no-store",
      headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
    }).then(function (response) {
      say(response.ok ? ui.sent : fmt(ui.not_sent, { code: response.status }), response.ok ? "cd-note" : "cd-error");
    }, function () { say(fmt(ui.not_sent, { code: "-" }), "cd-error"); });
  }

  function retryMissed() {
    var list = missed(current);
    if (!list.length) return;
    current = newAttempt(list, current.seed + 1, true);
    render(true);
  }

  function restart() {
    var seed = freshSeed();
    main = newAttempt(drawn(seed), seed, false);
    current = main;
    if (recorded && rt.finished) say(ui.session_closed);
    render(true);
  }

  // -- rendering -------------------------------------------------------------------
  function verdictLabel(verdict) {
    var span = el("span", "cd-verdict");
    var mark = el("span", null, MARKS[verdict]);
    mark.setAttribute("aria-hidden", "true");
    span.appendChild(mark);
    span.appendChild(document.createTextNode(" " + ui[verdict]));
    return span;
  }

  function feedbackBox(q, outcome) {
    var box = el("div", "cd-feedback cd-" + outcome.verdict);
    box.setAttribute("role", "status");
    box.setAttribute("aria-live", "polite");
    var head = el("p"), strong = el("strong");
    strong.appendChild(verdictLabel(outcome.verdict));
    head.appendChild(strong);
    box.appendChild(head);
    outcome.feedback.forEach(function (id) {
      var markup = null;
      if (q.type === "numeric") markup = id === "correct" ? q.fbRight : q.fbWrong;
      else if (q.type === "matching") q.pairs.forEach(function (p) { if (p.id === id) markup = p.fb; });
      else q.choices.forEach(function (c) { if (c.id === id) markup = c.fb; });
      if (markup) box.appendChild(html("div", "cd-fb", markup));
    });
    var label = el("p"); label.appendChild(el("strong", null, ui.explanation));
    box.appendChild(label);
    box.appendChild(html("div", null, q.explanation));
    box.appendChild(html("div", null, q.rules));
    return box;
  }

  function buildInput(q, answered) {
    var order = S.shuffled(q, current.seed);
    var initial = answered ? answered.answer : current.pending;
    var box = el("div", "cd-answer");
    var name = "cd-" + q.id;
    if (q.type === "single" || q.type === "truefalse" || q.type === "multiple") {
      var multi = q.type === "multiple";
      var group = el("div", "cd-choices");
      group.setAttribute("role", multi ? "group" : "radiogroup");
      group.setAttribute("aria-label", multi ? ui.choose_all : ui.choose_one);
      var boxes = order.map(function (c) {
        var label = el("label", "cd-option");
        var inp = el("input");
        inp.type = multi ? "checkbox" : "radio";
        inp.name = name;
        inp.value = c.id;
        inp.checked = multi ? (initial || []).indexOf(c.id) >= 0 : initial === c.id;
        inp.disabled = !!answered;
        label.appendChild(inp);
        label.appendChild(el("span", null, c.id === "true" && q.type === "truefalse" ? ui["true"] : c.id === "false" && q.type === "truefalse" ? ui["false"] : c.label));
        group.appendChild(label);
        return inp;
      });
      box.appendChild(group);
      return {
        node: box,
        get: function () {
          var picked = boxes.filter(function (b) { return b.checked; }).map(function (b) { return b.value; });
          return multi ? picked : picked.length ? picked[0] : null;
        }
      };
    }
    if (q.type === "matching") {
      var selects = {};
      q.pairs.forEach(function (p, i) {
        var row = el("div", "cd-match-row");
        var id = name + "-" + p.id;
        var label = el("label");
        label.htmlFor = id;
        label.appendChild(el("strong", null, (i + 1) + "."));
        label.appendChild(document.createTextNode(" " + p.label));
        var select = el("select");
        select.id = id;
        select.appendChild(el("option", null, ui.select)).value = "";
        order.forEach(function (c) { var o = el("option", null, c.label); o.value = c.id; select.appendChild(o); });
        select.value = (initial && initial[p.id]) || "";
        select.disabled = !!answered;
        row.appendChild(label);
        row.appendChild(select);
        box.appendChild(row);
        selects[p.id] = select;
      });
      return {
        node: box,
        get: function () {
          var out = {};
          Object.keys(selects).forEach(function (k) { if (selects[k].value) out[k] = selects[k].value; });
          return out;
        }
      };
    }
    if (q.type === "ordering") {
      var ids = initial && initial.length === order.length ? initial.slice() : order.map(function (c) { return c.id; });
      var list = el("ol", "cd-order");
      var labels = {};
      q.choices.forEach(function (c) { labels[c.id] = c.label; });
      var draw = function (focusId, dir) {
        list.textContent = "";
        ids.forEach(function (id, i) {
          var row = el("li", "cd-order-row");
          row.dataset.id = id;
          var text = el("span", "cd-order-text");
          text.appendChild(el("strong", null, (i + 1) + "."));
          text.appendChild(document.createTextNode(" " + labels[id]));
          row.appendChild(text);
          [[-1, "\u2191", ui.move_up, "up"], [1, "\u2193", ui.move_down, "down"]].forEach(function (m) {
            var b = button(m[1], "cd-move", function () {
              var j = i + m[0];
              if (j < 0 || j >= ids.length) return;
              var tmp = ids[i]; ids[i] = ids[j]; ids[j] = tmp;
              current.pending = ids.slice();
              draw(id, m[3]);
            });
            b.setAttribute("aria-label", m[2] + ": " + labels[id]);
            b.title = m[2];
            b.disabled = !!answered || (m[0] < 0 ? i === 0 : i === ids.length - 1);
            b.dataset.dir = m[3];
            row.appendChild(b);
            if (focusId === id && dir === m[3]) setTimeout(function () { (b.disabled ? row.querySelector("button:not([disabled])") || b : b).focus(); }, 0);
          });
          list.appendChild(row);
        });
      };
      draw();
      box.appendChild(list);
      return { node: box, get: function () { return ids.slice(); } };
    }
    // numeric
    var field = el("input", "cd-number");
    field.type = "text";
    field.inputMode = "decimal";
    field.autocomplete = "off";
    field.placeholder = ui.numeric_prompt;
    field.setAttribute("aria-label", ui.numeric_prompt + (q.unit ? " (" + q.unit + ")" : ""));
    field.value = initial === null || initial === undefined ? "" : String(initial);
    field.disabled = !!answered;
    field.addEventListener("keydown", function (ev) { if (ev.key === "Enter") check(); });
    var rowN = el("div", "cd-number-row");
    rowN.appendChild(field);
    rowN.appendChild(el("span", "cd-unit", q.unit || ""));
    box.appendChild(rowN);
    return { node: box, get: function () { var v = field.value.trim(); return v === "" ? null : v; } };
  }

  function render(focus) {
    quizPane.textContent = "";
    quizPane.appendChild(el("h2", null, data.bankTitle));
    var total = current.questions.length;
    if (!total) { quizPane.appendChild(el("p", null, ui.empty_module)); return; }
    if (finished(current)) { renderResults(focus); return; }
    var q = current.questions[current.position];
    quizPane.dataset.question = q.id;
    if (!current.shown[q.id]) current.shown[q.id] = Date.now();
    var label = el("div", "cd-progress-label", (current.practice ? ui.practice_badge + " " : "") +
      fmt(ui.question_n_of_m, { n: current.position + 1, m: total }));
    label.setAttribute("aria-live", "polite");
    quizPane.appendChild(label);
    var bar = el("progress", "cd-progress");
    bar.max = total; bar.value = current.position;
    quizPane.appendChild(bar);
    var body = html("div", "cd-question", q.html);
    if (q.note) body.appendChild(el("p", "cd-note", ui.policy_note + ": " + q.note));
    quizPane.appendChild(body);
    var outcome = current.outcomes[q.id];
    if (!outcome) quizPane.appendChild(el("p", "cd-note", ui[q.prompt]));
    input = buildInput(q, outcome);
    quizPane.appendChild(input.node);
    message = el("div", "cd-message");
    message.setAttribute("role", "alert");
    var action;
    if (!outcome) {
      quizPane.appendChild(message);
      action = button(ui.check, "cd-primary cd-check", check);
      quizPane.appendChild(action);
    } else {
      quizPane.appendChild(feedbackBox(q, outcome));
      quizPane.appendChild(message);
      action = button(current.position === total - 1 ? ui.finish : ui.next, "cd-next", next);
      quizPane.appendChild(action);
    }
    if (focus) {
      var first = outcome ? action : quizPane.querySelector("input:not([disabled]), select, .cd-move:not([disabled])");
      (first || action).focus({ preventScroll: false });
      if (outcome) quizPane.querySelector(".cd-feedback").scrollIntoView({ block: "nearest" });
    }
  }

  function renderResults(focus) {
    var a = current;
    var summary = el("div", "cd-feedback cd-" + (a.practice ? (missed(a).length ? "wrong" : "correct") : passed(a) ? "correct" : "wrong"));
    summary.setAttribute("role", "status");
    var p = el("p"), strong = el("strong", null, ui.score + ": " + number(score(a)) + " / " + a.questions.length +
      " (" + Math.round(fraction(a) * 100) + "%)");
    p.appendChild(strong);
    var right = a.questions.filter(function (q) { return a.outcomes[q.id] && a.outcomes[q.id].verdict === "correct"; }).length;
    p.appendChild(document.createTextNode(" \u2014 " + (a.practice ? fmt(ui.practice, { right: right, total: a.questions.length }) : passed(a) ? ui.passed : ui.failed)));
    summary.appendChild(p);
    if (!a.practice) summary.appendChild(el("p", "cd-note", ui.pass_mark + ": " + Math.round(passMark * 100) + "%"));
    summary.tabIndex = -1;
    quizPane.appendChild(summary);
    if (missed(a).length) quizPane.appendChild(button(ui.retry_missed, "cd-retry", retryMissed));
    else quizPane.appendChild(el("p", null, ui.all_correct));
    quizPane.appendChild(button(ui.restart, "cd-restart", restart));
    var review = el("div", "cd-review");
    review.appendChild(el("h3", null, ui.review));
    a.questions.forEach(function (q) {
      var o = a.outcomes[q.id];
      var verdict = o ? o.verdict : "wrong";
      var card = el("div", "cd-card cd-feedback cd-" + verdict);
      var head = el("p"), s = el("strong");
      s.appendChild(verdictLabel(verdict)); head.appendChild(s); card.appendChild(head);
      card.appendChild(html("div", null, q.html));
      var yours = el("p"); yours.appendChild(el("strong", null, ui.your_answer + ":"));
      yours.appendChild(document.createTextNode(" " + (o ? S.types[q.type].describe(q, o.answer) : ui.no_answer)));
      card.appendChild(yours);
      var rightP = el("p"); rightP.appendChild(el("strong", null, ui.right_answer + ":"));
      rightP.appendChild(document.createTextNode(" " + q.right));
      card.appendChild(rightP);
      card.appendChild(html("div", null, q.explanation));
      card.appendChild(html("div", null, q.rules));
      review.appendChild(card);
    });
    quizPane.appendChild(review);
    if (focus) summary.focus();
  }

  // -- guide / quiz switch -------------------------------------------------------------
  guidePane.innerHTML = data.guideHtml;
  var tabs = {};
  function show(which, focus) {
    guidePane.hidden = which !== "guide";
    quizPane.hidden = which !== "quiz";
    Object.keys(tabs).forEach(function (k) { tabs[k].setAttribute("aria-pressed", String(k === which)); });
    if (which === "quiz") render(focus);
  }
  ["guide", "quiz"].forEach(function (k) {
    tabs[k] = button(ui[k], "cd-tab", function (ev) {
      show(k, true);
      if (window.performance && performance.measure) performance.measure("cd-tab-" + k, { start: ev.timeStamp });
    });
    switchBox.appendChild(tabs[k]);
  });
  switchBox.hidden = false;

  var resumed = false;
  if (recorded) {
    var saved = rt.resumeState();
    if (saved) { restore(saved); resumed = true; }
    say(resumed ? ui.recorded + " " + ui.resumed : ui.recorded);
    showLmsError();
  } else {
    say(data.site ? ui.site_kept : ui.not_recorded, "cd-note cd-not-kept");
  }
  var place = recorded ? rt.get("cmi.core.lesson_location") : "";
  show(resumed && (place !== "" || main.position > 0) ? "quiz" : "guide", false);

  function leave() {
    if (recorded && !rt.finished) rt.leave(state(), location());
  }
  window.addEventListener("pagehide", leave);
  window.addEventListener("unload", leave);
  app.dataset.ready = "1";
  if (window.performance && performance.mark) performance.mark("cd-ready");
})();
