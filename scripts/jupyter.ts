/**
 * Finding the project's Jupyter set-up from scripts: the Python that has nbclient and nbconvert,
 * the project-local kernel and the environment notebooks run in.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { projectRoot } from "../src/config";

/** The project-local Jupyter data directory that holds the tslab kernelspec. */
export function jupyterDataDir(): string {
  return join(projectRoot(), ".jupyter-local");
}

/** What to run when Jupyter's Python packages are missing. */
export const JUPYTER_INSTALL_HINT =
  "install Jupyter: sudo apt-get install jupyter-notebook jupyter-nbconvert python3-nbclient " +
  "(Debian/Ubuntu), or pip install notebook nbconvert nbclient";

/** The interpreter named on the `#!` line of an executable, if any. */
function shebangInterpreter(executable: string): string | undefined {
  const firstLine = readFileSync(executable, "utf8").split("\n", 1)[0] ?? "";
  const match = /^#!\s*(\S+)(?:\s+(\S+))?/.exec(firstLine);
  if (match === null) return undefined;
  return match[1]?.endsWith("/env") ? match[2] : match[1];
}

/**
 * The Python whose packages include nbclient, nbconvert and nbformat: the interpreter of the
 * `jupyter` command on PATH first (a pip install in a virtualenv, or /usr/bin/python3 for
 * Debian's packages), then `python3`, then /usr/bin/python3.
 * @returns undefined when none has them
 */
export function jupyterPython(): string | undefined {
  const candidates: string[] = [];
  const found = spawnSync("sh", ["-c", "command -v jupyter"], { encoding: "utf8" });
  const jupyter = found.stdout.trim();
  if (found.status === 0 && jupyter !== "" && existsSync(jupyter)) {
    const interpreter = shebangInterpreter(jupyter);
    if (interpreter !== undefined) candidates.push(interpreter);
  }
  candidates.push("python3", "/usr/bin/python3");
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import nbclient, nbconvert, nbformat"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  return undefined;
}

/**
 * Writes (or confirms) the project-local tslab kernelspec.
 * @returns the register script's failure message, or undefined on success
 */
export function registerKernel(): string | undefined {
  const script = join(projectRoot(), "scripts", "register-kernel.mjs");
  const result = spawnSync(process.execPath, [script], { encoding: "utf8" });
  return result.status === 0 ? undefined : (result.stderr || result.stdout).trim();
}

/**
 * The environment of a notebook run: the parent's, with the project kernel first on
 * JUPYTER_PATH and the given variables set.
 */
export function notebookEnv(overrides: Readonly<Record<string, string>>): NodeJS.ProcessEnv {
  const inherited = process.env["JUPYTER_PATH"];
  const jupyterPath = inherited === undefined || inherited === "" ? jupyterDataDir() : `${jupyterDataDir()}:${inherited}`;
  return { ...process.env, JUPYTER_PATH: jupyterPath, ...overrides };
}

/**
 * The notebooks a script runs: the named ones (a path, or a name in notebooks/ with or without
 * .ipynb), else every notebooks/*.ipynb not starting with "_" (all of them with `all`), sorted.
 * @param fail called with the message for a name that is no notebook
 */
export function selectNotebooks(names: readonly string[], all: boolean, fail: (message: string) => never): string[] {
  const dir = join(projectRoot(), "notebooks");
  if (names.length > 0) {
    return names.map((name) => {
      const candidates = [resolve(name), join(dir, name), join(dir, `${name}.ipynb`)];
      const found = candidates.find((path) => path.endsWith(".ipynb") && existsSync(path));
      if (found === undefined) fail(`no such notebook (${name})`);
      return found as string;
    });
  }
  return readdirSync(dir)
    .filter((file) => file.endsWith(".ipynb") && (all || !file.startsWith("_")))
    .sort()
    .map((file) => join(dir, file));
}
