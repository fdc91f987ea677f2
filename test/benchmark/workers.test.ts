import { describe, expect, it } from "vitest";
import { type BootstrapJob, runBootstrapJobs } from "../../src/benchmark/bootstrap-jobs";
import { BootstrapWorkers } from "../../src/benchmark/workers";

function pool(length: number, offset: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => ((i * 7919 + offset) % 101) / 100);
}

const JOBS: BootstrapJob[] = [
  { name: "a", pools: [pool(40, 1), pool(35, 2)], iterations: 300, seed: 7 },
  { name: "b", pools: [pool(80, 3)], weights: [1], iterations: 500, seed: 7 },
  {
    name: "c",
    pools: [pool(30, 4), pool(30, 5)],
    iterations: 200,
    seed: 11,
    clustered: { scheme: "question-clustered", questions: [Int32Array.from({ length: 30 }, (_, i) => i % 10), Int32Array.from({ length: 30 }, (_, i) => i % 10)] },
  },
  { name: "d", pools: [pool(5, 6)], iterations: 100, seed: 3 },
];

describe("BootstrapWorkers", () => {
  it("gives, job for job, what this thread alone gives", async () => {
    const workers = new BootstrapWorkers(1);
    try {
      const threaded = await workers.bootstrap(JOBS);
      expect(threaded).toEqual(runBootstrapJobs(JOBS));
      expect(threaded.every((s) => s.halfWidth > 0)).toBe(true);
    } finally {
      await workers.destroy();
    }
  });
});
