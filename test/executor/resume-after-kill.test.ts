import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readResults } from "../../src/executor/results-file";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import type { ChildConfig } from "../helpers/run-child";
import { makeTempDir } from "../helpers/temp-dir";

const ITEMS = 40;
/** The run is killed when this request arrives. */
const KILL_AT_REQUEST = 15;
let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

function cacheEntries(dir: string): number {
  return readdirSync(dir, { recursive: true, encoding: "utf8" }).filter((name) => name.endsWith(".json")).length;
}

async function waitFor(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function startChild(configFile: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/run-child.ts", configFile], { stdio: ["ignore", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve) =>
    child.on("exit", (code, signal) => resolve({ code, signal, stderr })),
  );
  return { child, exited };
}

describe("resume after SIGKILL", () => {
  it("ends with every item answered exactly once and recorded", async () => {
    const cacheDir = makeTempDir();
    const outputDir = makeTempDir();
    let running: ReturnType<typeof startChild> | undefined;
    let killing: Promise<void> | undefined;
    // Kill protocol: when request KILL_AT_REQUEST arrives, the server freezes (that request and
    // every one still waiting for its reply will never be answered), waits until the cache holds
    // an entry for every response it did deliver, then SIGKILLs the executor. So the kill finds
    // answered requests safely cached and unanswered ones unpaid, which is what the design
    // promises; a request the server never answered was not billed and must be asked again.
    const fake = await startFakeServer({
      latencyMs: 15,
      onRequest: (request) => {
        if (request.sequence !== KILL_AT_REQUEST || running === undefined) return;
        fake.freeze();
        const target = running;
        killing = waitFor(() => cacheEntries(cacheDir) === fake.stats.totalDelivered, "delivered responses in the cache").then(() => {
          target.child.kill("SIGKILL");
        });
      },
    });
    server = fake;
    const config: ChildConfig = { baseUrl: fake.openAiBaseUrl, apiKey: "sk-test-kill-0123456789abcdef", cacheDir, outputDir, items: ITEMS, concurrency: 4 };
    const configFile = join(makeTempDir(), "config.json");
    writeFileSync(configFile, JSON.stringify(config));

    running = startChild(configFile);
    const first = await running.exited;
    await killing;
    expect(first.signal).toBe("SIGKILL");
    const deliveredBeforeKill = fake.stats.totalDelivered;
    expect(deliveredBeforeKill).toBeGreaterThan(0);
    expect(deliveredBeforeKill).toBeLessThan(KILL_AT_REQUEST);
    expect(fake.stats.totalReceived).toBeGreaterThan(deliveredBeforeKill);

    // Make the worst case certain: a kill between a cache write and its result line, mid-line.
    const resultsFile = join(outputDir, "results.jsonl");
    const lines = readFileSync(resultsFile, "utf8").trimEnd().split("\n");
    const lastLine = lines.pop()!;
    writeFileSync(resultsFile, `${lines.join("\n")}\n${lastLine.slice(0, 40)}`);
    const recordedBeforeResume = readResults(resultsFile).latest.size;
    expect(recordedBeforeResume).toBe(lines.length);

    fake.thaw();
    running = undefined;
    const second = await startChild(configFile).exited;
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr).toMatch(/line \d+: torn last line ignored/);

    const results = readResults(resultsFile);
    expect(results.latest.size).toBe(ITEMS);
    expect([...results.latest.values()].every((line) => line.status === "ok")).toBe(true);
    for (let index = 0; index < ITEMS; index += 1) {
      expect(fake.delivered.get(`prompt ${index}`), `prompt ${index}`).toBe(1);
    }
    // Everything answered before the kill but not recorded came from the cache, for free.
    const summary = JSON.parse(readFileSync(join(outputDir, "summary.json"), "utf8"));
    expect(summary.cachedHits).toBe(deliveredBeforeKill - recordedBeforeResume);
    expect(summary.ok).toBe(ITEMS - recordedBeforeResume);
  });
});
