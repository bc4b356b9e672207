// Parse GIFT files with gift-pegjs (an independent PEG grammar of Moodle's GIFT format)
// and print {file: [questions]} as JSON; a file it refuses gives {file: {error, line}}.
// Usage: node gift_pegjs.js NODE_MODULES_DIR FILE...
"use strict";
const fs = require("fs");
const path = require("path");

const { parse } = require(path.join(process.argv[2], "gift-pegjs"));
const out = {};
for (const file of process.argv.slice(3)) {
  try {
    out[file] = parse(fs.readFileSync(file, "utf8"));
  } catch (e) {
    out[file] = { error: String(e.message), line: e.location ? e.location.start.line : null };
  }
}
process.stdout.write(JSON.stringify(out));
