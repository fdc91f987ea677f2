/**
 * Executes notebooks top to bottom through Jupyter (nbclient) with the project's tslab kernel,
 * writes each executed notebook and its HTML export under `<output>/notebooks/`, then renders the
 * SVG/PNG images of the figures the notebooks saved, in one browser session.
 *
 * Usage: tsx scripts/run-notebooks.ts [NOTEBOOK ...] [--all] [--jobs N] [--in-place]
 *                                     [--timeout SECONDS] [--no-images]
 *   NOTEBOOK     a path, or a name in notebooks/ with or without .ipynb (default: every
 *                notebooks/*.ipynb whose name does not start with "_")
 *   --all        include notebooks whose name starts with "_"
 *   --jobs N     notebooks run at once (default: 2, at most the number of CPUs)
 *   --in-place   also write each successfully executed notebook back over its source
 *   --timeout S  seconds a single cell may take (default 600)
 *   --no-images  do not render deferred figure images after the run
 *
 * Notebooks run with DISTALIGN_CACHE_MODE=read-only, so they never call a model API, and with
 * DISTALIGN_FIGURE_IMAGES=defer. Exit status 1 when a notebook fails; its cell is named.
 */
import { spawn } from "node:child_process";
import { copyFileSync, mkdirSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, join, relative } from "node:path";
import { outputDir, projectRoot } from "../src/config";
import { renderStaleImages } from "../src/notebook/figure-images";
import { JUPYTER_INSTALL_HINT, jupyterPython, notebookEnv, registerKernel, selectNotebooks } from "./jupyter";

interface Options {
  readonly names: readonly string[];
  readonly all: boolean;
  readonly jobs: number;
  readonly inPlace: boolean;
  readonly timeout: number;
  readonly images: boolean;
}

/** The JSON line scripts/execute-notebook.py prints last. */
interface Execution {
  readonly ok: boolean;
  readonly seconds: number;
  readonly kernelSeconds: number;
  readonly cells: readonly (readonly [number, number])[];
  readonly error: {
    readonly cell: number | null;
    readonly executionCount: number | null;
    readonly source: string;
    readonly message: string;
  } | null;
}

function fail(message: string): never {
  console.error(`run-notebooks: ${message}`);
  process.exit(2);
}

function parseArgs(argv: readonly string[]): Options {
  const names: string[] = [];
  let all = false;
  let inPlace = false;
  let images = true;
  let jobs = Math.min(2, availableParallelism());
  let timeout = 600;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    const number = (): number => {
      const value = Number(argv[++i]);
      if (!Number.isInteger(value) || value < 1) fail(`${arg} needs a whole number above 0 (${argv[i]})`);
      return value;
    };
    if (arg === "--all") all = true;
    else if (arg === "--in-place") inPlace = true;
    else if (arg === "--no-images") images = false;
    else if (arg === "--jobs") jobs = number();
    else if (arg === "--timeout") timeout = number();
    else if (arg === "--help" || arg === "-h") {
      console.log("usage: npm run notebooks:run -- [NOTEBOOK ...] [--all] [--jobs N] [--in-place] [--timeout S] [--no-images]");
      process.exit(0);
    } else if (arg.startsWith("-")) fail(`unknown option (${arg})`);
    else names.push(arg);
  }
  return { names, all, jobs, inPlace, timeout, images };
}

/** Runs scripts/execute-notebook.py on one notebook and parses its report. */
function execute(python: string, notebook: string, outDir: string, timeout: number): Promise<{ execution?: Execution; stderr: string }> {
  const name = basename(notebook, ".ipynb");
  const args = [
    join(projectRoot(), "scripts", "execute-notebook.py"),
    notebook,
    join(outDir, `${name}.ipynb`),
    join(outDir, `${name}.html`),
    "--timeout",
    String(timeout),
  ];
  const env = notebookEnv({ DISTALIGN_CACHE_MODE: "read-only", DISTALIGN_FIGURE_IMAGES: "defer", PYTHONWARNINGS: "ignore" });
  return new Promise((done) => {
    const child = spawn(python, args, { env, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("close", () => {
      const last = stdout.trim().split("\n").pop() ?? "";
      try {
        done({ execution: JSON.parse(last) as Execution, stderr });
      } catch {
        done({ stderr: stderr || stdout });
      }
    });
  });
}

const indent = (text: string, prefix = "    "): string => text.replace(/^/gm, prefix);
const shown = (path: string): string => relative(process.cwd(), path) || ".";

function report(notebook: string, outDir: string, result: { execution?: Execution; stderr: string }): boolean {
  const name = basename(notebook, ".ipynb");
  const html = shown(join(outDir, `${name}.html`));
  const execution = result.execution;
  if (execution === undefined) {
    console.log(`✗ ${shown(notebook)}: Jupyter could not run it\n${indent(result.stderr.trim())}`);
    return false;
  }
  if (execution.ok) {
    const slowest = [...execution.cells].sort((a, b) => b[1] - a[1])[0];
    const detail = slowest === undefined ? "" : `, slowest cell #${slowest[0] + 1} ${slowest[1].toFixed(1)} s`;
    console.log(`✓ ${shown(notebook)}  ${execution.seconds.toFixed(1)} s (kernel start/stop ${execution.kernelSeconds.toFixed(1)} s${detail})  → ${html}`);
    return true;
  }
  const error = execution.error;
  const where =
    error?.cell === null || error?.cell === undefined
      ? "the kernel failed"
      : `cell #${error.cell + 1}${error.executionCount === null ? "" : ` [${error.executionCount}]`} failed`;
  console.log(`✗ ${shown(notebook)}: ${where} after ${execution.seconds.toFixed(1)} s:`);
  console.log(indent(error?.message ?? "no message"));
  if (error !== null && error.source.trim() !== "") console.log(`  cell source:\n${indent(error.source.trim())}`);
  console.log(`  executed notebook with the error: ${html}`);
  return false;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const python = jupyterPython();
  if (python === undefined) fail(`no Python with nbclient and nbconvert found; ${JUPYTER_INSTALL_HINT}`);
  const kernelError = registerKernel();
  if (kernelError !== undefined) fail(kernelError);
  const notebooks = selectNotebooks(options.names, options.all, fail);
  if (notebooks.length === 0) {
    console.log("run-notebooks: no notebooks to run (names starting with _ need --all or an explicit name)");
    return;
  }
  const outDir = join(outputDir(), "notebooks");
  mkdirSync(outDir, { recursive: true });
  const jobs = Math.min(options.jobs, notebooks.length);
  console.log(`Running ${notebooks.length} notebook${notebooks.length === 1 ? "" : "s"}, ${jobs} at a time (cache read-only)…`);

  const started = Date.now();
  const failed: string[] = [];
  const queue = [...notebooks];
  const worker = async (): Promise<void> => {
    for (let notebook = queue.shift(); notebook !== undefined; notebook = queue.shift()) {
      const result = await execute(python, notebook, outDir, options.timeout);
      if (report(notebook, outDir, result)) {
        if (options.inPlace) copyFileSync(join(outDir, `${basename(notebook, ".ipynb")}.ipynb`), notebook);
      } else {
        failed.push(notebook);
      }
    }
  };
  await Promise.all(Array.from({ length: jobs }, worker));
  const ranFor = (Date.now() - started) / 1000;

  if (options.images) {
    const imagesStarted = Date.now();
    const images = await renderStaleImages(join(outputDir(), "figures"));
    if (images.note !== undefined) console.log(`figure images not rendered: ${images.note}`);
    for (const failure of images.failed) console.log(`✗ figure image not rendered: ${failure}`);
    if (images.failed.length > 0) process.exitCode = 1;
    if (images.written.length > 0) {
      const seconds = ((Date.now() - imagesStarted) / 1000).toFixed(1);
      console.log(`Rendered ${images.written.length} figure images in ${seconds} s → ${shown(join(outputDir(), "figures"))}`);
    }
  }

  console.log(
    `${notebooks.length - failed.length} of ${notebooks.length} notebooks ran in ${ranFor.toFixed(1)} s; ` +
      `executed notebooks and HTML in ${shown(outDir)}${options.inPlace ? " (and written back to notebooks/)" : ""}`,
  );
  if (failed.length > 0) {
    console.log(`failed: ${failed.map(shown).join(", ")}`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(2);
});
