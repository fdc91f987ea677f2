/**
 * Child process for the atomic-write test: writes large cache entries in a loop until killed.
 * Usage: node --import tsx test/helpers/write-entries-child.ts <cache dir> [naive]
 * With "naive" it writes straight to the target file with fs/promises writeFile, which writes
 * in 512 KiB chunks: a kill between chunks leaves a truncated entry (shows the test can fail).
 */
import { createHash } from "node:crypto";
import { mkdirSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { CACHE_FORMAT_VERSION } from "../../src/cache/cache-key";
import { entryPath, writeEntryAtomic, type CacheEntry } from "../../src/cache/cache-store";

const [dir, mode] = process.argv.slice(2);
if (dir === undefined) throw new Error("write-entries-child: no cache dir");
const text = "x".repeat(8_000_000);

async function main(): Promise<void> {
  for (let index = 0; ; index += 1) {
    const key = createHash("sha256").update(String(index % 8)).digest("hex");
    const entry: CacheEntry = {
      formatVersion: CACHE_FORMAT_VERSION,
      key,
      request: { formatVersion: CACHE_FORMAT_VERSION, model: "openai/gpt-4o-mini", messages: [], sampleIndex: index },
      response: { text, usage: { inputTokens: 1, outputTokens: 1 }, model: "gpt-4o-mini" },
      createdAt: new Date().toISOString(),
    };
    const file = entryPath(dir!, "openai/gpt-4o-mini", key);
    if (mode === "naive") {
      mkdirSync(dirname(file), { recursive: true });
      await writeFile(file, JSON.stringify(entry));
    } else {
      await writeEntryAtomic(file, entry);
    }
    if (index === 0) process.stdout.write("ready\n");
  }
}

void main();
