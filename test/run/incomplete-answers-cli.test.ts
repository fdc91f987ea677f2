/**
 * Truncated and refused answers through `distalign run` as a user runs it (a child process, the
 * real OpenAI and Anthropic SDKs) against the local wire-format server: OpenAI
 * `finish_reason: "length"` and `message.refusal`, Anthropic `stop_reason: "max_tokens"` and
 * `"refusal"`. They are recorded and printed under their own statuses, the run exits 1, nothing is
 * cached for them, and `--retry-failed` runs exactly those again.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testDataDir } from "../helpers/data-dir";
import { type FakeReply, type FakeRequest, type FakeServer, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";
import { distalign } from "../helpers/cli";

/** The command with exactly the environment given: the test decides which keys and servers it sees. */
const cli = (args: string[], env: NodeJS.ProcessEnv) => distalign(args, env, { exactEnv: true });

const MODELS = ["openai/gpt-4o-mini", "anthropic/claude-3-5-haiku-latest"];
const VERBALIZE = "{'A': '40%', 'B': '30%', 'C': '20%', 'D': '10%'}";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});


/** Every file below `dir`. */
function filesBelow(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

interface Line {
  id: string;
  status: string;
  model: string;
}

function resultLines(out: string): Line[] {
  return readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n").map((line) => JSON.parse(line) as Line);
}

/** The last line of each item. */
function lastStatuses(out: string): Map<string, string> {
  return new Map(resultLines(out).map((line) => [line.id, line.status]));
}

describe("distalign run: truncated and refused answers", () => {
  it("are their own statuses, printed, exit 1, never cached; --retry-failed runs exactly those and exits 0", async () => {
    /** The first arrival of the first prompt of each API is cut off at the cap, of the second refused. */
    const order = new Map<string, number>();
    const arrivals = new Map<string, number>();
    const incompleteKeys = new Set<string>();
    const reply = (request: FakeRequest): FakeReply => {
      // The server counts attempts per prompt text, which both APIs share: count per API here.
      const key = `${request.api} ${request.promptKey}`;
      if (!order.has(key)) order.set(key, [...order.keys()].filter((k) => k.startsWith(`${request.api} `)).length);
      const rank = order.get(key) as number;
      const attempt = (arrivals.get(key) ?? 0) + 1;
      arrivals.set(key, attempt);
      if (attempt === 1 && rank === 0) {
        incompleteKeys.add(key);
        return request.api === "openai" ? { text: "{'A': '4", finishReason: "length" } : { text: "{'A': '4", stopReason: "max_tokens" };
      }
      if (attempt === 1 && rank === 1) {
        incompleteKeys.add(key);
        return request.api === "openai" ? { text: "", refusal: "I can't help with that." } : { text: "I can't help with that.", stopReason: "refusal" };
      }
      return { text: VERBALIZE };
    };
    server = await startFakeServer({ reply });
    const out = join(makeTempDir(), "r");
    const cache = makeTempDir();
    const env = {
      ...process.env,
      DISTALIGN_DATA_DIR: testDataDir(),
      OPENAI_API_KEY: "sk-test-incomplete-0123456789",
      ANTHROPIC_API_KEY: "sk-ant-test-incomplete-0123456789",
      DISTALIGN_CACHE_MODE: "read-write",
    };
    // 4 Verbalize items per model: 2 OpinionQA questions × persona and few-shot, for Democrats.
    const args = [
      "run", ...MODELS.flatMap((model) => ["--model", model]),
      "--dataset", "opinionqa", "--groups", "Democrat", "--limit", "2", "--method", "verbalize",
      "--openai-base-url", server.openAiBaseUrl, "--anthropic-base-url", server.anthropicBaseUrl,
      "--out", out, "--cache-dir", cache, "--progress", "lines", "--concurrency", "1", "--iterations", "20",
    ];

    const first = await cli(args, env);
    expect(first.status, first.stderr).toBe(1);
    expect(server.requests).toHaveLength(8);
    expect(incompleteKeys.size).toBe(4);
    const statuses = lastStatuses(out);
    for (const model of MODELS) {
      const ofModel = resultLines(out).filter((line) => line.model === model).map((line) => line.status).sort();
      expect(ofModel, model).toEqual(["ok", "ok", "refused", "truncated"]);
    }
    // Printed under their own names: the first of each kind per model, the summary, the scores.
    const printed = first.stdout + first.stderr;
    for (const model of MODELS) {
      expect(printed).toContain(`run: ${model}: first truncated answer (token cap)`);
      expect(printed).toContain(`run: ${model}: first refused answer`);
      expect(printed).toContain(`${model}: 1 truncated answers (token cap) not scored`);
      expect(printed).toContain(`${model}: 1 refused answers not scored`);
    }
    expect(printed).toContain("run: 4 ok (0 cached), 0 failed, 2 truncated (token cap), 2 refused, 0 interrupted, 0 not launched;");
    expect(first.stderr).toContain("distalign: run: 2 truncated (token cap), 2 refused; results in");
    expect(first.stderr.trimEnd().split("\n").at(-1)).toMatch(/^distalign: /);
    // Only the 4 answers are cached.
    expect(filesBelow(cache).filter((file) => file.endsWith(".json"))).toHaveLength(4);

    const retried = await cli([...args, "--retry-failed"], env);
    expect(retried.status, retried.stderr).toBe(0);
    const again = server.requests.slice(8).map((request) => `${request.api} ${request.promptKey}`);
    expect(again.sort()).toEqual([...incompleteKeys].sort());
    expect([...arrivals.values()].sort()).toEqual([1, 1, 1, 1, 2, 2, 2, 2]);
    const after = lastStatuses(out);
    expect([...after.keys()].sort()).toEqual([...statuses.keys()].sort());
    expect([...after.values()]).toEqual(Array.from({ length: 8 }, () => "ok"));
    expect(filesBelow(cache).filter((file) => file.endsWith(".json"))).toHaveLength(8);
    expect(retried.stdout + retried.stderr).not.toMatch(/truncated|refused/);
  }, 120_000);
});
