/**
 * Parsers of the command's flag values, shared by its subcommands. A bad value is a
 * `UsageError` naming the flag.
 */
import { Option } from "commander";
import { type DistalignError, RunFolderLockedError, UsageError } from "../offline";

/** Library options whose flag is not the option in kebab case. */
const FLAGS: Readonly<Record<string, string>> = { models: "--model", datasets: "--dataset", steerings: "--steering", methods: "--method", outputDir: "--out" };

/** The flag of a library option: `limit` → `--limit`, `maxTokens` → `--max-tokens`, `datasets` → `--dataset`. */
export function flagOf(option: string): string {
  return FLAGS[option] ?? `--${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;
}

/**
 * Library names that messages mention in hints ("use another outputDir", "re-run with
 * retryFailed"), with what the command line says instead. Each is camel case or a function name,
 * so no English word is taken for one.
 */
export const MENTIONED_OPTIONS: Readonly<Record<string, string>> = {
  outputDir: "--out",
  retryFailed: "--retry-failed",
  maxTokens: "--max-tokens",
  cacheDir: "--cache-dir",
  cacheMode: "--cache-mode",
  baseUrl: "--base-url",
  declareCapabilities: "--capabilities FILE",
};

const MENTION = new RegExp(`\\b(${Object.keys(MENTIONED_OPTIONS).join("|")})\\b`, "g");

/** Text of the library (a hint, a report line) as the command line says it: every name of `MENTIONED_OPTIONS` becomes its flag. */
export function flagText(text: string): string {
  return text.replace(MENTION, (name) => MENTIONED_OPTIONS[name] as string);
}

/**
 * An error's message as the command line says it: a usage error's leading option name becomes its
 * flag (`limit must be …` → `--limit must be …`), and the options a usage or run-folder error
 * mentions later become theirs (`flagText`). Other errors (bad data: a file and its key) are left alone.
 */
export function flagMessage(error: DistalignError): string {
  if (!(error instanceof UsageError || error instanceof RunFolderLockedError)) return error.message;
  const { message } = error;
  const option = error instanceof UsageError ? error.option : undefined;
  if (option === undefined || !message.startsWith(option)) return flagText(message);
  return flagOf(option) + flagText(message.slice(option.length));
}

/** A flag value as a decimal integer: digits only (no sign, exponent, hex, fraction or blanks). */
function parseDecimal(name: string, value: string, what: string, min: number, max: number): number {
  const n = /^[0-9]+$/.test(value) ? Number(value) : Number.NaN;
  if (!Number.isSafeInteger(n) || n < min || n > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? "" : ` up to ${max}`;
    throw new UsageError(`${name} must be a ${what}${range} (got "${value}")`);
  }
  return n;
}

/**
 * Parses a positive integer flag value (1, 2, …), written in decimal digits.
 * @throws {UsageError} naming the flag on anything else ("", "0", "-1", "1.5", "1e3", "0x10", "abc")
 */
export function positiveInteger(name: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => parseDecimal(name, value, "positive integer", 1, max);
}

/** The largest seed: seeds are 32-bit (`mulberry32`), so 2^32 would repeat seed 0's stream. */
export const MAX_SEED = 0xffff_ffff;

/**
 * Parses a non-negative integer flag value (0, 1, …), written in decimal digits; for seeds.
 * @throws {UsageError} naming the flag on anything else ("", "-1", "1.5", "1e3", "abc")
 */
export function nonNegativeInteger(name: string, max = Number.MAX_SAFE_INTEGER): (value: string) => number {
  return (value) => parseDecimal(name, value, "non-negative integer", 0, max);
}

/**
 * Parses a finite non-negative decimal number flag value (`0`, `0.7`, `1.`, `.5`; for a
 * temperature or a budget in USD).
 * @throws {UsageError} naming the flag on anything else ("", "-1", "1e400", "Infinity", "NaN", "0x10", "abc")
 */
export function nonNegativeNumber(name: string): (value: string) => number {
  return (value) => {
    const n = /^(?:[0-9]+\.?[0-9]*|\.[0-9]+)$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || n < 0) throw new UsageError(`${name} must be a non-negative number (got "${value}")`);
    return n;
  };
}

/** A choice option whose bad value is reported by commander with the valid choices. */
export function choiceOption(flags: string, description: string, choices: readonly string[]): Option {
  return new Option(flags, description).choices(choices);
}
