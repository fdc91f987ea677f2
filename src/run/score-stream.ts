/**
 * Scoring a run's results.jsonl as it is read: each line is checked against the run's grid and an
 * ok line's completion is parsed at once, so that per item only its status and its parse are kept
 * (never the completion, its text or its log-probabilities). The result is the one
 * `scoreRunLines` gives for the file's last line per item, warnings included.
 */
import type { BenchmarkData } from "../benchmark/benchmark-data";
import type { StrictParseResult } from "../parse/strict-result";
import { forEachResultLine } from "../executor/results-file";
import type { ResultLine } from "../executor/types";
import { type GridItemStatus, parseCompletion, type RunScores, scoreParsed, type TruthOf, UnitTally } from "./score-run";
import type { RunUnit } from "./types";

/** An item of a run's grid, as scoring needs it: its id, model and unit (one object for all of a unit's samples). */
export interface GridEntry {
  readonly id: string;
  readonly model: string;
  readonly unit: RunUnit;
}

/** What is kept of an item's last sound result line. */
interface Kept {
  readonly line: number;
  /** The line's model, when it is not the item's own (the line is then not scored). */
  readonly otherModel?: string;
  readonly status: ResultLine["status"];
  /** The strict parse of an ok line's completion, without its notes. */
  readonly parse?: StrictParseResult;
}

/** A scored results file. */
export interface StreamedScores {
  readonly scores: RunScores;
  /** Lines not scored (malformed, of another model, or naming items outside the grid), each naming the line. */
  readonly warnings: readonly string[];
  /** Every sample of every grid item with the status of its last result line of the item's model. */
  readonly statuses: () => Iterable<GridItemStatus>;
}

const NO_NOTES: string[] = [];

/** A parse without what scoring does not read (a success's notes, a failure's detail). */
function compact(parse: StrictParseResult): StrictParseResult {
  return parse.ok === false ? { ok: false, reason: parse.reason, detail: "" } : { ok: true, distribution: parse.distribution, notes: NO_NOTES };
}

/**
 * Scores a results file against a grid. Only lines of the grid's items are scored, each with the
 * grid's metadata for its item; the last sound line per item counts.
 * @param benchmark the datasets
 * @param resultsFile path to results.jsonl (a missing file has no lines)
 * @param grid every sample of every item of the run's grid
 * @param truthOf the ground truth of a unit for a group
 */
export function scoreResultsFile(benchmark: BenchmarkData, resultsFile: string, grid: readonly GridEntry[], truthOf: TruthOf): StreamedScores {
  const byId = new Map<string, GridEntry>();
  for (const entry of grid) byId.set(entry.id, entry);
  const kept = new Map<string, Kept>();
  const foreign = new Map<string, number>();
  const readWarnings = forEachResultLine(resultsFile, (line, lineNumber) => {
    const entry = byId.get(line.id);
    if (entry === undefined) {
      foreign.set(line.id, lineNumber);
    } else if (line.model !== entry.model) {
      kept.set(entry.id, { line: lineNumber, otherModel: line.model, status: line.status });
    } else {
      // Keyed by the grid's own id string, so the line's copy of it is not kept.
      kept.set(entry.id, { line: lineNumber, status: line.status, ...(line.status === "ok" ? { parse: compact(parseCompletion(entry.unit, line.completion)) } : {}) });
    }
  });
  const warnings = [...readWarnings];
  const tally = new UnitTally<StrictParseResult>();
  for (const [id, facts] of kept) {
    const entry = byId.get(id) as GridEntry;
    if (facts.otherModel !== undefined) {
      warnings.push(`${resultsFile} line ${facts.line}: ${id}: model is ${JSON.stringify(facts.otherModel)}, but the item is of ${entry.model}; not scored`);
      continue;
    }
    tally.add(entry.model, entry.unit, facts.status, facts.parse);
  }
  const first = foreign.keys().next();
  if (first.done !== true) {
    warnings.push(`${resultsFile} line ${foreign.get(first.value)}: ${foreign.size} result lines name items outside the run's grid (e.g. ${first.value}); not scored`);
  }
  const scores = scoreParsed(benchmark, tally.answered(), tally.unanswered, truthOf);
  function* statuses(): Iterable<GridItemStatus> {
    for (const entry of grid) {
      const facts = kept.get(entry.id);
      yield { model: entry.model, unit: entry.unit, status: facts === undefined || facts.otherModel !== undefined ? undefined : facts.status };
    }
  }
  return { scores, warnings, statuses };
}
