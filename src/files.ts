/**
 * Creating folders and writing files so that every failure is a Node file-system error that
 * names its path, which the command line prints as one line.
 * `writeFileAtomic` and `writeFileAtomicSync` are the one way to replace a file that a reader
 * or a killed process must never see half-written.
 *
 * Node's `mkdir(…, { recursive: true })` never returns when the file system
 * refuses a new entry below an existing folder with ENOENT (as /proc and other virtual file
 * systems do): it loops at full CPU. `makeDirectory` creates one level at a time instead.
 */
import { randomBytes } from "node:crypto";
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { mkdir, rename, stat, unlink, writeFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";

/** The folders to create for `dir`, outermost first, after the nearest one that exists. */
function missingLevels(dir: string, exists: (path: string) => boolean): string[] {
  const levels: string[] = [];
  for (let path = resolve(dir); !exists(path); path = dirname(path)) {
    levels.unshift(path);
    if (dirname(path) === path) break;
  }
  return levels;
}

function isErrno(error: unknown, code: string): boolean {
  return (error as NodeJS.ErrnoException | undefined)?.code === code;
}

/**
 * Creates `dir` and any missing parents, like `mkdirSync(dir, { recursive: true })`, but fails
 * instead of looping where the file system refuses.
 * @throws the Node file-system error (`ENOTDIR` when a file is in the way, `EEXIST` when `dir` is a file, `EACCES`, `EROFS`, `ENOENT`, …)
 */
export function makeDirectorySync(dir: string): void {
  const exists = (path: string): boolean => statSync(path, { throwIfNoEntry: false }) !== undefined;
  for (const level of missingLevels(dir, exists)) {
    try {
      mkdirSync(level);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
  }
  mkdirSync(resolve(dir), { recursive: true }); // every level exists now: checks that it is a folder
}

/** `makeDirectorySync`, asynchronous. */
export async function makeDirectory(dir: string): Promise<void> {
  const levels: string[] = [];
  for (let path = resolve(dir); ; path = dirname(path)) {
    const found = await stat(path).then(
      () => true,
      (error: unknown) => {
        if (isErrno(error, "ENOENT")) return false;
        throw error;
      },
    );
    if (found) break;
    levels.unshift(path);
    if (dirname(path) === path) break;
  }
  for (const level of levels) {
    try {
      await mkdir(level);
    } catch (error) {
      if (!isErrno(error, "EEXIST")) throw error;
    }
  }
  await mkdir(resolve(dir), { recursive: true });
}

/** Suffix of the temporary files of atomic writes (in the target's folder; `cache stats` counts them). */
export const TEMPORARY_SUFFIX = ".tmp";

let temporaryCounter = 0;

/** A temporary name beside `path`, unique across processes and concurrent writes of one process. */
function temporaryPath(path: string): string {
  temporaryCounter += 1;
  return `${path}.${process.pid}-${temporaryCounter}-${randomBytes(3).toString("hex")}${TEMPORARY_SUFFIX}`;
}

/** `error` with its `path` set to `path` when it has none or names only `temporary` (a rename's `dest` dropped). */
function withPath(error: unknown, path: string, temporary?: string): unknown {
  if (!(error instanceof Error)) return error;
  const e = error as NodeJS.ErrnoException & { dest?: string };
  if (e.path === undefined || (temporary !== undefined && e.path === temporary)) {
    e.path = path;
    delete e.dest;
  }
  return error;
}

/**
 * Replaces `path` by `data` atomically: writes a temporary file in the same folder, then renames
 * it over `path`. A reader sees the old file or the whole new one, never a part; a failed write
 * removes its temporary file and leaves `path` as it was. The folder must exist.
 * @param options `durable`: also flush the file and its folder to disk before returning, so the
 *   new content survives a crash of the machine (for records that must never be lost, such as a
 *   run's batch ledger)
 * @throws the Node file-system error (ENOSPC, EACCES, EISDIR, …), its `path` set to `path`
 */
export function writeFileAtomicSync(path: string, data: string | Uint8Array, options: { readonly durable?: boolean } = {}): void {
  const temporary = temporaryPath(path);
  try {
    if (options.durable === true) {
      const descriptor = openSync(temporary, "w");
      try {
        writeSync(descriptor, typeof data === "string" ? Buffer.from(data) : data);
        fsyncSync(descriptor);
      } finally {
        closeSync(descriptor);
      }
    } else {
      writeFileSync(temporary, data);
    }
    renameSync(temporary, path);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // never created, or already renamed
    }
    throw withPath(error, path, temporary);
  }
  if (options.durable === true) syncFolder(dirname(path));
}

function syncFolder(folder: string): void {
  try {
    const descriptor = openSync(folder, "r");
    try {
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
  } catch {
    // Some file systems refuse to fsync a folder; the rename is still atomic.
  }
}

/** `writeFileAtomicSync`, asynchronous. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temporary = temporaryPath(path);
  try {
    await writeFile(temporary, data);
    await rename(temporary, path);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw withPath(error, path, temporary);
  }
}

/**
 * `writeFileSync`, with the path added to an error that has none (a failed `write`, e.g. ENOSPC
 * on a full disk, names only the system call).
 * @throws the Node file-system error, its `path` set
 */
export function writeFileNamedSync(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    throw withPath(error, path);
  }
}
