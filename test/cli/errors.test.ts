/**
 * Anticipated failures of the command line are one line and an exit code, never "unexpected
 * error (a bug)" with a stack: file-system errors on output folders, the cache folder and the
 * download destination (forced with a file where a folder is expected, /proc, /sys and
 * /dev/full, since chmod does not stop root), bad flag values, and the parsers behind them.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nonNegativeInteger, nonNegativeNumber, positiveInteger } from "../../src/cli/flags";
import { describeFileSystemError, fileSystemError, reportError } from "../../src/cli/main";
import { DataError, UsageError } from "../../src/errors";
import { makeDirectory, makeDirectorySync, writeFileNamedSync } from "../../src/files";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";
import { BIN, distalign } from "../helpers/cli";


interface Result {
  status: number | null;
  stdout: string;
  stderr: string;
}


/** The one stderr line, checked to start `distalign: ` and carry no stack. */
function oneLine(run: Result): string {
  const lines = run.stderr.split("\n").filter((l) => l !== "");
  expect(lines, run.stderr).toHaveLength(1);
  expect(lines[0]).toMatch(/^distalign: /);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
  return lines[0] as string;
}

/** A regular file, to stand where a folder is expected. */
function aFile(): string {
  const file = join(makeTempDir(), "a-file");
  writeFileSync(file, "not a folder\n");
  return file;
}

const REPRODUCE = ["reproduce", "--mode", "paper", "--model", "gpt-4", "--iterations", "5", "--quiet", "--out"];

describe("an output folder that cannot be written is one line, exit 1", () => {
  const cases: [string, () => string, RegExp][] = [
    ["a file", () => aFile(), /^distalign: (\/.*\/a-file): already exists \(EEXIST\)$/],
    ["below a file", () => join(aFile(), "tables"), /^distalign: (\/.*\/a-file\/tables): not a directory \(a file is in the way\) \(ENOTDIR\)$/],
    ["two levels below a file", () => join(aFile(), "a", "b"), /^distalign: (\/.*\/a-file\/a\/b): not a directory \(a file is in the way\) \(ENOTDIR\)$/],
    ["in /proc (Node's recursive mkdir would loop forever)", () => `/proc/distalign-test-${process.pid}/tables`, /^distalign: (\/proc\/distalign-test-\d+): no such file or directory \(ENOENT\)$/],
    ["in /sys", () => `/sys/distalign-test-${process.pid}`, /^distalign: (\/sys\/distalign-test-\d+): (operation not permitted \(EPERM\)|read-only file system \(EROFS\)|permission denied \(EACCES\))$/],
    [
      "a folder where a table file goes",
      () => {
        const dir = makeTempDir();
        mkdirSync(join(dir, "table1a.csv"));
        return dir;
      },
      /^distalign: (\/.*\/table1a\.csv): is a directory \(EISDIR\)$/,
    ],
    [
      "a full disk (/dev/full)",
      () => {
        const dir = makeTempDir();
        symlinkSync("/dev/full", join(dir, "table1a.csv"));
        return dir;
      },
      /^distalign: (\/.*\/table1a\.csv): no space left on device \(ENOSPC\)$/,
    ],
  ];
  it.each(cases)("reproduce --out %s", async (_name, makeOut, line) => {
    const out = makeOut();
    const run = await distalign([...REPRODUCE, out], {}, { timeoutMs: 30_000 });
    expect(run.stdout).toBe("");
    const path = line.exec(oneLine(run))?.[1];
    expect(path, oneLine(run)).toBeDefined();
    // the path named is the folder asked for, a parent of it, or a file in it
    expect(out.startsWith(path as string) || (path as string).startsWith(out)).toBe(true);
    expect(run.status).toBe(1);
  });

  it("reproduce --out a new nested folder works (the control)", async () => {
    const out = join(makeTempDir(), "a", "b", "c");
    const run = await distalign([...REPRODUCE, out]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(readFileSync(join(out, "table1a.csv"), "utf8")).toMatch(/^model,method,mean,half_width,parse_rate\n/);
  });

  it.each([
    ["a file", () => aFile(), /^distalign: \/.*\/a-file: (already exists \(EEXIST\)|not a directory \(a file is in the way\) \(ENOTDIR\))$/],
    ["below a file", () => join(aFile(), "upstream"), /^distalign: \/.*\/a-file\/upstream: not a directory \(a file is in the way\) \(ENOTDIR\)$/],
    ["in /proc", () => `/proc/distalign-test-${process.pid}/upstream`, /^distalign: \/proc\/distalign-test-\d+: no such file or directory \(ENOENT\)$/],
  ])("data fetch --dest %s, before any download", async (_name, makeDest, line) => {
    // a closed port as the server: the command must fail on the destination, not on the download
    const run = await distalign(["data", "fetch", "--dest", makeDest(), "--base-url", "http://127.0.0.1:9"], {}, { timeoutMs: 30_000 });
    expect(oneLine(run)).toMatch(line);
    expect(run.status).toBe(1);
  });
});

describe("a cache folder that cannot be read is one line, exit 1", () => {
  it.each([
    ["DISTALIGN_CACHE_DIR", (dir: string) => ({ args: [] as string[], env: { DISTALIGN_CACHE_DIR: dir } })],
    ["--cache-dir", (dir: string) => ({ args: ["--cache-dir", dir], env: {} })],
  ])("cache stats with %s a file", async (_name, make) => {
    const file = aFile();
    const { args, env } = make(file);
    const run = await distalign(["cache", "stats", ...args], env);
    expect(oneLine(run)).toBe(`distalign: ${file}: not a directory (a file is in the way) (ENOTDIR)`);
    expect(run.status).toBe(1);
  });
});

describe("errors thrown outside a command's promise", () => {
  function withPreload(code: string): Promise<Result> {
    const preload = join(makeTempDir(), "throw-later.cjs");
    writeFileSync(preload, code);
    return new Promise((resolve) => {
      execFile(process.execPath, ["-r", preload, BIN, "data", "path"], { env: { ...process.env, DISTALIGN_DATA_DIR: testDataDir() } }, (error, stdout, stderr) => {
        resolve({ status: error === null ? 0 : typeof error.code === "number" ? error.code : null, stdout, stderr });
      });
    });
  }

  it("an uncaught file-system error is one line, exit 1", async () => {
    const run = await withPreload('setTimeout(() => require("fs").readFileSync("/nonexistent/distalign-file"), 0);');
    expect(oneLine(run)).toBe("distalign: /nonexistent/distalign-file: no such file or directory (ENOENT)");
    expect(run.status).toBe(1);
  });

  it("an unhandled rejection of a bug is reported as a bug, exit 70", async () => {
    const run = await withPreload('setTimeout(() => Promise.reject(new TypeError("x is undefined")), 0);');
    expect(run.stderr).toMatch(/^distalign: unexpected error \(a bug, please report it\)\nTypeError: x is undefined\n\s+at /);
    expect(run.status).toBe(70);
  });
});

describe("bad flag values are usage errors: one line, exit 2", () => {
  it.each(["0", "-1", "1.5", "1e3", "0x10", "abc", "", " 5", "5 ", "+5", "9007199254740993", "Infinity"])("reproduce --iterations %j", async (value) => {
    const run = await distalign(["reproduce", "--iterations", value, "--quiet", "--out", makeTempDir()]);
    expect(oneLine(run)).toBe(`distalign: --iterations must be a positive integer (got "${value}")`);
    expect(run.status).toBe(2);
  });
});

describe("flag parsers", () => {
  it("positiveInteger takes decimal digits from 1 up", () => {
    const parse = positiveInteger("--n");
    expect(["1", "7", "1000", "007", "9007199254740991"].map(parse)).toEqual([1, 7, 1000, 7, 9007199254740991]);
    for (const bad of ["0", "00", "-1", "1.0", "1.5", "1e3", "0x10", "0b1", "abc", "", " ", " 5", "5\n", "+5", "1_000", "9007199254740992", "Infinity", "NaN"]) {
      expect(() => parse(bad), bad).toThrow(new UsageError(`--n must be a positive integer (got "${bad}")`));
    }
    expect(() => positiveInteger("--n", 8)("9")).toThrow(new UsageError('--n must be a positive integer up to 8 (got "9")'));
    expect(positiveInteger("--n", 8)("8")).toBe(8);
  });

  it("nonNegativeInteger takes decimal digits from 0 up (seeds)", () => {
    const parse = nonNegativeInteger("--seed");
    expect(["0", "00", "1", "4294967295", "9007199254740991"].map(parse)).toEqual([0, 0, 1, 4294967295, 9007199254740991]);
    for (const bad of ["-1", "-0", "1.5", "1e3", "0x10", "abc", "", " 0", "+1", "9007199254740992", "NaN"]) {
      expect(() => parse(bad), bad).toThrow(new UsageError(`--seed must be a non-negative integer (got "${bad}")`));
    }
    expect(() => nonNegativeInteger("--seed", 2 ** 32 - 1)("4294967296")).toThrow(UsageError);
  });

  it("nonNegativeNumber takes finite decimals from 0 up", () => {
    const parse = nonNegativeNumber("--budget");
    expect(["0", "0.0", "1", "0.7", ".5", "2.", "10.25"].map(parse)).toEqual([0, 0, 1, 0.7, 0.5, 2, 10.25]);
    for (const bad of ["-1", "-0.5", "1e400", "1e3", "Infinity", "NaN", "0x10", "abc", "", " 1", "1,5", "."]) {
      expect(() => parse(bad), bad).toThrow(new UsageError(`--budget must be a non-negative number (got "${bad}")`));
    }
  });
});

describe("reportError", () => {
  function report(error: unknown): { code: number; text: string } {
    const chunks: string[] = [];
    const write = process.stderr.write;
    process.stderr.write = ((chunk: string) => {
      chunks.push(chunk);
      return true;
    }) as typeof process.stderr.write;
    try {
      return { code: reportError(error), text: chunks.join("") };
    } finally {
      process.stderr.write = write;
    }
  }

  function thrown(action: () => void): unknown {
    try {
      action();
    } catch (error) {
      return error;
    }
    throw new Error("did not throw");
  }

  it("prints a file-system error as <path>: <what> (<code>), also as another error's cause", () => {
    const file = aFile();
    const enotdir = thrown(() => writeFileSync(join(file, "x.csv"), ""));
    expect(report(enotdir)).toEqual({ code: 1, text: `distalign: ${join(file, "x.csv")}: not a directory (a file is in the way) (ENOTDIR)\n` });
    const wrapped = new Error("writing the tables failed", { cause: enotdir });
    expect(report(wrapped)).toEqual({ code: 1, text: `distalign: ${join(file, "x.csv")}: not a directory (a file is in the way) (ENOTDIR)\n` });
    const eisdir = thrown(() => readFileSync(makeTempDir()));
    expect(report(eisdir).text).toMatch(/^distalign: (.*): is a directory \(EISDIR\)\n$|^distalign: read: is a directory \(EISDIR\)\n$/);
  });

  it("names the path of a failed write that Node reports without one", () => {
    const error = thrown(() => writeFileNamedSync("/dev/full", "x"));
    expect(report(error)).toEqual({ code: 1, text: "distalign: /dev/full: no space left on device (ENOSPC)\n" });
  });

  it("prints distalign's errors as one line: 1 for data, 2 for usage", () => {
    expect(report(new DataError("f.json: key: bad (1)"))).toEqual({ code: 1, text: "distalign: f.json: key: bad (1)\n" });
    expect(report(new UsageError("--x must be y"))).toEqual({ code: 2, text: "distalign: --x must be y\n" });
    // A DataError keeps a line break of a key visible as `\n`; other messages fold it into a space.
    expect(report(new DataError("a\nb"))).toEqual({ code: 1, text: "distalign: a\\nb\n" });
    expect(report(new UsageError("a\nb"))).toEqual({ code: 2, text: "distalign: a b\n" });
  });

  it("prints an unanticipated error as a bug, with its stack, exit 70", () => {
    const { code, text } = report(new TypeError("x is undefined"));
    expect(code).toBe(70);
    expect(text).toMatch(/^distalign: unexpected error \(a bug, please report it\)\nTypeError: x is undefined\n\s+at /);
    expect(report(Object.assign(new Error("no path or syscall"), { code: "ENOENT" })).code).toBe(70);
    expect(fileSystemError(new Error("plain"))).toBeUndefined();
  });

  it("describes a rename's two paths", () => {
    const error = Object.assign(new Error("x"), { code: "EXDEV", syscall: "rename", path: "/a", dest: "/b" });
    expect(describeFileSystemError(error)).toBe("/a → /b: cannot move across file systems (EXDEV)");
  });
});

describe("makeDirectory", () => {
  it("creates nested folders and accepts existing ones", async () => {
    const root = makeTempDir();
    makeDirectorySync(join(root, "a", "b"));
    makeDirectorySync(join(root, "a", "b"));
    await makeDirectory(join(root, "c", "d"));
    await makeDirectory(join(root, "c", "d"));
    expect([statSync(join(root, "a", "b")).isDirectory(), statSync(join(root, "c", "d")).isDirectory()]).toEqual([true, true]);
  });

  it("fails, instead of looping, where the file system refuses", async () => {
    const file = aFile();
    for (const [dir, code, path] of [
      [`/proc/distalign-test-${process.pid}/a/b`, "ENOENT", `/proc/distalign-test-${process.pid}`],
      [join(file, "a"), "ENOTDIR", join(file, "a")],
      [file, "EEXIST", file],
    ] as const) {
      expect(() => makeDirectorySync(dir)).toThrow(expect.objectContaining({ code, path }));
      await expect(makeDirectory(dir)).rejects.toMatchObject({ code, path });
    }
  });
});
