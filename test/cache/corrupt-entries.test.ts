/**
 * A corpus of corrupt cache entries, each put where a real entry (written through the real
 * OpenAI SDK against the fake server) was: every one is reported once, naming the file and the
 * fault, is never served, is counted apart by `cacheStats`, is listed by `distalign cache verify`
 * (exit non-zero), and in read-write mode is replaced by a fresh call whose entry is sound.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { CompletionRequest } from "../../src/backends/types";
import { cacheKey } from "../../src/cache/cache-key";
import { cacheStats } from "../../src/cache/cache-stats";
import { entryPath, readEntry } from "../../src/cache/cache-store";
import { withCache, type CacheMode } from "../../src/cache/with-cache";
import { CacheMissError } from "../../src/errors";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");
const KEY = "sk-test-corrupt-0123456789abcdef";
const MODEL = "openai/gpt-4o-mini";
const LOGP: CompletionRequest = { model: MODEL, messages: [{ role: "user", content: "Log-p item" }], temperature: 1, maxTokens: 1, topLogprobs: 4 };
const SEQ: CompletionRequest = { model: MODEL, messages: [{ role: "user", content: "Sequence item" }], temperature: 1, maxTokens: 200 };

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

type Entry = Record<string, any>;
/** A corruption: a new file text from the sound entry of LOGP (and of SEQ, for swaps). */
interface Corruption {
  readonly name: string;
  readonly make: (logp: Entry, seq: Entry, text: string) => string;
  /** What the warning must say. */
  readonly reason: RegExp;
}

const json = (value: unknown) => JSON.stringify(value, null, 2);
const edit = (change: (entry: Entry) => void) => (logp: Entry) => {
  const copy = structuredClone(logp);
  change(copy);
  return json(copy);
};

const CORRUPTIONS: readonly Corruption[] = [
  { name: "another request's entry under this key", make: (_l, seq) => json(seq), reason: /key is "[0-9a-f]{64}", not the file's key/ },
  { name: "another request's entry relabelled with this key", make: (logp, seq) => json({ ...seq, key: logp.key }), reason: /the stored request hashes to [0-9a-f]{64}, not to the entry's key/ },
  { name: "prompt edited", make: edit((e) => (e.request.messages[0].content = "Log-p item, edited")), reason: /hashes to/ },
  { name: "temperature edited", make: edit((e) => (e.request.temperature = 0)), reason: /hashes to/ },
  { name: "sample index edited", make: edit((e) => (e.request.sampleIndex = 1)), reason: /hashes to/ },
  { name: "topLogprobs dropped from the request", make: edit((e) => delete e.request.topLogprobs), reason: /hashes to/ },
  { name: "wrong model", make: edit((e) => (e.request.model = "openai/gpt-4o")), reason: /request\.model is "openai\/gpt-4o", looked up for openai\/gpt-4o-mini/ },
  { name: "tokens removed", make: edit((e) => delete e.response.tokens), reason: /response\.tokens is missing, but the request asked for top log-probabilities/ },
  { name: 'tokens "garbage"', make: edit((e) => (e.response.tokens = "garbage")), reason: /response\.tokens is "garbage", not an array/ },
  { name: "non-numeric top log-prob", make: edit((e) => (e.response.tokens[0].topLogprobs[1].logprob = "x")), reason: /response\.tokens\[0\]\.topLogprobs\[1\]\.logprob is "x", not a finite number ≤ 0/ },
  { name: "positive log-prob", make: edit((e) => (e.response.tokens[0].logprob = 0.5)), reason: /response\.tokens\[0\]\.logprob is 0\.5, not a finite number ≤ 0/ },
  { name: "null log-prob", make: edit((e) => (e.response.tokens[0].topLogprobs[0].logprob = null)), reason: /logprob is null, not a finite number/ },
  { name: "infinite log-prob", make: (_l, _s, text) => text.replace(/"logprob": -[0-9.e-]+/, '"logprob": -1e999'), reason: /logprob is -Infinity, not a finite number/ },
  { name: "top alternatives missing", make: edit((e) => delete e.response.tokens[0].topLogprobs), reason: /response\.tokens\[0\]\.topLogprobs is undefined, not an array/ },
  { name: "token not a string", make: edit((e) => (e.response.tokens[0].topLogprobs[2].token = 3)), reason: /topLogprobs\[2\]\.token is 3, not a string/ },
  { name: "text missing", make: edit((e) => delete e.response.text), reason: /response\.text is undefined, not a string/ },
  { name: "text a number", make: edit((e) => (e.response.text = 1)), reason: /response\.text is 1, not a string/ },
  { name: "usage negative", make: edit((e) => (e.response.usage.outputTokens = -1)), reason: /response\.usage\.outputTokens is -1, not a count/ },
  { name: "usage a string", make: edit((e) => (e.response.usage.inputTokens = "12")), reason: /response\.usage\.inputTokens is "12", not a count/ },
  { name: "usage missing", make: edit((e) => delete e.response.usage), reason: /response\.usage is undefined, not an object/ },
  { name: "response null", make: edit((e) => (e.response = null)), reason: /response is null, not an object/ },
  { name: "cached flag stored", make: edit((e) => (e.response.cached = true)), reason: /response\.cached is stored/ },
  { name: "format version", make: edit((e) => (e.formatVersion = 0)), reason: /formatVersion is 0, expected 1/ },
  { name: "messages not an array", make: edit((e) => (e.request.messages = "Log-p item")), reason: /request\.messages is "Log-p item", not an array/ },
  { name: "createdAt missing", make: edit((e) => delete e.createdAt), reason: /createdAt is undefined, not a time/ },
  { name: "truncated JSON", make: (_l, _s, text) => text.slice(0, Math.floor(text.length / 2)), reason: /invalid json/ },
  { name: "empty file", make: () => "", reason: /invalid json/ },
  { name: "an array", make: () => "[]", reason: /entry is an array, not an object/ },
];

async function setup(mode: CacheMode, dir: string, warnings: string[] = []) {
  const fake = server ?? (await startFakeServer());
  server = fake;
  const backend = withCache(createOpenAiBackend(MODEL, { apiKey: KEY, baseUrl: fake.openAiBaseUrl, maxRetries: 0 }), { mode, dir, warn: (message) => warnings.push(message) });
  return { server: fake, backend, warnings };
}

/** A cache holding sound entries of LOGP and SEQ, and their files. */
async function soundCache() {
  const dir = makeTempDir();
  const { backend } = await setup("read-write", dir);
  const fresh = await backend.complete(LOGP);
  await backend.complete(SEQ);
  const key = cacheKey(LOGP, backend.cacheScope);
  const seqKey = cacheKey(SEQ, backend.cacheScope);
  const file = entryPath(dir, MODEL, key);
  const seqFile = entryPath(dir, MODEL, seqKey);
  return { dir, key, seqKey, file, seqFile, fresh, text: readFileSync(file, "utf8"), seq: JSON.parse(readFileSync(seqFile, "utf8")) as Entry };
}

describe("corrupt cache entries", () => {
  it(`has a corpus of ${CORRUPTIONS.length} kinds, each a change of the sound entry`, async () => {
    const { text, seq } = await soundCache();
    const made = CORRUPTIONS.map((c) => c.make(JSON.parse(text), seq, text));
    expect(new Set(made).size).toBe(CORRUPTIONS.length);
    expect(made).not.toContain(text);
  });

  for (const corruption of CORRUPTIONS) {
    it(`${corruption.name}: warned once, never served, counted apart, replaced by a fresh call`, async () => {
      const { dir, key, file, fresh, text, seq } = await soundCache();
      writeFileSync(file, corruption.make(JSON.parse(text), seq, text));
      const found = readEntry(file, key, MODEL);
      expect(found.kind).toBe("corrupt");
      const stats = await cacheStats(dir);
      // Stats know no looked-up model: a changed model shows as a request that no longer hashes to its key.
      expect(stats.corrupt).toEqual([{ file, reason: expect.stringMatching(corruption.name === "wrong model" ? /hashes to/ : corruption.reason) }]);
      expect(stats.entries).toBe(1);

      // One warning for the entry in this process, whichever wrapper meets it first.
      const warnings: string[] = [];
      const readOnly = await setup("read-only", dir, warnings);
      await expect(readOnly.backend.has(LOGP)).resolves.toBe(false);
      await expect(readOnly.backend.complete(LOGP)).rejects.toThrow(CacheMissError);
      expect(warnings).toHaveLength(1);

      const { server, backend } = await setup("read-write", dir, warnings);
      const before = server.stats.totalReceived;
      const answer = await backend.complete(LOGP);
      expect(answer.cached).toBe(false);
      expect(answer.tokens).toEqual(fresh.tokens);
      expect(server.stats.totalReceived - before).toBe(1);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toContain(file);
      expect(warnings[0]).toMatch(corruption.reason);
      expect(warnings[0]).toMatch(/corrupt entry treated as a miss/);
      expect(readEntry(file, key, MODEL).kind).toBe("hit");
      expect((await backend.complete(LOGP)).cached).toBe(true);
      expect(server.stats.totalReceived - before).toBe(1);
      expect(warnings).toHaveLength(1);
      expect((await cacheStats(dir)).corrupt).toEqual([]);
    });
  }

  it("an entry filed under another model's folder is corrupt for stats and verify", async () => {
    const { dir, key, file, text } = await soundCache();
    const elsewhere = entryPath(dir, "openai/gpt-4o", key);
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(elsewhere, ".."), { recursive: true });
    writeFileSync(elsewhere, text);
    const stats = await cacheStats(dir);
    expect(stats.corrupt).toEqual([{ file: elsewhere, reason: `entry of ${MODEL} filed in the wrong folder (belongs at ${file})` }]);
  });

  it("a completion that would fail the check is returned but never stored", async () => {
    const dir = makeTempDir();
    const warnings: string[] = [];
    const stub = { id: MODEL, capabilities: createOpenAiBackend(MODEL, { apiKey: KEY }).capabilities, complete: async () => ({ text: "A", usage: { inputTokens: 1, outputTokens: 1 }, model: "m" }) };
    const backend = withCache(stub, { dir, warn: (message) => warnings.push(message) });
    expect((await backend.complete(LOGP)).text).toBe("A");
    expect((await backend.complete({ ...LOGP, sampleIndex: 1 })).cached).toBe(false);
    expect(existsSync(entryPath(dir, MODEL, cacheKey(LOGP)))).toBe(false);
    expect(warnings).toEqual([`cache: ${MODEL}: completion not cached (response.tokens is missing, but the request asked for top log-probabilities); such completions are never cached`]);
  });
});

describe("distalign cache verify and stats", () => {
  it("lists every corrupt entry on its own line and exits non-zero; --delete removes them; stats counts them apart", async () => {
    const { dir, file, seqFile, text, seq } = await soundCache();
    const clean = spawnSync(process.execPath, [BIN, "cache", "verify", "--cache-dir", dir], { encoding: "utf8" });
    expect(clean.status).toBe(0);
    expect(clean.stdout).toBe(`cache ${dir}: 2 entries checked, all sound\n`);

    writeFileSync(file, text.slice(0, 40));
    writeFileSync(seqFile, json({ ...seq, response: { ...seq.response, tokens: "garbage" } }));
    const stats = spawnSync(process.execPath, [BIN, "cache", "stats", "--cache-dir", dir], { encoding: "utf8" });
    expect(stats.status).toBe(0);
    expect(stats.stdout).toBe(`cache ${dir}: 0 entries, 0 B\n  2 corrupt entries, never served (list them with distalign cache verify)\n`);

    const verify = spawnSync(process.execPath, [BIN, "cache", "verify", "--cache-dir", dir], { encoding: "utf8" });
    expect(verify.status).toBe(1);
    const listed = verify.stdout.trim().split("\n").sort();
    expect(listed).toEqual(
      [`corrupt: ${file}: invalid json: ${listed.find((l) => l.includes(file))?.split("invalid json: ")[1]}`, `corrupt: ${seqFile}: response.tokens is "garbage", not an array`].sort(),
    );
    expect(verify.stderr).toBe(`distalign: cache verify: ${dir}: 2 of 2 entries corrupt (listed above; delete them with --delete)\n`);

    const removed = spawnSync(process.execPath, [BIN, "cache", "verify", "--cache-dir", dir, "--delete"], { encoding: "utf8" });
    expect(removed.status).toBe(0);
    expect(removed.stdout).toMatch(/2 entries checked, 2 corrupt, 2 deleted\n$/);
    expect(existsSync(file) || existsSync(seqFile)).toBe(false);
  });
});
