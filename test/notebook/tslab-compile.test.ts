/**
 * Notebooks compile `src/` with tslab's own compiler options, which differ from tsconfig.json:
 * not strict (no strictNullChecks, so `if (!result.ok)` does not narrow a union), Node10 module
 * resolution, declarations emitted, ES2022. This type-checks every module under those options,
 * so code that would fail only inside a notebook fails here.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..", "src");

/** The options of tslab 1.0.22's converter (node_modules/tslab/dist/converter.js), without emitting. */
const TSLAB_OPTIONS: ts.CompilerOptions = {
  module: ts.ModuleKind.ESNext,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  esModuleInterop: true,
  target: ts.ScriptTarget.ES2022,
  lib: ["lib.es2022.d.ts"],
  declaration: true,
  experimentalDecorators: true,
  resolveJsonModule: true,
  skipLibCheck: true,
  types: ["node"],
  noEmit: true,
};

describe("src under tslab's compiler options", () => {
  it("type-checks with no errors", () => {
    const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => join(SRC, f));
    expect(files.length).toBeGreaterThan(50);
    const program = ts.createProgram(files, TSLAB_OPTIONS);
    const errors = ts.getPreEmitDiagnostics(program).map((d) => {
      const where = d.file && d.start !== undefined ? `${d.file.fileName}:${d.file.getLineAndCharacterOfPosition(d.start).line + 1}` : "";
      return `${where} ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`;
    });
    expect(errors).toEqual([]);
  });

  it("would catch a union that narrows only under strictNullChecks (self-check)", () => {
    const source = "type R = { ok: true; v: number } | { ok: false; reason: string };\nexport function f(r: R) { if (!r.ok) return r.reason; return ''; }\n";
    const host = ts.createCompilerHost(TSLAB_OPTIONS);
    const original = host.getSourceFile;
    host.getSourceFile = (name, version) => (name === "snippet.ts" ? ts.createSourceFile(name, source, ts.ScriptTarget.ES2022) : original(name, version));
    const program = ts.createProgram(["snippet.ts"], TSLAB_OPTIONS, host);
    expect(ts.getPreEmitDiagnostics(program).length).toBeGreaterThan(0);
  });
});
