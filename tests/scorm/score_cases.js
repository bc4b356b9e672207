// Reads {questions, cases: [[index, raw], ...]} on stdin; prints one result per case,
// scored by the static page's scoring.js (the path is the first argument).
"use strict";
const scoring = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { questions, cases } = JSON.parse(input);
  const out = cases.map(([index, raw]) => {
    try {
      const r = scoring.answer(questions[index], raw);
      return { score: r.score, feedback: r.feedback, verdict: r.verdict };
    } catch (e) {
      if (e instanceof scoring.AnswerError) return { error: true };
      throw e;
    }
  });
  process.stdout.write(JSON.stringify(out));
});
