/**
 * `distalign score DIR` writes scores/items.csv and scores/summary.csv. A baseline run on NYT
 * items is altered so that its items cover every status (an unreadable answer, a failed, a
 * truncated and a refused call, a missing line); then each ok row's TV must equal the TV between
 * the answer distribution read from results.jsonl here and the group's human distribution from
 * the raw data file, each other row must carry its status and no TV, and each summary row must be
 * the mean, count and ok share of its items. Rerunning `score` writes the same bytes. A user
 * survey (dataset = its name) is scored through the library against a hand computation too.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { baselineCompletion } from "../../src/backends/baseline-backend";
import { DataError } from "../../src/errors";
import { loadBenchmarkData, type BenchmarkData } from "../../src/benchmark/benchmark-data";
import { itemsCsv, summaryCsv, summaryRows } from "../../src/run/score-files";
import { itemRows, scoreAnswered } from "../../src/run/score-run";
import type { RunUnit } from "../../src/run/types";
import { makeSurvey } from "../../src/survey/types";
import { userSurveySource } from "../../src/survey/source";
import type { GroupRef } from "../../src/data/results";
import { distalign } from "../helpers/cli";
import { testDataDir } from "../helpers/data-dir";

interface Line {
  id: string;
  model: string;
  requestKey: string;
  status: string;
  finishedAt: string;
  elapsedMs: number;
  completion: { text: string; tokens?: { topLogprobs: { token: string; logprob: number }[] }[] };
  meta: { dataset: string; steering: string; method: string; questionId: string; options: string[]; groups: { attribute: string; value: string }[] };
}

function tv(p: readonly number[], q: readonly number[]): number {
  return p.reduce((s, v, j) => s + Math.abs(v - (q[j] ?? 0)), 0) / 2;
}
/** Normalised W1 over options in scale order: Σ |CDF difference| / (k − 1). */
function w1(p: readonly number[], q: readonly number[]): number {
  let d = 0;
  let total = 0;
  for (let j = 0; j < p.length - 1; j++) total += Math.abs((d += (p[j] as number) - (q[j] as number)));
  return total / (p.length - 1);
}
/** E|X/n − p| for X binomial(n, p), summed over every x with log-space probabilities. */
function binomialMeanAbsoluteDeviation(n: number, p: number): number {
  if (p === 0 || p === 1) return 0;
  let logChoose = 0;
  let sum = 0;
  for (let x = 0; x <= n; x++) {
    if (x > 0) logChoose += Math.log((n - x + 1) / x);
    sum += Math.exp(logChoose + x * Math.log(p) + (n - x) * Math.log(1 - p)) * Math.abs(x / n - p);
  }
  return sum;
}
function normalise(values: readonly number[]): number[] {
  const sum = values.reduce((a, b) => a + b, 0);
  return values.map((v) => v / sum);
}

/** The answer distribution of a completion, read here by hand. */
function answered(line: Line): number[] {
  const letters = line.meta.options.map((_, j) => String.fromCharCode(65 + j));
  if (line.meta.method === "verbalize") {
    const object = JSON.parse(line.completion.text) as Record<string, number>;
    return normalise(letters.map((l) => object[l] ?? 0));
  }
  if (line.meta.method === "sequence") {
    const drawn = line.completion.text.split(" ");
    return letters.map((l) => drawn.filter((d) => d === l).length / drawn.length);
  }
  const top = line.completion.tokens?.[0]?.topLogprobs ?? [];
  return normalise(letters.map((l) => Math.exp(top.find((t) => t.token === l)?.logprob ?? Number.NEGATIVE_INFINITY)));
}

const nyt = JSON.parse(readFileSync(join(testDataDir(), "nytimes", "NONE_data.json"), "utf8")) as Record<string, Record<string, Record<string, number>>>;
function human(questionId: string, group: string, options: readonly string[]): number[] {
  const counts = nyt[questionId]?.[group] as Record<string, number>;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return options.map((o) => (counts[o] ?? 0) / total);
}

function csv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
}

const itemKey = (model: string, steering: string, method: string, questionId: string, group: string) => [model, steering, method, questionId, group].join("|");

let dir: string;
let lines: Line[];
/** Unit key → the status its rows must have after the alterations. */
const altered = new Map<string, string>();
let items: Record<string, string>[];
let summary: Record<string, string>[];
let baselines: Record<string, string>[];
let firstBytes: { items: string; summary: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "distalign-score-files-"));
  const args = ["run", "--model", "baseline/uniform", "--model", "baseline/pooled", "--dataset", "nytimes", "--limit", "3", "--steering", "none,persona"];
  const run = await distalign([...args, "--cache-mode", "off", "--progress", "none", "--no-score", "--out", dir]);
  expect(run.status).toBe(0);
  const file = join(dir, "results.jsonl");
  lines = readFileSync(file, "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Line);
  const pick = (model: string, steering: string, method: string, n = 0) => lines.filter((l) => l.model === model && l.meta.steering === steering && l.meta.method === method)[n] as Line;
  const base = (l: Line) => ({ id: l.id, model: l.model, requestKey: l.requestKey, meta: l.meta, finishedAt: l.finishedAt, elapsedMs: l.elapsedMs });
  const partial = { text: "partial", inputTokens: 10, outputTokens: 5 };
  const changes = new Map<string, { status: string; line?: object }>([
    [pick("baseline/uniform", "persona", "verbalize").id, { status: "unparsed", line: { ...pick("baseline/uniform", "persona", "verbalize"), completion: { ...pick("baseline/uniform", "persona", "verbalize").completion, text: "I cannot say." } } }],
    [pick("baseline/uniform", "none", "sequence").id, { status: "failed", line: { ...base(pick("baseline/uniform", "none", "sequence")), status: "failed", error: { name: "BackendError", message: "server error" } } }],
    [pick("baseline/pooled", "persona", "sequence", 1).id, { status: "truncated", line: { ...base(pick("baseline/pooled", "persona", "sequence", 1)), status: "truncated", error: { name: "IncompleteAnswerError", message: "cap" }, partial, costUsd: 0 } }],
    [pick("baseline/pooled", "persona", "logprobs", 2).id, { status: "refused", line: { ...base(pick("baseline/pooled", "persona", "logprobs", 2)), status: "refused", error: { name: "IncompleteAnswerError", message: "refused" }, partial, costUsd: 0 } }],
    [pick("baseline/pooled", "none", "verbalize", 1).id, { status: "missing" }],
  ]);
  const out: string[] = [];
  for (const line of lines) {
    const change = changes.get(line.id);
    if (change !== undefined) for (const g of line.meta.groups) altered.set(itemKey(line.model, line.meta.steering, line.meta.method, line.meta.questionId, g.value), change.status);
    if (change === undefined) out.push(JSON.stringify(line));
    else if (change.line !== undefined) out.push(JSON.stringify(change.line));
  }
  writeFileSync(file, `${out.join("\n")}\n`);
  const score = await distalign(["score", dir, "--iterations", "50"]);
  expect(score.stderr).toBe("");
  expect(score.status).toBe(0);
  items = csv(join(dir, "scores", "items.csv"));
  summary = csv(join(dir, "scores", "summary.csv"));
  baselines = csv(join(dir, "scores", "baselines.csv"));
  firstBytes = { items: readFileSync(join(dir, "scores", "items.csv"), "utf8"), summary: readFileSync(join(dir, "scores", "summary.csv"), "utf8") };
}, 180_000);

describe("distalign score: scores/items.csv and scores/summary.csv", () => {
  it("has the documented columns, one row per item and method, and no temporary files", () => {
    expect(Object.keys(items[0] ?? {})).toEqual(["model", "dataset", "steering", "method", "group", "question_id", "tv", "w1", "status"]);
    expect(Object.keys(summary[0] ?? {})).toEqual(["model", "dataset", "steering", "method", "mean", "half_width", "n", "parse_rate", "w1", "w1_half_width", "w1_n"]);
    // 2 models × 3 questions × (none: 4 groups, persona: 4 groups) × (3 methods + TS-Log-p)
    expect(items).toHaveLength(2 * 3 * 8 * 4);
    expect(readdirSync(join(dir, "scores")).sort()).toEqual(["baselines.csv", "items.csv", "summary.csv"]);
  });

  it("each ok row's TV equals the hand computation; other rows carry their status and no TV", () => {
    const counts = new Map<string, number>();
    for (const row of items) {
      counts.set(row["status"] as string, (counts.get(row["status"] as string) ?? 0) + 1);
      const method = row["method"] === "ts-logprobs" ? "logprobs" : (row["method"] as string);
      const group = (row["group"] as string).split("/")[1] as string;
      const status = altered.get(itemKey(row["model"] as string, row["steering"] as string, method, row["question_id"] as string, group)) ?? "ok";
      expect(row["status"], JSON.stringify(row)).toBe(status);
      if (status !== "ok") {
        expect(row["tv"]).toBe("");
        continue;
      }
      const line = lines.find((l) => l.model === row["model"] && l.meta.steering === row["steering"] && l.meta.method === method && l.meta.questionId === row["question_id"] && l.meta.groups.some((g) => g.value === group)) as Line;
      expect(line, JSON.stringify(row)).toBeDefined();
      if (row["method"] === "ts-logprobs") continue;
      expect(Number(row["tv"])).toBeCloseTo(tv(answered(line), human(line.meta.questionId, group, line.meta.options)), 12);
      // NYT's four Likert options are lettered in scale order.
      expect(Number(row["w1"])).toBeCloseTo(w1(answered(line), human(line.meta.questionId, group, line.meta.options)), 12);
    }
    // A unit without steering is scored against its four groups; a persona unit against one.
    expect(Object.fromEntries(counts)).toEqual({ ok: 192 - 1 - 4 - 1 - 2 - 4, unparsed: 1, failed: 4, truncated: 1, refused: 2, missing: 4 });
  });

  it("each summary row is the mean, count and ok share of its items, with full precision", () => {
    expect(summary).toHaveLength(2 * 2 * 4);
    for (const row of summary) {
      const mine = items.filter((r) => ["model", "dataset", "steering", "method"].every((c) => r[c] === row[c]));
      const ok = mine.filter((r) => r["status"] === "ok").map((r) => Number(r["tv"]));
      expect(Number(row["n"])).toBe(ok.length);
      expect(Number(row["parse_rate"])).toBe(ok.length / mine.length);
      expect(Number(row["mean"])).toBeCloseTo(ok.reduce((a, b) => a + b, 0) / ok.length, 14);
      expect(Number(row["half_width"])).toBeGreaterThanOrEqual(0);
    }
    const sorted = [...summary].sort((a, b) => [a["model"], a["steering"], a["method"]].join("|").localeCompare([b["model"], b["steering"], b["method"]].join("|")));
    expect(summary).toEqual(sorted);
    expect(items.some((r) => (r["tv"] as string).length > 12)).toBe(true);
  });

  it("baselines.csv: the baselines and noise floor of the run's 3 questions × 4 groups, by hand from the raw counts", () => {
    const questions = [...new Set(lines.map((l) => l.meta.questionId))];
    expect(questions).toHaveLength(3);
    const groups = ["Democrat", "Republican", "Male", "Female"];
    const pairs: Record<string, string> = { Democrat: "Republican", Republican: "Democrat", Male: "Female", Female: "Male" };
    const want: Record<string, number[]> = {};
    const push = (key: string, v: number) => (want[key] ??= []).push(v);
    for (const q of questions) {
      const options = lines.find((l) => l.meta.questionId === q && l.meta.steering === "none")?.meta.options as string[];
      for (const g of groups) {
        const p = human(q, g, options);
        const n = Object.values(nyt[q]?.[g] ?? {}).reduce((a, b) => a + b, 0);
        const uniform = p.map((x) => (x > 0 ? 1 / p.filter((y) => y > 0).length : 0));
        const other = human(q, pairs[g] as string, options);
        push("uniform/tv", tv(uniform, p));
        push("uniform/w1", w1(uniform, p));
        push("other-group/tv", tv(other, p));
        push("other-group/w1", w1(other, p));
        // E[TV] = ½ Σ_j E|X_j/n − p_j| with each count X_j binomial(n, p_j).
        push("noise-floor/tv", p.reduce((sum, pj) => sum + binomialMeanAbsoluteDeviation(n, pj), 0) / 2);
      }
    }
    for (const [key, values] of Object.entries(want)) {
      const [baseline, metric] = key.split("/");
      const row = baselines.find((r) => r["baseline"] === baseline && r["metric"] === metric);
      expect(row, key).toBeDefined();
      expect(row?.["dataset"]).toBe("nytimes");
      expect(Number(row?.["n"]), key).toBe(12);
      expect(Number(row?.["mean"]), key).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 10);
    }
    expect(baselines.map((r) => r["baseline"])).toContain("pooled (oracle)");
  });

  it("scoring again writes the same bytes", async () => {
    const again = await distalign(["score", dir, "--iterations", "50"]);
    expect(again.status).toBe(0);
    expect(readFileSync(join(dir, "scores", "items.csv"), "utf8")).toBe(firstBytes.items);
    expect(readFileSync(join(dir, "scores", "summary.csv"), "utf8")).toBe(firstBytes.summary);
  }, 60_000);
});

describe("scoring a user survey: dataset is the survey's name", () => {
  const survey = makeSurvey({
    name: "pets",
    groups: [
      { id: "Young", label: "Young", attribute: "age" },
      { id: "Old", label: "Old", attribute: "age" },
    ],
    questions: [
      { id: "q1", text: "Cats or dogs?", options: ["Cats", "Dogs", "Neither"], scale: "nominal", answers: [["Young", { distribution: [0.5, 0.3, 0.2], n: 10 }], ["Old", { distribution: [0.1, 0.6, 0.3], n: 30 }]] },
      { id: "q2", text: "How much do you like fish?", options: ["Not at all", "Somewhat", "A lot"], scale: "ordinal", answers: [["Young", { distribution: [0.25, 0.25, 0.5], n: 4 }], ["Old", { distribution: [0.2, 0.4, 0.4], n: 5 }]] },
    ],
  });
  let benchmark: BenchmarkData;
  beforeAll(() => {
    benchmark = loadBenchmarkData(testDataDir());
  }, 60_000);
  const unit = (questionId: string, options: string[], group: string, steering: "persona" | "none" = "persona"): RunUnit =>
    ({ dataset: "pets", steering, method: "verbalize", questionId, questionIndex: questionId === "q1" ? 0 : 1, options, groups: steering === "none" ? [{ attribute: "age", value: "Young" }, { attribute: "age", value: "Old" }] : [{ attribute: "age", value: group }] }) as unknown as RunUnit;
  const answer = (p: number[]) => baselineCompletion("baseline/uniform", { model: "baseline/uniform", messages: [] }, "verbalize", p, { seed: 0, key: "" });

  it("scores against the survey's distributions, over the prompt's options by text", () => {
    const reordered = unit("q1", ["Cats", "Dogs", "Neither"], "Old");
    const young = unit("q2", ["Not at all", "Somewhat", "A lot"], "Young");
    const everyone = unit("q2", ["Not at all", "Somewhat", "A lot"], "", "none");
    const missing = unit("q1", ["Cats", "Dogs", "Neither"], "Young");
    const answered = [
      { model: "m/x", unit: reordered, completions: [answer([0.7, 0.2, 0.1])] },
      { model: "m/x", unit: young, completions: [answer([0.1, 0.1, 0.8])] },
      { model: "m/x", unit: everyone, completions: [answer([1 / 3, 1 / 3, 1 / 3])] },
    ];
    const source = userSurveySource(survey, { questionToken: (id) => id });
    const truthOf = (u: RunUnit, g: GroupRef) => source.truth(u.steering, g, u.questionId, u.options.length);
    const scores = scoreAnswered(benchmark, answered, {}, truthOf);
    const grid = [...answered.map((a) => ({ model: a.model, unit: a.unit, status: "ok" as const })), { model: "m/x", unit: missing, status: undefined }];
    const rows = itemRows(grid, scores, truthOf);
    const tvOf = (questionId: string, group: string, steering = "persona") => rows.find((r) => r.questionId === questionId && r.group.value === group && r.steering === steering);
    expect(tvOf("q1", "Old")?.tv).toBeCloseTo(tv([0.7, 0.2, 0.1], [0.1, 0.6, 0.3]), 14);
    expect(tvOf("q2", "Young")?.tv).toBeCloseTo(tv([0.1, 0.1, 0.8], [0.25, 0.25, 0.5]), 14);
    expect(tvOf("q2", "Old", "none")?.tv).toBeCloseTo(tv([1 / 3, 1 / 3, 1 / 3], [0.2, 0.4, 0.4]), 14);
    expect(tvOf("q1", "Young")?.status).toBe("missing");
    expect(rows.every((r) => (r.dataset as string) === "pets")).toBe(true);
    const summaryRowsOf = summaryRows(rows, { iterations: 20 });
    const csvText = summaryCsv(summaryRowsOf);
    expect(csvText.split("\n")[0]).toBe("model,dataset,steering,method,mean,half_width,n,parse_rate,w1,w1_half_width,w1_n");
    const persona = summaryRowsOf.find((r) => r.steering === "persona");
    expect(persona?.n).toBe(2);
    expect(persona?.parseRate).toBe(2 / 3);
    expect(persona?.mean).toBeCloseTo((tv([0.7, 0.2, 0.1], [0.1, 0.6, 0.3]) + tv([0.1, 0.1, 0.8], [0.25, 0.25, 0.5])) / 2, 14);
    expect(itemsCsv(rows)).toContain("m/x,pets,persona,verbalize,age/Young,q1,,,missing");
  });

  it("a unit of a survey without its Survey is refused, naming the survey", () => {
    const answered = [{ model: "m/x", unit: unit("q1", ["Cats", "Dogs", "Neither"], "Old"), completions: [answer([0.2, 0.3, 0.5])] }];
    expect(() => scoreAnswered(benchmark, answered)).toThrow(DataError);
    expect(() => scoreAnswered(benchmark, answered)).toThrow(/^pets: no survey to score against/);
  });
});
