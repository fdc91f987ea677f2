/** uniformFiller: the generator's numbers in order, through its fill or one call at a time. */
import { describe, expect, it } from "vitest";
import { mulberry32, type Rng, uniformFiller } from "../../src/random";
import { bootstrapMeanOfMeans } from "../../src/scoring/bootstrap";
import { bootstrapItemMean } from "../../src/scoring/resampling";

/** The first `count` numbers of a fresh generator, one call each. */
const calls = (seed: number, count: number) => {
  const rng = mulberry32(seed);
  return Array.from({ length: count }, () => rng());
};

/** mulberry32 without its fill: the same stream, one call per number. */
const withoutFill = (seed: number): Rng => {
  const rng = mulberry32(seed);
  return () => rng();
};

describe("uniformFiller", () => {
  it("writes the same numbers, in order, with and without the generator's fill, across calls", () => {
    for (const make of [mulberry32, withoutFill]) {
      const fill = uniformFiller(make(11));
      const out = new Float64Array(8);
      fill(out, 5);
      const first = Array.from(out.subarray(0, 5));
      fill(out, 8);
      expect([...first, ...out]).toEqual(calls(11, 13));
    }
  });

  it("calls a fill that is a method on its generator", () => {
    const inner = mulberry32(3);
    const state = { fills: 0 };
    const rng = Object.assign(() => inner(), {
      fill(this: typeof state, out: Float64Array, count: number) {
        this.fills += 1;
        for (let i = 0; i < count; i++) out[i] = inner();
      },
    }, state) as Rng & typeof state;
    const out = new Float64Array(4);
    uniformFiller(rng)(out, 4);
    expect(rng.fills).toBe(1);
    expect([...out]).toEqual(calls(3, 4));
  });

  it("the bootstraps give the same interval whether the generator fills or not", () => {
    const pools = [calls(1, 40), calls(2, 25)];
    const a = bootstrapMeanOfMeans(pools, { rng: mulberry32(5), iterations: 200 });
    const b = bootstrapMeanOfMeans(pools, { rng: withoutFill(5), iterations: 200 });
    expect([...a.replicates]).toEqual([...b.replicates]);
    const strata = [{ scores: calls(4, 30), questions: Array.from({ length: 30 }, (_, i) => `q${i % 10}`) }];
    for (const scheme of ["question-clustered", "two-level"] as const) {
      const c = bootstrapItemMean(strata, { rng: mulberry32(6), iterations: 100, scheme });
      const d = bootstrapItemMean(strata, { rng: withoutFill(6), iterations: 100, scheme });
      expect([c.lower, c.upper, c.halfWidth]).toEqual([d.lower, d.upper, d.halfWidth]);
    }
  });
});
