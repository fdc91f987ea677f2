#!/usr/bin/env node
// The `distalign` command: runs the TypeScript sources through tsx, so there is no build step.
require("tsx/cjs");
require("../src/cli/main.ts");
