/**
 * The groups a run can steer towards, per dataset, and `--groups` resolution. What groups a
 * dataset has is its source's (src/survey/source.ts); nothing here names a dataset.
 */
import { type GroupRef, SCORED_GROUPS } from "../data/results";
import { UsageError } from "../errors";
import { loadPromptData } from "../prompts/prompt-data";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { SurveySource } from "../survey/source";
import { type Dataset, type DatasetName, isPaperDataset } from "../types";

/**
 * Every group a paper dataset has answers for: OpinionQA's attribute values (Democrat,
 * Independent, Asian, …), NYT's four groups, GlobalOpinionQA's country slots "0"–"2".
 */
export function availableGroups(benchmark: BenchmarkData, dataset: Dataset): GroupRef[] {
  return loadPromptData(benchmark).source(dataset).availableGroups();
}

/**
 * Position of a group in the paper's order (its score lists' order); unknown groups after,
 * alphabetically. A user survey's groups all sort alike here (their lists follow the run's order).
 */
export function groupOrder(dataset: DatasetName, group: GroupRef): number {
  if (!isPaperDataset(dataset)) return 0;
  const index = SCORED_GROUPS[dataset].findIndex((g) => g.attribute === group.attribute && g.value === group.value);
  return index >= 0 ? index : SCORED_GROUPS[dataset].length;
}

/**
 * The groups of each paper dataset a run covers (`resolveSourceGroups` over their sources).
 * @example
 * resolveGroups(benchmark, ["opinionqa", "nytimes"], ["Democrat", "Republican"]);
 */
export function resolveGroups(benchmark: BenchmarkData, datasets: readonly Dataset[], names?: readonly string[]): Map<DatasetName, GroupRef[]> {
  const data = loadPromptData(benchmark);
  return resolveSourceGroups(datasets.map((d) => data.source(d)), names);
}

/**
 * The groups of each source a run covers.
 * @param names group values ("Democrat", "0"), each optionally prefixed by a dataset
 *   ("nytimes:Female"); undefined for each source's default groups (the paper's scored groups,
 *   every group of a user survey). An unprefixed name applies to every dataset that has it.
 * @throws {UsageError} for a name no selected dataset has, or a dataset left without groups
 */
export function resolveSourceGroups(sources: readonly SurveySource[], names?: readonly string[]): Map<DatasetName, GroupRef[]> {
  const out = new Map<DatasetName, GroupRef[]>();
  if (names === undefined) {
    for (const source of sources) out.set(source.name, source.defaultGroups());
    return out;
  }
  const used = new Set<string>();
  for (const source of sources) {
    const dataset = source.name;
    const available = source.availableGroups();
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
    throw new UsageError(`groups: ${unknown.join(", ")} is not a group of ${sources.map((s) => s.name).join(", ")} (prefix a name with its dataset, e.g. nytimes:Female)`, { option: "groups" });
  }
  return out;
}
