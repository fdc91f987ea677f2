/**
 * Opens exported notebook HTML in headless Chromium, offline (file:// only, every other request
 * aborted), and checks that every figure rendered: its div holds plotly's SVG, plotly drew a
 * trace, and a screenshot of it is not blank. Screenshots go to `<output>/screenshots/`.
 *
 * Usage: tsx scripts/check-html.ts [FILE.html ...] [--timeout SECONDS]
 *   FILE.html    default: every `<output>/notebooks/*.html`
 *   --timeout S  seconds a page may take to load and draw its figures (default 120)
 *
 * Exit status 1 when a figure did not render (the file and figure are named), 2 when no browser
 * or no HTML file was found.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { basename, join, relative, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type Browser, type Page } from "playwright-core";
import { browserExecutable, outputDir } from "../src/config";
import { BROWSER_ARGS, blockNetwork, NO_BROWSER_NOTE } from "../src/notebook/browser";

/** A screenshot counts as blank below this many distinct colours or this luminance spread. */
const MIN_COLOURS = 3;
const MIN_LUMINANCE_SD = 2;

interface PixelStats {
  readonly colours: number;
  readonly luminanceSd: number;
}

const shown = (path: string): string => relative(process.cwd(), path) || ".";

function fail(message: string): never {
  console.error(`check-html: ${message}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): { files: string[]; timeoutMs: number } {
  const files: string[] = [];
  let timeoutMs = 120_000;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === "--timeout") {
      const seconds = Number(argv[++i]);
      if (!(seconds > 0)) fail(`--timeout needs a number of seconds above 0 (${argv[i]})`);
      timeoutMs = seconds * 1000;
    } else if (arg.startsWith("-")) fail(`unknown option (${arg})`);
    else files.push(resolve(arg));
  }
  if (files.length === 0) {
    const dir = join(outputDir(), "notebooks");
    if (existsSync(dir)) files.push(...readdirSync(dir).filter((f) => f.endsWith(".html")).sort().map((f) => join(dir, f)));
    if (files.length === 0) fail(`no HTML files in ${shown(dir)}; run npm run notebooks:run first`);
  }
  for (const file of files) if (!existsSync(file)) fail(`no such file (${file})`);
  return { files, timeoutMs };
}

/** Distinct colours and luminance spread of a PNG, computed in a blank browser page. */
async function pixelStats(analyser: Page, png: Buffer): Promise<PixelStats> {
  return analyser.evaluate(async (base64) => {
    // Runs in the browser; typed loosely because the project compiles without DOM types.
    const scope = globalThis as unknown as {
      Image: new () => { src: string; width: number; height: number; decode(): Promise<void> };
      document: { createElement(tag: "canvas"): { width: number; height: number; getContext(kind: "2d"): { drawImage(image: unknown, x: number, y: number): void; getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray } } } };
    };
    const image = new scope.Image();
    image.src = `data:image/png;base64,${base64}`;
    await image.decode();
    const canvas = scope.document.createElement("canvas");
    canvas.width = image.width;
    canvas.height = image.height;
    const context = canvas.getContext("2d");
    context.drawImage(image, 0, 0);
    const { data } = context.getImageData(0, 0, image.width, image.height);
    const colours = new Set<number>();
    let sum = 0;
    let sumSquares = 0;
    const pixels = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] as number, g = data[i + 1] as number, b = data[i + 2] as number;
      if (colours.size < 100_000) colours.add((r << 16) | (g << 8) | b);
      const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
      sum += luminance;
      sumSquares += luminance * luminance;
    }
    const mean = sum / pixels;
    return { colours: colours.size, luminanceSd: Math.sqrt(Math.max(0, sumSquares / pixels - mean * mean)) };
  }, png.toString("base64"));
}

/** Checks one HTML file; returns the problems found (empty when every figure rendered). */
async function checkFile(browser: Browser, analyser: Page, file: string, timeoutMs: number): Promise<string[]> {
  const name = basename(file, ".html");
  const shotDir = join(outputDir(), "screenshots", name);
  mkdirSync(shotDir, { recursive: true });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const problems: string[] = [];
  const pageErrors: string[] = [];
  page.on("pageerror", (error) => pageErrors.push(error.message.split("\n")[0] ?? ""));
  try {
    const blocked = await blockNetwork(page);
    const started = Date.now();
    await page.goto(pathToFileURL(file).href, { waitUntil: "load", timeout: timeoutMs });
    // MathJax's loading banner sits at the bottom of the viewport and would cover figure screenshots.
    await page.addStyleTag({ content: "#MathJax_Message { display: none !important; }" });
    const figures = await page.$$(".distalign-figure");
    const summaries: string[] = [];
    for (const [i, figure] of figures.entries()) {
      const id = (await figure.getAttribute("id")) ?? "";
      const title = (await figure.getAttribute("data-title")) ?? "";
      const traces = Number((await figure.getAttribute("data-traces")) ?? "0");
      const label = `figure ${i + 1} of ${figures.length}${title === "" ? "" : ` "${title}"`} (#${id})`;
      const remaining = Math.max(1_000, timeoutMs - (Date.now() - started));
      const drawn = await figure
        .waitForSelector(".main-svg", { state: "attached", timeout: remaining })
        .then(() => true)
        .catch(() => false);
      if (!drawn) {
        const text = ((await figure.textContent()) ?? "").trim();
        problems.push(`${label}: no plot SVG after ${(timeoutMs / 1000).toFixed(0)} s${text === "" ? "" : ` (${text})`}`);
        continue;
      }
      const traceCount = await figure.evaluate((element) => (element as unknown as { querySelectorAll(s: string): { length: number } }).querySelectorAll(".trace, .hm").length);
      if (traces > 0 && traceCount === 0) problems.push(`${label}: plotly drew axes but no trace`);
      await figure.scrollIntoViewIfNeeded();
      const shot = await figure.screenshot();
      const shotFile = join(shotDir, `figure-${i + 1}.png`);
      writeFileSync(shotFile, shot);
      const stats = await pixelStats(analyser, shot);
      if (stats.colours < MIN_COLOURS || stats.luminanceSd < MIN_LUMINANCE_SD) {
        problems.push(`${label}: screenshot is blank (${stats.colours} colours, luminance sd ${stats.luminanceSd.toFixed(1)}; ${shown(shotFile)})`);
      } else {
        summaries.push(`figure ${i + 1}: ${stats.colours} colours, sd ${stats.luminanceSd.toFixed(0)}`);
      }
    }
    await page.screenshot({ path: join(outputDir(), "screenshots", `${name}.png`), fullPage: true });
    for (const message of pageErrors) problems.push(`script error on the page: ${message}`);
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (problems.length === 0) {
      const tables = (await page.$$(".distalign-table")).length;
      console.log(
        `✓ ${shown(file)}: ${figures.length} figure${figures.length === 1 ? "" : "s"} rendered, ${tables} table${tables === 1 ? "" : "s"} ` +
          `(${seconds} s; ${summaries.join("; ") || "no figures"}; ${blocked.length} network request${blocked.length === 1 ? "" : "s"} blocked) → ${shown(shotDir)}`,
      );
    }
  } catch (error) {
    problems.push(`the page did not load (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`);
  } finally {
    await page.close();
  }
  return problems;
}

async function main(): Promise<void> {
  const { files, timeoutMs } = parseArgs(process.argv.slice(2));
  const executable = browserExecutable();
  if (executable === undefined) fail(NO_BROWSER_NOTE);
  const browser = await chromium.launch({ executablePath: executable, headless: true, args: [...BROWSER_ARGS] });
  let failed = 0;
  try {
    const analyser = await browser.newPage();
    for (const file of files) {
      const problems = await checkFile(browser, analyser, file, timeoutMs);
      if (problems.length > 0) {
        failed++;
        console.log(`✗ ${shown(file)}:\n${problems.map((problem) => `    ${problem}`).join("\n")}`);
      }
    }
  } finally {
    await browser.close();
  }
  console.log(`${files.length - failed} of ${files.length} HTML files passed; screenshots in ${shown(join(outputDir(), "screenshots"))}`);
  if (failed > 0) process.exitCode = 1;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
