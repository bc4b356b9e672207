// Reads {scenarios: {id: data}, walks: [[id, [choice ids]], ...]} on stdin; prints, per walk,
// the static site's ending score and review (scenario.js, path given as the first argument).
"use strict";
const { Run } = require(process.argv[2]);
let input = "";
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const { scenarios, walks } = JSON.parse(input);
  const out = walks.map(([id, choices]) => {
    const run = new Run(scenarios[id]);
    choices.forEach((c) => run.choose(c));
    const end = run.current();
    return { finished: run.finished(), score: end.ending ? end.ending.score : null, review: run.review() };
  });
  process.stdout.write(JSON.stringify(out));
});
