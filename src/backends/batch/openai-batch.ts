/**
 * The OpenAI Batch API through the official SDK: a JSONL file of chat-completion requests
 * uploaded with purpose `batch`, a batch created on `/v1/chat/completions` with a 24 h window,
 * polled, and its output and error files read back. Each output line's body is a chat
 * completion, converted exactly as a direct call's response is.
 */
import type OpenAI from "openai";
import { openAiSdk } from "../sdks";
import type { Batch } from "openai/resources/batches";
import type { ChatCompletion, ChatCompletionCreateParamsNonStreaming } from "openai/resources/chat/completions";
import { BackendError } from "../../errors";
import { redactSecrets, toBackendError } from "../backend-error";
import type { Completion, CompletionRequest } from "../types";
import type { BatchApi, BatchLine, BatchOutcome, BatchProgress, BatchSubmission } from "./types";

/** The Batch API's limits per batch: 50,000 requests and an input file of 200 MB. */
const OPENAI_BATCH_LIMITS = { maxRequests: 50_000, maxBytes: 200 * 1024 * 1024 } as const;

/** Batch statuses after which nothing changes. */
const ENDED: ReadonlySet<string> = new Set(["completed", "failed", "expired", "cancelled"]);

/** What the OpenAI batch API needs of its backend. */
export interface OpenAiBatchParts {
  readonly modelId: string;
  readonly client: OpenAI;
  readonly bodyOf: (request: CompletionRequest) => ChatCompletionCreateParamsNonStreaming;
  readonly toCompletion: (response: ChatCompletion, request: CompletionRequest) => Completion;
  readonly secrets: readonly (string | undefined)[];
}

/** One line of an output or error file. */
interface OutputLine {
  readonly custom_id?: unknown;
  readonly response?: { readonly status_code?: unknown; readonly body?: unknown } | null;
  readonly error?: { readonly code?: unknown; readonly message?: unknown } | null;
}

/** The batch API of an `openai/…` backend. */
export function createOpenAiBatchApi(parts: OpenAiBatchParts): BatchApi {
  const { modelId, client, secrets } = parts;
  const wrap = (error: unknown) => toBackendError(modelId, error, secrets);
  const progressOf = (batch: Batch): BatchProgress => {
    const counts = batch.request_counts ?? { completed: 0, failed: 0, total: 0 };
    return { status: batch.status, ended: ENDED.has(batch.status), done: counts.completed + counts.failed, failed: counts.failed, total: counts.total };
  };

  function line(customId: string, request: CompletionRequest): BatchLine {
    const text = `${JSON.stringify({ custom_id: customId, method: "POST", url: "/v1/chat/completions", body: parts.bodyOf(request) })}\n`;
    return { customId, text, bytes: Buffer.byteLength(text, "utf8") };
  }

  async function submit(lines: readonly BatchLine[], prepared: (submission: BatchSubmission) => void): Promise<string> {
    try {
      const file = await client.files.create({ file: await openAiSdk().toFile(Buffer.from(lines.map((l) => l.text).join(""), "utf8"), "batch.jsonl"), purpose: "batch" });
      prepared({ submittedAt: new Date().toISOString(), inputFileId: file.id, requests: lines.length });
      const batch = await client.batches.create({ input_file_id: file.id, endpoint: "/v1/chat/completions", completion_window: "24h" });
      return batch.id;
    } catch (error) {
      throw wrap(error);
    }
  }

  async function find(submission: BatchSubmission, claimed: ReadonlySet<string>): Promise<string | undefined> {
    if (submission.inputFileId === undefined) return undefined;
    try {
      for await (const batch of client.batches.list({ limit: 100 })) {
        if (batch.input_file_id === submission.inputFileId && !claimed.has(batch.id)) return batch.id;
        if (batch.created_at * 1000 < Date.parse(submission.submittedAt) - 60_000) break;
      }
    } catch (error) {
      throw wrap(error);
    }
    return undefined;
  }

  async function retrieve(id: string): Promise<BatchProgress> {
    try {
      return progressOf(await client.batches.retrieve(id));
    } catch (error) {
      throw wrap(error);
    }
  }

  async function cancel(id: string): Promise<BatchProgress> {
    try {
      return progressOf(await client.batches.cancel(id));
    } catch (error) {
      throw wrap(error);
    }
  }

  async function* results(id: string, requestOf: (customId: string) => CompletionRequest | undefined): AsyncIterable<BatchOutcome> {
    let batch: Batch;
    try {
      batch = await client.batches.retrieve(id);
    } catch (error) {
      throw wrap(error);
    }
    for (const fileId of [batch.output_file_id, batch.error_file_id]) {
      if (fileId === undefined || fileId === null || fileId === "") continue;
      let text: string;
      try {
        text = await (await client.files.content(fileId)).text();
      } catch (error) {
        throw wrap(error);
      }
      for (const raw of text.split("\n")) {
        if (raw.trim() === "") continue;
        const outcome = outcomeOf(raw, requestOf);
        if (outcome !== undefined) yield outcome;
      }
    }
  }

  function outcomeOf(raw: string, requestOf: (customId: string) => CompletionRequest | undefined): BatchOutcome | undefined {
    let parsed: OutputLine;
    try {
      parsed = JSON.parse(raw) as OutputLine;
    } catch {
      return undefined;
    }
    const customId = typeof parsed.custom_id === "string" ? parsed.custom_id : undefined;
    const request = customId === undefined ? undefined : requestOf(customId);
    if (customId === undefined || request === undefined) return undefined;
    const fail = (message: string, status?: number) =>
      ({ customId, error: new BackendError(`${modelId}: ${redactSecrets(message, secrets)}`, modelId, { cause: { batchStatus: status } }) }) as const;
    if (parsed.error !== null && parsed.error !== undefined) {
      return fail(`batch request failed (${String(parsed.error.code ?? "error")}: ${String(parsed.error.message ?? "")})`);
    }
    const status = parsed.response?.status_code;
    const body = parsed.response?.body as { error?: { message?: unknown } } | undefined;
    if (status !== 200) {
      return fail(`batch request failed (HTTP ${String(status)}: ${String(body?.error?.message ?? "no message")})`, typeof status === "number" ? status : undefined);
    }
    try {
      return { customId, completion: parts.toCompletion(body as unknown as ChatCompletion, request) };
    } catch (error) {
      return { customId, error: error as Error };
    }
  }

  return { provider: "openai", limits: OPENAI_BATCH_LIMITS, line, submit, find, retrieve, results, cancel };
}
