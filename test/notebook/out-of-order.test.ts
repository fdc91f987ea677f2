/**
 * A notebook cell run before the cells above it, through Jupyter with the project's tslab kernel
 * (scripts/run-notebooks.ts): the quickstart's first code cell, then a cell from further down
 * whose input no cell has kept yet. It stops with one line naming the section to run, not with
 * tslab's "Cannot find name" compile error. Skipped when Jupyter is missing.
 */
import { spawn } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jupyterPython } from "../../scripts/jupyter";
import { projectRoot } from "../../src/config";

const root = projectRoot();
const work = join(root, "output", `test-out-of-order-${process.pid}`);
const out = join(work, "out");

type NotebookCell = { cell_type: string; source: string[] | string; outputs?: { output_type: string; name?: string; text?: string | string[] }[] };
const sourceOf = (cell: NotebookCell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);

describe.skipIf(jupyterPython() === undefined)("a cell run before the cells above it", () => {
  let result: { status: number | null; output: string };
  let outputs: NotebookCell["outputs"][];

  beforeAll(async () => {
    mkdirSync(work, { recursive: true });
    symlinkSync(join(root, "src"), join(work, "src"));
    const quickstart = JSON.parse(readFileSync(join(root, "notebooks", "00-quickstart.ipynb"), "utf8")) as { cells: NotebookCell[]; metadata: unknown };
    const code = quickstart.cells.filter((c) => c.cell_type === "code");
    const figureCell = code.find((c) => sourceOf(c).includes("questionExampleFigure("));
    expect(figureCell).toBeDefined();
    // The first code cell (imports, parameters, steps), then the figure cell of section 3, skipping section 1.
    const cells = [code[0], figureCell].map((c, i) => ({ ...c, id: `cell-${i}`, outputs: [], execution_count: null }));
    writeFileSync(join(work, "out-of-order.ipynb"), JSON.stringify({ ...quickstart, cells }));
    result = await new Promise((done) => {
      const child = spawn(join(root, "node_modules", ".bin", "tsx"), [join(root, "scripts", "run-notebooks.ts"), join(work, "out-of-order.ipynb"), "--no-images"], {
        cwd: root,
        env: { ...process.env, DISTALIGN_OUTPUT_DIR: out },
      });
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("close", (status) => done({ status, output }));
    });
    const executed = JSON.parse(readFileSync(join(out, "notebooks", "out-of-order.ipynb"), "utf8")) as { cells: NotebookCell[] };
    outputs = executed.cells.map((c) => c.outputs);
  }, 180_000);

  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it("stops with one line naming the section whose cells to run first", () => {
    expect(result.status).toBe(1);
    expect(result.output).toMatch(/✗ \S*out-of-order\.ipynb: cell #2 \[2\] failed after/);
    const text = (outputs[1] ?? []).map((o) => [o.output_type, o.name, [o.text ?? ""].flat().join("")]);
    expect(text).toEqual([["stream", "stderr", "run the cells above first (from '1. The question and the group')\n"]]);
    expect(result.output).not.toContain("Cannot find name");
  });
});
