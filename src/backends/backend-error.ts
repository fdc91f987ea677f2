/**
 * Turning SDK errors into `BackendError`s whose messages carry no secrets.
 */
import { BackendError, DistalignError } from "../errors";
import { retryAfterMsOf } from "./rate-signals";

/** Placeholder that replaces a secret in any message. */
const REDACTED = "[redacted]";

/** Key-shaped strings that never belong in a message (OpenAI `sk-…`, Anthropic `sk-ant-…`). */
const KEY_PATTERN = /\bsk-[A-Za-z0-9_-]{12,}/g;

/**
 * Removes secrets from a text: every occurrence of the given secrets, and any key-shaped string.
 * @param text a message that may quote a key (some APIs echo part of a rejected key)
 * @param secrets exact strings to remove; empty and very short ones are ignored
 * @example
 * redactSecrets("bad key sk-abcdefghijklmnop", []); // => "bad key [redacted]"
 */
export function redactSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret !== undefined && secret.length >= 8) out = out.split(secret).join(REDACTED);
  }
  return out.replace(KEY_PATTERN, REDACTED);
}

/**
 * Wraps whatever an SDK call threw in a `BackendError`.
 * The message names the model and the SDK error class, never headers or keys; the SDK error
 * stays available as `cause` for callers that need its status or request id. Whether another
 * attempt may succeed (`retryable`) and the wait the provider asked for (`retryAfterMs`) are
 * read from the error as the SDKs read them (see `retryHintOf`).
 * Errors that are already ours (`UsageError`, …) pass through unchanged.
 * @param modelId `provider/model`
 * @param error what the SDK threw
 * @param secrets the key(s) in use, to scrub from the message
 */
export function toBackendError(modelId: string, error: unknown, secrets: readonly (string | undefined)[]): Error {
  if (error instanceof DistalignError) return error;
  const name = error instanceof Error ? error.constructor.name || error.name : typeof error;
  const raw = error instanceof Error ? error.message : String(error);
  const detail = redactSecrets(raw.replace(/\s+/g, " ").trim(), secrets).slice(0, 500);
  return new BackendError(`${modelId}: request failed (${name}: ${detail})`, modelId, { cause: error, ...retryHintOf(error) });
}

/** The HTTP statuses another attempt may change, as the official SDKs retry them. */
function retryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/**
 * Whether an SDK error is worth another attempt, and the wait its response asked for: the
 * server's `x-should-retry` header where sent, else a 408, 409, 429 or 5xx status, or a request
 * that got no response (connection error or timeout; not an abort by the caller).
 */
function retryHintOf(error: unknown): { retryable: boolean; retryAfterMs?: number } {
  if (typeof error !== "object" || error === null) return { retryable: false };
  const { status, headers } = error as { status?: unknown; headers?: unknown };
  const readable = typeof (headers as { get?: unknown } | undefined)?.get === "function" ? (headers as { get(name: string): string | null }) : undefined;
  const retryAfterMs = readable === undefined ? undefined : retryAfterMsOf(readable);
  const after = retryAfterMs === undefined ? {} : { retryAfterMs };
  const shouldRetry = readable?.get("x-should-retry");
  if (shouldRetry === "true") return { retryable: true, ...after };
  if (shouldRetry === "false") return { retryable: false, ...after };
  if (typeof status === "number") return { retryable: retryableStatus(status), ...after };
  const name = error instanceof Error ? error.constructor.name || error.name : "";
  return { retryable: name === "APIConnectionError" || name === "APIConnectionTimeoutError" };
}
