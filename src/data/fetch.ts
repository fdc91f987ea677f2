/**
 * `distalign data fetch`: downloads the files of data/manifest.json from the upstream repository
 * at the pinned commit, verifies each against its upstream sha256, pseudonymises annotator
 * exports, and stores them atomically under data/upstream/. Files already present and verified
 * are skipped, so an interrupted download resumes.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import pLimit from "p-limit";
import { projectRoot } from "../config";
import { DataError } from "../errors";
import { makeDirectorySync, writeFileAtomicSync } from "../files";
import { type Manifest, type ManifestFile, sha256Hex } from "./checksums";
import { needsPseudonymisation, pseudonymiseText } from "./pseudonymise";
import { expectArray, expectRecord, expectString } from "./validate";

/** Where raw files of a GitHub repository are served; `DISTALIGN_DATA_URL` overrides it. */
export const DEFAULT_DATA_URL = "https://raw.githubusercontent.com";

/** Loads data/manifest.json. @throws {DataError} naming the file and key when malformed */
export function loadManifest(file = join(projectRoot(), "data", "manifest.json")): Manifest {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new DataError(`${file}: cannot read manifest (${(error as Error).message})`, file, undefined, { cause: error });
  }
  const record = expectRecord(json, file, "(top level)");
  const files = expectArray(record["files"], file, "files").map((entry, i) => {
    const f = expectRecord(entry, file, `files[${i}]`);
    const out: ManifestFile = {
      path: expectString(f["path"], file, `files[${i}].path`),
      sha256: expectString(f["sha256"], file, `files[${i}].sha256`),
    };
    return f["sha256Pseudonymised"] === undefined
      ? out
      : { ...out, sha256Pseudonymised: expectString(f["sha256Pseudonymised"], file, `files[${i}].sha256Pseudonymised`) };
  });
  return {
    repository: expectString(record["repository"], file, "repository"),
    commit: expectString(record["commit"], file, "commit"),
    files,
  };
}

/** Options of `fetchData`. */
export interface FetchOptions {
  /** Destination folder. @default data/upstream */
  readonly dest: string;
  /** Base URL; a file is fetched from `<baseUrl>/<repository>/<commit>/<path>`. @default DEFAULT_DATA_URL */
  readonly baseUrl: string;
  readonly manifest: Manifest;
  /** Downloads in flight. @default 8 */
  readonly concurrency?: number;
  /** Called after each file with the counts so far. */
  readonly onProgress?: (done: number, total: number, path: string) => void;
  /** The fetch implementation. @default globalThis.fetch */
  readonly fetch?: typeof fetch;
}

/** What a fetch did. */
export interface FetchReport {
  readonly downloaded: number;
  readonly skipped: number;
  readonly bytes: number;
}

function storedSha(file: ManifestFile): string {
  return file.sha256Pseudonymised ?? file.sha256;
}

function writeAtomically(path: string, content: string | Uint8Array): void {
  makeDirectorySync(dirname(path));
  writeFileAtomicSync(path, content);
}

/**
 * Downloads and verifies every manifest file, then writes SHA256SUMS last, which marks the copy
 * complete (the data directory is only used once it exists).
 * @throws {DataError} naming the file on an HTTP error or a checksum mismatch; nothing unverified is stored
 */
export async function fetchData(options: FetchOptions): Promise<FetchReport> {
  const { dest, baseUrl, manifest } = options;
  const doFetch = options.fetch ?? globalThis.fetch;
  const limit = pLimit(options.concurrency ?? 8);
  let done = 0;
  let downloaded = 0;
  let bytes = 0;
  await Promise.all(
    manifest.files.map((file) =>
      limit(async () => {
        const target = join(dest, file.path);
        const upToDate = existsSync(target) && sha256Hex(readFileSync(target)) === storedSha(file);
        if (!upToDate) {
          const url = `${baseUrl}/${manifest.repository}/${manifest.commit}/${file.path.split("/").map(encodeURIComponent).join("/")}`;
          let response: Response;
          try {
            response = await doFetch(url);
          } catch (error) {
            throw new DataError(`data fetch: ${file.path}: download failed (${(error as Error).message})`, file.path, undefined, { cause: error });
          }
          if (!response.ok) throw new DataError(`data fetch: ${file.path}: HTTP ${response.status} from ${url}`, file.path);
          const body = new Uint8Array(await response.arrayBuffer());
          const actual = sha256Hex(body);
          if (actual !== file.sha256) {
            throw new DataError(`data fetch: ${file.path}: checksum mismatch (expected ${file.sha256.slice(0, 12)}…, got ${actual.slice(0, 12)}…)`, file.path);
          }
          const content = needsPseudonymisation(file.path) ? pseudonymiseText(file.path, Buffer.from(body).toString("utf8")) : body;
          writeAtomically(target, content);
          downloaded += 1;
          bytes += body.byteLength;
        }
        done += 1;
        options.onProgress?.(done, manifest.files.length, file.path);
      }),
    ),
  );
  const sums = [
    `# Files of ${manifest.repository} at commit ${manifest.commit}, as stored here (annotator exports pseudonymised).`,
    ...manifest.files.map((f) => `${storedSha(f)}  ${f.path}`),
  ];
  writeAtomically(join(dest, "SHA256SUMS"), `${sums.join("\n")}\n`);
  return { downloaded, skipped: manifest.files.length - downloaded, bytes };
}
