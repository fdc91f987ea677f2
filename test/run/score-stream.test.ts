/**
 * Scoring a run folder from results.jsonl as it is streamed gives what scoring the file's full
 * records gives (`readResults`, then `scoreRunLines` and `itemRows`, the path scoring took before
 * it streamed): the same items.csv and summary.csv byte for byte, the same scores, parse rates,
 * temperatures and warnings, on a file of every status, re-run items, unreadable answers, lines of
 * another model, lines outside the grid, a corrupt line and a torn last line.
 */
import { appendFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { capabilitiesFor } from "../../src/backends/capabilities";
import { cacheKey } from "../../src/cache/cache-key";
import type { GroupRef } from "../../src/data/results";
import { readResults, ResultsWriter } from "../../src/executor/results-file";
import type { ResultLine, WorkItem } from "../../src/executor/types";
import { loadBenchmarkData } from "../../src/benchmark/benchmark-data";
import { loadPromptData, type PromptData } from "../../src/prompts/prompt-data";
import { mulberry32 } from "../../src/random";
import { scoreRunDir } from "../../src/run/benchmark-run";
import { planGrid } from "../../src/run/grid";
import { scaleOrderOf } from "../../src/run/run-baselines";
import { itemRows, scoreRunLines } from "../../src/run/score-run";
import { itemsCsv, summaryCsv, summaryRows } from "../../src/run/score-files";
import type { RunItemMeta, RunUnit } from "../../src/run/types";
import { testDataDir } from "../helpers/data-dir";
import { answerLine, failedLine, incompleteLine } from "../helpers/synthetic-results";
import { makeTempDir } from "../helpers/temp-dir";

const MODEL = "openai/gpt-4o-mini";
const GRID = { models: [MODEL], datasets: ["opinionqa" as const, "nytimes" as const], steerings: ["none" as const, "persona" as const, "few-shot" as const], limit: 4, samples: 3 };
const SCOPE = "https://api.openai.com/v1";

let data: PromptData;
let items: WorkItem<RunItemMeta>[];

beforeAll(() => {
  data = loadPromptData(loadBenchmarkData(testDataDir()));
  items = planGrid(data, GRID).items;
  expect(capabilitiesFor(MODEL).logprobs).toBe(true);
}, 120_000);

/** A results file of every kind of line; returns its path. */
function writeMixedResults(dir: string): string {
  const file = join(dir, "results.jsonl");
  const random = mulberry32(7);
  const writer = new ResultsWriter(file);
  const key = (item: WorkItem<RunItemMeta>) => cacheKey(item.request, SCOPE);
  let unitRoll = 0;
  items.forEach((item, index) => {
    // The samples of a unit (consecutive items) mostly share their fate, so every item status occurs.
    if ((item.meta as RunItemMeta).sample === 0) unitRoll = random();
    const roll = random() < 0.7 ? unitRoll : random();
    if (roll < 0.04) return; // never answered: missing
    if (roll < 0.1) writer.append(failedLine(item, key(item)));
    else if (roll < 0.13) writer.append(incompleteLine(item, key(item), "truncated"));
    else if (roll < 0.15) writer.append(incompleteLine(item, key(item), "refused"));
    else if (roll < 0.2) writer.append(answerLine(item, key(item), random, true));
    else if (roll < 0.22) writer.append({ ...answerLine(item, key(item), random), model: "openai/gpt-4o" });
    else writer.append(answerLine(item, key(item), random));
    // Some items ran again later: the last line counts, wherever it is.
    if (index % 11 === 0) writer.append(answerLine(item, key(item), random));
    if (index % 13 === 0) writer.append(failedLine(item, key(item)));
  });
  writer.append({ ...(answerLine(items[0]!, "k", random) as ResultLine), id: "openai/gpt-4o-mini|elsewhere|1" });
  writer.close();
  appendFileSync(file, "{not json\n");
  // Items outside the grid, one of them twice: the warning names the first one's last line.
  for (const id of ["openai/gpt-4o-mini|elsewhere|2", "openai/gpt-4o-mini|elsewhere|1"]) appendFileSync(file, `${JSON.stringify({ ...(answerLine(items[1]!, "k", random) as ResultLine), id })}\n`);
  for (const item of items.slice(0, 40)) if (items.indexOf(item) % 3 === 0) appendFileSync(file, `${JSON.stringify(answerLine(item, key(item), random))}\n`);
  appendFileSync(file, JSON.stringify(answerLine(items[5]!, key(items[5]!), random)).slice(0, 90));
  return file;
}

/** Scoring from the full records of every line, as scoreRunDir did before it streamed. */
function scoreFromRecords(resultsFile: string) {
  const grid = items.map((item) => ({ id: item.id, model: item.request.model, meta: item.meta as RunItemMeta }));
  const byId = new Map(grid.map((entry) => [entry.id, entry]));
  const read = readResults(resultsFile);
  const warnings = [...read.warnings];
  const lines: ResultLine[] = [];
  const foreign: string[] = [];
  for (const [id, line] of read.latest) {
    const entry = byId.get(id);
    if (entry === undefined) foreign.push(id);
    else if (line.model !== entry.model) warnings.push(`${resultsFile} line ${read.lineOf.get(id)}: ${id}: model is ${JSON.stringify(line.model)}, but the item is of ${entry.model}; not scored`);
    else lines.push({ ...line, meta: entry.meta });
  }
  if (foreign[0] !== undefined) warnings.push(`${resultsFile} line ${read.lineOf.get(foreign[0])}: ${foreign.length} result lines name items outside the run's grid (e.g. ${foreign[0]}); not scored`);
  const truthOf = (unit: RunUnit, group: GroupRef) => data.source(unit.dataset).truth(unit.steering, group, unit.questionId, unit.options.length);
  const scores = scoreRunLines(data.benchmark, lines, truthOf);
  const statuses = grid.map((entry) => {
    const line = read.latest.get(entry.id);
    return { model: entry.model, unit: entry.meta, status: line?.model === entry.model ? line.status : undefined };
  });
  return { ...scores, warnings, rows: itemRows(statuses, scores, truthOf, scaleOrderOf(data)) };
}

describe("scoring a streamed results file", () => {
  it("gives the scores, CSV files and warnings of scoring every line's full record", () => {
    const dir = makeTempDir();
    const file = writeMixedResults(dir);
    const streamed = scoreRunDir(data, dir, items);
    const records = scoreFromRecords(file);
    const statuses = new Set(streamed.rows.map((row) => row.status));
    expect([...statuses].sort()).toEqual(["failed", "missing", "ok", "refused", "truncated", "unparsed"]);
    expect(streamed.rows.filter((row) => row.status === "ok").length).toBeGreaterThan(100);
    expect(streamed.rows.some((row) => row.w1 !== undefined)).toBe(true);
    expect(streamed.temperatures.length).toBeGreaterThan(0);
    expect(streamed.warnings.length).toBeGreaterThan(3);
    expect(itemsCsv(streamed.rows)).toBe(itemsCsv(records.rows));
    expect(summaryCsv(summaryRows(streamed.rows))).toBe(summaryCsv(summaryRows(records.rows)));
    expect(streamed.warnings).toEqual(records.warnings);
    expect(streamed.items).toEqual(records.items);
    expect(streamed.lists).toEqual(records.lists);
    expect(streamed.parseRates).toEqual(records.parseRates);
    expect(streamed.temperatures).toEqual(records.temperatures);
    expect(streamed.units).toEqual(records.units);
    expect([streamed.failedCalls, streamed.truncatedCalls, streamed.refusedCalls]).toEqual([records.failedCalls, records.truncatedCalls, records.refusedCalls]);

    // The same folder scored from its run.json, as `distalign score` does.
    writeFileSync(join(dir, "run.json"), `${JSON.stringify({ ...GRID, items: items.length })}\n`);
    const fromSpec = scoreRunDir(data, dir);
    expect(itemsCsv(fromSpec.rows)).toBe(itemsCsv(records.rows));
    expect(summaryCsv(summaryRows(fromSpec.rows))).toBe(summaryCsv(summaryRows(records.rows)));
    expect(fromSpec.warnings).toEqual(records.warnings);
    expect([fromSpec.items, fromSpec.lists, fromSpec.parseRates, fromSpec.temperatures]).toEqual([records.items, records.lists, records.parseRates, records.temperatures]);
    const fields = (unit: RunUnit) => [unit.dataset, unit.steering, unit.method, unit.questionId, unit.questionIndex, unit.options, unit.groups];
    expect(fromSpec.units.map(fields)).toEqual(records.units.map(fields));
  });

  it("scores a missing results file as every item missing", () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "other.txt"), "");
    const streamed = scoreRunDir(data, dir, items);
    expect(streamed.items).toEqual([]);
    expect(new Set(streamed.rows.map((row) => row.status))).toEqual(new Set(["missing"]));
  });
});
