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
});
