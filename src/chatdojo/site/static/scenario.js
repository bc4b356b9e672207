/* ChatDojo static site: one scenario walkthrough (branching steps, feedback, going back,
   scored ending, debrief, review of the path, the map after an ending). The moves and the
   review follow chatdojo.scenario.run (checked against it in tests/scorm/test_site.py). */
(function (root) {
  "use strict";

  /* A run: the choices taken; everything else follows from the scenario's data. */
  function Run(sc) { this.sc = sc; this.taken = []; this.backs = 0; }
  Run.prototype.current = function () {
    if (!this.taken.length) return this.sc.steps[this.sc.start];
    var last = this.taken[this.taken.length - 1];
    return this.sc.steps[choiceOf(this.sc.steps[last[0]], last[1]).next];
  };
  Run.prototype.currentId = function () {
    if (!this.taken.length) return this.sc.start;
    var last = this.taken[this.taken.length - 1];
    return choiceOf(this.sc.steps[last[0]], last[1]).next;
  };
  Run.prototype.finished = function () { return !!this.current().ending; };
  Run.prototype.position = function () { return this.taken.length + 1; };
  Run.prototype.canBack = function () { return this.sc.allowBack && this.taken.length > 0; };
  Run.prototype.choose = function (id) {
    var step = this.current();
    if (step.ending) throw new Error("finished");
    if (typeof id !== "string" || !choiceOf(step, id)) throw new Error("unknown choice");
    this.taken.push([this.currentId(), id]);
  };
  Run.prototype.back = function () {
    if (!this.canBack()) throw new Error("cannot go back");
    this.taken.pop();
    this.backs += 1;
  };
  Run.prototype.review = function () {
    var sc = this.sc, out = [];
    this.taken.forEach(function (t) {
      var step = sc.steps[t[0]], choice = choiceOf(step, t[1]);
      var before = step.best, after = sc.steps[choice.next].best;
      out.push({ step: t[0], choice: t[1], before: before, after: after, kept: after === before });
    });
    var end = this.currentId();
    out.push({ step: end, choice: null, before: sc.steps[end].best, after: sc.steps[end].best, kept: true });
    return out;
  };

  function choiceOf(step, id) {
    for (var i = 0; i < step.choices.length; i++) if (step.choices[i].id === id) return step.choices[i];
    return null;
  }

  var api = { Run: Run };
  if (typeof module !== "undefined" && module.exports) { module.exports = api; return; }
  root.CDScenario = api;

  // -- the page -----------------------------------------------------------------
  var data = JSON.parse(document.getElementById("cd-data").textContent);
  var ui = data.ui, sc = data.scenario;
  var box = document.getElementById("cd-scenario");
  var run = new Run(sc);
  var showMap = false;

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }
  function html(tag, cls, markup) { var node = el(tag, cls); node.innerHTML = markup || ""; return node; }
  function fmt(text, values) { return text.replace(/\{(\w+)\}/g, function (m, k) { return k in values ? values[k] : m; }); }
  function button(label, cls, onClick) {
    var b = el("button", "cd-button " + (cls || ""), label);
    b.type = "button";
    b.addEventListener("click", onClick);
    return b;
  }

  function keep(ending) {
    try {
      var all = JSON.parse(window.localStorage.getItem("chatdojo-scenarios") || "{}") || {};
      var before = all[sc.id];
      if (!before || before.score < ending.score) all[sc.id] = { score: ending.score, best: ending.best, at: new Date().toISOString() };
      window.localStorage.setItem("chatdojo-scenarios", JSON.stringify(all));
    } catch (e) { /* storage off */ }
  }

  function render(focus) {
    box.textContent = "";
    box.appendChild(el("h2", null, sc.title));
    var finished = run.finished(), step = run.current();
    var longest = Math.max(sc.longest, run.position());
    box.appendChild(el("p", "cd-note", finished ? fmt(ui.finished, { n: run.position() }) : fmt(ui.progress, { n: run.position(), m: longest })));
    var bar = el("progress", "cd-progress");
    bar.max = longest; bar.value = finished ? longest : run.position();
    box.appendChild(bar);
    var live = el("div");
    live.setAttribute("aria-live", "polite");
    if (run.taken.length) {
      var last = run.taken[run.taken.length - 1];
      var choice = choiceOf(sc.steps[last[0]], last[1]);
      var fb = el("div", "cd-feedback");
      fb.setAttribute("role", "status");
      var p = el("p"); p.appendChild(el("strong", null, ui.your_choice + ":"));
      p.appendChild(document.createTextNode(" " + choice.label));
      fb.appendChild(p);
      if (choice.fb) fb.appendChild(html("div", null, choice.fb));
      live.appendChild(fb);
    }
    live.appendChild(html("div", "cd-card", step.html));
    box.appendChild(live);
    var first = null;
    if (!finished) {
      var prompt = el("p"); prompt.appendChild(el("strong", null, ui.choose));
      box.appendChild(prompt);
      step.choices.forEach(function (c) {
        var b = button(c.label, "cd-choice", function () { run.choose(c.id); if (run.finished()) keep(run.current().ending); render(true); });
        first = first || b;
        box.appendChild(b);
      });
    } else {
      box.appendChild(endingBox(step.ending));
    }
    var nav = el("div", "cd-nav");
    if (run.canBack()) nav.appendChild(button(ui.back, "", function () { run.back(); render(true); }));
    var restart = null;
    if (run.taken.length) nav.appendChild(restart = button(ui.restart, "", function () { run = new Run(sc); showMap = false; render(true); }));
    var list = el("a", "cd-button cd-link", ui.to_list); list.href = "scenarios.html";
    nav.appendChild(list);
    box.appendChild(nav);
    if (finished) {
      var toggle = button(ui.map_after, "cd-map-toggle", function () { showMap = !showMap; render(false); });
      toggle.setAttribute("aria-expanded", String(showMap));
      box.appendChild(toggle);
      if (showMap) {
        box.appendChild(el("p", "cd-note", ui.map_note));
        var map = html("div", "cd-map-box", sc.map);
        var visited = {};
        run.taken.forEach(function (t) { visited[t[0]] = true; });
        visited[run.currentId()] = true;
        Array.prototype.forEach.call(map.querySelectorAll("g.cd-map-step"), function (g) {
          if (visited[g.getAttribute("data-step")]) return;
          g.classList.remove("cd-visited");
          var ring = g.querySelector("rect[stroke-dasharray]");
          if (ring) ring.parentNode.removeChild(ring);
        });
        box.appendChild(map);
      }
    }
    if (focus) (first || restart || list).focus();
  }

  function endingBox(ending) {
    var wrap = el("div");
    var state = ending.best ? "cd-correct" : ending.score >= 50 ? "cd-partly" : "cd-wrong";
    var fb = el("div", "cd-feedback " + state);
    fb.setAttribute("role", "status");
    fb.appendChild(el("h3", null, ui.ending + ": " + fmt(ui.score, { s: ending.score })));
    fb.appendChild(el("p", null, ending.best ? ui.best : fmt(ui.not_best, { s: sc.steps[sc.start].best })));
    fb.appendChild(html("div", null, ending.debrief));
    wrap.appendChild(fb);
    wrap.appendChild(el("h3", null, ui.review));
    if (run.backs) wrap.appendChild(el("p", "cd-note", fmt(ui.backs, { n: run.backs })));
    var ol = el("ol", "cd-review");
    run.review().forEach(function (item) {
      var step = sc.steps[item.step], li = el("li");
      li.appendChild(el("p", null, step.short));
      if (item.choice !== null) {
        var p = el("p"); p.appendChild(el("strong", null, ui.your_choice + ":"));
        p.appendChild(document.createTextNode(" " + choiceOf(step, item.choice).label));
        li.appendChild(p);
        li.appendChild(el("p", "cd-feedback " + (item.kept ? "cd-correct" : "cd-wrong"),
          item.kept ? ui.kept : fmt(ui.lost, { a: item.before, b: item.after })));
      }
      var details = el("details", "cd-cite");
      details.appendChild(el("summary", null, fmt(ui.cite, { n: step.ruleCount })));
      details.appendChild(html("div", null, step.rules));
      li.appendChild(details);
      ol.appendChild(li);
    });
    wrap.appendChild(ol);
    return wrap;
  }

  render(false);
  document.getElementById("cd-app").dataset.ready = "1";
})(this);
