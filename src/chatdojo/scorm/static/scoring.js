/* ChatDojo static quiz: scoring, the same rules as the Python engine (chatdojo.quiz.types).
   Each function takes one question of the page's data and a raw answer; a test runs every
   question of every bank through both and compares scores and feedback ids. */
(function (root) {
  "use strict";

  function AnswerError(message) { this.name = "AnswerError"; this.message = message; }

  function choice(q, id) {
    for (var i = 0; i < q.choices.length; i++) if (q.choices[i].id === id) return q.choices[i];
    throw new AnswerError("unknown option");
  }

  function choiceId(q, raw) {
    if (typeof raw !== "string" || raw.length > 64) throw new AnswerError("an option id is expected");
    choice(q, raw);
    return raw;
  }

  // Python's float() on a stripped string without thousands separators: digits with
  // optional "_" between them, a point, an exponent; full-width digits read as digits.
  var NUMBER = /^[+-]?((\d(_?\d)*)(\.(\d(_?\d)*)?)?|\.\d(_?\d)*)([eE][+-]?\d(_?\d)*)?$/;

  function asNumber(raw) {
    var value;
    if (typeof raw === "boolean") throw new AnswerError("a number is expected");
    if (typeof raw === "number") value = raw;
    else if (typeof raw === "string" && raw.length <= 40) {
      var text = raw.replace(/[,\uff0c]/g, "").trim().replace(/[\uff10-\uff19]/g, function (d) {
        return String.fromCharCode(d.charCodeAt(0) - 0xfee0);
      });
      if (!NUMBER.test(text)) throw new AnswerError("a number is expected");
      value = parseFloat(text.replace(/_/g, ""));
    } else throw new AnswerError("a number is expected");
    if (!isFinite(value)) throw new AnswerError("a finite number is expected");
    return value;
  }

  var types = {
    single: {
      normalize: function (q, raw) { return choiceId(q, raw); },
      score: function (q, a) { return choice(q, a).correct ? 1 : 0; },
      feedback: function (q, a) { return choice(q, a).fb ? [a] : []; },
      correct: function (q) { for (var i = 0; i < q.choices.length; i++) if (q.choices[i].correct) return q.choices[i].id; return null; },
      describe: function (q, a) { return choice(q, a).label; }
    },
    multiple: {
      normalize: function (q, raw) {
        if (!Array.isArray(raw)) throw new AnswerError("a list of option ids is expected");
        if (raw.length > q.choices.length) throw new AnswerError("too many options");
        var seen = {};
        raw.forEach(function (id) {
          choiceId(q, id);
          if (seen[id]) throw new AnswerError("an option was given twice");
          seen[id] = true;
        });
        return q.choices.map(function (c) { return c.id; }).filter(function (id) { return seen[id]; });
      },
      score: function (q, a) {
        var nCorrect = q.choices.filter(function (c) { return c.correct; }).length;
        var right = a.filter(function (id) { return choice(q, id).correct; }).length;
        return Math.max(0, (right - (a.length - right)) / nCorrect);
      },
      feedback: function (q, a) {
        return q.choices.filter(function (c) {
          return c.fb && (a.indexOf(c.id) >= 0 || c.correct);
        }).map(function (c) { return c.id; });
      },
      correct: function (q) { return q.choices.filter(function (c) { return c.correct; }).map(function (c) { return c.id; }); },
      describe: function (q, a) { return a.map(function (id) { return choice(q, id).label; }).join(" / ") || "-"; }
    },
    truefalse: null, // below: a single choice between "true" and "false"
    matching: {
      normalize: function (q, raw) {
        if (raw === null || typeof raw !== "object" || Array.isArray(raw)) throw new AnswerError("a mapping is expected");
        var keys = Object.keys(raw);
        if (keys.length > q.pairs.length) throw new AnswerError("a mapping is expected");
        var known = {}, out = {};
        q.pairs.forEach(function (p) { known[p.id] = true; });
        keys.forEach(function (k) {
          if (!known[k]) throw new AnswerError("unknown prompt");
          out[k] = choiceId(q, raw[k]);
        });
        return out;
      },
      score: function (q, a) {
        var hits = q.pairs.filter(function (p) { return a[p.id] === p.answer; }).length;
        return hits / q.pairs.length;
      },
      feedback: function (q, a) {
        return q.pairs.filter(function (p) { return p.fb && a[p.id] !== p.answer; }).map(function (p) { return p.id; });
      },
      correct: function (q) { var out = {}; q.pairs.forEach(function (p) { out[p.id] = p.answer; }); return out; },
      describe: function (q, a) {
        return q.pairs.map(function (p) { return p.label + " → " + (a[p.id] ? choice(q, a[p.id]).label : "-"); }).join("; ");
      }
    },
    ordering: {
      normalize: function (q, raw) {
        if (!Array.isArray(raw)) throw new AnswerError("a list of step ids is expected");
        var expected = q.choices.map(function (c) { return c.id; });
        var sorted = raw.slice().sort(), want = expected.slice().sort();
        if (raw.length !== expected.length || sorted.join("\u0000") !== want.join("\u0000") ||
            sorted.some(function (v, i) { return i > 0 && v === sorted[i - 1]; })) {
          throw new AnswerError("every step must be placed exactly once");
        }
        return raw.slice();
      },
      score: function (q, a) {
        var right = a.filter(function (id, i) { return id === q.choices[i].id; }).length;
        return right / q.choices.length;
      },
      feedback: function () { return []; },
      correct: function (q) { return q.choices.map(function (c) { return c.id; }); },
      describe: function (q, a) { return a.map(function (id) { return choice(q, id).label; }).join(" → "); }
    },
    numeric: {
      normalize: function (q, raw) { return asNumber(raw); },
      score: function (q, a) { return Math.abs(a - q.number) <= q.tolerance + 1e-9 ? 1 : 0; },
      feedback: function (q, a) { return [types.numeric.score(q, a) ? "correct" : "wrong"]; },
      correct: function (q) { return q.number; },
      describe: function (q, a) {
        var text = Number(a.toPrecision(10)).toLocaleString("en-US", { maximumFractionDigits: 10 });
        return (text + " " + (q.unit || "")).trim();
      }
    }
  };
  types.truefalse = Object.assign({}, types.single, {
    normalize: function (q, raw) {
      if (raw === true || raw === "true") return "true";
      if (raw === false || raw === "false") return "false";
      throw new AnswerError("true or false is expected");
    }
  });

  /* Score one raw answer: {answer, score, feedback: [ids], verdict}; throws AnswerError. */
  function answer(q, raw) {
    var t = types[q.type];
    var a = t.normalize(q, raw);
    var score = t.score(q, a);
    return { answer: a, score: score, feedback: t.feedback(q, a), verdict: verdict(score) };
  }

  function verdict(score) { return score >= 0.999 ? "correct" : score > 0 ? "partly" : "wrong"; }

  /* Seeded option order: a small PRNG per attempt and question (not Python's; the order
     is the learner's, the score does not depend on it). True/false keeps its order and
     an ordering question is never shown already solved. */
  function rng(seed, text) {
    var h = (seed >>> 0) ^ 0x9e3779b9;
    for (var i = 0; i < text.length; i++) { h = Math.imul(h ^ text.charCodeAt(i), 0x85ebca6b); h ^= h >>> 13; }
    return function () {
      h = (h + 0x6d2b79f5) | 0;
      var t = Math.imul(h ^ (h >>> 15), 1 | h);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  function shuffled(q, seed) {
    var list = q.choices.slice();
    if (q.type === "truefalse") return list;
    var next = rng(seed, q.id);
    for (var i = list.length - 1; i > 0; i--) {
      var j = Math.floor(next() * (i + 1));
      var tmp = list[i]; list[i] = list[j]; list[j] = tmp;
    }
    if (q.type === "ordering" && list.length > 1 && list.every(function (c, k) { return c === q.choices[k]; })) {
      list.push(list.shift());
    }
    return list;
  }

  var api = { AnswerError: AnswerError, types: types, answer: answer, verdict: verdict, shuffled: shuffled, asNumber: asNumber, rng: rng };
  if (typeof module !== "undefined" && module.exports) module.exports = api;
  else root.CDScoring = api;
})(this);
