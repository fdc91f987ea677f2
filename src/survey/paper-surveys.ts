/**
 * The survey shape of each paper dataset, built once per loaded benchmark data: the
 * reproduction's ordinal scales and baselines, and a run's survey sources, read the same object
 * instead of each building (and reading the files behind) its own.
 */
import type { BenchmarkData } from "../benchmark/benchmark-data";
import { memoPerData } from "../benchmark/data-memo";
import type { Dataset } from "../types";
import { globalOpinionQaSurvey } from "./globalvalues-survey";
import { nytSurvey } from "./nytimes-survey";
import { opinionQaSurvey } from "./opinionqa-survey";
import type { Survey } from "./types";

const BUILDERS: Readonly<Record<Dataset, (dataDir: string) => Survey>> = {
  opinionqa: (dataDir) => opinionQaSurvey(dataDir),
  nytimes: nytSurvey,
  globalvalues: globalOpinionQaSurvey,
};

const built = memoPerData<Dataset, Survey>();

/**
 * The survey of a paper dataset, from the data directory of `data`, built on first use.
 * @throws {DataError} naming the file and key when a file is missing or malformed
 */
export function paperSurvey(data: BenchmarkData, dataset: Dataset): Survey {
  return built(data, dataset, () => BUILDERS[dataset](data.dataDir));
}
