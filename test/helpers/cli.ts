/**
 * Runs the `distalign` command as a user would: `node bin/distalign.cjs …` in a child process,
 * collecting its exit status and output.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { testDataDir } from "./data-dir";

/** The command's entry point. */
export const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");

/** What a command did: its exit status (null when killed by a signal) and its output. */
export interface CliOutcome {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/** Options of `distalign`. */
export interface CliOptions {
  /**
   * The environment is `env` alone, not laid over this process's (for tests that decide exactly
   * which keys and base URLs the command sees). @default false
   */
  readonly exactEnv?: boolean;
  /** Kills the command (SIGKILL) after this long, so a hang fails the test. @unit milliseconds @default 0 (none) */
  readonly timeoutMs?: number;
}

/**
 * Runs `distalign <args>`. By default the environment is this process's with the test data
 * directory as `DISTALIGN_DATA_DIR`, and `env` laid over it.
 */
export function distalign(args: readonly string[], env: NodeJS.ProcessEnv = {}, options: CliOptions = {}): Promise<CliOutcome> {
  const environment = options.exactEnv === true ? env : { ...process.env, DISTALIGN_DATA_DIR: testDataDir(), ...env };
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      { env: environment, maxBuffer: 1 << 24, timeout: options.timeoutMs ?? 0, killSignal: "SIGKILL" },
      (error, stdout, stderr) => {
        const status = error === null ? 0 : typeof error.code === "number" ? error.code : null;
        resolve({ status, stdout, stderr });
      },
    );
  });
}
