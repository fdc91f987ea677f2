/**
 * The one atomic write (src/files.ts): a reader sees the old file or the whole new one, and a
 * failed write leaves neither a temporary file nor a changed target behind.
 */
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { TEMPORARY_SUFFIX, writeFileAtomic, writeFileAtomicSync } from "../../src/files";
import { makeTempDir } from "../helpers/temp-dir";

describe.each([
  ["writeFileAtomicSync", async (path: string, data: string | Uint8Array) => writeFileAtomicSync(path, data)],
  ["writeFileAtomic", writeFileAtomic],
] as const)("%s", (_name, write) => {
  it("creates and replaces a file, leaving no temporary file", async () => {
    const dir = makeTempDir();
    const file = join(dir, "summary.json");
    await write(file, "first\n");
    await write(file, new TextEncoder().encode("second\n"));
    expect(readFileSync(file, "utf8")).toBe("second\n");
    expect(readdirSync(dir)).toEqual(["summary.json"]);
  });

  it("removes its temporary file when the rename fails, and names the target", async () => {
    const dir = makeTempDir();
    const target = join(dir, "table.csv");
    mkdirSync(target); // a folder in the way: the temporary file is written, the rename fails
    mkdirSync(join(target, "keep"));
    const error = await write(target, "a,b\n").then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toMatch(/^(EISDIR|ENOTEMPTY|EEXIST)$/);
    expect(error?.path).toBe(target);
    expect((error as { dest?: string } | undefined)?.dest).toBeUndefined();
    expect(readdirSync(dir)).toEqual(["table.csv"]);
    expect(readdirSync(target)).toEqual(["keep"]);
  });

  it("fails without a trace when the folder does not exist", async () => {
    const dir = makeTempDir();
    const target = join(dir, "missing", "x.json");
    const error = await write(target, "{}").then(
      () => undefined,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(error?.code).toBe("ENOENT");
    expect(error?.path).toBe(target);
    expect(readdirSync(dir)).toEqual([]);
  });
});

/** Lengths a polling reader sees of `file` while `write` runs. */
async function lengthsSeen(file: string, write: () => Promise<unknown>): Promise<Set<number>> {
  const seen = new Set<number>();
  let done = false;
  const reader = (async () => {
    while (!done) {
      seen.add(readFileSync(file, "utf8").length);
      await new Promise((r) => setImmediate(r));
    }
  })();
  await write();
  done = true;
  await reader;
  seen.add(readFileSync(file, "utf8").length);
  return seen;
}

describe("atomic writes seen by a reader", () => {
  const old = "old\n".repeat(1000);
  const next = "x".repeat(8 * 1024 * 1024);

  it("never show a partial file: every read is the old content or the whole new one", async () => {
    const dir = makeTempDir();
    const file = join(dir, "figure.html");
    writeFileSync(file, old);
    const seen = await lengthsSeen(file, () => Promise.all(Array.from({ length: 4 }, () => writeFileAtomic(file, next))));
    expect([...seen].filter((n) => n !== old.length && n !== next.length)).toEqual([]);
    expect(seen.has(next.length)).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith(TEMPORARY_SUFFIX))).toEqual([]);
  });

  it("the reader does see a plain write's partial file (self-check)", async () => {
    const dir = makeTempDir();
    const file = join(dir, "figure.html");
    writeFileSync(file, old);
    const seen = await lengthsSeen(file, () => writeFile(file, next));
    expect([...seen].filter((n) => n !== old.length && n !== next.length).length).toBeGreaterThan(0);
  });
});
