/**
 * Speed of the leaderboard bootstrap: 1000 replicates over three pools of the main board's sizes
 * (OpinionQA 1198, NYT 3760, GlobalOpinionQA 600 values). Compares the typed-array loop of
 * `bootstrapMeanOfMeans` with a baseline built on mathjs (`mean`, `quantileSeq`) in the same run.
 * Reports the median of 5 timed runs after one warm-up run each.
 *
 * Run: npx tsx bench/bootstrap-bench.ts
 */
import { mean, quantileSeq } from "mathjs";
import { mulberry32, randomInt, type Rng } from "../src/random";
import { bootstrapMean, bootstrapMeanOfMeans } from "../src/scoring/bootstrap";

const POOL_SIZES = [1198, 3760, 600] as const;
const ITERATIONS = 1000;
const RUNS = 5;

function syntheticPool(size: number, seed: number): number[] {
  const rng = mulberry32(seed);
  return Array.from({ length: size }, () => rng());
}

/** The same statistic and interval with plain arrays and mathjs, as a straightforward port would write it. */
function mathjsBootstrap(pools: readonly number[][], rng: Rng): { replicateMean: number; halfWidth: number } {
  const statistics: number[] = [];
  for (let b = 0; b < ITERATIONS; b++) {
    let statistic = 0;
    for (const pool of pools) {
      const sample = Array.from({ length: pool.length }, () => pool[randomInt(rng, pool.length)] as number);
      statistic += (1 / pools.length) * (mean(sample) as number);
    }
    statistics.push(statistic);
  }
  const [lower, upper] = quantileSeq(statistics, [0.025, 0.975]) as number[];
  return { replicateMean: mean(statistics) as number, halfWidth: ((upper as number) - (lower as number)) / 2 };
}

function medianMs(run: () => unknown): number {
  run();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    run();
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(RUNS / 2)] as number;
}

const pools = POOL_SIZES.map((size, k) => syntheticPool(size, 100 + k));
const typed = medianMs(() => bootstrapMeanOfMeans(pools, { rng: mulberry32(0), iterations: ITERATIONS }));
const single = medianMs(() => bootstrapMean(pools[0] as number[], { rng: mulberry32(0), iterations: ITERATIONS }));
const baseline = medianMs(() => mathjsBootstrap(pools, mulberry32(0)));

const a = bootstrapMeanOfMeans(pools, { rng: mulberry32(0), iterations: ITERATIONS });
const b = mathjsBootstrap(pools, mulberry32(0));
const draws = ITERATIONS * POOL_SIZES.reduce((s, n) => s + n, 0);
console.log(`pools ${POOL_SIZES.join(" + ")}, ${ITERATIONS} replicates (${(draws / 1e6).toFixed(2)}M draws), median of ${RUNS}`);
console.log(`  typed-array bootstrapMeanOfMeans  ${typed.toFixed(1)} ms  (${((typed * 1e6) / draws).toFixed(2)} ns/draw)`);
console.log(`  mathjs baseline                   ${baseline.toFixed(1)} ms  (${(baseline / typed).toFixed(1)}x slower)`);
console.log(`  bootstrapMean, one pool of ${POOL_SIZES[0]}   ${single.toFixed(1)} ms`);
console.log(`  same seed, same answer: replicate mean ${a.replicateMean} vs ${b.replicateMean}, half-width ${a.halfWidth} vs ${b.halfWidth}`);
