/**
 * What is left to do in a run, worked out once: results.jsonl read, items split by `planResume`,
 * pending items looked up in the response cache. The estimate printed before a run, the direct
 * executor and the batch path all take the same `PendingWork`.
 */
import { statSync } from "node:fs";
import { join } from "node:path";
import type { Backend } from "../backends/types";
import { cacheKey } from "../cache/cache-key";
import { estimateRun } from "./estimate";
import type { PriceTable } from "./prices";
import { readResultFacts, RESULTS_FILE, type ResultFactsRead } from "./results-file";
import { planResume, type ResumePlan } from "./resume";
import type { RunEstimate, WorkItem } from "./types";

/** A run's items against its folder and the cache, as `findPending` found them. */
export interface PendingWork<Meta> {
  /** The run's folder. */
  readonly outputDir: string;
  /** The run's items. */
  readonly items: readonly WorkItem<Meta>[];
  /** The folder's results.jsonl as read: per item, its last line's model, request key and status. */
  readonly previous: ResultFactsRead;
  /** Done, skipped and pending items. */
  readonly plan: ResumePlan<Meta>;
  /** Pending items the cache already answers (free). */
  readonly cachedIds: ReadonlySet<string>;
  /** Pending items left out of the cache look-ups and the estimate (a batch run's items in open batches). */
  readonly held: ReadonlySet<string>;
  readonly retryFailed: boolean;
  /** The cache scope each model's request keys were computed with. */
  readonly scopes: ReadonlyMap<string, string | undefined>;
  /** Size and modification time of results.jsonl when it was read (undefined: no file). */
  readonly stamp: string | undefined;
}

/** Options of `findPending`. */
export interface FindPendingOptions {
  /** The run's folder; items already in its results.jsonl count as done. */
  readonly outputDir: string;
  /** The backend of a model: its cache scope keys the requests, its `has` (if any) looks them up in the cache. */
  readonly backendOf: (modelId: string) => Backend;
  /** @default false */
  readonly retryFailed?: boolean;
  /** Item ids neither looked up nor estimated (they are being answered elsewhere). @default none */
  readonly held?: ReadonlySet<string>;
}

function resultsStamp(outputDir: string): string | undefined {
  try {
    const stat = statSync(join(outputDir, RESULTS_FILE));
    return `${stat.size}:${stat.mtimeMs}`;
  } catch {
    return undefined;
  }
}

function hasLookup(backend: Backend): backend is Backend & { has(request: WorkItem["request"]): Promise<boolean> } {
  return typeof (backend as { has?: unknown }).has === "function";
}

/**
 * Reads the run folder's results once, splits the items into done, skipped and pending, and looks
 * each pending item up in the cache once.
 */
export async function findPending<Meta>(items: readonly WorkItem<Meta>[], options: FindPendingOptions): Promise<PendingWork<Meta>> {
  const stamp = resultsStamp(options.outputDir);
  const previous = readResultFacts(join(options.outputDir, RESULTS_FILE));
  const scopes = new Map<string, string | undefined>();
  const scopeOf = (model: string) => {
    if (!scopes.has(model)) scopes.set(model, options.backendOf(model).cacheScope);
    return scopes.get(model);
  };
  const retryFailed = options.retryFailed ?? false;
  const plan = planResume(items, previous.latest, (item) => cacheKey(item.request, scopeOf(item.request.model)), retryFailed);
  const held = options.held ?? new Set<string>();
  const cachedIds = new Set<string>();
  for (const item of plan.pending) {
    if (held.has(item.id)) continue;
    const backend = options.backendOf(item.request.model);
    if (hasLookup(backend) && (await backend.has(item.request))) cachedIds.add(item.id);
  }
  return { outputDir: options.outputDir, items, previous, plan, cachedIds, held, retryFailed, scopes, stamp };
}

/**
 * Why `pending` no longer holds for a run, or undefined while it does: same folder, `retryFailed`,
 * cache scopes, and a results.jsonl unchanged since it was read (another process may have run in
 * the folder since).
 */
export function stalePending(pending: PendingWork<unknown>, options: FindPendingOptions): string | undefined {
  if (pending.outputDir !== options.outputDir) return `worked out for ${pending.outputDir}`;
  if (pending.retryFailed !== (options.retryFailed ?? false)) return "worked out with another retryFailed";
  for (const [model, scope] of pending.scopes) if (options.backendOf(model).cacheScope !== scope) return `worked out with another cache scope of ${model}`;
  return pending.stamp === resultsStamp(options.outputDir) ? undefined : `${RESULTS_FILE} changed since`;
}

/** What `estimatePending` needs besides the pending work. */
export interface PendingEstimateOptions {
  readonly prices: PriceTable;
  readonly assumedOutputTokens?: number;
  readonly outputTokenCapOf?: (modelId: string) => ((maxTokens: number | undefined) => number | undefined) | undefined;
  /** Only the items of this model. @default every model */
  readonly model?: string;
}

/** Calls, tokens and cost of the pending items that are not held (cached ones free). */
export function estimatePending<Meta>(pending: PendingWork<Meta>, options: PendingEstimateOptions): RunEstimate {
  const ofModel = <T extends { request: { model: string } }>(list: readonly T[]) => (options.model === undefined ? list : list.filter((item) => item.request.model === options.model));
  const items = ofModel(pending.plan.pending).filter((item) => !pending.held.has(item.id));
  const cachedIds = new Set(items.filter((item) => pending.cachedIds.has(item.id)).map((item) => item.id));
  // A skipped item's last line is of the item's own model (a line of another model makes it pending).
  const skippedFailed = pending.plan.skippedFailed.filter((id) => options.model === undefined || pending.previous.latest.get(id)?.model === options.model).length;
  const alreadyDone =
    options.model === undefined ? pending.plan.alreadyDone : ofModel(pending.items).length - ofModel(pending.plan.pending).length - skippedFailed;
  return estimateRun(items, {
    cachedIds,
    alreadyDone,
    skippedFailed,
    prices: options.prices,
    assumedOutputTokens: options.assumedOutputTokens,
    outputTokenCapOf: options.outputTokenCapOf,
  });
}

/**
 * Pending work of some of the pending items, all to run now (a batch run's direct or collected
 * items), checked against results.jsonl as it is now.
 */
export function pendingSubset<Meta>(work: PendingWork<Meta>, subset: readonly WorkItem<Meta>[]): PendingWork<Meta> {
  const ids = new Set(subset.map((item) => item.id));
  return {
    ...work,
    items: subset,
    plan: { pending: subset, alreadyDone: 0, skippedFailed: [], changed: work.plan.changed.filter((id) => ids.has(id)) },
    cachedIds: new Set([...work.cachedIds].filter((id) => ids.has(id))),
    held: new Set<string>(),
    retryFailed: true,
    stamp: resultsStamp(work.outputDir),
  };
}
