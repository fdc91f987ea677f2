/**
 * The rate signals of an SDK client: a `fetch` that reports each response's status and
 * rate-limit headers to the listeners of its backend (see `Backend.onRateSignal`), read by the
 * executor's adaptive concurrency limit and its request pacing.
 */

/** What the provider said about its rate limit in one HTTP response. */
export interface RateSignal {
  /** The HTTP status. */
  readonly status: number;
  /** Requests left in the current window (`x-ratelimit-remaining-requests`, `anthropic-ratelimit-requests-remaining`). */
  readonly remaining?: number;
  /** Requests allowed per window (`x-ratelimit-limit-requests`, `anthropic-ratelimit-requests-limit`). */
  readonly limit?: number;
  /**
   * Time until the request budget is full again (`x-ratelimit-reset-requests`, a duration such as
   * `1s` or `6m0s`; `anthropic-ratelimit-requests-reset`, an RFC 3339 time). @unit milliseconds
   */
  readonly resetMs?: number;
  /** How long to wait before another request (`retry-after-ms`, `retry-after`). @unit milliseconds */
  readonly retryAfterMs?: number;
  /** Time from sending the request to its response's headers. @unit milliseconds */
  readonly elapsedMs?: number;
}

type HeaderSource = { get(name: string): string | null };

/** The signals a response's headers carry: `remaining`, `limit` and `resetMs` of requests, and `retryAfterMs`, where sent. */
export function rateSignalOf(status: number, headers: HeaderSource, now: number = Date.now()): RateSignal {
  const number = (...names: string[]) => {
    for (const name of names) {
      const value = headers.get(name);
      if (value !== null && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    }
    return undefined;
  };
  const remaining = number("x-ratelimit-remaining-requests", "anthropic-ratelimit-requests-remaining");
  const limit = number("x-ratelimit-limit-requests", "anthropic-ratelimit-requests-limit");
  const resetMs = durationMs(headers.get("x-ratelimit-reset-requests")) ?? untilMs(headers.get("anthropic-ratelimit-requests-reset"), now);
  const retryAfterMs = retryAfterMsOf(headers, now);
  return {
    status,
    ...(remaining === undefined ? {} : { remaining }),
    ...(limit === undefined ? {} : { limit }),
    ...(resetMs === undefined ? {} : { resetMs }),
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
  };
}

/**
 * The wait a response asks for: `retry-after-ms` (milliseconds), else `retry-after` (seconds, or
 * an HTTP date); undefined when neither is there or readable.
 */
export function retryAfterMsOf(headers: HeaderSource, now: number = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && ms.trim() !== "" && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get("retry-after");
  if (after === null || after.trim() === "") return undefined;
  if (Number.isFinite(Number(after))) return Number(after) >= 0 ? Number(after) * 1000 : undefined;
  return untilMs(after, now);
}

/** A Go-style duration (`20ms`, `1s`, `6m0s`, `1h2m3.5s`) in milliseconds. */
function durationMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  const unit: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  let total = 0;
  for (const [, amount, , name] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g)) total += Number(amount) * (unit[name as string] as number);
  return total;
}

/** Milliseconds from `now` until a date (RFC 3339 or HTTP date), at least 0. */
function untilMs(value: string | null, now: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** A fetch for an SDK client, and the subscription its backend offers. */
export interface SignallingFetch {
  readonly fetch: typeof fetch;
  onRateSignal(listener: (signal: RateSignal) => void): () => void;
}

/** Wraps the global fetch so that every response is reported to the subscribed listeners. */
export function signallingFetch(): SignallingFetch {
  const listeners = new Set<(signal: RateSignal) => void>();
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const sentAt = performance.now();
    const sentAtDate = Date.now();
    const response = await fetch(input, init);
    if (listeners.size > 0) {
      // Times the response gives as dates are measured from the server's own clock (its `date`
      // header), else from the moment the request was sent, never later than the server's answer.
      const serverDate = Date.parse(response.headers.get("date") ?? "");
      const signal = { ...rateSignalOf(response.status, response.headers, Number.isFinite(serverDate) ? serverDate : sentAtDate), elapsedMs: performance.now() - sentAt };
      for (const listener of listeners) listener(signal);
    }
    return response;
  };
  return {
    fetch: wrapped as typeof fetch,
    onRateSignal(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
