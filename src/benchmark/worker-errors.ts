/**
 * Errors across the worker-thread boundary. A worker's thrown error reaches the main thread as
 * a structured clone, which keeps neither the class nor `file` and `key`; so the worker returns
 * a distalign error as plain data instead of throwing it, and the main thread throws the rebuilt
 * error of the same class.
 */
import { DataError, DistalignError, UsageError } from "../errors";

/** A distalign error as plain, cloneable data. */
export interface SerialisedError {
  readonly distalignError: { readonly name: string; readonly message: string; readonly file?: string; readonly key?: string };
}

/** The result of a worker task: its value, or the distalign error it raised. */
export type WorkerOutcome<T> = { readonly value: T } | SerialisedError;

/** Runs a task in a worker, turning a distalign error into data; any other error is rethrown (a bug). */
export function captureDistalignError<T>(task: () => T): WorkerOutcome<T> {
  try {
    return { value: task() };
  } catch (error) {
    if (!(error instanceof DistalignError)) throw error;
    const file = error instanceof DataError ? error.file : undefined;
    const key = error instanceof DataError ? error.key : undefined;
    return { distalignError: { name: error.name, message: error.message, ...(file === undefined ? {} : { file }), ...(key === undefined ? {} : { key }) } };
  }
}

/** Rebuilds a serialised error: a DataError or UsageError keeps its class, anything else is a DistalignError. */
export function rebuildError(serialised: SerialisedError["distalignError"]): DistalignError {
  if (serialised.name === "DataError") return new DataError(serialised.message, serialised.file, serialised.key);
  if (serialised.name === "UsageError") return new UsageError(serialised.message);
  return new DistalignError(serialised.message);
}

/** The value of a worker task's outcome, or its rebuilt error thrown. */
export function unwrapOutcome<T>(outcome: WorkerOutcome<T>): T {
  if ("distalignError" in outcome) throw rebuildError(outcome.distalignError);
  return outcome.value;
}
