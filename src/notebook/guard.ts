/**
 * Stopping a notebook with one clear line. tslab prints a failing cell's error with
 * `console.error`, which shows the stack trace and the error's fields; an error that formats
 * itself as its message prints one line, and the failed cell still stops "Run All".
 */
import { inspect } from "node:util";
import { DistalignError } from "../errors";

/** An error that prints as its message alone, without a stack trace. `cause` holds the original. */
export class NotebookStop extends Error {
  override readonly name = "NotebookStop";

  [inspect.custom](): string {
    return this.message;
  }
}

function toStop(error: unknown): unknown {
  return error instanceof DistalignError ? new NotebookStop(error.message, { cause: error }) : error;
}

/**
 * Runs `action` and turns a DistalignError (missing data, cache miss, bad usage) into a
 * `NotebookStop`, which tslab prints as the error's message on one line, the same line the CLI
 * prints. Other errors are programming errors and keep their stack trace.
 * Works with asynchronous actions: the returned promise rejects with the `NotebookStop`.
 * @example
 * const rows = await stopOnError(() => loadResults({ models: MODELS }));
 */
export function stopOnError<T>(action: () => T): T {
  let result: T;
  try {
    result = action();
  } catch (error) {
    throw toStop(error);
  }
  if (isPromiseLike(result)) {
    return Promise.resolve(result).catch((error: unknown) => {
      throw toStop(error);
    }) as T;
  }
  return result;
}

/** True for promises and other thenables. */
export function isPromiseLike(value: unknown): value is PromiseLike<unknown> {
  return (
    (typeof value === "object" || typeof value === "function") &&
    value !== null &&
    typeof (value as { then?: unknown }).then === "function"
  );
}
