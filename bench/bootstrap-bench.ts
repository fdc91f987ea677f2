/**
 * Speed of the leaderboard bootstrap: 1000 replicates over three pools of the main board's sizes
 * (OpinionQA 1198, NYT 3760, GlobalOpinionQA 600 values). Compares the typed-array loop of
 * `bootstrapMeanOfMeans` with a baseline built on mathjs (`mean`, `quantileSeq`) in the same run.
 * Reports the median of 5 timed runs after one warm-up run each, as wall time and as this
 * process's CPU time (the better measure when other processes share the cores).
 *
 * Run: npx tsx bench/bootstrap-bench.ts
 */
import { mean, quantileSeq } from "mathjs";
import { mulberry32, randomInt, type Rng } from "../src/random";
import { bootstrapMean, bootstrapMeanOfMeans } from "../src/scoring/bootstrap";
import { type Timing, time } from "./timing";

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

function show(t: Timing): string {
  return `wall ${t.wallMs.toFixed(1).padStart(6)} ms, cpu ${t.cpuMs.toFixed(1).padStart(6)} ms`;
}

const pools = POOL_SIZES.map((size, k) => syntheticPool(size, 100 + k));
const typed = time(() => bootstrapMeanOfMeans(pools, { rng: mulberry32(0), iterations: ITERATIONS }), RUNS);
const single = time(() => bootstrapMean(pools[0] as number[], { rng: mulberry32(0), iterations: ITERATIONS }), RUNS);
const baseline = time(() => mathjsBootstrap(pools, mulberry32(0)), RUNS);
const rngOnly = time(() => {
  const rng = mulberry32(0);
  let sum = 0;
  for (let i = 0; i < ITERATIONS * POOL_SIZES.reduce((s, n) => s + n, 0); i++) sum += rng();
  return sum;
}, RUNS);

const a = bootstrapMeanOfMeans(pools, { rng: mulberry32(0), iterations: ITERATIONS });
const b = mathjsBootstrap(pools, mulberry32(0));
const draws = ITERATIONS * POOL_SIZES.reduce((s, n) => s + n, 0);
console.log(`pools ${POOL_SIZES.join(" + ")}, ${ITERATIONS} replicates (${(draws / 1e6).toFixed(2)}M draws), median of ${RUNS}`);
console.log(`  typed-array bootstrapMeanOfMeans  ${show(typed)}  (${((typed.cpuMs * 1e6) / draws).toFixed(1)} ns/draw)`);
console.log(`  mathjs baseline                   ${show(baseline)}  (${(baseline.cpuMs / typed.cpuMs).toFixed(1)}x the CPU time)`);
console.log(`  mulberry32 calls alone            ${show(rngOnly)}  (the floor for any resampling loop)`);
console.log(`  bootstrapMean, one pool of ${POOL_SIZES[0]}   ${show(single)}`);
console.log(`  same seed, same answer: replicate mean ${a.replicateMean} vs ${b.replicateMean}, half-width ${a.halfWidth} vs ${b.halfWidth}`);
