/**
 * Turning SDK errors into `BackendError`s whose messages carry no secrets.
 */
import { BackendError, DistalignError } from "../errors";

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
 * Wraps whatever an SDK call threw (after the SDK's own retries) in a `BackendError`.
 * The message names the model and the SDK error class, never headers or keys; the SDK error
 * stays available as `cause` for callers that need its status or request id.
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
  return new BackendError(`${modelId}: request failed (${name}: ${detail})`, modelId, { cause: error });
}
