/**
 * Live faults through `distalign run` as a user runs it (a child process, the real OpenAI SDK)
 * against the local wire-format server: every call rejected (401), a model that does not exist
 * (404), a closed port, 529 after the executor's retries, a second process on the same run folder, and
 * Ctrl-C. Each ends with a non-zero exit, the cause printed once per model, and nothing lost.
 */
import { spawn } from "node:child_process";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { STOP_AFTER_PERMANENT_ERRORS } from "../../src/executor/run-items";
import { testDataDir } from "../helpers/data-dir";
import { type FakeServer, type FakeServerOptions, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";
import { BIN, distalign } from "../helpers/cli";

/** The command with exactly the environment given: the test decides which keys and servers it sees. */
const cli = (args: string[], env: NodeJS.ProcessEnv) => distalign(args, env, { exactEnv: true });

const KEY = "sk-test-live-faults-0123456789";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

function environment(cache: string): NodeJS.ProcessEnv {
  return { ...process.env, DISTALIGN_DATA_DIR: testDataDir(), OPENAI_API_KEY: KEY, DISTALIGN_CACHE_DIR: cache, DISTALIGN_CACHE_MODE: "read-write", DISTALIGN_OUTPUT_DIR: makeTempDir() };
}


/** 4 Verbalize items per model: 2 OpinionQA questions × persona and few-shot, for Democrats. */
function grid(baseUrl: string, out: string, models = ["openai/gpt-4o-mini"], extra: string[] = []): string[] {
  return [
    "run",
    ...models.flatMap((model) => ["--model", model]),
    "--dataset", "opinionqa", "--groups", "Democrat", "--limit", "2", "--method", "verbalize",
    "--openai-base-url", baseUrl, "--out", out, "--progress", "lines", "--no-score",
    ...extra,
  ];
}

const VERBALIZE = { text: "{'A': '40%', 'B': '30%', 'C': '20%', 'D': '10%'}" };

async function serve(options: FakeServerOptions): Promise<FakeServer> {
  server = await startFakeServer({ reply: () => VERBALIZE, ...options });
  return server;
}

function resultLines(out: string): { id: string; status: string; error?: { message: string } }[] {
  const file = join(out, "results.jsonl");
  return existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter((l) => l !== "").map((l) => JSON.parse(l)) : [];
}

function count(text: string, pattern: RegExp): number {
  return text.match(new RegExp(pattern.source, "g"))?.length ?? 0;
}

describe("distalign run: live faults end non-zero, with the cause once per model", () => {
  it("all-401: stops launching after consecutive permanent errors; the rest run on the next invocation", async () => {
    let broken = true;
    const fake = await serve({ fault: () => (broken ? { kind: "auth-error-echoing-key" } : undefined) });
    const out = join(makeTempDir(), "r");
    const env = environment(makeTempDir());
    const first = await cli(grid(fake.openAiBaseUrl, out, undefined, ["--concurrency", "1"]), env);
    expect(first.status).toBe(1);
    expect(fake.stats.totalReceived).toBe(STOP_AFTER_PERMANENT_ERRORS);
    expect(count(first.stderr, /first failure/)).toBe(1);
    expect(count(first.stderr, /Incorrect API key provided/)).toBe(1);
    expect(first.stderr).toMatch(/^run: openai\/gpt-4o-mini: first failure: request failed \(AuthenticationError: 401 Incorrect API key provided: \[redacted\]/m);
    expect(first.stderr).toMatch(/^run: openai\/gpt-4o-mini: 3 consecutive permanent errors \(HTTP 401\); launching no more of its items/m);
    expect(first.stderr).toMatch(/^run: 0 ok \(0 cached\), 3 failed, 0 interrupted, 1 not launched;/m);
    expect(first.stderr.trimEnd().split("\n").at(-1)).toBe(
      `distalign: run: 3 failed, 1 not launched (openai/gpt-4o-mini stopped after permanent errors); the first error of each model is printed above; results in ${out} (run again to resume, with --retry-failed to retry what did not finish)`,
    );
    expect(`${first.stdout}${first.stderr}${readFileSync(join(out, "results.jsonl"), "utf8")}`).not.toContain(KEY);
    expect(resultLines(out).map((l) => l.status)).toEqual(["failed", "failed", "failed"]);

    broken = false;
    const second = await cli(grid(fake.openAiBaseUrl, out), env);
    expect(second.status).toBe(1);
    expect(fake.stats.totalReceived).toBe(STOP_AFTER_PERMANENT_ERRORS + 1);
    expect(second.stderr).toMatch(/run: 3 items failed before \(3 failed\) and are skipped/);
    expect(second.stderr).toMatch(/distalign: run: 3 failed before and skipped;/);

    const third = await cli(grid(fake.openAiBaseUrl, out, undefined, ["--retry-failed"]), env);
    expect(third.stderr).toMatch(/^run: 3 ok \(0 cached\), 0 failed, 0 interrupted, 0 not launched;/m);
    expect(third.status).toBe(0);
    expect(fake.stats.totalReceived).toBe(STOP_AFTER_PERMANENT_ERRORS + 4);
  }, 60_000);

  it("404 model: the missing model stops, the other model of the run finishes", async () => {
    const fake = await serve({ fault: (request) => (request.body.model === "gpt-4o" ? { kind: "http-error", status: 404 } : undefined) });
    const out = join(makeTempDir(), "r");
    const result = await cli(grid(fake.openAiBaseUrl, out, ["openai/gpt-4o-mini", "openai/gpt-4o"], ["--concurrency", "1", "--max-concurrency", "1"]), environment(makeTempDir()));
    expect(result.status).toBe(1);
    expect(count(result.stderr, /first failure/)).toBe(1);
    expect(count(result.stderr, /does not exist/)).toBe(1);
    expect(result.stderr).toMatch(/^run: openai\/gpt-4o: first failure: request failed \(NotFoundError: 404 The model `gpt-4o` does not exist/m);
    expect(result.stderr).toMatch(/^run: 4 ok \(0 cached\), 3 failed, 0 interrupted, 1 not launched;/m);
    const lines = resultLines(out);
    expect(lines.filter((l) => l.id.startsWith("openai/gpt-4o-mini|")).map((l) => l.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(lines.filter((l) => l.id.startsWith("openai/gpt-4o|")).map((l) => l.status)).toEqual(["failed", "failed", "failed"]);
  }, 60_000);

  it("connection refused (a closed port): every item recorded as failed, the cause printed once", async () => {
    const closed = await startFakeServer();
    const baseUrl = closed.openAiBaseUrl;
    await closed.close();
    const out = join(makeTempDir(), "r");
    const result = await cli(grid(baseUrl, out), environment(makeTempDir()));
    expect(result.status).toBe(1);
    expect(count(result.stderr, /first failure/)).toBe(1);
    expect(result.stderr).toMatch(/^run: openai\/gpt-4o-mini: first failure: request failed \(APIConnectionError: Connection error\.\)$/m);
    expect(result.stderr).toMatch(/^run: 0 ok \(0 cached\), 4 failed, 0 interrupted, 0 not launched;/m);
    expect(resultLines(out).map((l) => l.status)).toEqual(["failed", "failed", "failed", "failed"]);
  }, 60_000);

  it("529 after the executor's retries: recorded as failed, the cause printed once", async () => {
    const fake = await serve({ fault: () => ({ kind: "overloaded" }) });
    const out = join(makeTempDir(), "r");
    const result = await cli(grid(fake.openAiBaseUrl, out), environment(makeTempDir()));
    expect(result.status).toBe(1);
    // the default two retries per item, made by the executor
    expect(fake.stats.totalReceived).toBe(4 * 3);
    expect(count(result.stderr, /first failure/)).toBe(1);
    expect(result.stderr).toMatch(/^run: openai\/gpt-4o-mini: first failure: request failed \(InternalServerError: 529 Overloaded\)$/m);
    expect(result.stderr).toMatch(/^run: 0 ok \(0 cached\), 4 failed, 0 interrupted, 0 not launched;/m);
  }, 60_000);
});

describe("distalign run: one process per run folder", () => {
  it("refuses a second process on the same folder in one line naming the holder; the grid is paid for once", async () => {
    const fake = await serve({ latencyMs: 700 });
    const out = join(makeTempDir(), "r");
    const env = environment(makeTempDir());
    const first = spawn(process.execPath, [BIN, ...grid(fake.openAiBaseUrl, out, undefined, ["--concurrency", "1"])], { env, stdio: ["ignore", "pipe", "pipe"] });
    const firstDone = new Promise<number | null>((resolve) => first.on("exit", (code) => resolve(code)));
    while (fake.stats.totalReceived === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    const second = await cli(grid(fake.openAiBaseUrl, out), env);
    expect(second.status).toBe(1);
    expect(second.stderr).toMatch(
      new RegExp(`^distalign: ${out}: run folder in use by pid ${first.pid} on ${hostname()}, since \\d{4}-\\d\\d-\\d\\dT[\\d:.]+Z \\(lock ${out}/run\\.lock\\); wait for it to finish or use another --out\\n$`),
    );
    expect(await firstDone).toBe(0);
    expect(fake.stats.totalReceived).toBe(4);
    expect(resultLines(out).map((l) => l.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(existsSync(join(out, "run.lock"))).toBe(false);
    expect(existsSync(join(out, "run.lock.json"))).toBe(false);
  }, 60_000);

  it("exits 130 on Ctrl-C after saving what finished; the next run does the rest", async () => {
    const fake = await serve({ latencyMs: 500 });
    const out = join(makeTempDir(), "r");
    const env = environment(makeTempDir());
    const child = spawn(process.execPath, [BIN, ...grid(fake.openAiBaseUrl, out, undefined, ["--concurrency", "1"])], { env, stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    while (fake.stats.totalReceived === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect(await done).toBe(130);
    expect(stderr).toMatch(/SIGINT: no new items; finishing those in flight/);
    const saved = resultLines(out);
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.every((l) => l.status === "ok")).toBe(true);
    expect(stderr.trimEnd().split("\n").at(-1)).toMatch(new RegExp(`^distalign: run: interrupted; ${saved.length} items finished and saved, ${4 - saved.length} left for the next run`));
    const rest = await cli(grid(fake.openAiBaseUrl, out), env);
    expect(rest.status).toBe(0);
    expect(resultLines(out)).toHaveLength(4);
    expect(fake.stats.totalReceived).toBe(4);
  }, 60_000);
});

describe("distalign run with stderr closed", () => {
  it("goes on after its reader is gone: Ctrl-C still saves and exits 130, the next run does the rest", async () => {
    const fake = await serve({ latencyMs: 500 });
    const out = join(makeTempDir(), "r");
    const env = environment(makeTempDir());
    const child = spawn(process.execPath, [BIN, ...grid(fake.openAiBaseUrl, out, undefined, ["--concurrency", "1"])], { env, stdio: ["ignore", "ignore", "pipe"] });
    child.stderr.destroy(); // every later write to stderr meets EPIPE
    const done = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    while (fake.stats.totalReceived === 0) await new Promise((resolve) => setTimeout(resolve, 20));
    child.kill("SIGINT");
    expect(await done).toBe(130);
    const saved = resultLines(out);
    expect(saved.length).toBeGreaterThanOrEqual(1);
    expect(saved.length).toBeLessThan(4);
    expect(saved.every((l) => l.status === "ok")).toBe(true);
    const rest = spawn(process.execPath, [BIN, ...grid(fake.openAiBaseUrl, out)], { env, stdio: ["ignore", "ignore", "pipe"] });
    rest.stderr.destroy();
    expect(await new Promise<number | null>((resolve) => rest.on("exit", (code) => resolve(code)))).toBe(0);
    expect(resultLines(out).map((l) => l.status)).toEqual(["ok", "ok", "ok", "ok"]);
    expect(fake.stats.totalReceived).toBe(4);
  }, 60_000);
});

describe("distalign run: a corrupt cache entry", () => {
  it("is reported once naming the file, never served, and replaced by one fresh call", async () => {
    const fake = await serve({});
    const cache = makeTempDir();
    const env = environment(cache);
    const first = await cli(grid(fake.openAiBaseUrl, join(makeTempDir(), "a")), env);
    expect(first.status).toBe(0);
    expect(fake.stats.totalReceived).toBe(4);
    const entries: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir, { withFileTypes: true })) {
        if (entry.isDirectory()) walk(join(dir, entry.name));
        else if (entry.name.endsWith(".json")) entries.push(join(dir, entry.name));
      }
    };
    walk(cache);
    expect(entries).toHaveLength(4);
    const victim = entries[0] as string;
    const entry = JSON.parse(readFileSync(victim, "utf8"));
    writeFileSync(victim, JSON.stringify({ ...entry, response: { ...entry.response, text: 42 } }));

    const second = await cli(grid(fake.openAiBaseUrl, join(makeTempDir(), "b")), env);
    expect(second.status).toBe(0);
    expect(fake.stats.totalReceived).toBe(5);
    expect(second.stderr.split("\n").filter((line) => line.includes(victim))).toEqual([
      `cache: ${victim}: corrupt entry treated as a miss (response.text is 42, not a string); in read-write mode a fresh call replaces it`,
    ]);
    expect(second.stderr).toMatch(/^run: 4 ok \(3 cached\), 0 failed/m);
    const third = await cli(grid(fake.openAiBaseUrl, join(makeTempDir(), "c")), env);
    expect(third.stderr).not.toContain("corrupt");
    expect(fake.stats.totalReceived).toBe(5);
  }, 60_000);
});
