import { existsSync, readdirSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { CompletionRequest } from "../../src/backends/types";
import { cacheKey, cacheKeyMaterial, CACHE_FORMAT_VERSION, stableStringify } from "../../src/cache/cache-key";
import { entryPath } from "../../src/cache/cache-store";
import { cacheStats } from "../../src/cache/cache-stats";
import { withCache, type CacheMode } from "../../src/cache/with-cache";
import { BackendError, CacheMissError } from "../../src/errors";
import { startFakeServer, type FakeServer, type FakeServerOptions } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEY = "sk-test-cache-0123456789abcdef";
const MODEL = "openai/gpt-4o-mini";
let server: FakeServer | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function setup(mode: CacheMode = "read-write", serverOptions: FakeServerOptions = {}, dir = makeTempDir()) {
  server = await startFakeServer(serverOptions);
  const warnings: string[] = [];
  const raw = createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: server.openAiBaseUrl, maxRetries: 0 });
  const backend = withCache(raw, { mode, dir, warn: (message) => warnings.push(message) });
  return { server, backend, dir, warnings };
}

function ask(content: string, extra: Partial<CompletionRequest> = {}): CompletionRequest {
  return { model: MODEL, messages: [{ role: "user", content }], temperature: 1, maxTokens: 1, ...extra };
}

function jsonFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string) => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name));
      else found.push(join(folder, entry.name));
    }
  };
  if (existsSync(dir)) walk(dir);
  return found;
}

describe("withCache", () => {
  it("misses, records, then serves the hit without a call", async () => {
    const { server, backend, dir } = await setup();
    const first = await backend.complete(ask("Q", { topLogprobs: 2 }));
    const second = await backend.complete(ask("Q", { topLogprobs: 2 }));
    expect(first.cached).toBe(false);
    expect(second.cached).toBe(true);
    expect(second.tokens).toEqual(first.tokens);
    expect(server.received.get("Q")).toBe(1);

    const key = cacheKey(ask("Q", { topLogprobs: 2 }), backend.cacheScope);
    const file = entryPath(dir, MODEL, key);
    expect(file).toBe(join(dir, "openai", "gpt-4o-mini", key.slice(0, 2), `${key}.json`));
    const entry = JSON.parse(readFileSync(file, "utf8"));
    expect(entry.formatVersion).toBe(CACHE_FORMAT_VERSION);
    expect(entry.key).toBe(key);
    expect(entry.request).toEqual({ formatVersion: CACHE_FORMAT_VERSION, model: MODEL, messages: [{ role: "user", content: "Q" }], temperature: 1, maxTokens: 1, topLogprobs: 2, sampleIndex: 0, scope: server.openAiBaseUrl });
    expect(entry.response.text).toBe("A");
    expect(entry.response.cached).toBeUndefined();
    expect(Date.parse(entry.createdAt)).not.toBeNaN();
  });

  it("serves hits from disk to a fresh process-level wrapper", async () => {
    const { server, backend, dir } = await setup();
    await backend.complete(ask("Q"));
    const fresh = withCache(createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: server.openAiBaseUrl }), { dir });
    expect((await fresh.complete(ask("Q"))).cached).toBe(true);
    expect(server.stats.totalReceived).toBe(1);
  });

  it("throws CacheMissError on a read-only miss, without calling", async () => {
    const { server, backend } = await setup("read-only");
    await expect(backend.complete(ask("Q"))).rejects.toThrow(CacheMissError);
    expect(server.stats.totalReceived).toBe(0);
  });

  it("never records errors", async () => {
    const { server, backend, dir } = await setup("read-write", { fault: (request) => (request.attempt === 1 ? { kind: "server-error" } : undefined) });
    await expect(backend.complete(ask("Q"))).rejects.toThrow(BackendError);
    expect(jsonFiles(dir)).toEqual([]);
    expect((await backend.complete(ask("Q"))).cached).toBe(false);
    expect(server.received.get("Q")).toBe(2);
    expect(jsonFiles(dir)).toHaveLength(1);
  });

  it("keeps the key when only the api key or timeout differ", async () => {
    const { server, backend, dir } = await setup();
    await backend.complete(ask("Q"));
    const other = withCache(createOpenAiBackend(MODEL, { apiKey: "sk-test-another-key-9876543210", baseUrl: server.openAiBaseUrl, timeoutMs: 5_000, maxRetries: 5 }), { dir });
    expect((await other.complete(ask("Q"))).cached).toBe(true);
    expect(server.stats.totalReceived).toBe(1);
  });

  it("changes the key with sampleIndex, temperature, maxTokens, topLogprobs and messages", () => {
    const base = cacheKey(ask("Q"));
    expect(cacheKey(ask("Q", { sampleIndex: 0 }))).toBe(base);
    const variants = [
      ask("Q", { sampleIndex: 1 }),
      ask("Q", { temperature: 0.5 }),
      ask("Q", { maxTokens: 2 }),
      ask("Q", { topLogprobs: 20 }),
      ask("Q2"),
      { ...ask("Q"), model: "openai/gpt-4o" },
      { ...ask("Q"), messages: [{ role: "system" as const, content: "Q" }] },
    ];
    const keys = new Set(variants.map((request) => cacheKey(request)));
    expect(keys.size).toBe(variants.length);
    expect(keys.has(base)).toBe(false);
  });

  it("includes the server in the key", () => {
    const request = { ...ask("Q"), model: "openai-compatible/llama" };
    expect(cacheKey(request, "http://127.0.0.1:8000/v1")).not.toBe(cacheKey(request, "http://127.0.0.1:8001/v1"));
    const official = [createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: "http://127.0.0.1:1/v1" }), createOpenAiBackend(MODEL, { apiKey: KEY })];
    expect(official.map((backend) => backend.cacheScope)).toEqual(["http://127.0.0.1:1/v1", "https://api.openai.com/v1"]);
  });

  it("reports a corrupt entry by file name, treats it as a miss and overwrites it", async () => {
    const { server, backend, dir, warnings } = await setup();
    const file = entryPath(dir, MODEL, cacheKey(ask("Q"), backend.cacheScope));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, '{"formatVersion": 1, "key": "trunc');
    const completion = await backend.complete(ask("Q"));
    expect(completion.cached).toBe(false);
    expect(server.stats.totalReceived).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain(file);
    expect(warnings[0]).toContain("invalid json");
    expect(JSON.parse(readFileSync(file, "utf8")).response.text).toBe("A");
  });

  it("treats an entry holding another key as corrupt", async () => {
    const { backend, dir, warnings } = await setup("read-only");
    const file = entryPath(dir, MODEL, cacheKey(ask("Q"), backend.cacheScope));
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify({ formatVersion: 1, key: "0".repeat(64), response: { text: "x", model: "m", usage: { inputTokens: 1, outputTokens: 1 } } }));
    await expect(backend.complete(ask("Q"))).rejects.toThrow(CacheMissError);
    expect(warnings[0]).toMatch(/key is "0{64}", not the file.s key/);
  });

  it("shares one call between identical requests in flight", async () => {
    const { server, backend } = await setup("read-write", { latencyMs: 100 });
    const results = await Promise.all([backend.complete(ask("Q")), backend.complete(ask("Q")), backend.complete(ask("Q"))]);
    expect(server.received.get("Q")).toBe(1);
    expect(results.map((result) => result.text)).toEqual(["A", "A", "A"]);
  });

  it("refresh always calls and overwrites; off reads and writes nothing", async () => {
    let answer = "first";
    const { server, backend, dir } = await setup("read-write", { reply: () => ({ text: answer }) });
    await backend.complete(ask("Q"));
    answer = "second";
    const refresh = withCache(createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: server.openAiBaseUrl }), { dir, mode: "refresh" });
    expect((await refresh.complete(ask("Q"))).text).toBe("second");
    expect(await refresh.has(ask("Q"))).toBe(false);
    const readOnly = withCache(createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: server.openAiBaseUrl }), { dir, mode: "read-only" });
    expect((await readOnly.complete(ask("Q"))).text).toBe("second");

    const offDir = makeTempDir();
    const off = withCache(createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: server.openAiBaseUrl }), { dir: offDir, mode: "off" });
    await off.complete(ask("Q"));
    await off.complete(ask("Q"));
    expect(jsonFiles(offDir)).toEqual([]);
    expect(server.received.get("Q")).toBe(4);
  });

  it("answers has() without calling", async () => {
    const { server, backend } = await setup();
    expect(await backend.has(ask("Q"))).toBe(false);
    await backend.complete(ask("Q"));
    expect(await backend.has(ask("Q"))).toBe(true);
    expect(server.stats.totalReceived).toBe(1);
  });

  it("writes no temporary files that outlive a write", async () => {
    const { backend, dir } = await setup();
    await Promise.all(Array.from({ length: 20 }, (_, index) => backend.complete(ask(`Q${index}`))));
    const files = jsonFiles(dir);
    expect(files).toHaveLength(20);
    expect(files.every((file) => file.endsWith(".json"))).toBe(true);
  });
});

describe("cacheStats", () => {
  it("counts entries, bytes and entries per model", async () => {
    const { server, backend, dir } = await setup();
    await backend.complete(ask("Q1"));
    await backend.complete(ask("Q2"));
    const other = withCache(createOpenAiBackend("openai-compatible/meta-llama/Llama-3-8B", { baseUrl: server.openAiBaseUrl }), { dir });
    await other.complete({ ...ask("Q3"), model: "openai-compatible/meta-llama/Llama-3-8B" });
    writeFileSync(join(dir, "README.md"), "not an entry");

    const stats = await cacheStats(dir);
    expect(stats.entries).toBe(3);
    expect(stats.models).toEqual([
      { model: MODEL, entries: 2, bytes: expect.any(Number) },
      { model: "openai-compatible/meta-llama/Llama-3-8B", entries: 1, bytes: expect.any(Number) },
    ]);
    expect(stats.bytes).toBe(jsonFiles(dir).filter((file) => file.endsWith(".json")).reduce((sum, file) => sum + readFileSync(file).length, 0));
  });

  it("reports an empty cache for a missing directory", async () => {
    expect((await cacheStats(join(makeTempDir(), "absent"))).entries).toBe(0);
  });
});

describe("stableStringify", () => {
  it("sorts keys and drops undefined members", () => {
    expect(stableStringify({ b: 1, a: [2, { d: 3, c: undefined }] })).toBe('{"a":[2,{"d":3}],"b":1}');
  });
});

describe("cacheKeyMaterial", () => {
  it("serialises natively to its canonical form, so the key is the hash of stableStringify", () => {
    const requests: CompletionRequest[] = [
      ask("Q"),
      { model: MODEL, messages: [{ role: "system", content: "s" }, { role: "user", content: "u" }] },
      { ...ask("Q", { topLogprobs: 20, sampleIndex: 3 }), model: "openai-compatible/llama" },
    ];
    for (const request of requests) {
      for (const scope of [undefined, "http://127.0.0.1:8000/v1"]) {
        const material = cacheKeyMaterial(request, scope);
        expect(JSON.stringify(material)).toBe(stableStringify(material));
      }
    }
  });
});
