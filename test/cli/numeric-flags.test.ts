/**
 * Every numeric flag of `run`, `score` and `cache` accepts decimal digits only: an empty value,
 * an exponent, hex, a sign, a fraction where an integer is wanted, blanks, `Infinity` or `NaN`
 * is a one-line usage error (exit 2) naming the flag, never a number read some other way.
 */
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main";

/** What a flag takes. */
type Kind = "positive integer" | "non-negative integer" | "non-negative number";

/** Values no numeric flag accepts. */
const BAD_FOR_ALL = ["", " ", "1e3", "0x10", "0b1", "0o7", "-1", "+1", " 1", "1 ", "1_000", "1,5", "abc", "Infinity", "-Infinity", "NaN", "1e400", "９"];
/** Values bad for some kinds only. */
const BAD_FOR: Record<Kind, readonly string[]> = {
  "positive integer": ["0", "00", "1.5", "1.", ".5", "9007199254740993"],
  "non-negative integer": ["1.5", "1.", ".5", "9007199254740993"],
  "non-negative number": ["-0", "-.5", "."],
};

/** Every numeric flag, with the command line before it. */
const FLAGS: readonly (readonly [command: readonly string[], flag: string, kind: Kind])[] = [
  [["run", "--model", "paper/gpt-4"], "--limit", "positive integer"],
  [["run", "--model", "paper/gpt-4"], "--samples", "positive integer"],
  [["run", "--model", "paper/gpt-4"], "--seed", "non-negative integer"],
  [["run", "--model", "paper/gpt-4"], "--temperature", "non-negative number"],
  [["run", "--model", "paper/gpt-4"], "--max-tokens", "positive integer"],
  [["run", "--model", "paper/gpt-4"], "--concurrency", "positive integer"],
  [["run", "--model", "paper/gpt-4"], "--budget", "non-negative number"],
  [["run", "--model", "anthropic/claude-sonnet-4-5"], "--thinking-budget", "non-negative integer"],
  [["run", "--model", "paper/gpt-4"], "--iterations", "positive integer"],
  [["score", "output/runs/none"], "--seed", "non-negative integer"],
  [["score", "output/runs/none"], "--iterations", "positive integer"],
];

async function distalign(args: readonly string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const out = { stdout: "", stderr: "" };
  const writes = { stdout: process.stdout.write, stderr: process.stderr.write };
  process.stdout.write = ((chunk: string | Uint8Array) => ((out.stdout += String(chunk)), true)) as typeof process.stdout.write;
  process.stderr.write = ((chunk: string | Uint8Array) => ((out.stderr += String(chunk)), true)) as typeof process.stderr.write;
  try {
    const status = await main([process.execPath, "distalign", ...args]);
    return { status, ...out };
  } finally {
    process.stdout.write = writes.stdout;
    process.stderr.write = writes.stderr;
  }
}

describe("numeric flags", () => {
  for (const [command, flag, kind] of FLAGS) {
    const bad = [...BAD_FOR_ALL, ...BAD_FOR[kind]];
    it(`${command[0]} ${flag}: ${bad.length} bad values are each one usage line, exit 2`, async () => {
      for (const value of bad) {
        for (const args of [[...command, `${flag}=${value}`], [...command, flag, value]]) {
          const result = await distalign(args);
          const label = JSON.stringify(args);
          // `--flag -1` as two words: commander may read "-1" as an unknown option, which is a usage error too.
          if (value.startsWith("-") && args.length === command.length + 2) {
            expect(result.status, label).toBe(2);
            expect(result.stderr, label).toMatch(/^distalign: [^\n]+\n$/);
            continue;
          }
          expect(result.stderr, label).toMatch(new RegExp(`^distalign: ${flag} must be a ${kind}( up to \\d+)? \\(got "${value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}"\\)\\n$`));
          expect(result.status, label).toBe(2);
          expect(result.stdout, label).toBe("");
        }
      }
    });
  }

  it("--seed stops at the largest 32-bit seed, which a larger one would repeat", async () => {
    const result = await distalign(["score", "output/runs/none", "--seed", "4294967296"]);
    expect(result.stderr).toBe('distalign: --seed must be a non-negative integer up to 4294967295 (got "4294967296")\n');
    expect(result.status).toBe(2);
  });

  it("cache subcommands take no numeric flag", async () => {
    for (const sub of ["stats", "verify"]) {
      const result = await distalign(["cache", sub, "--help"]);
      expect(result.status).toBe(0);
      expect(result.stdout).toMatch(/--cache-dir/);
      expect(result.stdout).not.toMatch(/<n>|<count>|<usd>|<t>/);
    }
  });
});
