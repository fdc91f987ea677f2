/**
 * The baseline backends end to end through the command: `distalign run` with baseline/uniform,
 * baseline/pooled and baseline/other-group on a few items of each paper dataset, every steering
 * and method, then `distalign score`. Each item's TV in scores/items.csv is checked against a
 * computation made here from the raw data files: the baseline's distribution built by hand
 * (uniform; counts pooled over the scored groups; the paired group, or the farthest one) and the
 * group's human distribution, over the prompt's options by text. Sequence answers are re-counted
 * from the recorded letters and are identical on a re-run, and different with another seed.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { beforeAll, describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { testDataDir } from "../helpers/data-dir";
import { makeTempDir } from "../helpers/temp-dir";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";

type Dist = number[];
interface Line {
  id: string;
  model: string;
  status: string;
  completion: { text: string; tokens?: { token: string; logprob: number; topLogprobs: { token: string; logprob: number }[] }[] };
  meta: { dataset: string; steering: string; method: string; questionId: string; options: string[]; groups: { attribute: string; value: string }[] };
}

const MODELS = ["baseline/uniform", "baseline/pooled", "baseline/other-group"];
const PAIRS: Record<string, string> = { Democrat: "Republican", Republican: "Democrat", Male: "Female", Female: "Male", Black: "White", White: "Black" };
const OQA_GROUPS: [string, string][] = [["POLPARTY", "Democrat"], ["POLPARTY", "Republican"], ["SEX", "Male"], ["SEX", "Female"], ["RACE", "Black"], ["RACE", "White"]];

function tv(p: readonly number[], q: readonly number[]): number {
  return p.reduce((s, v, j) => s + Math.abs(v - (q[j] ?? 0)), 0) / 2;
}
function normalise(values: readonly number[]): Dist {
  const sum = values.reduce((a, b) => a + b, 0);
  return sum > 0 ? values.map((v) => v / sum) : values.map(() => 1 / values.length);
}
function mean(ds: readonly Dist[]): Dist {
  return (ds[0] ?? []).map((_, j) => ds.reduce((s, d) => s + (d[j] ?? 0), 0) / ds.length);
}

/** Raw data, read here without distalign's loaders. */
const dataDir = testDataDir();
const json = (path: string) => JSON.parse(readFileSync(join(dataDir, path), "utf8"));
const nyt = json("nytimes/NONE_data.json") as Record<string, Record<string, Record<string, number>>>;
const oqa = Object.fromEntries(["POLPARTY", "SEX", "RACE"].map((a) => [a, json(`opinions_qa/data/human_resp/Pew_American_Trends_Panel_disagreement_100/${a}_data.json`)])) as Record<string, Record<string, Record<string, Record<string, number>>>>;
const gv = json("Global_Values/data/data.json") as Record<string, Record<string, unknown>>;

/** Counts of a group over the prompt's options by text (NYT, OpinionQA), or GlobalOpinionQA shares by position. */
function groupCounts(dataset: string, questionId: string, group: string, options: readonly string[]): { counts: number[]; total: number } | undefined {
  if (dataset === "globalvalues") {
    const countries = gv[questionId]?.["countries"] as string[];
    const country = /^\d$/.test(group) ? countries[Number(group)] : group;
    const shares = gv[questionId]?.[country as string] as number[];
    expect(shares.length).toBe(options.length);
    return { counts: shares, total: 1 };
  }
  const byOption = dataset === "nytimes" ? nyt[questionId]?.[group] : OQA_GROUPS.filter(([, v]) => v === group).map(([a]) => oqa[a]?.[questionId]?.[group])[0];
  if (byOption === undefined) return undefined;
  const total = Object.values(byOption).reduce((a, b) => a + b, 0);
  if (total === 0) return undefined;
  return { counts: options.map((o) => byOption[o] ?? 0), total };
}

function human(dataset: string, questionId: string, group: string, options: readonly string[]): Dist | undefined {
  const found = groupCounts(dataset, questionId, group, options);
  return found === undefined ? undefined : found.counts.map((c) => c / found.total);
}

/** Every group of the question in the survey: NYT's four, OpinionQA's six scored groups with respondents, the question's three countries. */
function questionGroups(dataset: string, questionId: string, options: readonly string[]): string[] {
  if (dataset === "nytimes") return ["Democrat", "Republican", "Male", "Female"];
  if (dataset === "globalvalues") return gv[questionId]?.["countries"] as string[];
  return OQA_GROUPS.map(([, v]) => v).filter((g) => groupCounts(dataset, questionId, g, options) !== undefined);
}

/** Pooled: summed counts (respondents known) or the plain mean of the countries' shares (GlobalOpinionQA). */
function pooled(dataset: string, questionId: string, groups: readonly string[], options: readonly string[]): Dist {
  if (dataset === "globalvalues") return normalise(mean(groups.map((g) => human(dataset, questionId, g, options) as Dist)));
  // Over every option the groups chose, then restricted to the prompt's options.
  const all = groups.map((g) => groupCounts(dataset, questionId, g, options) as { counts: number[]; total: number });
  const total = all.reduce((s, a) => s + a.total, 0);
  return normalise(options.map((_, j) => all.reduce((s, a) => s + (a.counts[j] ?? 0), 0) / total));
}

function expectedAnswer(model: string, line: Line): Dist {
  const { dataset, questionId, options, steering, groups } = line.meta;
  if (model === "baseline/uniform") return options.map(() => 1 / options.length);
  const all = questionGroups(dataset, questionId, options);
  if (model === "baseline/pooled") return pooled(dataset, questionId, all, options);
  const countryOf = (g: string) => (dataset === "globalvalues" ? (gv[questionId]?.["countries"] as string[])[Number(g)] as string : g);
  const steered = steering === "none" ? undefined : countryOf((groups[0] as { value: string }).value);
  const target = steered === undefined ? pooled(dataset, questionId, groups.map((g) => countryOf(g.value)), options) : (human(dataset, questionId, steered, options) as Dist);
  let other = steered === undefined ? undefined : PAIRS[steered];
  if (other === undefined) {
    let best = -1;
    for (const g of all) {
      if (g === steered) continue;
      const d = tv(human(dataset, questionId, g, options) as Dist, target);
      if (d > best) [best, other] = [d, g];
    }
  }
  return normalise(human(dataset, questionId, other as string, options) as Dist);
}

/** The answer distribution read back from the completion, by hand. */
function answered(line: Line): Dist {
  const k = line.meta.options.length;
  const letters = Array.from({ length: k }, (_, j) => String.fromCharCode(65 + j));
  if (line.meta.method === "verbalize") {
    const object = JSON.parse(line.completion.text) as Record<string, number>;
    return normalise(letters.map((l) => object[l] ?? 0));
  }
  if (line.meta.method === "sequence") {
    const drawn = line.completion.text.split(" ");
    expect(drawn).toHaveLength(30);
    return letters.map((l) => drawn.filter((d) => d === l).length / 30);
  }
  const top = line.completion.tokens?.[0]?.topLogprobs ?? [];
  return normalise(letters.map((l) => Math.exp(top.find((t) => t.token === l)?.logprob ?? Number.NEGATIVE_INFINITY)));
}

function readLines(dir: string): Line[] {
  return readFileSync(join(dir, "results.jsonl"), "utf8").trimEnd().split("\n").map((l) => JSON.parse(l) as Line);
}
function readCsv(file: string): Record<string, string>[] {
  return parse(readFileSync(file, "utf8"), { columns: true }) as Record<string, string>[];
}

const RUN = ["--dataset", "nytimes,opinionqa,globalvalues", "--limit", "3", "--steering", "none,persona,few-shot", "--cache-mode", "off", "--progress", "none", "--no-score"];

let dir: string;
let lines: Line[];
let items: Record<string, string>[];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "distalign-baselines-"));
  const run = await distalign(["run", ...MODELS.flatMap((m) => ["--model", m]), ...RUN, "--out", dir], { DISTALIGN_CACHE_DIR: join(dir, "no-cache") });
  expect(run.stderr.split("\n").filter((l) => l.startsWith("distalign:"))).toEqual([]);
  expect(run.status).toBe(0);
  const score = await distalign(["score", dir, "--iterations", "20"]);
  expect(score.stderr).toBe("");
  expect(score.status).toBe(0);
  expect(score.stdout).toContain(join(dir, "scores", "items.csv"));
  lines = readLines(dir);
  items = readCsv(join(dir, "scores", "items.csv"));
}, 240_000);

describe("baseline backends through distalign run and score", () => {
  it("answer every item of every method, at no cost and without the cache", () => {
    const methods = new Set(lines.map((l) => l.meta.method));
    expect([...methods].sort()).toEqual(["logprobs", "sequence", "verbalize"]);
    expect(lines.every((l) => l.status === "ok")).toBe(true);
    expect(new Set(lines.map((l) => l.model))).toEqual(new Set(MODELS));
    expect(lines.every((l) => (l as unknown as { costUsd: number }).costUsd === 0)).toBe(true);
    expect(items.every((r) => r["status"] === "ok")).toBe(true);
  });

  it("each item's TV in items.csv equals the TV computed by hand from the raw data", () => {
    const byKey = new Map(items.map((r) => [[r["model"], r["dataset"], r["steering"], r["method"], r["group"], r["question_id"]].join("|"), r]));
    let checked = 0;
    const seen = new Set<string>();
    for (const line of lines) {
      const { dataset, questionId, options, steering, method, groups } = line.meta;
      const answer = answered(line);
      const expectedAnswerDist = expectedAnswer(line.model, line);
      // Verbalize and Log-p carry the baseline's distribution exactly.
      if (method !== "sequence") for (let j = 0; j < options.length; j++) expect(answer[j]).toBeCloseTo(expectedAnswerDist[j] as number, 12);
      for (const group of groups) {
        const truth = human(dataset, questionId, dataset === "globalvalues" ? (gv[questionId]?.["countries"] as string[])[Number(group.value)] as string : group.value, options);
        const key = [line.model, dataset, steering, method, `${group.attribute}/${group.value}`, questionId].join("|");
        if (truth === undefined) {
          expect(byKey.has(key), key).toBe(false);
          continue;
        }
        const row = byKey.get(key);
        expect(row, key).toBeDefined();
        expect(Number(row?.["tv"])).toBeCloseTo(tv(answer, truth), 12);
        if (line.model === "baseline/uniform" && method !== "sequence") expect(Number(row?.["tv"])).toBeCloseTo(tv(options.map(() => 1 / options.length), truth), 12);
        seen.add(key);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
    expect(items.filter((r) => r["method"] !== "ts-logprobs").length).toBe(seen.size);
  });

  it("other-group answers with the paired group under persona steering (Democrat ↔ Republican, Male ↔ Female, Black ↔ White)", () => {
    const persona = lines.filter((l) => l.model === "baseline/other-group" && l.meta.steering === "persona" && l.meta.method === "verbalize" && l.meta.dataset === "nytimes");
    expect(persona.length).toBe(12);
    for (const line of persona) {
      const group = line.meta.groups[0]?.value as string;
      const pair = human("nytimes", line.meta.questionId, PAIRS[group] as string, line.meta.options) as Dist;
      answered(line).forEach((p, j) => expect(p).toBeCloseTo(pair[j] as number, 12));
    }
  });

  it("Sequence answers are identical on a re-run with the same seed, and differ with another seed", async () => {
    const again = makeTempDir();
    const other = makeTempDir();
    const args = ["--model", "baseline/pooled", "--dataset", "nytimes", "--limit", "3", "--steering", "persona", "--method", "sequence", "--cache-mode", "off", "--progress", "none", "--no-score"];
    expect((await distalign(["run", ...args, "--out", again])).status).toBe(0);
    expect((await distalign(["run", ...args, "--seed", "7", "--out", other])).status).toBe(0);
    const texts = (d: string) => new Map(readLines(d).map((l) => [l.id, l.completion.text]));
    const first = texts(again);
    const original = new Map(lines.filter((l) => first.has(l.id)).map((l) => [l.id, l.completion.text]));
    expect(first.size).toBe(12);
    expect(original).toEqual(first);
    const seeded = texts(other);
    expect([...first].filter(([id, text]) => seeded.get(id) !== text).length).toBeGreaterThan(0);
  }, 120_000);
});
