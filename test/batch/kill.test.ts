import { spawn } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readLedger } from "../../src/batch/ledger";
import { startFakeBatchServer, type FakeBatchServer } from "../helpers/fake-batch-server";
import { makeTempDir } from "../helpers/temp-dir";
import { type BatchSetup, runBatchSetup } from "./batch-setup";

let server: FakeBatchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe.each(["openai", "anthropic"] as const)("a batch run killed after the create is answered (%s)", (provider) => {
  it("is polled and collected by the next run: nothing submitted twice, every item recorded once", async () => {
    let kill: (() => void) | undefined;
    server = await startFakeBatchServer({ pollsToEnd: 3, onBatchCreated: () => kill?.() });
    const setup: BatchSetup = {
      provider,
      baseUrl: provider === "openai" ? server.openAiBaseUrl : server.anthropicBaseUrl,
      cacheDir: makeTempDir(),
      outputDir: makeTempDir(),
      items: 20,
      pollIntervalMs: 5,
    };
    const config = join(makeTempDir(), "setup.json");
    writeFileSync(config, JSON.stringify(setup));
    const child = spawn(process.execPath, ["--import", "tsx", "test/batch/batch-child.ts", config], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    kill = () => child.kill("SIGKILL");
    const exit = await new Promise<NodeJS.Signals | null>((resolve) => child.on("exit", (_code, signal) => resolve(signal)));
    expect(exit, stderr).toBe("SIGKILL");
    expect(server.batches.length).toBe(1);
    // The ledger holds the batch (by id, or as a submission to find again).
    const recorded = readLedger(setup.outputDir).batches;
    expect(recorded.length).toBe(1);
    expect(["submitting", "submitted"]).toContain(recorded[0]!.state);

    kill = undefined;
    const summary = await runBatchSetup(setup);
    expect(summary.ok).toBe(20);
    expect(server.batches.length).toBe(1);
    expect([...server.submitted.values()]).toEqual(Array(20).fill(1));
    const ids = readFileSync(join(setup.outputDir, "results.jsonl"), "utf8").trim().split("\n").map((line) => (JSON.parse(line) as { id: string }).id);
    expect(ids.length).toBe(20);
    expect(new Set(ids).size).toBe(20);
    expect(readLedger(setup.outputDir).batches.map((b) => b.state)).toEqual(["collected"]);
  });
});
