/**
 * The `distalign` command line: a thin wrapper over the library. Every command's failure that
 * distalign anticipates prints one line, `distalign: <what is wrong>`, and exits non-zero.
 */
import { Command, CommanderError, Option } from "commander";
import { DistalignError, UsageError } from "../errors";
import { registerDataCommands } from "./data-command";
import { registerReproduceCommand } from "./reproduce-command";
import { registerCacheCommand } from "./cache-command";
import { registerRunCommand } from "./run-command";

/** Builds the program; exported for tests. */
export function buildProgram(): Command {
  const program = new Command("distalign")
    .description("Benchmark the distributional alignment of language models (Meister et al., 2024)")
    .showHelpAfterError("(add --help for usage)")
    .exitOverride();
  registerReproduceCommand(program);
  registerDataCommands(program);
  registerRunCommand(program);
  registerCacheCommand(program);
  return program;
}

/** Prints an error as one line and returns the exit code. */
export function reportError(error: unknown): number {
  if (error instanceof CommanderError) return error.exitCode;
  if (error instanceof DistalignError) {
    process.stderr.write(`distalign: ${error.message}\n`);
    const { exitCode } = error as { exitCode?: unknown };
    if (typeof exitCode === "number") return exitCode;
    return error instanceof UsageError ? 2 : 1;
  }
  process.stderr.write(`distalign: unexpected error (a bug, please report it)\n${(error as Error).stack ?? String(error)}\n`);
  return 70;
}

/** Parses a positive integer flag value. */
export function positiveInteger(name: string): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < 1) throw new UsageError(`${name} must be a positive integer (got "${value}")`);
    return n;
  };
}

/** A choice option whose bad value is reported by commander with the valid choices. */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  return new Option(flags, description).choices(choices);
}

async function main(argv: readonly string[]): Promise<number> {
  try {
    await buildProgram().parseAsync(argv as string[]);
    return 0;
  } catch (error) {
    return reportError(error);
  }
}

if (require.main === module || process.argv[1]?.endsWith("distalign.cjs")) {
  main(process.argv).then((code) => {
    process.exitCode = code;
  });
}
