/**
 * Child process of the kill test: one batch run of a set-up read from a JSON file.
 * Usage: node --import tsx test/batch/batch-child.ts <setup.json>
 */
import { readFileSync } from "node:fs";
import { type BatchSetup, runBatchSetup } from "./batch-setup";

runBatchSetup(JSON.parse(readFileSync(process.argv[2] as string, "utf8")) as BatchSetup, process.stderr).catch((error: unknown) => {
  process.stderr.write(`batch-child: ${(error as Error).message}\n`);
  process.exit(1);
});
