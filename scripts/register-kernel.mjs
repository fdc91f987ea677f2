#!/usr/bin/env node
/**
 * Registers the tslab TypeScript kernel for this project only: writes
 * `.jupyter-local/kernels/tslab/kernel.json`, found by Jupyter when `JUPYTER_PATH` includes
 * `.jupyter-local` (scripts/notebooks.sh and scripts/run-notebooks.ts set it).
 *
 * The kernel command is the absolute path of `node_modules/.bin/tslab`, and the kernel's PATH
 * starts with the folder of the Node that runs this script, so the kernel starts whatever the
 * caller's PATH is. The file is rewritten only when its content changes.
 *
 * `tslab install --prefix` writes the same argv, but it needs a `python3` with jupyter_client
 * and IPython first on PATH, adds a JavaScript kernel and cannot set the kernel's environment.
 *
 * Usage: node scripts/register-kernel.mjs [--print-dir]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const jupyterDir = join(root, ".jupyter-local");
const kernelDir = join(jupyterDir, "kernels", "tslab");
const tslabBin = join(root, "node_modules", ".bin", "tslab");

if (process.argv.includes("--print-dir")) {
  process.stdout.write(jupyterDir + "\n");
  process.exit(0);
}
if (!existsSync(tslabBin)) {
  console.error(`register-kernel: tslab is not installed (${tslabBin} missing); run npm ci first`);
  process.exit(1);
}

const spec = {
  argv: [tslabBin, "kernel", "--config-path", "{connection_file}"],
  display_name: "TypeScript (distalign)",
  language: "typescript",
  env: { PATH: `${dirname(process.execPath)}:\${PATH}` },
  metadata: { distalign: { node: process.version } },
};
const text = JSON.stringify(spec, null, 2) + "\n";
const file = join(kernelDir, "kernel.json");
const current = existsSync(file) ? readFileSync(file, "utf8") : undefined;
if (current === text) {
  console.log(`kernel: tslab already registered in ${kernelDir}`);
} else {
  mkdirSync(kernelDir, { recursive: true });
  writeFileSync(file, text);
  console.log(`kernel: tslab registered in ${kernelDir} (JUPYTER_PATH=${jupyterDir})`);
}
