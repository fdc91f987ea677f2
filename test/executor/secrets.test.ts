import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { createBackend } from "../../src/backends/registry";
import type { CompletionRequest } from "../../src/backends/types";
import { cacheKey } from "../../src/cache/cache-key";
import { entryPath } from "../../src/cache/cache-store";
import { withCache } from "../../src/cache/with-cache";
import { runItems } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const OPENAI_KEY = "sk-test-SECRET-openai-7f3a9c1e5b2d";
const ANTHROPIC_KEY = "sk-ant-test-SECRET-anthropic-4e8b0a6c";
const OPENAI_MODEL = "openai/gpt-4o-mini";
const ANTHROPIC_MODEL = "anthropic/claude-3-5-haiku-latest";
const saved = { ...process.env };
let server: FakeServer | undefined;

afterEach(async () => {
  process.env = { ...saved };
  vi.restoreAllMocks();
  await server?.close();
  server = undefined;
});

function everyFile(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

describe("secrets", () => {
  it("never reach the cache, the results, the summary, progress output or logs", async () => {
    const fake = await startFakeServer({
      fault: (request) =>
        request.promptKey.endsWith("auth") ? { kind: "auth-error-echoing-key" }
        : request.promptKey.endsWith("broken") ? { kind: "server-error" }
        : undefined,
    });
    server = fake;
    process.env.OPENAI_API_KEY = OPENAI_KEY;
    process.env.ANTHROPIC_API_KEY = ANTHROPIC_KEY;
    const logged: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
    }
    const cacheDir = makeTempDir();
    const outputDir = makeTempDir();
    const warnings: string[] = [];
    const backendFor = (model: string) =>
      withCache(createBackend(model, { baseUrl: model === OPENAI_MODEL ? fake.openAiBaseUrl : fake.anthropicBaseUrl, maxRetries: 1 }), {
        dir: cacheDir,
        warn: (message) => warnings.push(message),
      });
    const request = (model: string, content: string): CompletionRequest => ({ model, messages: [{ role: "system", content: "sys" }, { role: "user", content }] });
    const items: WorkItem[] = [
      ...["ok-1", "ok-2", "auth", "broken", "corrupt"].map((name) => ({ id: `openai-${name}`, request: request(OPENAI_MODEL, `openai ${name}`) })),
      ...["ok-1", "auth"].map((name) => ({ id: `anthropic-${name}`, request: request(ANTHROPIC_MODEL, `anthropic ${name}`) })),
    ];
    // A corrupt entry, so that the cache's warning path writes too.
    const corrupt = entryPath(cacheDir, OPENAI_MODEL, cacheKey(request(OPENAI_MODEL, "openai corrupt"), backendFor(OPENAI_MODEL).cacheScope));
    mkdirSync(dirname(corrupt), { recursive: true });
    writeFileSync(corrupt, "{");

    const output = captureStream();
    const summary = await runItems(items, { outputDir, backend: backendFor, concurrency: 3, progress: "lines", output });
    expect(summary).toMatchObject({ ok: 4, failed: 3 });
    const terminal = captureStream(true);
    await runItems(items, { outputDir: makeTempDir(), backend: backendFor, progress: "bar", output: terminal, retryFailed: true });

    // The keys did travel to the server, so their absence below means something.
    expect(fake.requests.some((sent) => sent.headers.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true);
    expect(fake.requests.some((sent) => sent.headers.authorization === `Bearer ${ANTHROPIC_KEY}`)).toBe(true);
    const results = readFileSync(join(outputDir, "results.jsonl"), "utf8");
    expect(results).toContain("[redacted]");
    expect(warnings.join("\n")).toContain(corrupt);

    const written = [...everyFile(cacheDir), ...everyFile(outputDir)].map((file) => ({ file, text: readFileSync(file, "utf8") }));
    written.push({ file: "progress output", text: output.text() }, { file: "terminal output", text: terminal.text() });
    written.push({ file: "console", text: logged.join("\n") }, { file: "cache warnings", text: warnings.join("\n") });
    expect(written.length).toBeGreaterThan(8);
    for (const { file, text } of written) {
      for (const secret of [OPENAI_KEY, ANTHROPIC_KEY, "SECRET"]) expect(text, file).not.toContain(secret);
      expect(text, file).not.toMatch(/authorization|x-api-key|bearer/i);
    }
  });
});
