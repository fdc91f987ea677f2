/**
 * The error hierarchy. Messages follow one format: `<where>: <what is wrong> (<values>)`,
 * lower-case, not a sentence, naming the file, key or value at fault.
 */

/** Base class of every error distalign raises on purpose. The CLI prints its message as one line. */
export class DistalignError extends Error {
  override readonly name: string = "DistalignError";
}

/**
 * Data missing, malformed or inconsistent. `file` and `key` locate the fault when known. The
 * message is one line: line breaks of a key (GlobalOpinionQA questions have them) read as `\n`.
 */
export class DataError extends DistalignError {
  override readonly name = "DataError";
  constructor(
    message: string,
    readonly file?: string,
    readonly key?: string,
    options?: ErrorOptions,
  ) {
    super(oneLine(message), options);
  }
}

/** A message with its line breaks written as `\n`. */
export function oneLine(message: string): string {
  return message.replace(/\r?\n/g, "\\n");
}

/**
 * A user asked for something that does not exist or cannot run (unknown model, bad option
 * value). An error about one option of a library call names it as the call does (`limit`,
 * `maxTokens`) at the start of the message, and sets `option`; the command line names the
 * flag instead (`--limit`, `--max-tokens`).
 */
export class UsageError extends DistalignError {
  override readonly name = "UsageError";
  /** The option the message starts with, when the error is about one. */
  readonly option?: string;
  constructor(message: string, options: ErrorOptions & { readonly option?: string } = {}) {
    super(message, options);
    if (options.option !== undefined) this.option = options.option;
  }
}

/** A run folder's lock is held by another process. */
export class RunFolderLockedError extends DistalignError {
  override readonly name = "RunFolderLockedError";
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

/** A backend call failed. `cause` holds the SDK error; `retryable` says whether another attempt may succeed. */
export class BackendError extends DistalignError {
  override readonly name: string = "BackendError";
  /** Another attempt may succeed (a 429, a 5xx, a timeout, a dropped connection). */
  readonly retryable: boolean;
  /** The wait the provider asked for before another attempt (`retry-after`). @unit milliseconds */
  readonly retryAfterMs?: number;
  constructor(
    message: string,
    readonly model: string,
    options?: ErrorOptions & { readonly retryable?: boolean; readonly retryAfterMs?: number },
  ) {
    super(message, options);
    this.retryable = options?.retryable ?? false;
    if (options?.retryAfterMs !== undefined) this.retryAfterMs = options.retryAfterMs;
  }
}

/** The cache is read-only and has no entry for a request. */
export class CacheMissError extends DistalignError {
  override readonly name = "CacheMissError";
}

/**
 * A provider answered, but not with an answer: the output hit its token cap (OpenAI
 * `finish_reason: "length"`, Anthropic `stop_reason: "max_tokens"`) or the model refused
 * (OpenAI `message.refusal`, Anthropic `stop_reason: "refusal"`). Backends throw it, so the
 * response cache never stores it; the executor records it under its own status, with the usage
 * that was paid for, and `retryFailed` runs it again.
 */
export class IncompleteAnswerError extends BackendError {
  override readonly name = "IncompleteAnswerError";
  constructor(
    message: string,
    model: string,
    /** `truncated`: the token cap was reached; `refused`: the model declined. */
    readonly reason: "truncated" | "refused",
    /** What the provider returned and billed. */
    readonly partial: { readonly text: string; readonly inputTokens: number; readonly outputTokens: number; readonly finishReason?: string },
    options?: ErrorOptions,
  ) {
    super(message, model, options);
  }
}
