/**
 * A second, deliberately plain implementation of the resampling schemes, for cross-checks:
 * plain arrays and maps, one rng() call per draw, means by reduce. It must consume the uniform
 * stream exactly as `src/scoring/resampling.ts` documents.
 */
import type { Rng } from "../../src/random";
import type { ResamplingScheme } from "../../src/scoring/resampling";

export interface NaiveItem {
  readonly question: string;
  readonly group: string;
  readonly a: number | undefined;
  readonly b: number | undefined;
}

const mean = (xs: number[]): number => (xs.length === 0 ? Number.NaN : xs.reduce((s, x) => s + x, 0) / xs.length);

/** One replicate: the resampled means of a and of b over the drawn items. */
export function naiveReplicate(items: readonly NaiveItem[], scheme: ResamplingScheme, rng: Rng): [number, number] {
  const clusters: NaiveItem[][] = [];
  if (scheme === "independent") {
    for (const item of items) clusters.push([item]);
  } else {
    const byQuestion = new Map<string, NaiveItem[]>();
    for (const item of items) {
      const list = byQuestion.get(item.question) ?? [];
      if (list.length === 0) byQuestion.set(item.question, list);
      list.push(item);
    }
    clusters.push(...byQuestion.values());
  }
  const picks: NaiveItem[][] = [];
  for (let i = 0; i < clusters.length; i++) picks.push(clusters[Math.floor(rng() * clusters.length)] as NaiveItem[]);
  const drawn: NaiveItem[] = [];
  for (const cluster of picks) {
    if (scheme === "two-level") {
      for (let j = 0; j < cluster.length; j++) drawn.push(cluster[Math.floor(rng() * cluster.length)] as NaiveItem);
    } else {
      drawn.push(...cluster);
    }
  }
  const as = drawn.flatMap((d) => (d.a === undefined ? [] : [d.a]));
  const bs = drawn.flatMap((d) => (d.b === undefined ? [] : [d.b]));
  return [mean(as), mean(bs)];
}

/** Items with a question effect: score = clamp(base_q + group noise), for correlated clusters. */
export function clusteredScores(
  rng: Rng,
  questions: number,
  groups: number,
  spread = 0.2,
  noise = 0.05,
): { scores: number[]; questions: string[]; groups: string[] } {
  const scores: number[] = [];
  const qs: string[] = [];
  const gs: string[] = [];
  for (let q = 0; q < questions; q++) {
    const base = 0.3 + spread * (rng() - 0.5) * 2;
    for (let g = 0; g < groups; g++) {
      scores.push(Math.min(1, Math.max(0, base + noise * (rng() - 0.5) * 2)));
      qs.push(`q${q}`);
      gs.push(`g${g}`);
    }
  }
  return { scores, questions: qs, groups: gs };
}
