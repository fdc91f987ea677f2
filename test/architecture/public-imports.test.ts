/**
 * Notebooks and the command use the library only through its public entry points: `src/index.ts`
 * and `src/offline.ts` (the same without live runs). A notebook imports `./src`, `./src/index` or
 * `./src/offline`; a file of `src/cli/` imports `../index`, `../offline` or its own folder.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const ROOT = join(__dirname, "..", "..");
const NOTEBOOK_ENTRIES = new Set(["./src", "./src/index", "./src/offline"]);
const CLI_ENTRIES = new Set(["../index", "../offline"]);

/** Every module specifier a piece of TypeScript imports, requires or imports dynamically. */
function specifiers(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** The relative specifiers of a notebook cell that are not a public entry point (packages are fine). */
function notebookViolations(source: string): string[] {
  return specifiers(source).filter((s) => s.startsWith(".") && !NOTEBOOK_ENTRIES.has(s.replace(/\.ts$/, "")));
}

/** The specifiers of a CLI file that reach into the library past its entry points. */
function cliViolations(source: string): string[] {
  return specifiers(source).filter((s) => s.startsWith("../") && !CLI_ENTRIES.has(s.replace(/\.ts$/, "")));
}

function notebookCells(file: string): string[] {
  const notebook = JSON.parse(readFileSync(file, "utf8")) as { cells: { cell_type: string; source: string | string[] }[] };
  return notebook.cells.filter((c) => c.cell_type === "code").map((c) => (Array.isArray(c.source) ? c.source.join("") : c.source));
}

describe("public entry points", () => {
  const notebooks = readdirSync(join(ROOT, "notebooks")).filter((f) => f.endsWith(".ipynb"));
  const cliFiles = readdirSync(join(ROOT, "src", "cli")).filter((f) => f.endsWith(".ts"));

  it("finds the notebooks and the command's files", () => {
    expect(notebooks.length).toBeGreaterThanOrEqual(5);
    expect(cliFiles).toContain("main.ts");
  });

  it.each(notebooks)("notebooks/%s imports only ./src, ./src/index or ./src/offline", (name) => {
    const cells = notebookCells(join(ROOT, "notebooks", name));
    expect(cells.flatMap(specifiers).some((s) => NOTEBOOK_ENTRIES.has(s))).toBe(true);
    expect(cells.flatMap(notebookViolations)).toEqual([]);
  });

  it.each(cliFiles)("src/cli/%s imports the library only through ../index or ../offline", (name) => {
    expect(cliViolations(readFileSync(join(ROOT, "src", "cli", name), "utf8"))).toEqual([]);
  });

  it.each(cliFiles.filter((f) => f !== "main.ts"))("src/cli/%s does not import main.ts (main imports the subcommands)", (name) => {
    expect(specifiers(readFileSync(join(ROOT, "src", "cli", name), "utf8")).filter((s) => /^\.\/main(\.ts)?$/.test(s))).toEqual([]);
  });

  it("notebooks import only names their entry point exports", () => {
    const entries = { "./src": "index.ts", "./src/index": "index.ts", "./src/offline": "offline.ts" } as const;
    const files = Object.values(entries).map((f) => join(ROOT, "src", f));
    const program = ts.createProgram(files, { noEmit: true, skipLibCheck: true, types: ["node"], module: ts.ModuleKind.CommonJS });
    const checker = program.getTypeChecker();
    const exported = new Map(
      files.map((f) => [f, new Set(checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(f)!)!).map((s) => s.name))]),
    );
    const missing: string[] = [];
    for (const name of notebooks) {
      for (const cell of notebookCells(join(ROOT, "notebooks", name))) {
        for (const m of cell.matchAll(/import\s*(?:type\s+)?\{([^}]*)\}\s*from\s*"([^"]+)"/g)) {
          const [, list = "", from = ""] = m;
          const entry = entries[from as keyof typeof entries];
          if (entry === undefined) continue;
          const names = exported.get(join(ROOT, "src", entry))!;
          for (const n of list.split(",").map((x) => x.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0] ?? "")) {
            if (n !== "" && !names.has(n)) missing.push(`${name}: ${n} (${from})`);
          }
        }
      }
    }
    expect(exported.get(join(ROOT, "src", "index.ts"))!.has("executeRun")).toBe(true);
    expect(exported.get(join(ROOT, "src", "offline.ts"))!.has("executeRun")).toBe(false);
    expect(missing).toEqual([]);
  }, 60_000);

  it("flags deep imports, requires and dynamic imports (self-check)", () => {
    const cell = [
      'import { requireDataDir } from "./src/data/data-dir";',
      'import { show } from "./src/notebook/index";',
      'import * as dfd from "danfojs-node";',
      'import { reproduce } from "./src";',
      'const m = require("./src/run/index");',
      'const n = await import("../src/index");',
    ].join("\n");
    expect(notebookViolations(cell)).toEqual(["./src/data/data-dir", "./src/notebook/index", "./src/run/index", "../src/index"]);
    const cli = 'import { a } from "../index";\nimport type { B } from "../run/types";\nimport { c } from "./flags";\nimport { d } from "../offline";\n';
    expect(cliViolations(cli)).toEqual(["../run/types"]);
  });
});
