import { describe, expect, it } from "vitest";
import { redactSecrets, toBackendError } from "../../src/backends/backend-error";
import { BackendError, UsageError } from "../../src/errors";

describe("redactSecrets", () => {
  it("removes given secrets and key-shaped strings", () => {
    expect(redactSecrets("key abcdefgh12345678 and sk-proj-AbCdEf0123456789xyz end", ["abcdefgh12345678"])).toBe("key [redacted] and [redacted] end");
    expect(redactSecrets("short sk-1 stays", [undefined, "abc"])).toBe("short sk-1 stays");
  });
});

describe("toBackendError", () => {
  it("wraps SDK errors with the model and class name, keeping the cause", () => {
    const cause = new TypeError("fetch failed\n  for sk-test-0123456789abcdef");
    const error = toBackendError("openai/gpt-4o-mini", cause, []);
    expect(error).toBeInstanceOf(BackendError);
    expect(error.message).toBe("openai/gpt-4o-mini: request failed (TypeError: fetch failed for [redacted])");
    expect(error.cause).toBe(cause);
  });

  it("passes our own errors through", () => {
    const usage = new UsageError("x: y");
    expect(toBackendError("openai/gpt-4o-mini", usage, [])).toBe(usage);
  });

  it("marks what another attempt may change as retryable, as the SDKs decide, with the server's retry-after", () => {
    const hint = (error: unknown) => {
      const wrapped = toBackendError("openai/gpt-4o-mini", error, []) as BackendError;
      return [wrapped.retryable, wrapped.retryAfterMs];
    };
    const headers = (entries: Record<string, string> = {}) => new Headers(entries);
    expect(hint({ status: 429, headers: headers({ "retry-after": "3" }) })).toEqual([true, 3000]);
    expect(hint({ status: 503, headers: headers() })).toEqual([true, undefined]);
    expect(hint({ status: 408, headers: headers() })).toEqual([true, undefined]);
    expect(hint({ status: 400, headers: headers() })).toEqual([false, undefined]);
    expect(hint({ status: 500, headers: headers({ "x-should-retry": "false" }) })).toEqual([false, undefined]);
    expect(hint({ status: 400, headers: headers({ "x-should-retry": "true" }) })).toEqual([true, undefined]);
    class APIConnectionError extends Error {}
    class APIUserAbortError extends Error {}
    expect(hint(new APIConnectionError("socket hang up"))).toEqual([true, undefined]);
    expect(hint(new APIUserAbortError("aborted"))).toEqual([false, undefined]);
    expect(hint("a string")).toEqual([false, undefined]);
  });
});
