/**
 * The vocabulary of provider batch APIs: requests written as lines, submitted as one batch,
 * polled, and their outcomes read back. Types only.
 */
import type { Completion, CompletionRequest } from "../types";

/** A provider with a batch API. */
export type BatchProvider = "openai" | "anthropic";

/** What one batch may hold. */
interface BatchLimits {
  /** Requests per batch. */
  readonly maxRequests: number;
  /** Bytes of the serialised requests per batch. @unit bytes */
  readonly maxBytes: number;
}

/** One request, serialised as the provider takes it in a batch. */
export interface BatchLine {
  readonly customId: string;
  /** The request as sent (one JSONL line for OpenAI, one `requests[]` entry for Anthropic). */
  readonly text: string;
  /** @unit bytes (UTF-8, line break included) */
  readonly bytes: number;
}

/** What was known of a batch before its id: enough to find it again if the id was never recorded. */
export interface BatchSubmission {
  /** ISO-8601 time just before the batch was created. */
  readonly submittedAt: string;
  /** OpenAI: the uploaded input file, which names the batch made from it. */
  readonly inputFileId?: string;
  /** Requests in the batch. */
  readonly requests: number;
}

/** A batch's state as polled. */
export interface BatchProgress {
  /** The provider's own status word (OpenAI `status`, Anthropic `processing_status`). */
  readonly status: string;
  /** Nothing more will happen to the batch: its results can be read. */
  readonly ended: boolean;
  /** Requests finished, successfully or not. */
  readonly done: number;
  /** Of those, errored, expired or cancelled. */
  readonly failed: number;
  readonly total: number;
}

/** The outcome of one request of a batch: a completion, or the error it ended in. */
export type BatchOutcome =
  | { readonly customId: string; readonly completion: Completion }
  | { readonly customId: string; readonly error: Error };

/** A provider's batch API for one model, through the provider's SDK. */
export interface BatchApi {
  readonly provider: BatchProvider;
  readonly limits: BatchLimits;
  /** Serialises a request; the same checks as a direct call apply. */
  line(customId: string, request: CompletionRequest): BatchLine;
  /**
   * Creates a batch of the given lines and returns its id. `prepared` is called (and must have
   * recorded what it is given) just before the create request is sent.
   */
  submit(lines: readonly BatchLine[], prepared: (submission: BatchSubmission) => void): Promise<string>;
  /**
   * The id of the batch a submission created, when its id was never recorded (the process ended
   * between the create and the record); undefined when no such batch exists.
   * @param claimed ids already recorded for other submissions
   */
  find(submission: BatchSubmission, claimed: ReadonlySet<string>): Promise<string | undefined>;
  retrieve(id: string): Promise<BatchProgress>;
  /**
   * The outcome of every request the provider reports for an ended batch; a request it does not
   * report is left out.
   * @param requestOf the request behind a custom id (undefined for an id not of this batch)
   */
  results(id: string, requestOf: (customId: string) => CompletionRequest | undefined): AsyncIterable<BatchOutcome>;
  cancel(id: string): Promise<BatchProgress>;
}
