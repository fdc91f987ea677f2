#!/usr/bin/env node
// The `distalign` command: runs the TypeScript sources through tsx, so there is no build step.
// It works under any name it is started by (npx's node_modules/.bin/distalign link, npm run, node bin/distalign.cjs).
require("tsx/cjs");
const { main, reportError } = require("../src/cli/main.ts");

// An error thrown outside a command's promise (a stream's error event, a rejected promise no one
// awaits) is reported like any other: one line when anticipated, and the exit code that goes with it.
// A reader that closed the pipe (`distalign … | head`) ends the output, not the command's result.
function fail(error) {
  if (error && error.code === "EPIPE") process.exit();
  try {
    process.exitCode = reportError(error);
  } finally {
    process.exit();
  }
}
process.on("uncaughtException", fail);
process.on("unhandledRejection", fail);

main(process.argv).then((code) => {
  process.exitCode = code;
});
