/**
 * The project as a user has it after `git clone` and `npm ci`, for running `npx distalign …`
 * exactly as typed: a temporary copy of every file git would check out (committed, plus new files
 * not ignored, as they are in the working tree), with this checkout's node_modules linked in.
 * No data/upstream, output/, cache/ entries or .env come along.
 */
import { spawn, spawnSync } from "node:child_process";
import { copyFileSync, lstatSync, mkdirSync, mkdtempSync, readlinkSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";

/** The checkout the tests run in. */
export const REPO = join(__dirname, "..", "..");

/** A fresh copy of the project; `remove()` deletes it. */
export interface FreshClone {
  readonly dir: string;
  /** npm's cache for this copy, so npx's per-project link does not pile up in the user's ~/.npm. */
  readonly npmCache: string;
  remove(): void;
}

/** Copies the project's files (as `git ls-files` lists them) into a new temporary folder. */
export function freshClone(): FreshClone {
  const root = mkdtempSync(join(tmpdir(), "distalign-clone-"));
  const dir = join(root, "distalign");
  const listed = spawnSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { cwd: REPO, encoding: "utf8" });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const path of listed.stdout.split("\0").filter((p) => p !== "")) {
    const source = join(REPO, path);
    const stats = lstatSync(source, { throwIfNoEntry: false });
    if (stats === undefined) continue; // deleted in the working tree
    const target = join(dir, path);
    mkdirSync(dirname(target), { recursive: true });
    if (stats.isSymbolicLink()) symlinkSync(readlinkSync(source), target);
    else copyFileSync(source, target);
  }
  symlinkSync(join(REPO, "node_modules"), join(dir, "node_modules"));
  const npmCache = join(root, "npm-cache");
  return { dir, npmCache, remove: () => rmSync(root, { recursive: true, force: true }) };
}

/** What a command did. */
export interface CommandResult {
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** The environment of a command in `clone`: the test's own, without distalign or provider settings, plus `env`. */
export function cloneEnv(clone: FreshClone, env: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const base: NodeJS.ProcessEnv = {};
  for (const [name, value] of Object.entries(process.env)) {
    if (/^(DISTALIGN_|OPENAI_|ANTHROPIC_|npm_)/i.test(name) || name === "INIT_CWD") continue;
    base[name] = value;
  }
  const merged: NodeJS.ProcessEnv = { ...base, npm_config_cache: clone.npmCache, npm_config_update_notifier: "false", ...env };
  for (const [name, value] of Object.entries(merged)) if (value === undefined) delete merged[name];
  return merged;
}

/**
 * Runs a command line through bash in the clone, as a user types it (`npx distalign …`), and
 * kills it after `timeoutMs`.
 */
export function runInClone(clone: FreshClone, line: string, env: Record<string, string | undefined> = {}, timeoutMs = 120_000): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn("bash", ["-c", line], { cwd: clone.dir, env: cloneEnv(clone, env), detached: true });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    const timer = setTimeout(() => {
      stderr += `\n[killed after ${timeoutMs} ms]`;
      if (child.pid !== undefined) process.kill(-child.pid, "SIGKILL");
    }, timeoutMs);
    child.on("error", reject);
    child.on("close", (status, signal) => {
      clearTimeout(timer);
      resolve({ status, signal, stdout, stderr });
    });
  });
}
