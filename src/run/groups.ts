/**
 * The groups a run can steer towards, per dataset, and `--groups` resolution.
 */
import { NYTIMES_GROUPS } from "../data/nytimes";
import { OPINIONQA_ATTRIBUTES } from "../data/opinionqa";
import { type GroupRef, SCORED_GROUPS } from "../data/results";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../reproduce/benchmark-data";
import type { Dataset } from "../types";

/**
 * Every group a dataset has answers for: OpinionQA's attribute values (Democrat, Independent,
 * Asian, …), NYT's four groups, GlobalOpinionQA's country slots "0"–"2".
 */
export function availableGroups(benchmark: BenchmarkData, dataset: Dataset): GroupRef[] {
  if (dataset === "opinionqa") {
    return OPINIONQA_ATTRIBUTES.flatMap((attribute) => {
      const values = new Set<string>();
      for (const question of benchmark.opinionQa[attribute]?.values() ?? []) for (const value of Object.keys(question.counts)) values.add(value);
      return [...values].sort().map((value) => ({ attribute, value }));
    });
  }
  if (dataset === "nytimes") return NYTIMES_GROUPS.map((value) => ({ attribute: value === "Male" || value === "Female" ? "SEX" : "POLPARTY", value }));
  return SCORED_GROUPS.globalvalues.map((group) => ({ ...group }));
}

/** Position of a group in the paper's order (its score lists' order); unknown groups after, alphabetically. */
export function groupOrder(dataset: Dataset, group: GroupRef): number {
  const index = SCORED_GROUPS[dataset].findIndex((g) => g.attribute === group.attribute && g.value === group.value);
  return index >= 0 ? index : SCORED_GROUPS[dataset].length;
}

/**
 * The groups of each dataset a run covers.
 * @param names group values ("Democrat", "0"), each optionally prefixed by a dataset
 *   ("nytimes:Female"); undefined for the paper's scored groups. An unprefixed name applies to
 *   every dataset that has it.
 * @throws {UsageError} for a name no selected dataset has, or a dataset left without groups
 * @example
 * resolveGroups(benchmark, ["opinionqa", "nytimes"], ["Democrat", "Republican"]);
 */
export function resolveGroups(benchmark: BenchmarkData, datasets: readonly Dataset[], names?: readonly string[]): Map<Dataset, GroupRef[]> {
  const out = new Map<Dataset, GroupRef[]>();
  if (names === undefined) {
    for (const dataset of datasets) out.set(dataset, SCORED_GROUPS[dataset].map((g) => ({ ...g })));
    return out;
  }
  const used = new Set<string>();
  for (const dataset of datasets) {
    const available = availableGroups(benchmark, dataset);
    const chosen = available.filter((group) =>
      names.some((name) => {
        const [prefix, value] = name.includes(":") ? [name.slice(0, name.indexOf(":")), name.slice(name.indexOf(":") + 1)] : [undefined, name];
        const match = (prefix === undefined || prefix === dataset) && value === group.value;
        if (match) used.add(name);
        return match;
      }),
    );
    if (chosen.length === 0) {
      throw new UsageError(`groups: none of ${names.join(", ")} is a group of ${dataset} (groups: ${available.map((g) => g.value).join(", ")})`, { option: "groups" });
    }
    out.set(dataset, chosen);
  }
  const unknown = names.filter((name) => !used.has(name));
  if (unknown.length > 0) {
    throw new UsageError(`groups: ${unknown.join(", ")} is not a group of ${datasets.join(", ")} (prefix a name with its dataset, e.g. nytimes:Female)`, { option: "groups" });
  }
  return out;
}
