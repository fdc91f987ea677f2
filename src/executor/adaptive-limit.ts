/**
 * Adaptive concurrency for direct calls: additive increase, multiplicative decrease (AIMD).
 * The limit starts at the given concurrency and grows only while it is used (every slot has a
 * request in flight when a success arrives): by one per success until the first cut or until
 * half the provider's request budget is in use (a slow start, as TCP's), then by one per limit's
 * worth of successes. It shrinks when the provider answers 429 (halved) or, for a model whose
 * requests are not paced (see `RequestPacer`), its rate-limit headers show the request budget
 * nearly spent (under a fifth left: cut in proportion), and stays within [1, ceiling]. After a
 * cut, the next responses, as many as requests were in flight at the cut, cut nothing more: they
 * answer requests sent under the old limit, so their 429s say nothing new.
 */

import type { RateSignal } from "../backends/rate-signals";

/** Options of `AdaptiveLimit`. */
export interface AdaptiveLimitOptions {
  /** The starting limit. */
  readonly initial: number;
  /** The ceiling. @default initial */
  readonly max?: number;
  /** The floor. @default 1 */
  readonly min?: number;
  /** The factor a 429 cuts the limit by. @default 0.5 */
  readonly rateLimitedFactor?: number;
  /**
   * The share of the window's requests left below which the budget counts as nearly spent: the
   * limit is then cut in proportion, by half with nothing left. @default 0.2
   */
  readonly nearlySpentShare?: number;
}

/** The slot a task of `AdaptiveLimit.run` holds. */
export interface LimitSlot {
  /** Runs `call` as a request in flight: the limit counts as used when every slot is in one. */
  sending<T>(call: () => Promise<T>): Promise<T>;
  /**
   * Gives the slot up while `wait` runs (a retry's backoff), then waits for a slot again, ahead of
   * tasks not yet started. When `wait` rejects, the task ends holding no slot.
   */
  away<T>(wait: () => Promise<T>): Promise<T>;
}

/**
 * A concurrency limit that adapts to the provider's rate limit.
 * @example
 * const limit = new AdaptiveLimit({ initial: 8, max: 64 });
 * await Promise.all(items.map((item) => limit.run((slot) => slot.sending(() => call(item)))));
 */
export class AdaptiveLimit {
  private value: number;
  private readonly max: number;
  private readonly min: number;
  private active = 0;
  private requests = 0;
  private readonly queue: (() => void)[] = [];
  /** Responses to come before the next cut counts: those of the calls in flight at the last cut. */
  private holdOff = 0;
  private cuts = 0;
  private slowStart = true;

  constructor(private readonly options: AdaptiveLimitOptions) {
    if (!Number.isInteger(options.initial) || options.initial < 1) throw new RangeError(`AdaptiveLimit: initial must be a positive integer (got ${options.initial})`);
    this.max = options.max ?? options.initial;
    this.min = options.min ?? 1;
    if (!Number.isInteger(this.max) || this.max < options.initial) throw new RangeError(`AdaptiveLimit: max must be an integer ≥ initial (got ${this.max}, initial ${options.initial})`);
    this.value = options.initial;
  }

  /** The current limit (calls allowed in flight). */
  get limit(): number {
    return Math.max(this.min, Math.floor(this.value));
  }

  /** Calls in flight. */
  get inFlight(): number {
    return this.active;
  }

  /** Times the limit was cut. */
  get decreases(): number {
    return this.cuts;
  }

  /** Requests in flight (tasks inside `LimitSlot.sending`). */
  get sending(): number {
    return this.requests;
  }

  /** Runs `task` when the limit allows; the task's own outcome is not a signal (see `signal`). */
  async run<T>(task: (slot: LimitSlot) => Promise<T>): Promise<T> {
    await this.acquire(false);
    let held = true;
    const slot: LimitSlot = {
      sending: async (call) => {
        this.requests += 1;
        try {
          return await call();
        } finally {
          this.requests -= 1;
        }
      },
      away: async (wait) => {
        this.release();
        held = false;
        const result = await wait();
        await this.acquire(true);
        held = true;
        return result;
      },
    };
    try {
      return await task(slot);
    } finally {
      if (held) this.release();
    }
  }

  /**
   * Feeds one HTTP response's status and headers to the limit.
   * @param paced the requests of the response's model are paced from its headers, so a nearly
   *   spent budget is the pacer's to handle, not a reason to cut
   */
  signal(signal: RateSignal, paced = false): void {
    const held = this.holdOff > 0;
    if (held) this.holdOff -= 1;
    const share = signal.remaining !== undefined && signal.limit !== undefined && signal.limit > 0 ? signal.remaining / signal.limit : undefined;
    const nearlySpent = this.options.nearlySpentShare ?? 0.2;
    if (share !== undefined && share < 0.5) this.slowStart = false;
    if (signal.status === 429) {
      this.cut(this.options.rateLimitedFactor ?? 0.5, held);
    } else if (!paced && share !== undefined && share < nearlySpent) {
      // The emptier the budget, the deeper the cut: half at nothing left, none at the threshold.
      this.cut(0.5 + (0.5 * share) / nearlySpent, held);
    } else if (signal.status >= 200 && signal.status < 300 && this.requests >= this.limit) {
      // Only a limit in use grows. Slow start (one more per success: doubling per round trip, as
      // TCP's) until the first cut or half the budget is used, then one more per limit's worth.
      this.value = Math.min(this.max, this.value + (this.slowStart ? 1 : 1 / Math.max(1, this.value)));
      this.drain();
    }
  }

  private cut(factor: number, held: boolean): void {
    if (held) return;
    this.value = Math.max(this.min, this.value * factor);
    this.holdOff = this.requests;
    this.cuts += 1;
    this.slowStart = false;
  }

  private async acquire(ahead: boolean): Promise<void> {
    if (this.queue.length === 0 && this.active < this.limit) {
      this.active += 1;
      return;
    }
    // `drain` counts the task as active before it wakes it; a returning task goes first.
    await new Promise<void>((resolve) => (ahead ? this.queue.unshift(resolve) : this.queue.push(resolve)));
  }

  private release(): void {
    this.active -= 1;
    this.drain();
  }

  private drain(): void {
    while (this.queue.length > 0 && this.active < this.limit) {
      this.active += 1;
      (this.queue.shift() as () => void)();
    }
  }
}
