import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "../helpers/temp-dir";

/** Every file under a folder. */
function allFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/**
 * Starts a child that writes 8 MB cache entries in a loop, waits until a write is visibly in
 * progress (a temporary file exists), and SIGKILLs the child at that moment.
 */
async function killDuringWrite(dir: string): Promise<void> {
  const child = spawn(process.execPath, ["--import", "tsx", "test/helpers/write-entries-child.ts", dir], { stdio: ["ignore", "pipe", "inherit"] });
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  await new Promise<void>((resolve) => child.stdout.once("data", () => resolve()));
  const deadline = Date.now() + 10_000;
  while (!allFiles(dir).some((file) => file.endsWith(".tmp"))) {
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error("no write in progress was ever seen (entries are not written through a temporary file)");
    }
    await new Promise((resolve) => setImmediate(resolve));
  }
  child.kill("SIGKILL");
  await exited;
}

describe("atomic cache writes", () => {
  it("leave only complete entries when the writer is killed mid-write", async () => {
    const dir = makeTempDir();
    for (let round = 0; round < 3; round += 1) await killDuringWrite(dir);
    const files = allFiles(dir);
    const entries = files.filter((file) => file.endsWith(".json"));
    // The kills landed mid-write: interrupted temporary files remain, and lookups ignore them.
    expect(files.some((file) => file.endsWith(".tmp"))).toBe(true);
    expect(entries.length).toBeGreaterThan(0);
    for (const file of entries) {
      expect(() => JSON.parse(readFileSync(file, "utf8")), file).not.toThrow();
    }
  });
});
