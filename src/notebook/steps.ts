/**
 * Handing results from one notebook cell to the cells below it. A cell that produces something
 * keeps it (`steps.keep("paper", value)`); a later cell takes it (`steps.from("paper")`) instead
 * of naming the earlier cell's variable. Run out of order, that later cell stops with one line
 * naming the cell to run, where tslab would print a "Cannot find name" compile error.
 */
import { NotebookStop } from "./guard";

/** The results kept so far in one notebook, each under a key declared with the cell that makes it. */
export interface NotebookSteps<K extends string> {
  /**
   * Keeps `value` under `key` for the cells below, replacing what an earlier run kept.
   * @returns `value`, so a cell can keep and use it in one line
   */
  keep<T>(key: K, value: T): T;
  /**
   * What a cell above kept under `key`.
   * @throws {NotebookStop} "run the cells above first (from '<cell>')" when nothing is kept under it yet
   */
  from<T = any>(key: K): T;
  /** True when a cell has kept something under `key`. */
  has(key: K): boolean;
}

/**
 * The hand-down store of a notebook, created in its first code cell. `cells` maps each key to
 * the title of the notebook section (its markdown heading) whose cell keeps it; that title is
 * what the error of `from` names. Running the first cell again starts an empty store, so cells
 * below ask to be run again after a parameter changes instead of showing stale results.
 * @param cells key → the heading of the section whose cell keeps it
 * @throws {TypeError} when a title is empty
 * @example
 * const steps = notebookSteps({ data: "1. The question and the group" });
 * const data = steps.keep("data", loadBenchmarkData(requireDataDir()));   // in section 1
 * const data = steps.from("data");                                         // in any cell below
 */
export function notebookSteps<const C extends Readonly<Record<string, string>>>(cells: C): NotebookSteps<Extract<keyof C, string>> {
  for (const [key, title] of Object.entries(cells)) {
    if (typeof title !== "string" || title.trim() === "") throw new TypeError(`notebookSteps: key "${key}" needs the title of the cell that keeps it`);
  }
  const kept = new Map<string, unknown>();
  const titleOf = (key: string): string => {
    const title = cells[key];
    if (title === undefined) throw new TypeError(`notebookSteps: unknown key "${key}" (declared: ${Object.keys(cells).join(", ")})`);
    return title;
  };
  return {
    keep(key, value) {
      titleOf(key);
      kept.set(key, value);
      return value;
    },
    from(key) {
      const title = titleOf(key);
      if (!kept.has(key)) throw new NotebookStop(`run the cells above first (from '${title}')`);
      return kept.get(key) as never;
    },
    has(key) {
      titleOf(key);
      return kept.has(key);
    },
  };
}
