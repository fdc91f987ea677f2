/**
 * `distalign score DIR` on a user survey with respondent counts: scores/baselines.csv holds the
 * baselines and the sampling noise floor over exactly the run's questions and groups, each
 * checked against a brute-force computation written here (every multinomial outcome of n
 * respondents enumerated), and items.csv / summary.csv carry the normalised W1 of the ordinal
 * questions beside the TV, checked against the CDF formula by hand. A survey without counts gets
 * baselines but no noise floor.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { makeTempDir } from "../helpers/temp-dir";

/** Per question: scale and each group's counts over the options (invented; small n so every outcome can be enumerated). */
const QUESTIONS: Record<string, { scale: "ordinal" | "nominal"; options: string[]; counts: Record<string, number[]> }> = {
  bus: { scale: "ordinal", options: ["Never", "Rarely", "Often", "Daily"], counts: { Urban: [1, 2, 2, 1], Rural: [3, 1, 1, 1] } },
  park: { scale: "ordinal", options: ["Never", "Rarely", "Often", "Daily"], counts: { Urban: [2, 2, 1, 2], Rural: [1, 1, 1, 4] } },
  pet: { scale: "nominal", options: ["Cat", "Dog"], counts: { Urban: [3, 1], Rural: [1, 4] } },
  // Left out of the run by --limit 3: it must not count in the baselines.
  roads: { scale: "ordinal", options: ["Never", "Rarely", "Often", "Daily"], counts: { Urban: [4, 0, 0, 1], Rural: [0, 0, 1, 5] } },
};
const RUN_QUESTIONS = ["bus", "park", "pet"];
const GROUPS = ["Urban", "Rural"];

function surveyCsv(withCounts: boolean): string {
  const header = withCounts ? "question_id,question,option,group,count,n,scale" : "question_id,question,option,group,share,scale";
  const lines = [header];
  for (const [id, q] of Object.entries(QUESTIONS)) {
    for (const group of GROUPS) {
      const counts = q.counts[group] as number[];
      const n = counts.reduce((a, b) => a + b, 0);
      q.options.forEach((option, j) => {
        const c = counts[j] as number;
        lines.push(withCounts ? `${id},How about ${id}?,${option},${group},${c},${n},${q.scale}` : `${id},How about ${id}?,${option},${group},${c / n},${q.scale}`);
      });
    }
  }
  return `${lines.join("\n")}\n`;
}

// ---- the reference computations, written independently of src/ ----

const tv = (p: readonly number[], q: readonly number[]) => p.reduce((s, x, j) => s + Math.abs(x - (q[j] as number)), 0) / 2;

/** Normalised W1 of two distributions over equally spaced ordered options: Σ |CDF difference| / (k − 1). */
function w1(p: readonly number[], q: readonly number[]): number {
  let fp = 0;
  let fq = 0;
  let total = 0;
  for (let j = 0; j < p.length - 1; j++) {
    fp += p[j] as number;
    fq += q[j] as number;
    total += Math.abs(fp - fq);
  }
  return total / (p.length - 1);
}

const factorial = (n: number): number => (n <= 1 ? 1 : n * factorial(n - 1));

/** Every count vector of n respondents over k options. */
function outcomes(n: number, k: number): number[][] {
  if (k === 1) return [[n]];
  const out: number[][] = [];
  for (let c = 0; c <= n; c++) for (const rest of outcomes(n - c, k - 1)) out.push([c, ...rest]);
  return out;
}

/** E[distance(empirical of n draws from p, p)], by enumerating every outcome with its multinomial probability. */
function bruteForceFloor(p: readonly number[], n: number, distance: (a: readonly number[], b: readonly number[]) => number): number {
  let expected = 0;
  let mass = 0;
  for (const counts of outcomes(n, p.length)) {
    const probability = counts.reduce((s, c, j) => (s * (p[j] as number) ** c) / factorial(c), factorial(n));
    mass += probability;
    expected += probability * distance(counts.map((c) => c / n), p);
  }
  expect(mass).toBeCloseTo(1, 12);
  return expected;
}

const mean = (values: readonly number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const shares = (counts: readonly number[]) => counts.map((c) => c / counts.reduce((a, b) => a + b, 0));

/** The reference value of every baseline × metric over the run's questions × groups. */
function expectedBaselines(): Record<string, { mean: number; n: number }> {
  const out: Record<string, number[]> = {};
  const push = (key: string, v: number) => (out[key] ??= []).push(v);
  for (const id of RUN_QUESTIONS) {
    const q = QUESTIONS[id] as (typeof QUESTIONS)[string];
    const pooledCounts = q.options.map((_, j) => GROUPS.reduce((s, g) => s + ((q.counts[g] as number[])[j] as number), 0));
    for (const group of GROUPS) {
      const counts = q.counts[group] as number[];
      const p = shares(counts);
      const n = counts.reduce((a, b) => a + b, 0);
      const uniform = p.map(() => 1 / p.length);
      push("uniform/tv", tv(uniform, p));
      push("pooled (oracle)/tv", tv(shares(pooledCounts), p));
      push("noise-floor/tv", bruteForceFloor(p, n, tv));
      if (q.scale === "ordinal") {
        push("uniform/w1", w1(uniform, p));
        push("pooled (oracle)/w1", w1(shares(pooledCounts), p));
        push("noise-floor/w1", bruteForceFloor(p, n, w1));
      }
    }
  }
  return Object.fromEntries(Object.entries(out).map(([k, v]) => [k, { mean: mean(v), n: v.length }]));
}

function parseCsv(text: string): Record<string, string>[] {
  const [header, ...lines] = text.trim().split("\n");
  const names = (header as string).split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, j) => [names[j] as string, cell])));
}

/** The score files, read before the temporary folder goes. */
interface Scored {
  readonly dir: string;
  readonly stdout: string;
  readonly baselines: Record<string, string>[];
  readonly items: Record<string, string>[];
  readonly summary: Record<string, string>[];
}

async function runAndScore(withCounts: boolean): Promise<Scored> {
  const root = makeTempDir();
  const file = join(root, "town.csv");
  writeFileSync(file, surveyCsv(withCounts));
  const dir = join(root, "run");
  const run = await distalign(["run", "--survey", file, "--model", "baseline/uniform", "--steering", "none,persona", "--method", "verbalize", "--limit", "3", "--out", dir, "--progress", "none", "--iterations", "20"]);
  expect(run.status, run.stderr).toBe(0);
  const score = await distalign(["score", dir, "--iterations", "20"]);
  expect(score.status, score.stderr).toBe(0);
  const read = (name: string) => parseCsv(readFileSync(join(dir, "scores", name), "utf8"));
  return { dir, stdout: score.stdout, baselines: read("baselines.csv"), items: read("items.csv"), summary: read("summary.csv") };
}

describe("distalign score DIR: baselines and noise floor of a user survey, W1 beside TV", () => {
  let scored: Scored;
  beforeAll(async () => {
    scored = await runAndScore(true);
  }, 120_000);

  it("writes baselines.csv over the run's items, each mean equal to the brute-force and hand computation", () => {
    const rows = scored.baselines;
    expect(Object.keys(rows[0] ?? {})).toEqual(["dataset", "steering", "baseline", "metric", "mean", "half_width", "n"]);
    const expected = expectedBaselines();
    // Urban and Rural are not a pair the paper names: no other-group rows.
    expect(rows.map((r) => `${r.baseline}/${r.metric}`).sort()).toEqual(Object.keys(expected).sort());
    for (const row of rows) {
      const want = expected[`${row.baseline}/${row.metric}`];
      expect(row.dataset).toBe("town");
      expect(row.steering).toBe("all");
      expect(Number(row.n), `${row.baseline} ${row.metric}`).toBe(want?.n);
      expect(Number(row.mean), `${row.baseline} ${row.metric}`).toBeCloseTo(want?.mean as number, 12);
      expect(Number(row.half_width)).toBeGreaterThan(0);
    }
    // 3 questions × 2 groups scored; 2 ordinal questions × 2 groups under W1.
    expect(expected["noise-floor/tv"]?.n).toBe(6);
    expect(expected["noise-floor/w1"]?.n).toBe(4);
  });

  it("prints the noise floor beside the scores", () => {
    const { stdout, dir } = scored;
    const floor = expectedBaselines()["noise-floor/tv"]?.mean as number;
    expect(stdout).toContain("noise floor");
    const line = stdout.split("\n").find((l) => /\bnoise-floor\s+tv\b/.test(l));
    expect(line, stdout).toBeDefined();
    expect(line).toContain(floor.toFixed(4));
    expect(stdout).toContain(join(dir, "scores", "baselines.csv"));
  });

  it("items.csv carries W1 on ordinal questions beside TV, empty on nominal ones", () => {
    const items = scored.items;
    expect(Object.keys(items[0] ?? {})).toEqual(["model", "dataset", "steering", "method", "group", "question_id", "tv", "w1", "status"]);
    expect(items).toHaveLength(2 * RUN_QUESTIONS.length * GROUPS.length);
    for (const item of items) {
      const q = QUESTIONS[item.question_id as string] as (typeof QUESTIONS)[string];
      const p = shares(q.counts[(item.group as string).replace("group/", "")] as number[]);
      const uniform = p.map(() => 1 / p.length);
      expect(item.status).toBe("ok");
      expect(Number(item.tv)).toBeCloseTo(tv(uniform, p), 12);
      if (q.scale === "ordinal") expect(Number(item.w1)).toBeCloseTo(w1(uniform, p), 12);
      else expect(item.w1).toBe("");
    }
  });

  it("summary.csv carries the mean W1 of the ordinal items and their count", () => {
    const summary = scored.summary;
    expect(summary.map((r) => r.steering).sort()).toEqual(["none", "persona"]);
    const expected = expectedBaselines()["uniform/w1"];
    for (const row of summary) {
      expect(Number(row.w1_n)).toBe(expected?.n);
      expect(Number(row.w1)).toBeCloseTo(expected?.mean as number, 12);
      expect(Number(row.w1_half_width)).toBeGreaterThan(0);
      expect(Number(row.n)).toBe(6);
    }
  });
});

describe("distalign score DIR on a survey without respondent counts", () => {
  it("writes the baselines but no noise floor", async () => {
    const { stdout, baselines: rows } = await runAndScore(false);
    expect(rows.map((r) => r.baseline)).not.toContain("noise-floor");
    expect(rows.map((r) => `${r.baseline}/${r.metric}`)).toEqual(["uniform/tv", "uniform/w1", "pooled (oracle)/tv", "pooled (oracle)/w1"]);
    expect(stdout).not.toContain("noise floor");
  }, 120_000);
});
