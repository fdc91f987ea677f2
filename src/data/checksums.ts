/**
 * Checksum lists: `SHA256SUMS` of the data folder and the project's own manifest of the files
 * it needs (data/manifest.json), with the upstream sha256 of each and, for annotator exports,
 * the sha256 after pseudonymisation.
 */
import { createHash } from "node:crypto";
import { DataError } from "../errors";

/** One file of the manifest. */
export interface ManifestFile {
  /** Path relative to the repository root, e.g. `nytimes/NONE_data.json`. */
  readonly path: string;
  /** sha256 of the upstream file. */
  readonly sha256: string;
  /** sha256 after pseudonymisation, for files that hold annotator identifiers. */
  readonly sha256Pseudonymised?: string;
}

/** The upstream source and the files the project needs from it. */
export interface Manifest {
  readonly repository: string;
  readonly commit: string;
  readonly files: readonly ManifestFile[];
}

/** The lowercase hex sha256 of bytes or text. */
export function sha256Hex(content: string | Uint8Array): string {
  return createHash("sha256").update(content).digest("hex");
}

/**
 * Parses a SHA256SUMS listing: `sha256  path`, or `upstream-sha256  local-sha256  path` for
 * pseudonymised files; `#` lines are comments.
 * @throws {DataError} naming the line that is neither
 */
export function parseSha256Sums(text: string, file = "SHA256SUMS"): ManifestFile[] {
  const out: ManifestFile[] = [];
  text.split("\n").forEach((line, index) => {
    if (line.trim() === "" || line.startsWith("#")) return;
    const match = /^([0-9a-f]{64})  (?:([0-9a-f]{64})  )?(.+)$/.exec(line);
    if (match === null) throw new DataError(`${file}: line ${index + 1}: not "sha256  path"`, file);
    const [, sha256, pseudonymised, path] = match as unknown as [string, string, string | undefined, string];
    out.push(pseudonymised === undefined ? { path, sha256 } : { path, sha256, sha256Pseudonymised: pseudonymised });
  });
  return out;
}
