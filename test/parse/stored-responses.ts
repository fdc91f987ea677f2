/**
 * The published responses and stored predictions, for parity tests of the paper-faithful parsers:
 * the scored grid (every model, dataset and steering, the scored groups, no-steering once) through
 * the data layer, and every result file on disk for census counts.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { SCORED_GROUPS, hasPublishedCell, loadResultCell, METHOD_DIRS } from "../../src/data/results";
import { parsePythonJson } from "../../src/data/python-json";
import { DATASETS, type Dataset, PAPER_MODELS, STEERINGS, type Steering } from "../../src/types";

/** One stored response with its prediction (`avg_actual_results`). */
export interface StoredResponse {
  readonly dataset: Dataset;
  readonly model: string;
  readonly steering: Steering;
  /** "POLPARTY/Democrat", "globalvalues/0", "NONE/Democrat"; for the census, the path below the task folder. */
  readonly group: string;
  readonly key: string;
  readonly response: string;
  readonly stored: Readonly<Record<string, number>>;
}

/** Responses of the scored grid for a method; entries with an empty prediction are skipped. */
export function scoredResponses(dataDir: string, method: "verbalize" | "sequence"): StoredResponse[] {
  const out: StoredResponse[] = [];
  for (const dataset of DATASETS)
    for (const model of PAPER_MODELS)
      for (const steering of STEERINGS) {
        if (!hasPublishedCell({ dataset, method, model, steering })) continue;
        const groups = steering === "none" ? SCORED_GROUPS[dataset].slice(0, 1) : SCORED_GROUPS[dataset];
        for (const group of groups) {
          const cell = loadResultCell(dataDir, { dataset, method, model, steering, group });
          for (const entry of cell.entries) {
            if (Object.keys(entry.prediction).length === 0) continue;
            out.push({
              dataset, model, steering, group: `${cell.group.attribute}/${cell.group.value}`, key: entry.key,
              response: entry.response ?? "", stored: entry.prediction,
            });
          }
        }
      }
  return out;
}

function jsonFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return jsonFiles(path);
    return name.endsWith(".json") ? [path] : [];
  });
}

const TASK_STEERING: Record<string, Steering> = { task0: "none", task1: "persona", task3_easy_hard: "few-shot" };

/** Every stored response of a method in every result file (all groups, all task folders). */
export function allStoredResponses(dataDir: string, method: "verbalize" | "sequence"): StoredResponse[] {
  const out: StoredResponse[] = [];
  for (const dataset of DATASETS) {
    const root = join(dataDir, "results", dataset, METHOD_DIRS[method]);
    for (const file of jsonFiles(root)) {
      const [model = "", task = "", ...rest] = file.slice(root.length + 1).split("/");
      const steering = TASK_STEERING[task];
      if (steering === undefined) throw new Error(`unexpected task folder ${task} in ${file}`);
      const json = parsePythonJson(readFileSync(file, "utf8")) as Record<string, { avg_actual_results: Record<string, number>; response?: string[] }>;
      for (const [key, value] of Object.entries(json)) {
        if (Object.keys(value.avg_actual_results).length === 0) continue;
        out.push({ dataset, model, steering, group: rest.join("/"), key, response: value.response?.[0] ?? "", stored: value.avg_actual_results });
      }
    }
  }
  return out;
}

/** The number of options: the stored letters, which are always A… without gaps (checked). */
export function optionCountOf(stored: Readonly<Record<string, number>>): number {
  const letters = Object.keys(stored).sort();
  if (letters.some((l, j) => l !== String.fromCharCode(65 + j))) throw new Error(`letters with gaps: ${letters.join("")}`);
  return letters.length;
}

/** True when a prediction in letter order equals the stored one on every stored letter within 1e-12. */
export function reproduces(prediction: readonly number[], stored: Readonly<Record<string, number>>): boolean {
  return Object.entries(stored).every(([letter, value]) => {
    const mine = prediction[letter.charCodeAt(0) - 65];
    return mine !== undefined && Math.abs(mine - value) <= 1e-12;
  });
}

/** Counts of string labels, keys sorted, for exact comparison with an expected table. */
export function tally(labels: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const label of [...labels].sort()) counts[label] = (counts[label] ?? 0) + 1;
  return counts;
}
