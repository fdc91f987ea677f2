import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { type Server, createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Manifest, sha256Hex } from "../../src/data/checksums";
import { fetchData } from "../../src/data/fetch";
import { pseudonym } from "../../src/data/pseudonymise";
import { testDataDir } from "../helpers/data-dir";

const REPOSITORY = "owner/benchmark";
const COMMIT = "0123456789abcdef0123456789abcdef01234567";
const PROLIFIC = "65a1b2c3d4e5f60718293a4b";
const EXPORT = `Q84,score\n${PROLIFIC},3\n`;

/** Serves files as a raw-file host does: GET /<repository>/<commit>/<path>. */
let files: Record<string, Buffer>;
let server: Server;
let baseUrl: string;
let requests: string[];

beforeAll(async () => {
  const dataDir = testDataDir();
  files = {
    "nytimes/NONE_data.json": readFileSync(join(dataDir, "nytimes/NONE_data.json")),
    "inputs/nytimes/sequence/prompt_task1.txt": readFileSync(join(dataDir, "inputs/nytimes/sequence/prompt_task1.txt")),
    "results/human_annotations/export.csv": Buffer.from(EXPORT),
  };
  requests = [];
  server = createServer((request, response) => {
    const path = decodeURIComponent(request.url ?? "").replace(`/${REPOSITORY}/${COMMIT}/`, "");
    requests.push(path);
    const body = files[path];
    if (body === undefined) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

function manifestOf(paths: string[], override: Record<string, string> = {}): Manifest {
  return { repository: REPOSITORY, commit: COMMIT, files: paths.map((path) => ({ path, sha256: override[path] ?? sha256Hex(files[path] ?? "") })) };
}

describe("fetchData", () => {
  it("downloads, verifies, pseudonymises, marks the copy complete, and skips verified files the next time", async () => {
    const dest = mkdtempSync(join(tmpdir(), "distalign-fetch-"));
    const manifest = manifestOf(Object.keys(files));
    const first = await fetchData({ dest, baseUrl, manifest });
    expect(first.downloaded).toBe(3);
    expect(readFileSync(join(dest, "nytimes/NONE_data.json"))).toEqual(files["nytimes/NONE_data.json"]);
    const stored = readFileSync(join(dest, "results/human_annotations/export.csv"), "utf8");
    expect(stored).toBe(`Q84,score\n${pseudonym(PROLIFIC)},3\n`);
    expect(readFileSync(join(dest, "SHA256SUMS"), "utf8")).toContain("  nytimes/NONE_data.json");

    requests = [];
    const manifestWithStoredSha = {
      ...manifest,
      files: manifest.files.map((f) => (f.path.endsWith(".csv") ? { ...f, sha256Pseudonymised: sha256Hex(stored) } : f)),
    };
    const second = await fetchData({ dest, baseUrl, manifest: manifestWithStoredSha });
    expect(second).toEqual({ downloaded: 0, skipped: 3, bytes: 0 });
    expect(requests).toEqual([]);
  });

  it("stores nothing whose checksum does not match, and names the file", async () => {
    const dest = mkdtempSync(join(tmpdir(), "distalign-fetch-"));
    const manifest = manifestOf(["nytimes/NONE_data.json"], { "nytimes/NONE_data.json": "0".repeat(64) });
    await expect(fetchData({ dest, baseUrl, manifest })).rejects.toThrow(/nytimes\/NONE_data\.json: checksum mismatch/);
    expect(existsSync(join(dest, "nytimes/NONE_data.json"))).toBe(false);
    expect(existsSync(join(dest, "SHA256SUMS"))).toBe(false);
  });

  it("reports an HTTP error with the file", async () => {
    const dest = mkdtempSync(join(tmpdir(), "distalign-fetch-"));
    const manifest: Manifest = { repository: REPOSITORY, commit: COMMIT, files: [{ path: "missing/file.json", sha256: "0".repeat(64) }] };
    await expect(fetchData({ dest, baseUrl, manifest })).rejects.toThrow(/missing\/file\.json: HTTP 404/);
  });
});
