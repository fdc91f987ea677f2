/**
 * Configuration: the only module that reads `process.env`. An explicit argument beats the
 * environment, which beats the default. A git-ignored `.env` in the project root is read once.
 */
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { UsageError } from "./errors";

/** The project root: the nearest folder above this file that holds package.json. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json"))) {
    const parent = dirname(dir);
    if (parent === dir) throw new UsageError(`projectRoot: no package.json above ${__dirname}`);
    dir = parent;
  }
  return dir;
}

let envFileLoaded = false;

/** Reads an environment variable, after loading `.env` from the project root once. Empty counts as unset. */
export function readEnv(name: string): string | undefined {
  if (!envFileLoaded) {
    envFileLoaded = true;
    const file = join(projectRoot(), ".env");
    if (existsSync(file)) process.loadEnvFile(file);
  }
  const value = process.env[name];
  return value === undefined || value.trim() === "" ? undefined : value.trim();
}

/** Where a downloaded copy of the benchmark data lives when DISTALIGN_DATA_DIR is not set. */
export function downloadedDataDir(): string {
  return join(projectRoot(), "data", "upstream");
}

/**
 * The benchmark data directory, laid out as the upstream repository.
 * Order: the argument, then `DISTALIGN_DATA_DIR`, then `data/upstream/` (written by `distalign data fetch`).
 * Returns undefined when none is configured; `requireDataDir` in data/ turns that into a clear error.
 */
export function configuredDataDir(explicit?: string): string | undefined {
  const fromEnv = explicit ?? readEnv("DISTALIGN_DATA_DIR");
  if (fromEnv !== undefined) return resolve(fromEnv);
  const downloaded = downloadedDataDir();
  return existsSync(join(downloaded, "SHA256SUMS")) ? downloaded : undefined;
}

/** The response cache directory: the argument, `DISTALIGN_CACHE_DIR`, else `cache/` in the project root. */
export function cacheDir(explicit?: string): string {
  return resolve(explicit ?? readEnv("DISTALIGN_CACHE_DIR") ?? join(projectRoot(), "cache"));
}

/** Where generated outputs (tables, figures, executed notebooks) go: `DISTALIGN_OUTPUT_DIR`, else `output/`. */
export function outputDir(explicit?: string): string {
  return resolve(explicit ?? readEnv("DISTALIGN_OUTPUT_DIR") ?? join(projectRoot(), "output"));
}

/** Environment variables that hold API keys. Keys are read here and nowhere else. */
export type ApiKeyVariable = "OPENAI_API_KEY" | "ANTHROPIC_API_KEY" | "OPENAI_COMPATIBLE_API_KEY";

/**
 * An API key: the argument, else the named environment variable (or `.env` entry).
 * Returns undefined when neither is set; the backends turn that into a clear error.
 */
export function apiKey(variable: ApiKeyVariable, explicit?: string): string | undefined {
  return explicit ?? readEnv(variable);
}

/**
 * The base URL of an OpenAI-compatible server: the argument (`--base-url`), else
 * `OPENAI_COMPATIBLE_BASE_URL` (`OPENAI_BASE_URL` names the server of `openai/…` models).
 */
export function openAiCompatibleBaseUrl(explicit?: string): string | undefined {
  return explicit ?? readEnv("OPENAI_COMPATIBLE_BASE_URL");
}

/** Browser names looked up on PATH, in order, when DISTALIGN_BROWSER is not set. */
const BROWSER_NAMES = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"] as const;

/**
 * The Chromium-family browser that renders figures to PNG/SVG and checks exported notebooks:
 * the argument, then `DISTALIGN_BROWSER` (a path, or a name looked up on PATH), then the first of
 * chromium, chromium-browser, google-chrome, google-chrome-stable found on PATH.
 * Undefined when there is none.
 */
export function browserExecutable(explicit?: string): string | undefined {
  const chosen = explicit ?? readEnv("DISTALIGN_BROWSER");
  if (chosen !== undefined && chosen.includes("/")) return resolve(chosen);
  const names = chosen === undefined ? BROWSER_NAMES : [chosen];
  for (const dir of (readEnv("PATH") ?? "").split(":")) {
    if (dir === "") continue;
    for (const name of names) {
      const candidate = join(dir, name);
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/** When `saveFigure` renders SVG and PNG files. */
export type FigureImageMode = "now" | "defer";

/**
 * `DISTALIGN_FIGURE_IMAGES`: "now" (default) renders a saved figure's SVG and PNG at once;
 * "defer" leaves them to one batch at the end of `npm run notebooks:run`, which saves starting a
 * browser in every notebook.
 * @throws {UsageError} on any other value
 */
export function figureImageMode(explicit?: FigureImageMode): FigureImageMode {
  const value = explicit ?? readEnv("DISTALIGN_FIGURE_IMAGES") ?? "now";
  if (value !== "now" && value !== "defer") {
    throw new UsageError(`figureImageMode: DISTALIGN_FIGURE_IMAGES must be "now" or "defer" (${value})`);
  }
  return value;
}
