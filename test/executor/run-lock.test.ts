/**
 * The run folder's lock: held for the run, refused to a second holder with one line naming it,
 * taken over when its holder is dead or its lock went stale, released afterwards.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, utimesSync, writeFileSync, statSync } from "node:fs";
import { hostname } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { capabilitiesFor } from "../../src/backends/capabilities";
import type { Backend } from "../../src/backends/types";
import { runItems } from "../../src/executor/run-items";
import { RunFolderLockedError } from "../../src/errors";
import { LOCK_DIR, LOCK_HOLDER_FILE, lockRunFolder, STALE_AFTER_MS } from "../../src/executor/run-lock";
import { captureStream } from "../helpers/capture-stream";
import { makeTempDir } from "../helpers/temp-dir";

const MODEL = "openai/gpt-4o-mini";
const backend: Backend = { id: MODEL, capabilities: capabilitiesFor(MODEL), complete: async () => ({ text: "A", usage: { inputTokens: 1, outputTokens: 1 }, model: "m" }) };
const items = [{ id: "a", request: { model: MODEL, messages: [{ role: "user" as const, content: "a" }], temperature: 1, maxTokens: 1 } }];

/** The pid of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

describe("lockRunFolder", () => {
  it("refuses a second holder naming the first, and is free again after release", async () => {
    const dir = makeTempDir();
    const lock = await lockRunFolder(dir);
    const holder = JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE), "utf8"));
    expect(holder).toEqual({ pid: process.pid, host: hostname(), startedAt: expect.any(String), lockInode: statSync(join(dir, LOCK_DIR)).ino });
    const refusal = lockRunFolder(dir);
    await expect(refusal).rejects.toThrow(RunFolderLockedError);
    await expect(refusal).rejects.toThrow(`${dir}: run folder in use by pid ${process.pid} on ${hostname()}, since ${holder.startedAt} (lock ${join(dir, LOCK_DIR)}); wait for it to finish or use another outputDir`);
    await expect(runItems(items, { outputDir: dir, backend, progress: "none", output: captureStream() })).rejects.toThrow(RunFolderLockedError);
    expect(existsSync(join(dir, "results.jsonl"))).toBe(false);
    await lock.release();
    expect(existsSync(join(dir, LOCK_DIR)) || existsSync(join(dir, LOCK_HOLDER_FILE))).toBe(false);
    const summary = await runItems(items, { outputDir: dir, backend, progress: "none", output: captureStream() });
    expect(summary.ok).toBe(1);
    expect(existsSync(join(dir, LOCK_DIR))).toBe(false);
  });

  it("takes over at once the lock of a holder on this host that no longer runs", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, LOCK_DIR));
    const pid = deadPid();
    writeFileSync(join(dir, LOCK_HOLDER_FILE), JSON.stringify({ pid, host: hostname(), startedAt: "2026-01-01T00:00:00.000Z", lockInode: statSync(join(dir, LOCK_DIR)).ino }));
    const lock = await lockRunFolder(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE), "utf8")).pid).toBe(process.pid);
    await lock.release();
  });

  it("does not take over a dead holder's record when the lock directory is a newer one", async () => {
    const dir = makeTempDir();
    mkdirSync(join(dir, LOCK_DIR));
    writeFileSync(join(dir, LOCK_HOLDER_FILE), JSON.stringify({ pid: deadPid(), host: hostname(), startedAt: "2026-01-01T00:00:00.000Z", lockInode: statSync(join(dir, LOCK_DIR)).ino + 1 }));
    await expect(lockRunFolder(dir)).rejects.toThrow(/run folder in use by pid \d+/);
  });

  it("takes over a lock not refreshed within the stale time (a holder on another host, or unnamed)", async () => {
    for (const holder of [{ pid: 1, host: "elsewhere", startedAt: "2026-01-01T00:00:00.000Z", lockInode: 0 }, undefined]) {
      const dir = makeTempDir();
      mkdirSync(join(dir, LOCK_DIR));
      if (holder !== undefined) writeFileSync(join(dir, LOCK_HOLDER_FILE), JSON.stringify(holder));
      await expect(lockRunFolder(dir)).rejects.toThrow(holder === undefined ? /in use by an unnamed process/ : /in use by pid 1 on elsewhere, since 2026-01-01T00:00:00.000Z/);
      const old = new Date(Date.now() - STALE_AFTER_MS - 5_000);
      utimesSync(join(dir, LOCK_DIR), old, old);
      const lock = await lockRunFolder(dir);
      expect(JSON.parse(readFileSync(join(dir, LOCK_HOLDER_FILE), "utf8")).pid).toBe(process.pid);
      await lock.release();
    }
  });

  it("a dry run takes no lock", async () => {
    const dir = makeTempDir();
    const lock = await lockRunFolder(dir);
    const summary = await runItems(items, { outputDir: dir, backend, dryRun: true, progress: "none", output: captureStream() });
    expect(summary.dryRun).toBe(true);
    await lock.release();
  });
});
