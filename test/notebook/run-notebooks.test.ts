/**
 * End to end: notebooks executed through Jupyter with the project's tslab kernel by
 * scripts/run-notebooks.ts, and the exported HTML checked in headless Chromium by
 * scripts/check-html.ts. Skipped when Jupyter (or, for the HTML check, a browser) is missing.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterPython } from "../../scripts/jupyter";
import { browserExecutable, projectRoot } from "../../src/config";

const root = projectRoot();
const work = join(root, "output", `test-notebooks-${process.pid}`);
const out = join(work, "out");
const hasJupyter = jupyterPython() !== undefined;
const hasBrowser = browserExecutable() !== undefined;

/** A notebook file whose code cells are the given sources. */
function writeNotebook(name: string, sources: readonly string[]): string {
  const path = join(work, `${name}.ipynb`);
  const notebook = {
    cells: sources.map((source, i) => ({ cell_type: "code", id: `cell-${i}`, metadata: {}, source, outputs: [], execution_count: null })),
    metadata: { kernelspec: { name: "tslab", display_name: "TypeScript (distalign)", language: "typescript" } },
    nbformat: 4,
    nbformat_minor: 5,
  };
  writeFileSync(path, JSON.stringify(notebook));
  return path;
}

function run(script: string, args: readonly string[], env: Record<string, string>): Promise<{ status: number | null; output: string }> {
  return new Promise((done) => {
    const child = spawn(join(root, "node_modules", ".bin", "tsx"), [join(root, "scripts", script), ...args], {
      cwd: root,
      env: { ...process.env, ...env },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.on("close", (status) => done({ status, output }));
  });
}

interface CellOutput {
  readonly output_type: string;
  readonly name?: string;
  readonly text?: string | readonly string[];
}

function cellOutputs(notebook: string): CellOutput[][] {
  const executed = JSON.parse(readFileSync(join(out, "notebooks", `${notebook}.ipynb`), "utf8")) as { cells: { outputs?: CellOutput[] }[] };
  return executed.cells.map((cell) => cell.outputs ?? []);
}

const text = (output: CellOutput | undefined): string => [output?.text ?? ""].flat().join("");

describe.skipIf(!hasJupyter)("notebooks run headless through Jupyter", () => {
  let result: { status: number | null; output: string };

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    symlinkSync(join(root, "src"), join(work, "src"));
    const guard = writeNotebook("guard", [
      'import { setupNotebook } from "./src/notebook/index";\nimport { requireDataDir } from "./src/data/data-dir";\nsetupNotebook(() => requireDataDir());',
      'console.log("not reached");',
    ]);
    const throws = writeNotebook("throws", ["const answer = 42;", 'throw new Error("boom in the second cell");', 'console.log("not reached");']);
    const smoke = join(root, "notebooks", "_smoke.ipynb");
    result = await run("run-notebooks.ts", [guard, throws, smoke, "--jobs", "2"], {
      DISTALIGN_OUTPUT_DIR: out,
      DISTALIGN_DATA_DIR: join(work, "no-such-data"),
    });
  }, 300_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it("fails the run and names each failing notebook and cell", () => {
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/✗ \S*guard\.ipynb: cell #1 \[1\] failed after/);
    expect(result.output).toMatch(/✗ \S*throws\.ipynb: cell #2 \[2\] failed after [\d.]+ s:\n(.*\n)*.*Error: boom in the second cell/);
    expect(result.output).toMatch(/failed: .*guard\.ipynb, .*throws\.ipynb|failed: .*throws\.ipynb, .*guard\.ipynb/);
  });

  it("stops a notebook at its first cell with the data layer's message on one line", () => {
    const [first, second] = cellOutputs("guard");
    expect(first?.map((output) => [output.output_type, output.name, text(output)])).toEqual([
      ["stream", "stderr", `data directory ${join(work, "no-such-data")} does not exist (from DISTALIGN_DATA_DIR)\n`],
    ]);
    expect(second).toEqual([]);
    expect(result.output).toContain(`    data directory ${join(work, "no-such-data")} does not exist (from DISTALIGN_DATA_DIR)\n  cell source:`);
  });

  it("runs the smoke notebook, exports it and renders its figure images once at the end", () => {
    expect(result.output).toMatch(/✓ notebooks\/_smoke\.ipynb {2}[\d.]+ s/);
    expect(existsSync(join(out, "notebooks", "_smoke.html"))).toBe(true);
    const outputs = cellOutputs("_smoke");
    expect(text(outputs.at(-1)?.[0])).toBe(
      "saved output/test-notebooks-" + process.pid + "/out/figures/_smoke.json, output/test-notebooks-" + process.pid +
        "/out/figures/_smoke.html\nsaveFigure: svg and png of _smoke deferred to the end of the run\n",
    );
    if (hasBrowser) {
      expect(result.output).toMatch(/Rendered 2 figure images in [\d.]+ s/);
      expect(existsSync(join(out, "figures", "_smoke.png"))).toBe(true);
    }
  });

  it.skipIf(!hasBrowser)("renders every figure of the exported HTML offline", async () => {
    const check = await run("check-html.ts", [join(out, "notebooks", "_smoke.html")], { DISTALIGN_OUTPUT_DIR: out });
    expect(check.output).toMatch(/✓ \S*_smoke\.html: 1 figure rendered, 1 table/);
    expect(check.status).toBe(0);
    expect(existsSync(join(out, "screenshots", "_smoke", "figure-1.png"))).toBe(true);

    const broken = join(work, "broken.html");
    writeFileSync(broken, '<!DOCTYPE html><div id="f" class="distalign-figure" data-title="lonely" data-traces="1"></div>');
    const failed = await run("check-html.ts", [broken, "--timeout", "3"], { DISTALIGN_OUTPUT_DIR: out });
    expect(failed.status).toBe(1);
    expect(failed.output).toContain('figure 1 of 1 "lonely" (#f): no plot SVG after 3 s');
  }, 300_000);
});
