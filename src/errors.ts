/**
 * The error hierarchy. Messages follow one format: `<where>: <what is wrong> (<values>)`,
 * lower-case, not a sentence, naming the file, key or value at fault.
 */

/** Base class of every error distalign raises on purpose. The CLI prints its message as one line. */
export class DistalignError extends Error {
  override readonly name: string = "DistalignError";
}

/** Data missing, malformed or inconsistent. `file` and `key` locate the fault when known. */
export class DataError extends DistalignError {
  override readonly name = "DataError";
  constructor(
    message: string,
    readonly file?: string,
    readonly key?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A user asked for something that does not exist or cannot run (unknown model, bad flag value). */
export class UsageError extends DistalignError {
  override readonly name = "UsageError";
}

/** A model response that could not be turned into a distribution. */
export class ParseError extends DistalignError {
  override readonly name = "ParseError";
  constructor(
    message: string,
    readonly raw: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** A backend call failed after the SDK's own retries. `cause` holds the SDK error. */
export class BackendError extends DistalignError {
  override readonly name = "BackendError";
  constructor(
    message: string,
    readonly model: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** The cache is read-only and has no entry for a request. */
export class CacheMissError extends DistalignError {
  override readonly name = "CacheMissError";
}
