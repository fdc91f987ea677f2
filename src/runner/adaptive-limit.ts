/**
 * Adaptive concurrency for direct calls: additive increase, multiplicative decrease (AIMD).
 * The limit starts at the given concurrency, grows by one per limit's worth of successful calls,
 * shrinks when the provider answers 429 (halved) or its rate-limit headers show the request
 * budget nearly spent (cut by a tenth), and stays within [1, ceiling]. After a cut, further
 * signals are ignored until the calls in flight at the cut have finished: they were sent under
 * the old limit, so their 429s say nothing new.
 */

/** What the provider said about its rate limit in one HTTP response. */
export interface RateSignal {
  /** The HTTP status. */
  readonly status: number;
  /** Requests left in the current window (`x-ratelimit-remaining-requests`, `anthropic-ratelimit-requests-remaining`). */
  readonly remaining?: number;
  /** Requests allowed per window (`x-ratelimit-limit-requests`, `anthropic-ratelimit-requests-limit`). */
  readonly limit?: number;
}

/** Something that reports the rate signals of the HTTP responses behind its calls. */
export interface RateSignalSource {
  /** Calls `listener` for every HTTP response (retries included); returns the unsubscribe function. */
  onRateSignal(listener: (signal: RateSignal) => void): () => void;
}

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
  /** The factor a nearly spent budget cuts the limit by. @default 0.9 */
  readonly nearlySpentFactor?: number;
  /** The share of the window's requests left below which the budget counts as nearly spent. @default 0.1 */
  readonly nearlySpentShare?: number;
}

/** The signals a response's headers carry: `remaining` and `limit` of requests, where sent. */
export function rateSignalOf(status: number, headers: { get(name: string): string | null }): RateSignal {
  const number = (...names: string[]) => {
    for (const name of names) {
      const value = headers.get(name);
      if (value !== null && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    }
    return undefined;
  };
  const remaining = number("x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
  const limit = number("x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit");
  return { status, ...(remaining === undefined ? {} : { remaining }), ...(limit === undefined ? {} : { limit }) };
}

/**
 * A concurrency limit that adapts to the provider's rate limit.
 * @example
 * const limit = new AdaptiveLimit({ initial: 8, max: 64 });
 * await Promise.all(items.map((item) => limit.run(() => call(item))));
 */
export class AdaptiveLimit {
  private value: number;
  private readonly max: number;
  private readonly min: number;
  private active = 0;
  private readonly queue: (() => void)[] = [];
  /** Calls to finish before the next cut counts. */
  private holdOff = 0;
  private cuts = 0;

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

  /** Runs `task` when the limit allows; the task's own outcome is not a signal (see `signal`). */
  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.queue.length === 0 && this.active < this.limit) this.active += 1;
    // Else `drain` counts the task as active before it wakes it.
    else await new Promise<void>((resolve) => this.queue.push(resolve));
    try {
      return await task();
    } finally {
      this.active -= 1;
      if (this.holdOff > 0) this.holdOff -= 1;
      this.drain();
    }
  }

  /** Feeds one HTTP response's status and headers to the limit. */
  signal(signal: RateSignal): void {
    if (signal.status === 429) {
      this.cut(this.options.rateLimitedFactor ?? 0.5);
    } else if (signal.remaining !== undefined && signal.limit !== undefined && signal.limit > 0 && signal.remaining / signal.limit < (this.options.nearlySpentShare ?? 0.1)) {
      this.cut(this.options.nearlySpentFactor ?? 0.9);
    } else if (signal.status >= 200 && signal.status < 300) {
      this.value = Math.min(this.max, this.value + 1 / Math.max(1, this.value));
      this.drain();
    }
  }

  private cut(factor: number): void {
    if (this.holdOff > 0) return;
    this.value = Math.max(this.min, this.value * factor);
    this.holdOff = this.active;
    this.cuts += 1;
  }

  private drain(): void {
    while (this.queue.length > 0 && this.active < this.limit) {
      this.active += 1;
      (this.queue.shift() as () => void)();
    }
  }
}
