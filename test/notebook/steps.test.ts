import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { NotebookStop } from "../../src/notebook/guard";
import { notebookSteps } from "../../src/notebook/steps";
import { projectRoot } from "../../src/config";

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("notebookSteps", () => {
  it("hands a kept value to a later cell", () => {
    const steps = notebookSteps({ data: "Load the data", scores: "Score" });
    const value = { n: 3 };
    expect(steps.keep("data", value)).toBe(value);
    expect(steps.from("data")).toBe(value);
    expect(steps.has("data")).toBe(true);
    expect(steps.has("scores")).toBe(false);
    steps.keep("data", 4);
    expect(steps.from("data")).toBe(4);
  });

  it("stops a cell run before the one that keeps its input with one line naming that cell", () => {
    const steps = notebookSteps({ data: "Load the data", scores: "2. Score each item" });
    steps.keep("data", 1);
    const error = caught(() => steps.from("scores"));
    expect(error).toBeInstanceOf(NotebookStop);
    expect(inspect(error)).toBe("run the cells above first (from '2. Score each item')");
  });

  it("keeps undefined as a value, not as nothing", () => {
    const steps = notebookSteps({ maybe: "Maybe" });
    steps.keep("maybe", undefined);
    expect(steps.from("maybe")).toBeUndefined();
  });

  it("refuses keys it was not told about and titles that are empty", () => {
    const steps = notebookSteps({ data: "Load the data" });
    expect(() => steps.keep("other" as "data", 1)).toThrow('notebookSteps: unknown key "other" (declared: data)');
    expect(() => notebookSteps({ data: " " })).toThrow('notebookSteps: key "data" needs the title of the cell that keeps it');
  });
});

const notebookDir = join(projectRoot(), "notebooks");
const notebooks = readdirSync(notebookDir).filter((f) => f.endsWith(".ipynb") && !f.startsWith("_"));

type Cell = { readonly kind: string; readonly source: string };

function cellsOf(file: string): Cell[] {
  const notebook = JSON.parse(readFileSync(join(notebookDir, file), "utf8")) as { cells: { cell_type: string; source: string[] | string }[] };
  return notebook.cells.map((c) => ({ kind: c.cell_type, source: Array.isArray(c.source) ? c.source.join("") : c.source }));
}

/** The source without comments and plain string literals (template literals keep their `${…}` code). */
function code(source: string): string {
  return source
    .replace(/`(?:[^`\\]|\\.)*`/g, (template) => [...template.matchAll(/\$\{([^}]*)\}/g)].map((m) => m[1]).join(" "))
    .replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/g, '""')
    .replace(/\/\/[^\n]*/g, "");
}

/** Names a cell declares at any depth: const/let/var names, destructured names, function parameters are not tracked. */
function declared(source: string): Set<string> {
  const names = new Set<string>();
  const text = code(source);
  for (const m of text.matchAll(/\b(?:const|let|var)\s+([A-Za-z_$][\w$]*)/g)) names.add(m[1] as string);
  for (const m of text.matchAll(/\b(?:const|let|var)\s*\{([^}]*)\}/g)) {
    for (const part of (m[1] as string).split(",")) {
      const name = part.split(":").at(-1)?.split("=")[0]?.trim();
      if (name) names.add(name);
    }
  }
  return names;
}

/** Identifiers a cell reads: not property names after a dot, not object keys before a colon. */
function used(source: string): Set<string> {
  const names = new Set<string>();
  for (const m of code(source).matchAll(/(?<![\w$.])([A-Za-z_$][\w$]*)(?!\s*:(?!:))/g)) names.add(m[1] as string);
  return names;
}

/** Variables a code cell other than the first reads from another code cell other than the first. */
function crossCellReads(cells: readonly Cell[]): string[] {
  const code = cells.filter((c) => c.kind === "code");
  const problems: string[] = [];
  code.forEach((cell, i) => {
    if (i === 0) return;
    const own = declared(cell.source);
    for (const [j, other] of code.entries()) {
      if (j === 0 || j === i) continue;
      for (const name of declared(other.source)) {
        if (!own.has(name) && used(cell.source).has(name)) problems.push(`code cell ${i + 1} reads "${name}" from code cell ${j + 1}`);
      }
    }
  });
  return problems;
}

function headingTitles(cell: Cell): string[] {
  return cell.kind === "markdown" ? [...cell.source.matchAll(/^#+\s+(.+?)\s*$/gm)].map((m) => m[1] as string) : [];
}

describe("notebooks hand results down through steps", () => {
  it("finds a variable read across cells, so the rule below can fail", () => {
    const cells: Cell[] = [
      { kind: "code", source: 'const steps = notebookSteps({ a: "A" });' },
      { kind: "code", source: "const data = load();" },
      { kind: "code", source: "show(data.rows, { data: 1 });" },
      { kind: "code", source: 'const data = steps.from("data");\nshow(data);' },
    ];
    expect(crossCellReads(cells)).toEqual(['code cell 3 reads "data" from code cell 2', 'code cell 3 reads "data" from code cell 4']);
  });

  it.each(notebooks)("%s: no cell below the first reads another cell's variable; each key is kept under its declared heading, before any cell takes it", (file) => {
    const cells = cellsOf(file);
    expect(crossCellReads(cells)).toEqual([]);
    const first = cells.find((c) => c.kind === "code")?.source ?? "";
    const declaration = /notebookSteps\(\{([^}]*)\}\)/.exec(first);
    const anyKeep = cells.some((c) => c.source.includes("steps.keep("));
    if (!anyKeep) return;
    expect(declaration, `${file}: notebookSteps in the first code cell`).not.toBeNull();
    const keys = new Map([...(declaration?.[1] ?? "").matchAll(/(\w+):\s*"([^"]+)"/g)].map((m) => [m[1] as string, m[2] as string]));
    let heading: string | undefined;
    const kept = new Set<string>();
    for (const cell of cells) {
      heading = headingTitles(cell).at(-1) ?? heading;
      if (cell.kind !== "code") continue;
      for (const m of cell.source.matchAll(/steps\.from\("(\w+)"\)/g)) {
        const key = m[1] as string;
        if (!cell.source.slice(0, m.index).includes(`steps.keep("${key}"`)) expect(kept, `${file}: "${key}" taken before a cell keeps it`).toContain(key);
      }
      for (const m of cell.source.matchAll(/steps\.keep\("(\w+)"/g)) {
        const key = m[1] as string;
        expect(keys.get(key), `${file}: "${key}" is kept in a cell under "${heading}"`).toBe(heading);
        kept.add(key);
      }
    }
    expect([...keys.keys()].filter((k) => !kept.has(k)), `${file}: declared keys no cell keeps`).toEqual([]);
  });
});
