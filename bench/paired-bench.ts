/**
 * Speed of the paired question-clustered bootstrap: 600 items (150 questions × 4 groups, the
 * size of a GlobalOpinionQA pool) and 1000 replicates, against the independent `bootstrapMean`
 * of the same 600 values in the same run. Reports the median of 5 timed runs after 10 warm-up
 * runs each (so that every path is compiled by the optimizing JIT before it is timed), as wall
 * time and as this process's CPU time.
 *
 * Run: npx tsx bench/paired-bench.ts
 */
import { mulberry32 } from "../src/random";
import { bootstrapMean } from "../src/scoring/bootstrap";
import { pairedComparison } from "../src/scoring/paired";
import { bootstrapItemMean, type ItemScores } from "../src/scoring/resampling";
import { type Timing, time } from "./timing";

const QUESTIONS = 150;
const GROUPS = 4;
const ITERATIONS = 1000;
const RUNS = 5;
const WARMUP = 10;

function items(seed: number): ItemScores {
  const rng = mulberry32(seed);
  const scores: number[] = [];
  const questions: string[] = [];
  const groups: string[] = [];
  for (let q = 0; q < QUESTIONS; q++) {
    const base = 0.1 + 0.4 * rng();
    for (let g = 0; g < GROUPS; g++) {
      scores.push(base + 0.1 * rng());
      questions.push(`q${q}`);
      groups.push(`g${g}`);
    }
  }
  return { scores, questions, groups };
}

function show(t: Timing): string {
  return `wall ${t.wallMs.toFixed(2).padStart(7)} ms, cpu ${t.cpuMs.toFixed(2).padStart(7)} ms`;
}

const a = items(1);
const b = items(2);
const baseline = time(() => bootstrapMean(a.scores, { rng: mulberry32(0), iterations: ITERATIONS }), RUNS, WARMUP);
const paired = time(() => pairedComparison(a, b, { rng: mulberry32(0), iterations: ITERATIONS }), RUNS, WARMUP);
const pairedIndependent = time(() => pairedComparison(a, b, { rng: mulberry32(0), iterations: ITERATIONS, scheme: "independent" }), RUNS, WARMUP);
const pairedTwoLevel = time(() => pairedComparison(a, b, { rng: mulberry32(0), iterations: ITERATIONS, scheme: "two-level" }), RUNS, WARMUP);
const clusteredMean = time(() => bootstrapItemMean(a, { rng: mulberry32(0), iterations: ITERATIONS }), RUNS, WARMUP);

const r = pairedComparison(a, b, { rng: mulberry32(0), iterations: ITERATIONS });
console.log(`${QUESTIONS} questions × ${GROUPS} groups = ${QUESTIONS * GROUPS} items, ${ITERATIONS} replicates, median of ${RUNS} after ${WARMUP} warm-ups`);
console.log(`  baseline: bootstrapMean (independent, one pool)     ${show(baseline)}`);
console.log(`  pairedComparison, question-clustered (default)      ${show(paired)}  (${(paired.cpuMs / baseline.cpuMs).toFixed(2)}x the baseline CPU)`);
console.log(`  pairedComparison, independent                       ${show(pairedIndependent)}  (${(pairedIndependent.cpuMs / baseline.cpuMs).toFixed(2)}x)`);
console.log(`  pairedComparison, two-level                         ${show(pairedTwoLevel)}  (${(pairedTwoLevel.cpuMs / baseline.cpuMs).toFixed(2)}x)`);
console.log(`  bootstrapItemMean, question-clustered               ${show(clusteredMean)}  (${(clusteredMean.cpuMs / baseline.cpuMs).toFixed(2)}x)`);
console.log(`  result: diff ${r.estimate.toFixed(5)} [${r.lower.toFixed(5)}, ${r.upper.toFixed(5)}], p ${r.p.toFixed(4)}`);
