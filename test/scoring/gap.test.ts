import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../src/random";
import { bootstrapKnowledgeToSimulationGap } from "../../src/scoring/gap";
import { knowledgeToSimulationGap } from "../../src/scoring/k2s";
import { RESAMPLING_SCHEMES, type ItemScores } from "../../src/scoring/resampling";
import { clusteredScores, naiveReplicate, type NaiveItem } from "./naive-resample";

const dyadic = (seed: number, q: number, g: number): { scores: number[]; questions: string[]; groups: string[] } => {
  const d = clusteredScores(mulberry32(seed), q, g);
  return { ...d, scores: d.scores.map((s) => Math.max(1, Math.round(s * 64)) / 64) };
};

const without = (items: { scores: number[]; questions: string[]; groups: string[] }, drop: (i: number) => boolean): ItemScores => ({
  scores: items.scores.filter((_, i) => !drop(i)),
  questions: items.questions.filter((_, i) => !drop(i)),
  groups: items.groups.filter((_, i) => !drop(i)),
});

describe("bootstrapKnowledgeToSimulationGap", () => {
  it("estimates knowledgeToSimulationGap of the two means (leaderboard weights over strata)", () => {
    const s1 = clusteredScores(mulberry32(1), 30, 4, 0.2);
    const v1 = clusteredScores(mulberry32(2), 30, 4, 0.1);
    const s2 = clusteredScores(mulberry32(3), 20, 2, 0.2);
    const v2 = clusteredScores(mulberry32(4), 20, 2, 0.1);
    const mean = (x: number[]): number => x.reduce((a, b) => a + b, 0) / x.length;
    const g = bootstrapKnowledgeToSimulationGap([s1, s2], [v1, v2], { rng: mulberry32(0) });
    const seq = (mean(s1.scores) + mean(s2.scores)) / 2;
    const ver = (mean(v1.scores) + mean(v2.scores)) / 2;
    expect(g.sequenceMean).toBeCloseTo(seq, 14);
    expect(g.verbalizeMean).toBeCloseTo(ver, 14);
    expect(g.estimate).toBeCloseTo(knowledgeToSimulationGap(seq, ver), 13);
    expect(g.lower).toBeLessThan(g.estimate);
    expect(g.upper).toBeGreaterThan(g.estimate);
  });

  it("is exactly 0 with interval [0, 0] for identical methods, and exactly 1 when Seq = 2·V", () => {
    const v = dyadic(5, 40, 4);
    for (const scheme of RESAMPLING_SCHEMES) {
      const same = bootstrapKnowledgeToSimulationGap(v, v, { rng: mulberry32(1), scheme });
      expect([same.estimate, same.lower, same.upper]).toEqual([0, 0, 0]);
      const doubled = bootstrapKnowledgeToSimulationGap({ ...v, scores: v.scores.map((x) => 2 * x) }, v, { rng: mulberry32(1), scheme });
      expect([doubled.estimate, doubled.lower, doubled.upper]).toEqual([1, 1, 1]);
    }
  });

  it("resamples questions jointly for both methods: replicates match the plain implementation, with and without common items", () => {
    const s = clusteredScores(mulberry32(6), 25, 4, 0.2);
    const v = clusteredScores(mulberry32(7), 25, 4, 0.1);
    // Seq failed to parse every 7th item, V every 11th
    const dropS = (i: number): boolean => i % 7 === 3;
    const dropV = (i: number): boolean => i % 11 === 5;
    const seq = without(s, dropS);
    const ver = without(v, dropV);
    for (const commonItemsOnly of [false, true]) {
      for (const scheme of RESAMPLING_SCHEMES) {
        const g = bootstrapKnowledgeToSimulationGap(seq, ver, { rng: mulberry32(8), scheme, iterations: 300, commonItemsOnly });
        // the plain version: one list of (question, group) units with either score possibly absent
        // (an item neither method parsed is no unit at all; units in order of first appearance, Seq's before V's)
        const listed: NaiveItem[] = s.scores
          .map((x, i) => ({
            question: s.questions[i] as string,
            group: s.groups[i] as string,
            a: dropS(i) || (commonItemsOnly && dropV(i)) ? undefined : x,
            b: dropV(i) || (commonItemsOnly && dropS(i)) ? undefined : (v.scores[i] as number),
          }))
          .filter((unit) => unit.a !== undefined || unit.b !== undefined);
        const units = [...listed.filter((u) => u.a !== undefined), ...listed.filter((u) => u.a === undefined)];
        const rng = mulberry32(8);
        for (let b = 0; b < 300; b++) {
          const [ms, mv] = naiveReplicate(units, scheme, rng);
          expect(g.replicates[b]).toBeCloseTo(ms / mv - 1, 11);
        }
        const expectedItems = commonItemsOnly ? s.scores.filter((_, i) => !dropS(i) && !dropV(i)).length : null;
        if (expectedItems !== null) expect([g.sequenceItems, g.verbalizeItems]).toEqual([expectedItems, expectedItems]);
        else expect([g.sequenceItems, g.verbalizeItems]).toEqual([seq.scores.length, ver.scores.length]);
      }
    }
  });

  it("restricting to common items removes the bias of failures that fall on hard items", () => {
    // V and Seq equally good on every item (Seq = V), but Seq fails on the hardest third: with all items
    // Seq looks better than V (negative gap); on common items the gap is 0
    const v = dyadic(9, 60, 4);
    const hard = [...v.scores].sort((a, b) => b - a)[Math.floor(v.scores.length / 3)] as number;
    const seq = without(v, (i) => (v.scores[i] as number) > hard);
    const all = bootstrapKnowledgeToSimulationGap(seq, v, { rng: mulberry32(2) });
    const common = bootstrapKnowledgeToSimulationGap(seq, v, { rng: mulberry32(2), commonItemsOnly: true });
    expect(all.upper).toBeLessThan(0);
    expect([common.estimate, common.lower, common.upper]).toEqual([0, 0, 0]);
  });

  it("rejects mismatched strata and a non-positive verbalize mean", () => {
    const v = dyadic(10, 5, 2);
    expect(() => bootstrapKnowledgeToSimulationGap([v, v], [v], { rng: mulberry32(0) })).toThrow(/strata count mismatch/);
    const zero = { ...v, scores: v.scores.map(() => 0) };
    expect(() => bootstrapKnowledgeToSimulationGap(v, zero, { rng: mulberry32(0) })).toThrow(/verbalize alignment must be positive/);
  });
});
