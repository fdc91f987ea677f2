/** `distalign cache stats` and the cache mode a run uses. */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilitiesFor } from "../../src/backends/capabilities";
import type { Backend } from "../../src/backends/types";
import { withCache } from "../../src/cache/with-cache";
import { formatBytes } from "../../src/cli/cache-command";
import { resolveCacheMode } from "../../src/run/run-backends";
import { makeTempDir } from "../helpers/temp-dir";

const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");

describe("distalign cache stats", () => {
  it("prints entries, size and entries per model", async () => {
    const dir = makeTempDir();
    const completion = { text: "A", usage: { inputTokens: 1, outputTokens: 1 }, model: "x" };
    const fake = (id: string, cacheScope?: string): Backend => ({ id, capabilities: capabilitiesFor(id), ...(cacheScope === undefined ? {} : { cacheScope }), complete: async () => completion });
    const openai = withCache(fake("openai/gpt-4o-mini"), { dir });
    for (const prompt of ["a", "b"]) await openai.complete({ model: "openai/gpt-4o-mini", messages: [{ role: "user", content: prompt }], temperature: 1 });
    const compatible = withCache(fake("openai-compatible/meta-llama/Llama-3-8B", "http://localhost:8000/v1"), { dir });
    await compatible.complete({ model: "openai-compatible/meta-llama/Llama-3-8B", messages: [{ role: "user", content: "c" }], temperature: 1 });
    const result = spawnSync(process.execPath, [BIN, "cache", "stats", "--cache-dir", dir], { encoding: "utf8" });
    expect(result.stderr).toBe("");
    const lines = result.stdout.trim().split("\n");
    expect(lines[0]).toMatch(new RegExp(`^cache ${dir}: 3 entries, \\d+(\\.\\d)? kB$`));
    expect(lines[1]).toMatch(/^ {2}openai\/gpt-4o-mini\s+2 entries\s+\d/);
    expect(lines[2]).toMatch(/^ {2}openai-compatible\/meta-llama\/Llama-3-8B\s+1 entries/);
  });

  it("says so for an empty cache", () => {
    const dir = join(makeTempDir(), "none");
    expect(spawnSync(process.execPath, [BIN, "cache", "stats", "--cache-dir", dir], { encoding: "utf8" }).stdout).toBe(`cache ${dir}: 0 entries, 0 B\n`);
  });

  it("formats sizes", () => {
    expect([formatBytes(812), formatBytes(14_200), formatBytes(3_100_000), formatBytes(2_500_000_000)]).toEqual(["812 B", "14.2 kB", "3.1 MB", "2.50 GB"]);
  });
});

describe("resolveCacheMode", () => {
  it("takes the argument, else DISTALIGN_CACHE_MODE, else read-write, and refuses other values", () => {
    const saved = process.env.DISTALIGN_CACHE_MODE;
    try {
      delete process.env.DISTALIGN_CACHE_MODE;
      expect(resolveCacheMode()).toBe("read-write");
      process.env.DISTALIGN_CACHE_MODE = "read-only";
      expect(resolveCacheMode()).toBe("read-only");
      expect(resolveCacheMode("off")).toBe("off");
      expect(() => resolveCacheMode("sometimes")).toThrow(/cache mode must be one of read-write, read-only, refresh, off \(got "sometimes"\)/);
    } finally {
      if (saved === undefined) delete process.env.DISTALIGN_CACHE_MODE;
      else process.env.DISTALIGN_CACHE_MODE = saved;
    }
  });
});
