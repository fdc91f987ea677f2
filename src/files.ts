/**
 * Creating folders and writing files so that every failure is a Node file-system error that
 * names its path, which the command line prints as one line.
 *
 * Node's `mkdir(…, { recursive: true })` never returns when the file system
 * refuses a new entry below an existing folder with ENOENT (as /proc and other virtual file
 * systems do): it loops at full CPU. `makeDirectory` creates one level at a time instead.
 */
import { mkdirSync, statSync, writeFileSync } from "node:fs";
import { mkdir, stat } from "node:fs/promises";
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

/**
 * `writeFileSync`, with the path added to an error that has none (a failed `write`, e.g. ENOSPC
 * on a full disk, names only the system call).
 * @throws the Node file-system error, its `path` set
 */
export function writeFileNamedSync(path: string, data: string | Uint8Array): void {
  try {
    writeFileSync(path, data);
  } catch (error) {
    if (error instanceof Error && (error as NodeJS.ErrnoException).path === undefined) (error as NodeJS.ErrnoException).path = path;
    throw error;
  }
}
