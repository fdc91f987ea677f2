/** Timing helpers shared by the benchmark scripts: medians of several runs, wall and CPU time. */

/** Wall and CPU time of one measured call. */
export interface Timing {
  readonly wallMs: number;
  readonly cpuMs: number;
}

/** The median (the upper one of an even count) of the values. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

/** Median wall and CPU time of `runs` calls of `run`, after `warmup` unmeasured calls. */
export function time(run: () => unknown, runs: number, warmup = 1): Timing {
  for (let i = 0; i < warmup; i++) run();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.hrtime.bigint();
    const startCpu = process.cpuUsage();
    run();
    const usedCpu = process.cpuUsage(startCpu);
    wall.push(Number(process.hrtime.bigint() - start) / 1e6);
    cpu.push((usedCpu.user + usedCpu.system) / 1e3);
  }
  return { wallMs: median(wall), cpuMs: median(cpu) };
}
