/**
 * tslab compiles src/ to CommonJS with tsc, which refers to a module's own exported constants as
 * `exports.NAME`. A local variable or parameter named `exports` (or `module`, `require`) then
 * shadows that object and those constants read as undefined inside its scope, in notebooks only
 * (vitest and tsx keep the names). This checks every module under src/ for such names.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const SRC = join(__dirname, "..", "..", "src");
const RESERVED = new Set(["exports", "module", "require"]);

function shadowingNames(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node): void => {
    if ((ts.isVariableDeclaration(node) || ts.isParameter(node) || ts.isBindingElement(node)) && ts.isIdentifier(node.name) && RESERVED.has(node.name.text)) {
      found.push(`${node.name.text} at line ${source.getLineAndCharacterOfPosition(node.getStart()).line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

describe("src modules compile safely to CommonJS", () => {
  it("declare no variable or parameter named exports, module or require", () => {
    const files = (readdirSync(SRC, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
    expect(files.length).toBeGreaterThan(50);
    for (const file of files) expect(shadowingNames(join(SRC, file)), file).toEqual([]);
  });

  it("would catch the shadowing (self-check on a snippet)", () => {
    const snippet = ts.createSourceFile("x.ts", "export const A = 1; function f(exports: number[]) { return A; }", ts.ScriptTarget.ES2022, true);
    const output = ts.transpileModule(snippet.text, { compilerOptions: { module: ts.ModuleKind.CommonJS } }).outputText;
    expect(output).toContain("return exports.A"); // the shadowed reference
  });
});
