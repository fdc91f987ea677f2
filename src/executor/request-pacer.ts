/**
 * Request pacing for one model, from its provider's rate-limit headers. Until the first response
 * of the model is seen, one request goes out at a time (a probe: its headers tell the limit).
 * Where the headers give the window's request limit, the requests left and the time until the
 * budget is full again, the pacer mirrors the provider's token bucket (its refill rate is
 * `(limit − remaining) / reset`, summed over the last responses) and lets a request go only while the mirror holds a request to
 * spare, so paced calls do not meet 429s. A response resynchronises the mirror: what it says was
 * left, plus the refill since it was sent, minus the other requests still unanswered (some the
 * provider may have counted already: the mirror errs low, never high). A `retry-after` on
 * a 429 (up to a minute) holds every request back until it has passed. Without those headers requests are not paced.
 */

import type { RateSignal } from "../backends/rate-signals";

/** Requests the mirror keeps in hand below the provider's count, against rounding and clock drift. */
const RESERVE = 1;
/**
 * The longest `retry-after` honoured as it is: it holds a model's requests back at most this
 * long, and a retry waiting for a longer one falls back to its backoff. @unit milliseconds
 */
export const MAX_RETRY_AFTER_MS = 60_000;
/** Responses whose headers the refill rate is estimated from: requests used over time to refill, summed. */
const RATE_SAMPLES = 9;

/** Options of `RequestPacer`. */
interface RequestPacerOptions {
  /** The clock. @unit milliseconds @default performance.now */
  readonly now?: () => number;
}

interface Waiter {
  readonly resolve: (release: () => void) => void;
  readonly reject: (reason: unknown) => void;
  readonly signal?: AbortSignal;
  readonly onAbort: () => void;
}

/**
 * Paces the requests of one model.
 * @example
 * const pacer = new RequestPacer();
 * backend.onRateSignal((signal) => pacer.observe(signal));
 * const release = await pacer.take(signal);
 * try { await backend.complete(request); } finally { release(); }
 */
export class RequestPacer {
  private readonly now: () => number;
  private known = false;
  private probing = false;
  /** Requests per millisecond; undefined while the headers have not told it. */
  private rate: number | undefined;
  private readonly samples: { used: number; resetMs: number }[] = [];
  private capacity = 0;
  private tokens = 0;
  private refilledAt = 0;
  private pausedUntil = 0;
  private readonly queue: Waiter[] = [];
  /** Requests let go and not yet answered or failed. */
  private outstanding = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RequestPacerOptions = {}) {
    this.now = options.now ?? (() => performance.now());
  }

  /** True once the headers give a refill rate: requests are then paced, not only limited in number. */
  get paced(): boolean {
    return this.rate !== undefined;
  }

  /** Requests waiting for their turn. */
  get waiting(): number {
    return this.queue.length;
  }

  /**
   * Resolves when a request may be sent, with the function to call once it is answered (or
   * failed). Rejects with the signal's reason when `signal` aborts first.
   */
  take(signal?: AbortSignal): Promise<() => void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        resolve,
        reject,
        ...(signal === undefined ? {} : { signal }),
        onAbort: () => {
          const at = this.queue.indexOf(waiter);
          if (at >= 0) this.queue.splice(at, 1);
          reject(signal?.reason);
          this.pump();
        },
      };
      signal?.addEventListener("abort", waiter.onAbort, { once: true });
      this.queue.push(waiter);
      this.pump();
    });
  }

  /** Feeds one HTTP response's rate signal. */
  observe(signal: RateSignal): void {
    this.known = true;
    this.probing = false;
    const now = this.now();
    const elapsed = signal.elapsedMs ?? 0;
    // The other requests in flight (the answered one is still counted until its call ends).
    const after = Math.max(0, this.outstanding - 1);
    if (signal.limit !== undefined && signal.remaining !== undefined && signal.resetMs !== undefined && signal.limit > 0) {
      const used = signal.limit - signal.remaining;
      if (used > 0 && signal.resetMs > 0) {
        // Summed, so that the longest resets, the least rounded, weigh the most.
        this.samples.push({ used, resetMs: signal.resetMs });
        if (this.samples.length > RATE_SAMPLES) this.samples.shift();
        this.rate = this.samples.reduce((sum, sample) => sum + sample.used, 0) / this.samples.reduce((sum, sample) => sum + sample.resetMs, 0);
      }
      this.capacity = signal.limit;
    }
    if (this.rate !== undefined && signal.remaining !== undefined) {
      // What the provider had left when it answered, refilled since the request was sent, less
      // the requests in flight (which it may not have counted).
      this.tokens = Math.min(this.capacity, signal.remaining + this.rate * elapsed) - after;
      this.refilledAt = now;
    }
    if (signal.status === 429) {
      if (this.rate !== undefined) {
        this.refill(now);
        this.tokens = Math.min(this.tokens, this.rate * elapsed - after);
      }
      if (signal.retryAfterMs !== undefined) this.pausedUntil = Math.max(this.pausedUntil, now - elapsed + Math.min(signal.retryAfterMs, MAX_RETRY_AFTER_MS));
    }
    this.pump();
  }

  private refill(now: number): void {
    if (this.rate === undefined) return;
    this.tokens = Math.min(this.capacity, this.tokens + this.rate * (now - this.refilledAt));
    this.refilledAt = now;
  }

  private pump(): void {
    if (this.timer !== undefined) {
      clearTimeout(this.timer);
      this.timer = undefined;
    }
    while (this.queue.length > 0) {
      const now = this.now();
      if (now < this.pausedUntil) return this.wake(this.pausedUntil - now);
      if (!this.known) {
        if (this.probing) return;
        this.probing = true;
        this.grant(() => {
          // A probe that got no response (a failure before any answer): the next one probes.
          if (!this.known) this.probing = false;
          this.pump();
        });
        continue;
      }
      if (this.rate !== undefined) {
        this.refill(now);
        if (this.tokens < 1 + RESERVE) return this.wake((1 + RESERVE - this.tokens) / this.rate);
        this.tokens -= 1;
      }
      this.grant(() => undefined);
    }
  }

  private grant(release: () => void): void {
    const waiter = this.queue.shift() as Waiter;
    waiter.signal?.removeEventListener("abort", waiter.onAbort);
    let released = false;
    this.outstanding += 1;
    waiter.resolve(() => {
      if (released) return;
      released = true;
      this.outstanding -= 1;
      release();
    });
  }

  private wake(afterMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.pump();
    }, Math.max(1, Math.ceil(afterMs)));
  }
}
