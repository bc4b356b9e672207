/* ChatDojo static quiz: the SCORM 1.2 run-time side (what the package writes to the LMS).
   The API object is found like the pipwerks wrapper does: up the parent chain, then from
   the opener. After every call LMSGetLastError is read; the first error is kept for the
   page to show. Without an API the page works alone and says results are not recorded. */
(function (root) {
  "use strict";

  var SUSPEND_MAX = 4096;

  function findIn(win) {
    var tries = 0;
    try {
      while (win && !win.API && win.parent && win.parent !== win && tries < 500) {
        tries++;
        win = win.parent;
      }
      return win && win.API ? win.API : null;
    } catch (e) {
      return null; // a parent on another origin
    }
  }

  function findAPI(win) {
    var api = findIn(win);
    try {
      if (!api && win.top && win.top.opener) api = findIn(win.top.opener);
      if (!api && win.opener) api = findIn(win.opener);
    } catch (e) { /* an opener on another origin */ }
    return api;
  }

  function pad(n, width) { var s = String(n); while (s.length < width) s = "0" + s; return s; }

  /* CMITimespan: HHHH:MM:SS.SS */
  function timespan(ms) {
    var cs = Math.max(0, Math.round(ms / 10));
    var h = Math.floor(cs / 360000); cs -= h * 360000;
    var m = Math.floor(cs / 6000); cs -= m * 6000;
    var s = Math.floor(cs / 100); cs -= s * 100;
    return pad(Math.min(h, 9999), 4) + ":" + pad(m, 2) + ":" + pad(s, 2) + "." + pad(cs, 2);
  }

  /* CMITime: HH:MM:SS of the learner's clock */
  function clock(date) {
    return pad(date.getHours(), 2) + ":" + pad(date.getMinutes(), 2) + ":" + pad(date.getSeconds(), 2);
  }

  /* CMIDecimal with at most two decimals, within 0-100 */
  function percent(fraction) {
    var value = Math.round(Math.min(1, Math.max(0, fraction)) * 10000) / 100;
    return String(value);
  }

  function Runtime(win) {
    this.api = findAPI(win || root);
    this.open = false;
    this.finished = false;
    this.error = null;
    this.started = Date.now();
  }

  Runtime.prototype.call = function (name, args) {
    if (!this.api) return "";
    var result;
    try {
      result = this.api[name].apply(this.api, args || []);
    } catch (e) {
      if (!this.error) this.error = { call: name, code: "exception" };
      return "";
    }
    var code = "0";
    try { code = String(this.api.LMSGetLastError()); } catch (e) { code = "exception"; }
    if (code !== "0" && code !== "" && !this.error) this.error = { call: name, element: args && args[0], code: code };
    return result;
  };

  Runtime.prototype.start = function () {
    if (!this.api) return false;
    var ok = String(this.call("LMSInitialize", [""])) === "true";
    this.open = ok;
    if (ok) {
      var status = this.get("cmi.core.lesson_status");
      if (status === "" || status === "not attempted") this.set("cmi.core.lesson_status", "incomplete");
    }
    return ok;
  };

  Runtime.prototype.get = function (element) {
    if (!this.open) return "";
    var value = this.call("LMSGetValue", [element]);
    return value === null || value === undefined ? "" : String(value);
  };

  Runtime.prototype.set = function (element, value) {
    if (!this.open || this.finished) return false;
    return String(this.call("LMSSetValue", [element, String(value)])) === "true";
  };

  Runtime.prototype.commit = function () {
    if (!this.open || this.finished) return false;
    return String(this.call("LMSCommit", [""])) === "true";
  };

  Runtime.prototype.suspend = function (state, location) {
    var text = JSON.stringify(state);
    if (text.length > SUSPEND_MAX) text = JSON.stringify({ v: state.v, s: state.s, p: 0, a: [] });
    this.set("cmi.suspend_data", text);
    this.set("cmi.core.lesson_location", location);
  };

  Runtime.prototype.resumeState = function () {
    var text = this.get("cmi.suspend_data");
    if (!text) return null;
    try {
      var state = JSON.parse(text);
      return state && typeof state === "object" && state.v === 1 ? state : null;
    } catch (e) { return null; }
  };

  /* One cmi.interactions.n per answered question, in SCORM 1.2's formats. */
  Runtime.prototype.interaction = function (record) {
    if (!this.open || this.finished) return;
    var count = parseInt(this.get("cmi.interactions._count"), 10);
    var n = isNaN(count) ? 0 : count;
    var base = "cmi.interactions." + n + ".";
    this.set(base + "id", record.id);
    this.set(base + "time", clock(record.at));
    this.set(base + "type", record.type);
    this.set(base + "correct_responses.0.pattern", record.pattern);
    this.set(base + "weighting", "1");
    this.set(base + "student_response", record.response);
    this.set(base + "result", record.result);
    this.set(base + "latency", timespan(record.latency));
  };

  /* The end of the attempt: score, status, time; then commit and finish. */
  Runtime.prototype.complete = function (fraction, mastery, state) {
    if (!this.open || this.finished) return;
    var raw = percent(fraction);
    this.set("cmi.core.score.min", "0");
    this.set("cmi.core.score.max", "100");
    this.set("cmi.core.score.raw", raw);
    var status = "completed";
    if (mastery !== null && mastery !== undefined && mastery !== "") {
      status = parseFloat(raw) + 1e-9 >= Number(mastery) ? "passed" : "failed";
    }
    this.set("cmi.core.lesson_status", status);
    this.suspend(state, "results");
    this.set("cmi.core.exit", "");
    this.close();
    return status;
  };

  /* Leaving before the end (pagehide/unload): keep the place, commit, finish. */
  Runtime.prototype.leave = function (state, location) {
    if (!this.open || this.finished) return;
    this.suspend(state, location);
    this.set("cmi.core.exit", "suspend");
    this.close();
  };

  Runtime.prototype.close = function () {
    this.set("cmi.core.session_time", timespan(Date.now() - this.started));
    this.commit();
    this.call("LMSFinish", [""]);
    this.finished = true;
  };

  /* The mastery score: the LMS's (from the manifest) first, else the package's own. */
  Runtime.prototype.mastery = function (fallback) {
    var value = this.get("cmi.student_data.mastery_score");
    if (value !== "" && !isNaN(Number(value))) return Number(value);
    return fallback === undefined ? null : fallback;
  };

  root.CDRuntime = { Runtime: Runtime, findAPI: findAPI, timespan: timespan, percent: percent, SUSPEND_MAX: SUSPEND_MAX };
})(this);
