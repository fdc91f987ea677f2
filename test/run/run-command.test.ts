/**
 * `distalign run` as a user runs it (a child process), against the local fake OpenAI server:
 * results written, a re-run resumes without a single request, a dry run calls nothing and prices
 * the grid, impossible pairs are refused before any request, and the run is scored.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FakeServer, promptFormatReply, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";
import { distalign } from "../helpers/cli";

const KEY = "sk-test-fake-key-0123456789";

/** The lines of a run's output, stdout and stderr, that state its whole estimate ("… N to run …", "… calls ≈ …"). */
function estimateLines(run: { stdout: string; stderr: string }): string[] {
  return `${run.stdout}\n${run.stderr}`.split("\n").filter((line) => /\bto run \(/.test(line) || (/ calls ≈ /.test(line) && !/^ {2}\S+: \d+ items, /.test(line)));
}

describe("distalign run against a fake OpenAI server", () => {
  let server: FakeServer;
  beforeAll(async () => {
    server = await startFakeServer({ reply: promptFormatReply });
  });
  afterAll(async () => {
    await server.close();
  });

  it("plans, runs, resumes without requests, and scores", async () => {
    const cache = makeTempDir();
    const out = join(makeTempDir(), "pilot");
    const env = { OPENAI_API_KEY: KEY, DISTALIGN_CACHE_DIR: cache, DISTALIGN_CACHE_MODE: "read-write", DISTALIGN_OUTPUT_DIR: makeTempDir() };
    const grid = ["run", "--model", "openai/gpt-4o-mini", "--dataset", "opinionqa", "--groups", "Democrat", "--limit", "2", "--openai-base-url", server.openAiBaseUrl, "--out", out, "--progress", "lines", "--iterations", "50"];

    const before = server.stats.totalReceived;
    const dry = await distalign([...grid, "--dry-run"], env);
    expect(dry.status).toBe(0);
    expect(server.stats.totalReceived).toBe(before);
    expect(existsSync(out)).toBe(false);
    expect(dry.stdout).toMatch(/^dry run: 12 items → /);
    expect(dry.stdout).toMatch(/openai\/gpt-4o-mini: 12 items, 0 done, 0 failed before, 0 cached, 12 calls ≈ [\d,]+ input \+ ≤1,620 output tokens, ≈ \$0\.\d{4}/);

    expect(estimateLines(dry)).toEqual([expect.stringMatching(/^ {2}total: 12 to run \(0 done, 0 failed before\), 0 cached, 12 calls ≈ [\d,]+ input \+ ≤1,620 output tokens, ≈ \$0\.\d{4} \(prices as of /)]);

    const first = await distalign(grid, env);
    expect(first.stderr).toMatch(/run: 12 ok \(0 cached\), 0 failed/);
    // The estimate is worked out and printed once, in the dry run's format.
    expect(estimateLines(first)).toEqual(estimateLines(dry));
    expect(first.status).toBe(0);
    expect(server.stats.totalReceived - before).toBe(12);
    const lines = readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(12);
    expect(new Set(lines.map((l) => l.id)).size).toBe(12);
    expect(lines.every((l) => l.status === "ok" && l.meta.kind === "distalign-grid-item")).toBe(true);
    expect(readFileSync(join(out, "results.jsonl"), "utf8")).not.toContain(KEY);
    // the scored table: the run's rows, then the paper's models on the same items
    expect(first.stdout).toMatch(/^openai\/gpt-4o-mini\s+V\s+persona\+few-shot\s+0\.\d{4}\s+0\.\d{4}/m);
    expect(first.stdout).toMatch(/^openai\/gpt-4o-mini\s+TS-Log-p\s+persona\+few-shot/m);
    expect(first.stdout).toMatch(/^gpt-4\s+Seq\s+persona\+few-shot/m);
    expect(first.stdout).toMatch(/TS-Log-p: τ fitted in-sample/);

    const again = await distalign(grid, env);
    expect(again.status).toBe(0);
    expect(server.stats.totalReceived - before).toBe(12);
    expect(again.stdout).toMatch(/openai\/gpt-4o-mini: 12 items, 12 done/);
    expect(again.stdout).toMatch(/^ {2}total: 0 to run \(12 done, 0 failed before\), 0 cached, 0 calls/m);
    expect(estimateLines(again)).toHaveLength(1);

    const elsewhere = await distalign([...grid.slice(0, -6), "--out", join(makeTempDir(), "copy"), "--progress", "none", "--no-score"], env);
    expect(elsewhere.status).toBe(0);
    expect(elsewhere.stdout).toMatch(/12 items, 0 done, 0 failed before, 12 cached, 0 calls/);
    expect(server.stats.totalReceived - before).toBe(12);
  });

  it("refuses Anthropic + logprobs before any request, in one line", async () => {
    const before = server.stats.totalReceived;
    const refused = await distalign(
      ["run", "--model", "openai/gpt-4o-mini", "--model", "anthropic/claude-3-5-haiku-latest", "--limit", "2", "--openai-base-url", server.openAiBaseUrl, "--anthropic-base-url", server.url, "--out", makeTempDir()],
      { OPENAI_API_KEY: KEY, ANTHROPIC_API_KEY: KEY, DISTALIGN_CACHE_DIR: makeTempDir() },
    );
    expect(refused.status).toBe(2);
    expect(refused.stderr).toBe(
      "distalign: anthropic/claude-3-5-haiku-latest: cannot express a distribution by log-probabilities (the Anthropic API returns none); use verbalize or sequence\n",
    );
    expect(refused.stdout).toBe("");
    expect(server.stats.totalReceived).toBe(before);
  });
});
