/**
 * Runs notebooks as a reader does: starts Jupyter Notebook on a copy of notebooks/, opens each
 * notebook in headless Chromium, runs every cell through the menu (Cell → Run All), and checks the
 * page: no error output, every figure drawn (an svg.main-svg inside) and no wider than the output
 * area, and no request off the machine (every such request is aborted and reported). A
 * screenshot of each whole notebook goes to `<output>/screenshots/<notebook>.png`; the executed
 * notebook is saved to `<output>/notebooks/<notebook>.ipynb` and exported beside it as HTML, and
 * the SVG/PNG images of the figures the notebooks saved are rendered after the run.
 *
 * Usage: tsx scripts/check-notebooks-ui.ts [NOTEBOOK ...] [--all] [--timeout SECONDS] [--no-images]
 *   NOTEBOOK     a path, or a name in notebooks/ with or without .ipynb (default: every
 *                notebooks/*.ipynb whose name does not start with "_")
 *   --all        include notebooks whose name starts with "_"
 *   --timeout S  seconds one notebook may take to run (default 1200)
 *   --no-images  do not render deferred figure images after the run
 *
 * Notebooks run one at a time, with DISTALIGN_CACHE_MODE=read-only (no model API is called) and
 * DISTALIGN_FIGURE_IMAGES=defer. Exit status 1 when a check failed, 2 when Jupyter or a browser is
 * missing.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { copyFileSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import { createServer } from "node:net";
import { basename, join, relative } from "node:path";
import { chromium, type Browser, type Page } from "playwright-core";
import { browserExecutable, outputDir, projectRoot } from "../src/config";
import { BROWSER_ARGS, NO_BROWSER_NOTE } from "../src/notebook/browser";
import { renderStaleImages } from "../src/notebook/figure-images";
import { registerKernel, notebookEnv, selectNotebooks } from "./jupyter";
import { checkPage, isLocalUrl } from "./ui-checks";

/** The browser window: wide enough that Jupyter Notebook shows its widest layout (a 978 px output area). */
const VIEWPORT = { width: 1280, height: 900 } as const;

interface Options {
  readonly names: readonly string[];
  readonly all: boolean;
  readonly timeoutMs: number;
  readonly images: boolean;
}

const shown = (path: string): string => relative(process.cwd(), path) || ".";

function fail(message: string): never {
  console.error(`check-notebooks-ui: ${message}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const names: string[] = [];
  let all = false;
  let images = true;
  let timeoutMs = 1_200_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--all") all = true;
    else if (arg === "--no-images") images = false;
    else if (arg === "--timeout") {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0)) fail(`--timeout needs a number of seconds above 0 (${argv[i]})`);
      timeoutMs = seconds * 1000;
    } else if (arg === "--help" || arg === "-h") {
      console.log("usage: tsx scripts/check-notebooks-ui.ts [NOTEBOOK ...] [--all] [--timeout S] [--no-images]");
      process.exit(0);
    } else if (arg.startsWith("-")) fail(`unknown option (${arg})`);
    else names.push(arg);
  }
  return { names, all, timeoutMs, images };
}

function freePort(): Promise<number> {
  return new Promise((done, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address !== null ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

/** Starts `jupyter notebook` on `dir`, bound to 127.0.0.1, and waits until it answers. */
async function startJupyter(dir: string): Promise<{ base: string; token: string; child: ChildProcess }> {
  const port = await freePort();
  const token = randomBytes(16).toString("hex");
  const args = [
    "notebook",
    "--no-browser",
    "--ip=127.0.0.1",
    `--port=${port}`,
    "--port-retries=0",
    `--notebook-dir=${dir}`,
    `--NotebookApp.token=${token}`,
  ];
  if (process.getuid?.() === 0) args.push("--allow-root");
  const env = notebookEnv({ DISTALIGN_CACHE_MODE: "read-only", DISTALIGN_FIGURE_IMAGES: "defer", PYTHONWARNINGS: "ignore" });
  const child = spawn("jupyter", args, { env, stdio: ["ignore", "ignore", "pipe"] });
  let log = "";
  child.stderr?.on("data", (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    if (child.exitCode !== null) fail(`jupyter notebook exited (${child.exitCode}):\n${log}`);
    try {
      const response = await fetch(`${base}/api/status?token=${token}`);
      if (response.ok) return { base, token, child };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill();
  fail(`jupyter notebook did not answer within 60 s:\n${log}`);
}

interface NotebookResult {
  readonly problems: string[];
  readonly summary: string;
}

/** Waits for `predicate` (run in the page) to hold, polling; false on timeout. */
async function waitInPage(page: Page, predicate: string, timeoutMs: number): Promise<boolean> {
  return page
    .waitForFunction(predicate, undefined, { timeout: timeoutMs, polling: 500 })
    .then(() => true)
    .catch(() => false);
}

/** Opens one notebook, runs all cells through the menu and checks what it shows. */
async function checkNotebook(browser: Browser, base: string, token: string, file: string, timeoutMs: number): Promise<NotebookResult> {
  const name = basename(file, ".ipynb");
  const context = await browser.newContext({ viewport: VIEWPORT });
  const offMachine: string[] = [];
  await context.route("**/*", (route) => {
    const url = route.request().url();
    if (isLocalUrl(url)) return route.continue();
    offMachine.push(url);
    return route.abort("internetdisconnected");
  });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message.split("\n")[0] ?? ""));
  const problems: string[] = [];
  const started = Date.now();
  try {
    await page.goto(`${base}/notebooks/${encodeURIComponent(basename(file))}?token=${token}`, { waitUntil: "load", timeout: 60_000 });
    const ready = await waitInPage(
      page,
      "window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.is_connected() && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
      120_000,
    );
    if (!ready) {
      problems.push("the kernel did not start within 120 s");
      return { problems, summary: "" };
    }
    await page.click("#celllink");
    await page.click("#run_all_cells");
    // Every queued cell is marked running; the run is over when none is and the kernel is idle.
    await page.waitForTimeout(1_000);
    const finished = await waitInPage(
      page,
      "document.querySelectorAll('.code_cell.running').length === 0 && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null",
      timeoutMs,
    );
    if (!finished) problems.push(`the cells were still running after ${(timeoutMs / 1000).toFixed(0)} s`);
    // Figures draw once plotly.js has loaded; give them a moment before checking.
    await waitInPage(page, "Array.from(document.querySelectorAll('.distalign-figure')).every((f) => f.querySelector('svg.main-svg') || (f.textContent || '').trim() !== '')", 30_000);
    const check = await checkPage(page);
    problems.push(...check.problems);
    if (check.executedCells < check.codeCells && check.problems.length === 0) {
      problems.push(`${check.codeCells - check.executedCells} of ${check.codeCells} code cells did not run`);
    }
    for (const url of offMachine) problems.push(`request off the machine: ${url}`);
    for (const message of pageErrors) problems.push(`script error on the page: ${message}`);
    await page.evaluate("Jupyter.notebook.save_notebook()");
    await waitInPage(page, "!Jupyter.notebook.dirty", 30_000);
    // Jupyter Notebook scrolls inside #site: let the page grow so the screenshot holds every cell.
    await page.addStyleTag({
      content:
        "html, body { height: auto !important; overflow: visible !important; position: static !important; } " +
        "#site { height: auto !important; overflow: visible !important; } #header { position: static !important; } " +
        "#MathJax_Message { display: none !important; }",
    });
    const shot = join(outputDir(), "screenshots", `${name}.png`);
    await page.screenshot({ path: shot, fullPage: true });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    const summary =
      `${check.executedCells}/${check.codeCells} cells, ${check.figures} figure${check.figures === 1 ? "" : "s"}` +
      `${check.figures > 0 ? ` in a ${check.outputWidth} px output area` : ""}, ${seconds} s → ${shown(shot)}`;
    return { problems, summary };
  } catch (error) {
    problems.push(`the page failed (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
    return { problems, summary: "" };
  } finally {
    await context.close();
  }
}

/** Copies the notebooks into `dir`, with the `src` link they import through. */
function stageNotebooks(notebooks: readonly string[], dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  symlinkSync(join(projectRoot(), "src"), join(dir, "src"));
  for (const notebook of notebooks) copyFileSync(notebook, join(dir, basename(notebook)));
}

async function shutdown(base: string, token: string): Promise<void> {
  try {
    const response = await fetch(`${base}/api/sessions?token=${token}`);
    const sessions = (await response.json()) as { id: string }[];
    await Promise.all(sessions.map((s) => fetch(`${base}/api/sessions/${s.id}?token=${token}`, { method: "DELETE" })));
  } catch {
    // the server is going away anyway
  }
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const executable = browserExecutable();
  if (executable === undefined) fail(NO_BROWSER_NOTE);
  if (spawnSync("jupyter", ["notebook", "--version"], { stdio: "ignore" }).status !== 0) {
    fail("jupyter notebook not found; run npm run notebooks:setup");
  }
  const kernelError = registerKernel();
  if (kernelError !== undefined) fail(kernelError);
  const notebooks = selectNotebooks(options.names, options.all, fail);
  const runDir = join(outputDir(), "notebook-ui");
  const outDir = join(outputDir(), "notebooks");
  stageNotebooks(notebooks, runDir);
  mkdirSync(outDir, { recursive: true });
  mkdirSync(join(outputDir(), "screenshots"), { recursive: true });

  const { base, token, child } = await startJupyter(runDir);
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: [...BROWSER_ARGS] });
  const failed: string[] = [];
  const started = Date.now();
  console.log(`Running ${notebooks.length} notebook${notebooks.length === 1 ? "" : "s"} in Jupyter Notebook, headless Chromium ${VIEWPORT.width}×${VIEWPORT.height}…`);
  try {
    for (const notebook of notebooks) {
      const name = basename(notebook, ".ipynb");
      const result = await checkNotebook(browser, base, token, join(runDir, basename(notebook)), options.timeoutMs);
      const executed = join(runDir, basename(notebook));
      copyFileSync(executed, join(outDir, basename(notebook)));
      spawnSync("jupyter", ["nbconvert", "--to", "html", "--log-level=ERROR", `--output-dir=${outDir}`, join(outDir, basename(notebook))], {
        env: notebookEnv({ PYTHONWARNINGS: "ignore" }),
        stdio: "ignore",
      });
      if (result.problems.length === 0) {
        console.log(`✓ ${name}: ${result.summary}`);
      } else {
        failed.push(name);
        console.log(`✗ ${name}${result.summary === "" ? "" : `: ${result.summary}`}\n${result.problems.map((p) => `    ${p}`).join("\n")}`);
      }
    }
  } finally {
    await browser.close();
    await shutdown(base, token);
    child.kill("SIGTERM");
  }
  if (options.images) {
    const images = await renderStaleImages(join(outputDir(), "figures"));
    if (images.note !== undefined) console.log(`figure images not rendered: ${images.note}`);
    for (const failure of images.failed) console.log(`✗ figure image not rendered: ${failure}`);
    if (images.failed.length > 0) process.exitCode = 1;
    if (images.written.length > 0) console.log(`Rendered ${images.written.length} figure images → ${shown(join(outputDir(), "figures"))}`);
  }
  const seconds = ((Date.now() - started) / 1000).toFixed(0);
  console.log(`${notebooks.length - failed.length} of ${notebooks.length} notebooks passed in the browser (${seconds} s); screenshots in ${shown(join(outputDir(), "screenshots"))}`);
  if (failed.length > 0) {
    console.log(`failed: ${failed.join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
