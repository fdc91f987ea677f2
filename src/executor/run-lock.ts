/**
 * The lock of a run folder: one process at a time appends to a folder's results.jsonl, so two
 * processes never both pay for the same grid. `proper-lockfile` holds it (an atomic `mkdir` of
 * `<folder>/run.lock`, its mtime refreshed while held, so the lock of a killed process goes stale
 * and is taken over); `run.lock.json` beside it names the holder for the refusal message, and
 * lets a later run on the same host take over at once the lock of a holder that no longer runs.
 */
import { hostname } from "node:os";
import { readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import * as lockfile from "proper-lockfile";
import { RunFolderLockedError, UsageError } from "../errors";
import { makeDirectorySync } from "../files";
import { writeSafely } from "./safe-write";

/** The lock directory inside a run folder. */
export const LOCK_DIR = "run.lock";
/** The file naming the holder, next to the lock directory. */
export const LOCK_HOLDER_FILE = "run.lock.json";
/**
 * A lock not refreshed for this long is stale (its process died) and is taken over. It is
 * refreshed every `STALE_AFTER_MS / 4`.
 * @unit milliseconds
 */
export const STALE_AFTER_MS = 20_000;

/** Who holds a run folder's lock. */
export interface LockHolder {
  readonly pid: number;
  readonly host: string;
  /** ISO-8601 time the lock was taken. */
  readonly startedAt: string;
  /** The inode of the lock directory the holder created: tells its lock from a later one. */
  readonly lockInode: number;
}


/** Why a path cannot hold a folder distalign writes, as a short phrase (`EACCES: permission denied`). */
function fsReason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return code === undefined ? message : `${code}: ${message.replace(/^[A-Z]+: /, "").replace(/, \w+ '.*'$/, "")}`;
}

/** File-system failures that a path given by the user explains (not a bug). */
const PATH_ERRORS: ReadonlySet<string> = new Set(["ENOENT", "EACCES", "EPERM", "EROFS", "ENOTDIR", "EEXIST", "ENOSPC", "ENAMETOOLONG", "ELOOP", "EISDIR"]);

/**
 * Creates a run folder (and its parents) if needed.
 * @throws {UsageError} naming the folder when it cannot be created (no permission, a file in the way, a read-only disk)
 */
export function makeRunFolder(dir: string): void {
  try {
    makeDirectorySync(dir);
    if (!statSync(dir).isDirectory()) throw Object.assign(new Error("not a folder"), { code: "ENOTDIR" });
  } catch (error) {
    if (PATH_ERRORS.has((error as NodeJS.ErrnoException).code ?? "")) throw new UsageError(`${dir}: cannot create the run folder (${fsReason(error)})`);
    throw error;
  }
}

/**
 * Checks that a folder (the response cache) can be written, creating it if needed, by writing
 * and removing a probe file.
 * @param what what the folder is, for the message ("cache folder")
 * @param hint what to do instead, appended to the message
 * @throws {UsageError} naming the folder when it cannot be written
 */
export function checkWritableFolder(dir: string, what: string, hint: string): void {
  const probe = join(dir, `.write-probe-${process.pid}`);
  try {
    makeDirectorySync(dir);
    writeFileSync(probe, "");
    rmSync(probe, { force: true });
  } catch (error) {
    if (PATH_ERRORS.has((error as NodeJS.ErrnoException).code ?? "")) throw new UsageError(`${dir}: ${what} not writable (${fsReason(error)}); ${hint}`);
    throw error;
  }
}

/** A held lock. */
export interface RunLock {
  /** Releases the lock (idempotent). */
  release(): Promise<void>;
  /** Set when the lock could not be kept fresh (another process may have taken it over). */
  readonly compromised: () => Error | undefined;
}

function readHolder(dir: string): LockHolder | undefined {
  try {
    const holder = JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE), "utf8")) as Partial<LockHolder>;
    if (typeof holder.pid === "number" && typeof holder.host === "string" && typeof holder.startedAt === "string" && typeof holder.lockInode === "number") {
      return holder as LockHolder;
    }
  } catch {
    // The holder is between taking the lock and naming itself, or died in between.
  }
  return undefined;
}

function describeHolder(holder: LockHolder | undefined): string {
  return holder === undefined ? "an unnamed process" : `pid ${holder.pid} on ${holder.host}, since ${holder.startedAt}`;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * Removes the lock of a holder that died on this host (a killed run), without waiting for it to
 * go stale; only when the lock directory is still the one that holder created.
 * @returns whether a dead holder's lock was removed
 */
function removeDeadHoldersLock(dir: string, holder: LockHolder | undefined): boolean {
  if (holder === undefined || holder.host !== hostname() || holder.pid === process.pid || isAlive(holder.pid)) return false;
  try {
    if (statSync(join(dir, LOCK_DIR)).ino !== holder.lockInode) return false;
    rmSync(join(dir, LOCK_DIR), { recursive: true, force: true });
    return true;
  } catch {
    return false;
  }
}

/**
 * Takes the lock of a run folder (which must exist), or refuses at once.
 * @param dir the run folder
 * @param warn where a lost lock is reported @default stderr
 * @throws {RunFolderLockedError} naming the holder (pid, host, start time) when another live process holds it
 * @example
 * const lock = await lockRunFolder("output/runs/pilot");
 * try { … } finally { await lock.release(); }
 */
export async function lockRunFolder(dir: string, warn: (message: string) => void = (m) => writeSafely(process.stderr, `${m}\n`)): Promise<RunLock> {
  let compromised: Error | undefined;
  const take = () =>
    lockfile.lock(dir, {
      lockfilePath: join(dir, LOCK_DIR),
      stale: STALE_AFTER_MS,
      update: STALE_AFTER_MS / 4,
      retries: 0,
      realpath: false,
      onCompromised: (error) => {
        compromised = error;
        warn(`warning: ${dir}: lost the run folder's lock (${error.message}); another process may be writing to it`);
      },
    });
  let releaseLock: () => Promise<void>;
  try {
    releaseLock = await take().catch(async (error: NodeJS.ErrnoException) => {
      if (error.code === "ELOCKED" && removeDeadHoldersLock(dir, readHolder(dir))) return take();
      throw error;
    });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ELOCKED") {
      throw new RunFolderLockedError(`${dir}: run folder in use by ${describeHolder(readHolder(dir))} (lock ${join(dir, LOCK_DIR)}); wait for it to finish or use another outputDir`);
    }
    if (PATH_ERRORS.has((error as NodeJS.ErrnoException).code ?? "") || (error as NodeJS.ErrnoException).code === "ENOENT") {
      throw new UsageError(`${dir}: cannot write in the run folder (${fsReason(error)})`);
    }
    throw error;
  }
  const holder: LockHolder = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), lockInode: statSync(join(dir, LOCK_DIR)).ino };
  try {
    writeFileSync(join(dir, LOCK_HOLDER_FILE), `${JSON.stringify(holder)}\n`);
  } catch (error) {
    await releaseLock().catch(() => undefined);
    if (PATH_ERRORS.has((error as NodeJS.ErrnoException).code ?? "")) throw new UsageError(`${dir}: cannot write in the run folder (${fsReason(error)})`);
    throw error;
  }
  let released = false;
  return {
    compromised: () => compromised,
    release: async () => {
      if (released) return;
      released = true;
      if (compromised === undefined) rmSync(join(dir, LOCK_HOLDER_FILE), { force: true });
      await releaseLock().catch(() => undefined);
    },
  };
}
