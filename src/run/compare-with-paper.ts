/**
 * A run beside the paper's models: the paper's published outputs scored on exactly the run's
 * questions and groups (matched), and the full Table 1 with the run's models added.
 */
import { runBootstrapJobsInParallel } from "../benchmark/workers";
import { DataError } from "../errors";
import { groupKey } from "../data/results";
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { scoreLists } from "../reproduce/reproduce";
import type { ScoreList } from "../benchmark/score-lists";
import { type Tables, tabulate } from "../benchmark/tables";
import { PAPER_MODELS } from "../types";
import { publishedCompletion } from "./published-source";
import { type AnsweredUnit, type RunScores, scoreAnswered } from "./score-run";
import type { RunUnit } from "./types";

/**
 * The paper's models answered on the run's units from their published outputs, scored like the
 * run (strict parsers, corrected ground truth, TS-Log-p fitted on these items). A unit the paper
 * has no comparable answer for is left out for that model. Models are named as in the paper ("gpt-4").
 * @param benchmark the loaded data
 * @param units the run's units (model-independent), e.g. `scores.items`' sources
 * @param models the paper models @default all five
 */
export function matchedPaperScores(benchmark: BenchmarkData, units: Iterable<RunUnit>, models: readonly string[] = PAPER_MODELS): RunScores {
  const distinct = new Map<string, RunUnit>();
  for (const unit of units) {
    const key = [unit.dataset, unit.steering, unit.method, unit.questionId, unit.groups.map(groupKey).join("+")].join("|");
    if (!distinct.has(key)) distinct.set(key, unit);
  }
  const answered: AnsweredUnit[] = [];
  for (const model of models) {
    for (const unit of distinct.values()) {
      try {
        answered.push({ model, unit, completions: [publishedCompletion(benchmark, model, unit)] });
      } catch (error) {
        if (!(error instanceof DataError)) throw error;
      }
    }
  }
  return scoreAnswered(benchmark, answered);
}

/** Options of `tableWithPaper`. */
export interface FullTableOptions {
  /** @default 1000 */
  readonly iterations?: number;
  /** @default 0 */
  readonly seed?: number;
  readonly threads?: number;
}

/**
 * Table 1a, Table 1b and the breakdown with the run's models beside the paper's: the run's score
 * lists merged with corrected mode's (those of `reproduce({ mode: "corrected" })`: the paper's models,
 * humans and baselines), tabulated with the union of models. A run model gets a Table 1a row only
 * when it covers all three datasets under persona and few-shot steering; the breakdown has its
 * per-dataset rows in any case.
 * @param benchmark the loaded data
 * @param runLists the run's score lists (`RunScores.lists`)
 */
export async function tableWithPaper(benchmark: BenchmarkData, runLists: readonly ScoreList[], options: FullTableOptions = {}): Promise<Tables> {
  const corrected = scoreLists(benchmark, "corrected");
  const runModels = [...new Set(runLists.map((list) => list.model))];
  return tabulate(
    [...corrected, ...runLists],
    {
      iterations: options.iterations ?? 1000,
      seed: options.seed ?? 0,
      models: [...PAPER_MODELS, ...runModels.filter((m) => !(PAPER_MODELS as readonly string[]).includes(m))],
    },
    (jobs) => runBootstrapJobsInParallel(jobs, options.threads),
  );
}
