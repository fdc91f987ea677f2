/**
 * Anthropic Message Batches through the official SDK: requests with a `custom_id` each, created
 * in one call, polled, and their results streamed as JSONL. Each succeeded result's message is
 * converted exactly as a direct call's response is.
 */
import type Anthropic from "@anthropic-ai/sdk";
import type { Message, MessageCreateParamsNonStreaming } from "@anthropic-ai/sdk/resources/messages";
import type { MessageBatch } from "@anthropic-ai/sdk/resources/messages/batches";
import { BackendError } from "../../errors";
import { redactSecrets, toBackendError } from "../backend-error";
import type { Completion, CompletionRequest } from "../types";
import type { BatchApi, BatchLine, BatchOutcome, BatchProgress, BatchSubmission } from "./types";

/** Message Batches' limits per batch: 100,000 requests and 256 MB. */
const ANTHROPIC_BATCH_LIMITS = { maxRequests: 100_000, maxBytes: 256 * 1024 * 1024 } as const;

/** What the Anthropic batch API needs of its backend. */
export interface AnthropicBatchParts {
  readonly modelId: string;
  readonly client: Anthropic;
  readonly bodyOf: (request: CompletionRequest) => MessageCreateParamsNonStreaming;
  readonly toCompletion: (response: Message) => Completion;
  readonly secrets: readonly (string | undefined)[];
}

/** The batch API of an `anthropic/…` backend. */
export function createAnthropicBatchApi(parts: AnthropicBatchParts): BatchApi {
  const { modelId, client, secrets } = parts;
  const wrap = (error: unknown) => toBackendError(modelId, error, secrets);
  const progressOf = (batch: MessageBatch): BatchProgress => {
    const c = batch.request_counts;
    const failed = c.errored + c.canceled + c.expired;
    return { status: batch.processing_status, ended: batch.processing_status === "ended", done: c.succeeded + failed, failed, total: c.processing + c.succeeded + failed };
  };

  function line(customId: string, request: CompletionRequest): BatchLine {
    const text = JSON.stringify({ custom_id: customId, params: parts.bodyOf(request) });
    return { customId, text, bytes: Buffer.byteLength(text, "utf8") + 1 };
  }

  async function submit(lines: readonly BatchLine[], prepared: (submission: BatchSubmission) => void): Promise<string> {
    const requests = lines.map((l) => JSON.parse(l.text) as { custom_id: string; params: MessageCreateParamsNonStreaming });
    prepared({ submittedAt: new Date().toISOString(), requests: lines.length });
    try {
      return (await client.messages.batches.create({ requests })).id;
    } catch (error) {
      throw wrap(error);
    }
  }

  /** The newest unclaimed batch created since the submission with as many requests: the API keeps no other link to it. */
  async function find(submission: BatchSubmission, claimed: ReadonlySet<string>): Promise<string | undefined> {
    const since = Date.parse(submission.submittedAt) - 60_000;
    try {
      for await (const batch of client.messages.batches.list({ limit: 100 })) {
        if (Date.parse(batch.created_at) < since) break;
        if (claimed.has(batch.id)) continue;
        if (progressOf(batch).total === submission.requests) return batch.id;
      }
    } catch (error) {
      throw wrap(error);
    }
    return undefined;
  }

  async function retrieve(id: string): Promise<BatchProgress> {
    try {
      return progressOf(await client.messages.batches.retrieve(id));
    } catch (error) {
      throw wrap(error);
    }
  }

  async function cancel(id: string): Promise<BatchProgress> {
    try {
      return progressOf(await client.messages.batches.cancel(id));
    } catch (error) {
      throw wrap(error);
    }
  }

  async function* results(id: string, requestOf: (customId: string) => CompletionRequest | undefined): AsyncIterable<BatchOutcome> {
    let stream: AsyncIterable<{ custom_id: string; result: { type: string; message?: Message; error?: { error?: { type?: string; message?: string } } } }>;
    try {
      stream = (await client.messages.batches.results(id)) as unknown as typeof stream;
    } catch (error) {
      throw wrap(error);
    }
    const fail = (customId: string, message: string, status?: number): BatchOutcome => ({
      customId,
      error: new BackendError(`${modelId}: ${redactSecrets(message, secrets)}`, modelId, { cause: { batchStatus: status } }),
    });
    try {
      for await (const entry of stream) {
        if (requestOf(entry.custom_id) === undefined) continue;
        const result = entry.result;
        if (result.type === "succeeded" && result.message !== undefined) {
          try {
            yield { customId: entry.custom_id, completion: parts.toCompletion(result.message) };
          } catch (error) {
            yield { customId: entry.custom_id, error: error as Error };
          }
        } else if (result.type === "errored") {
          const inner = result.error?.error;
          const status = inner?.type === "invalid_request_error" ? 400 : undefined;
          yield fail(entry.custom_id, `batch request errored (${inner?.type ?? "error"}: ${inner?.message ?? ""})`, status);
        } else {
          yield fail(entry.custom_id, `batch request ${result.type} before it ran`);
        }
      }
    } catch (error) {
      throw wrap(error);
    }
  }

  return { provider: "anthropic", limits: ANTHROPIC_BATCH_LIMITS, line, submit, find, retrieve, results, cancel };
}
