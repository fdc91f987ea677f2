/**
 * The `distalign` command line: a thin wrapper over the library. Every command's failure that
 * distalign anticipates prints one line, `distalign: <what is wrong>`, and exits non-zero:
 *
 * - 0: done, and the numbers printed and written are right;
 * - 1: bad or missing data, a failed download, a file or folder that cannot be read or written;
 * - 2: a usage error: an unknown command or option, a bad flag value, no command at all (the
 *   help is then printed on stderr);
 * - 70: a bug (an error distalign did not anticipate), printed with its stack.
 *
 * `bin/distalign.cjs` calls `main`; importing this module runs nothing.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Command, CommanderError } from "commander";
import { DistalignError, loadLazily, projectRoot, UsageError } from "../offline";
import { registerDataCommands } from "./data-command";
import { flagMessage } from "./flags";
import { registerReproduceCommand } from "./reproduce-command";
import { registerSurveyCommand } from "./survey-command";

/** The version in package.json. */
function packageVersion(): string {
  return (JSON.parse(readFileSync(join(projectRoot(), "package.json"), "utf8")) as { version: string }).version;
}

/**
 * Builds the program for a command line. The commands that make no live call (`reproduce`,
 * `data`, `survey`) are always registered; the live ones (live-commands.ts, which load the whole
 * library) unless the command line names one of the former, so those start faster.
 * @param argv as `process.argv`
 */
async function buildProgram(argv: readonly string[]): Promise<Command> {
  const program = new Command("distalign")
    .description("Benchmark the distributional alignment of language models (Meister et al., 2024)")
    .version(packageVersion(), "--version", "print the version")
    // Commander's own error lines are printed by `reportError`, as one line like every other error.
    .configureOutput({ outputError: () => undefined })
    .exitOverride();
  registerReproduceCommand(program);
  registerDataCommands(program);
  registerSurveyCommand(program);
  const named = argv.slice(2).find((arg) => !arg.startsWith("-"));
  if (!program.commands.some((command) => command.name() === named)) {
    const live = await loadLazily(() => require("./live-commands") as typeof import("./live-commands"), () => import("./live-commands"));
    live.registerLiveCommands(program);
  }
  return program;
}

/** What a Node file-system error code means, as printed after the path. */
const FILE_SYSTEM_ERRORS: Readonly<Record<string, string>> = {
  EACCES: "permission denied",
  EPERM: "operation not permitted",
  EROFS: "read-only file system",
  ENOSPC: "no space left on device",
  EDQUOT: "disk quota exceeded",
  ENOTDIR: "not a directory (a file is in the way)",
  EISDIR: "is a directory",
  EEXIST: "already exists",
  ENOENT: "no such file or directory",
  ENOTEMPTY: "directory not empty",
  ENAMETOOLONG: "name too long",
  ELOOP: "too many symbolic links",
  EMFILE: "too many open files",
  ENFILE: "too many open files in the system",
  EBUSY: "resource busy",
  EXDEV: "cannot move across file systems",
  EIO: "input/output error",
};

/** A Node file-system error (`fs`, `fs/promises`, streams): a known `code` and the `path` at fault. */
interface FileSystemError extends Error {
  readonly code: string;
  readonly path?: string;
  readonly dest?: string;
  readonly syscall?: string;
}

/** The file-system error that caused `error`, looking through `cause` links; undefined if none. */
export function fileSystemError(error: unknown): FileSystemError | undefined {
  const seen = new Set<unknown>();
  for (let e = error; e instanceof Error && !seen.has(e); e = e.cause) {
    seen.add(e);
    const code = (e as Partial<FileSystemError>).code;
    if (typeof code === "string" && Object.hasOwn(FILE_SYSTEM_ERRORS, code) && (typeof (e as Partial<FileSystemError>).syscall === "string" || typeof (e as Partial<FileSystemError>).path === "string")) {
      return e as FileSystemError;
    }
  }
  return undefined;
}

/** A file-system error as one line: `<path>: <what> (<code>)`, or `<path> → <dest>: …` for a rename or copy. */
export function describeFileSystemError(error: FileSystemError): string {
  const what = FILE_SYSTEM_ERRORS[error.code] ?? error.code.toLowerCase();
  const where = error.path === undefined ? error.syscall ?? "file system" : error.dest === undefined ? error.path : `${error.path} → ${error.dest}`;
  return `${where}: ${what} (${error.code})`;
}

/** Commander errors that are not failures: `--help`, `--version`. */
const COMMANDER_SUCCESS = new Set(["commander.helpDisplayed", "commander.version"]);

/**
 * Prints an error as one line on stderr and returns the exit code (see the module comment).
 * A file-system error is reported as `distalign: <path>: <what> (<code>)` even when wrapped in a
 * plain error's `cause`.
 */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) {
    if (COMMANDER_SUCCESS.has(error.code)) return 0;
    // `commander.help`: `help [command]` (stdout, exit code 0), or no command given (the help on stderr).
    if (error.code === "commander.help") return error.exitCode === 0 ? 0 : 2;
    const message = error.message.replace(/^error: /, "").replace(/\s*\n\s*/g, " ").trim();
    process.stderr.write(`distalign: ${message} (add --help for usage)\n`);
    return 2;
  }
  if (error instanceof DistalignError) {
    const message = flagMessage(error);
    process.stderr.write(`distalign: ${message.replace(/\s*\n\s*/g, " ")}\n`);
    const { exitCode } = error as { exitCode?: unknown };
    if (typeof exitCode === "number") return exitCode;
    return error instanceof UsageError ? 2 : 1;
  }
  const fsError = fileSystemError(error);
  if (fsError !== undefined) {
    process.stderr.write(`distalign: ${describeFileSystemError(fsError)}\n`);
    return 1;
  }
  process.stderr.write(`distalign: unexpected error (a bug, please report it)\n${(error as Error)?.stack ?? String(error)}\n`);
  return 70;
}

/**
 * Runs the command line and returns its exit code; never throws, never calls `process.exit`.
 * @param argv as `process.argv`: the node binary, the script, then the arguments
 */
export async function main(argv: readonly string[] = process.argv): Promise<number> {
  try {
    await (await buildProgram(argv)).parseAsync([...argv]);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}
