/**
 * Worker threads for a reproduction. On a machine with several cores, one worker scores the
 * humans and baselines while this thread scores the models; then the same workers run the
 * bootstrap jobs (`BootstrapWorkers`).
 */
import { join } from "node:path";
import { type WorkerOutcome, unwrapOutcome } from "../benchmark/worker-errors";
import { BootstrapWorkers, handled } from "../benchmark/workers";
import type { ReproduceMode, ScoreList } from "../benchmark/score-lists";
import type { InGroupRow } from "./in-group";

/** What a worker computes from the data directory while the models are scored. */
export interface ReferenceResults {
  readonly lists: ScoreList[];
  readonly table6: InGroupRow[];
}

/**
 * Worker threads that score reference lists and run bootstrap jobs; `destroy()` when done.
 * A distalign error raised in a worker is thrown here with its class, message, file and key.
 */
export class ReproductionWorkers extends BootstrapWorkers {
  /** @param count worker threads besides this one (at least 1) */
  constructor(count: number) {
    super(count, join(__dirname, "worker.cjs"));
  }

  /** The humans' and baselines' score lists of a mode, and Table 6, computed in a worker from the data directory. */
  referenceLists(dataDir: string, mode: ReproduceMode): Promise<ReferenceResults> {
    return handled((this.pool.run({ dataDir, mode }, { name: "referenceLists" }) as Promise<WorkerOutcome<ReferenceResults>>).then(unwrapOutcome));
  }
}
