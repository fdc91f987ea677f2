/**
 * The rate signals of an SDK client: a `fetch` that reports each response's status and
 * rate-limit headers to the listeners of its backend (see `Backend.onRateSignal`).
 */
import { type RateSignal, rateSignalOf } from "../executor/adaptive-limit";

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
