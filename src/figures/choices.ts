/**
 * What a notebook parameter may be set to, per dataset: the question ids, the scored groups, the
 * steering conditions and, per published model, the expression methods the authors published.
 */
import { SCORED_GROUPS, hasPublishedCell } from "../data/results";
import { UsageError } from "../errors";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { type Dataset, PAPER_MODELS, SCORED_METHODS, STEERINGS, type ScoredMethod, type Steering } from "../types";

/** The valid parameter values of one dataset. */
export interface DatasetChoices {
  readonly dataset: Dataset;
  /** Question ids in dataset order (OpinionQA ids, NYT "Title By Author", GlobalOpinionQA question texts). */
  readonly questionIds: readonly string[];
  /** Scored group values ("Democrat", …; "0", "1", "2" for GlobalOpinionQA's country slots). */
  readonly groups: readonly string[];
  /** Steering conditions the authors ran on this dataset. */
  readonly steerings: readonly Steering[];
  /** Published model → the expression methods published for it under `steering`. */
  readonly methods: Readonly<Record<string, readonly ScoredMethod[]>>;
}

/** The question ids of a dataset, in dataset order. */
export function questionIds(data: BenchmarkData, dataset: Dataset): string[] {
  if (dataset === "nytimes") return data.nytBooks.map((b) => b.id);
  if (dataset === "globalvalues") return [...data.globalQuestions.keys()];
  const first = Object.values(data.opinionQa)[0];
  return first === undefined ? [] : [...first.keys()];
}

/**
 * The valid question ids, groups, steering conditions and published model × method pairs of a dataset.
 * @param steering the steering condition the methods are listed for. @default "persona"
 * @example
 * datasetChoices(data, "opinionqa").methods["anthropic_opus"]; // => ["verbalize", "sequence"]
 */
export function datasetChoices(data: BenchmarkData, dataset: Dataset, steering: Steering = "persona"): DatasetChoices {
  const steerings = STEERINGS.filter((s) => SCORED_METHODS.some((method) => hasPublishedCell({ dataset, method, model: "gpt-4", steering: s })));
  const methods: Record<string, ScoredMethod[]> = {};
  for (const model of PAPER_MODELS) methods[model] = SCORED_METHODS.filter((method) => hasPublishedCell({ dataset, method, model, steering }));
  return { dataset, questionIds: questionIds(data, dataset), groups: SCORED_GROUPS[dataset].map((g) => g.value), steerings, methods };
}

/** Up to `count` of `candidates` most like `wanted`: longest shared prefix first, then those containing it, then dataset order. */
export function closestIds(wanted: string, candidates: readonly string[], count = 5): string[] {
  const w = wanted.toLowerCase();
  const prefix = (c: string) => {
    const l = c.toLowerCase();
    let n = 0;
    while (n < w.length && n < l.length && w[n] === l[n]) n += 1;
    return n;
  };
  const score = (c: string) => prefix(c) * 2 + (w.length > 0 && c.toLowerCase().includes(w) ? 1 : 0);
  return candidates
    .map((c, i) => ({ c, i, s: score(c) }))
    .sort((a, b) => b.s - a.s || a.i - b.i)
    .slice(0, count)
    .map((x) => x.c);
}

function shorten(id: string): string {
  const line = id.replace(/\s+/g, " ").trim();
  return line.length > 60 ? `${line.slice(0, 57)}…` : line;
}

/**
 * Returns `id` when it is a question of the dataset.
 * @throws {UsageError} naming a few valid ids, the closest first, and how many there are
 * @example
 * checkQuestionId(data, "opinionqa", "GUNIDENTITY_W2"); // UsageError: … (closest: "GUNIDENTITY_W26", …; 100 in all)
 */
export function checkQuestionId(data: BenchmarkData, dataset: Dataset, id: string): string {
  const ids = questionIds(data, dataset);
  if (ids.includes(id)) return id;
  const few = closestIds(id, ids).map((c) => `"${shorten(c)}"`);
  throw new UsageError(`unknown question id "${shorten(id)}" for ${dataset} (closest: ${few.join(", ")}; ${ids.length} in all, see datasetChoices)`);
}
