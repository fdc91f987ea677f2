import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { startFakeBatchServer, type FakeBatchServer } from "../helpers/fake-batch-server";
import { promptFormatReply } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

let server: FakeBatchServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const GRID = ["--dataset", "opinionqa", "--method", "verbalize", "--steering", "persona", "--groups", "Democrat", "--limit", "3", "--samples", "2", "--progress", "none", "--iterations", "10"];

describe("distalign run --batch", () => {
  it("prices the dry run at the batch rate, leaves an unfinished batch open, and never submits it again", async () => {
    server = await startFakeBatchServer({
      // Never ends: the run polls every 5 ms, so any finite count would end it on a fast machine.
      pollsToEnd: Number.POSITIVE_INFINITY,
      models: ["gpt-4o-mini"],
      reply: (request) => promptFormatReply({ api: request.api, body: request.body, headers: {}, promptKey: request.promptKey, attempt: 1, sequence: 1, arrivedAt: 0 }),
    });
    const out = join(makeTempDir(), "run");
    const env = { OPENAI_API_KEY: "sk-test-batch-cli", OPENAI_BASE_URL: server.openAiBaseUrl, DISTALIGN_CACHE_DIR: makeTempDir() };
    const args = ["run", "--model", "openai/gpt-4o-mini", ...GRID, "--out", out, "--batch", "--poll-interval", "5"];
    const direct = await distalign(["run", "--model", "openai/gpt-4o-mini", ...GRID, "--out", out, "--dry-run"], env);
    const dry = await distalign([...args, "--dry-run"], env);
    expect(dry.status, dry.stderr).toBe(0);
    const cost = (text: string) => Number(/total: .*≈ \$([0-9.]+)/.exec(text)?.[1]);
    expect(cost(dry.stdout)).toBeCloseTo(cost(direct.stdout) / 2, 4);
    expect(dry.stdout).toMatch(/^ {2}total: 6 to run \(0 done, 0 failed before\), 0 cached, 6 calls .* \(batch prices as of /m);
    expect(server.batches.length).toBe(0);

    // The batch does not end while this run polls; it is stopped by the time limit and left open.
    const first = await distalign(args, env, { timeoutMs: 8_000 });
    expect(first.status).toBe(null);
    expect(server.batches.map((b) => b.requests)).toEqual([6]);
    const status = await distalign(["batch", "status", out], env);
    expect(status.status, status.stderr).toBe(0);
    expect(status.stdout).toMatch(/#1 openai\/gpt-4o-mini batch_1: submitted, 6 items; (validating|in_progress) 0\/6 done, 0 failed/);

    await server.close();
    server = await startFakeBatchServer({ pollsToEnd: 1, models: ["gpt-4o-mini"] });
    // A server that knows nothing of the batch answers 404: the run reports it, submits nothing.
    const lost = await distalign(args, { ...env, OPENAI_BASE_URL: server.openAiBaseUrl });
    expect(lost.status).toBe(1);
    expect(lost.stderr.trim().split("\n").at(-1)).toMatch(/^distalign: openai\/gpt-4o-mini: .*404/);
    expect(server.batches.length).toBe(0);
  }, 60_000);

  it("collects and scores; batch cancel on a folder without open batches says so", async () => {
    server = await startFakeBatchServer({
      pollsToEnd: 2,
      models: ["gpt-4o-mini"],
      reply: (request) => promptFormatReply({ api: request.api, body: request.body, headers: {}, promptKey: request.promptKey, attempt: 1, sequence: 1, arrivedAt: 0 }),
    });
    const out = join(makeTempDir(), "run");
    const env = { OPENAI_API_KEY: "sk-test-batch-cli", OPENAI_BASE_URL: server.openAiBaseUrl, DISTALIGN_CACHE_DIR: makeTempDir() };
    const run = await distalign(["run", "--model", "openai/gpt-4o-mini", ...GRID, "--out", out, "--batch", "--poll-interval", "5"], env);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/batch: submitted batch_1 \(openai\/gpt-4o-mini, 6 requests\)/);
    // The estimate is worked out and printed once, in the format of a direct run.
    const estimates = `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /\bto run \(|batch prices/.test(line));
    expect(estimates).toEqual([expect.stringMatching(/^ {2}total: 6 to run \(0 done, 0 failed before\), 0 cached, 6 calls .* \(batch prices as of /)]);
    expect(run.stdout).toMatch(/gpt-4o-mini/);
    expect(readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(6);
    const cancel = await distalign(["batch", "cancel", out], env);
    expect(cancel.status, cancel.stderr).toBe(0);
    expect(cancel.stdout).toMatch(/no open batches to cancel/);
    const missing = await distalign(["batch", "status", makeTempDir()], env);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^distalign: .*: no batches\.json/);
  }, 60_000);
});
