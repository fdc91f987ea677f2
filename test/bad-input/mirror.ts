/**
 * Corrupted copies of the benchmark data directory, built cheaply: a temporary folder that
 * mirrors the data directory with symbolic links, where only the folders on the way to the
 * corrupted file are real and only that file is a modified copy.
 */
import { lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, isAbsolute, join, relative, sep } from "node:path";

/**
 * Creates the mirror of `dataDir` in a new folder (`prefix` + random; under the OS temp dir unless absolute), with `replacements`
 * (relative path → new content, or null to delete the file) written as real files.
 * @returns the mirror's path; the caller removes it
 */
export function corruptedDataDir(dataDir: string, replacements: Readonly<Record<string, string | Uint8Array | null>>, prefix = "distalign-bad-"): string {
  const root = mkdtempSync(isAbsolute(prefix) ? prefix : join(tmpdir(), prefix));
  const expanded = new Set<string>([""]);
  for (const path of Object.keys(replacements)) {
    const parts = path.split(sep);
    for (let i = 1; i < parts.length; i++) expanded.add(parts.slice(0, i).join(sep));
  }
  const build = (rel: string) => {
    mkdirSync(join(root, rel), { recursive: true });
    for (const name of readdirSync(join(dataDir, rel))) {
      const child = rel === "" ? name : join(rel, name);
      if (child in replacements) continue;
      if (expanded.has(child) && lstatSync(join(dataDir, child)).isDirectory()) build(child);
      else symlinkSync(join(dataDir, child), join(root, child));
    }
  };
  build("");
  for (const [path, content] of Object.entries(replacements)) {
    if (content === null) continue;
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), content);
  }
  return root;
}

/** The text of a data file. */
export function readData(dataDir: string, path: string): string {
  return readFileSync(join(dataDir, path), "utf8");
}

/** A path relative to the data directory, for messages. */
export function relativeTo(dataDir: string, file: string): string {
  return relative(dataDir, file);
}
