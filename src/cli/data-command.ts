/** `distalign data`: where the benchmark data is, and downloading a verified copy. */
import { resolve } from "node:path";
import { SingleBar } from "cli-progress";
import type { Command } from "commander";
import { DEFAULT_DATA_URL, downloadedDataDir, fetchData, loadManifest, makeDirectorySync, readEnv, requireDataDir, UsageError } from "../offline";

/** A base URL given by a flag or variable: http or https, without a trailing slash. @throws {UsageError} otherwise */
function httpUrl(name: string, value: string): string {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== "http:" && url.protocol !== "https:")) {
    throw new UsageError(`data fetch: ${name} must be an http or https URL (got "${value}")`);
  }
  return value.replace(/\/+$/, "");
}

/** Registers `data path` and `data fetch`. */
export function registerDataCommands(program: Command): void {
  const data = program.command("data").description("the benchmark data directory");
  data
    .command("path")
    .description("print the data directory in use")
    .action(() => {
      process.stdout.write(`${requireDataDir()}\n`);
    });
  data
    .command("fetch")
    .description("download the benchmark files from the upstream repository at the pinned commit, verified by sha256")
    .option("--dest <dir>", "destination", downloadedDataDir())
    .option("--base-url <url>", "where raw repository files are served (default: DISTALIGN_DATA_URL or GitHub)")
    .action(async (options: { dest: string; baseUrl?: string }) => {
      const baseUrl = httpUrl(options.baseUrl === undefined ? "DISTALIGN_DATA_URL" : "--base-url", options.baseUrl ?? readEnv("DISTALIGN_DATA_URL") ?? DEFAULT_DATA_URL);
      const manifest = loadManifest();
      const dest = resolve(options.dest);
      makeDirectorySync(dest); // an unusable destination fails here, before any download
      const bar = new SingleBar({ format: "data fetch [{bar}] {value}/{total} files  {path}", hideCursor: true, noTTYOutput: false });
      bar.start(manifest.files.length, 0, { path: "" });
      try {
        const report = await fetchData({
          dest,
          baseUrl,
          manifest,
          onProgress: (done, _total, path) => bar.update(done, { path }),
        });
        bar.stop();
        process.stdout.write(
          `${report.downloaded} files downloaded (${(report.bytes / 1e6).toFixed(1)} MB), ${report.skipped} already verified, in ${dest}\n`,
        );
      } finally {
        bar.stop();
      }
    });
}
