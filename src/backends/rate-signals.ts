/**
 * The rate signals of an SDK client: a `fetch` that reports each response's status and
 * rate-limit headers to the listeners of its backend (see `Backend.onRateSignal`), read by the
 * executor's adaptive concurrency limit.
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

/** A fetch for an SDK client, and the subscription its backend offers. */
export interface SignallingFetch {
  readonly fetch: typeof fetch;
  onRateSignal(listener: (signal: RateSignal) => void): () => void;
}

/** Wraps the global fetch so that every response is reported to the subscribed listeners. */
export function signallingFetch(): SignallingFetch {
  const listeners = new Set<(signal: RateSignal) => void>();
  const wrapped = async (input: Parameters<typeof fetch>[0], init?: Parameters<typeof fetch>[1]): Promise<Response> => {
    const response = await fetch(input, init);
    if (listeners.size > 0) {
      const signal = rateSignalOf(response.status, response.headers);
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
