/**
 * A local stand-in for the two providers' batch APIs on 127.0.0.1, speaking their wire formats so
 * the real SDKs talk to it:
 *
 * - OpenAI: `POST /v1/files` (multipart, purpose `batch`) → a file object; `GET /v1/files/{id}/content`;
 *   `POST /v1/batches` (`input_file_id`, `endpoint`, `completion_window`) → a batch object that
 *   moves validating → in_progress → finalizing → completed (or expired / cancelled) as it is
 *   polled, with `request_counts`, `output_file_id` and `error_file_id`; `GET /v1/batches/{id}`,
 *   `POST /v1/batches/{id}/cancel`, `GET /v1/batches`. Output lines are
 *   `{id, custom_id, response: {status_code, request_id, body}, error}`.
 * - Anthropic: `POST /v1/messages/batches` (`requests: [{custom_id, params}]`) → a message batch
 *   (`processing_status` in_progress → ended, or canceling → ended), `request_counts {processing,
 *   succeeded, errored, canceled, expired}`, `results_url` once ended; `GET /v1/messages/batches/{id}`,
 *   `…/cancel`, `…/results` (JSONL of `{custom_id, result: {type: succeeded|errored|canceled|expired, …}}`),
 *   and the list.
 * - `GET /v1/models` lists the `models` option.
 *
 * It counts every request submitted per prompt (the last user message) across all batches, so a
 * test can check that nothing was submitted twice.
 */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { anthropicMessage, defaultReply, type FakeReply, type FakeRequest, openAiCompletion } from "./fake-server";

/** What happens to one request of a batch. */
export type BatchFate = "succeeded" | "errored" | "expired";

/** One request of a batch, as the fake sees it. */
export interface FakeBatchRequest {
  readonly api: "openai" | "anthropic";
  readonly customId: string;
  readonly body: any;
  /** The last user message's text. */
  readonly promptKey: string;
  /** The batch's number on this server, from 1. */
  readonly batch: number;
}

export interface FakeBatchServerOptions {
  /** The reply to a request that succeeds. @default defaultReply */
  readonly reply?: (request: FakeBatchRequest) => FakeReply;
  /** The fate of a request. @default "succeeded" */
  readonly fate?: (request: FakeBatchRequest) => BatchFate;
  /** Polls of a batch before it ends. @default 2 */
  readonly pollsToEnd?: number;
  /** Called once a batch create has been answered. */
  readonly onBatchCreated?: (id: string) => void;
  /** Model names listed by `GET /v1/models`. */
  readonly models?: readonly string[];
}

interface Batch {
  readonly api: "openai" | "anthropic";
  readonly id: string;
  readonly seq: number;
  readonly inputFileId?: string;
  readonly requests: FakeBatchRequest[];
  readonly createdAt: number;
  polls: number;
  cancelled: boolean;
  ended: boolean;
  fates: Map<string, BatchFate | "canceled">;
  outputFileId?: string;
  errorFileId?: string;
}

export interface FakeBatchServer {
  readonly url: string;
  readonly openAiBaseUrl: string;
  readonly anthropicBaseUrl: string;
  /** Requests submitted per prompt, over all batches. */
  readonly submitted: Map<string, number>;
  /** Batches created, in order. */
  readonly batches: readonly { readonly api: string; readonly id: string; readonly requests: number }[];
  /** Every route called, as "METHOD /path". */
  readonly calls: string[];
  close(): Promise<void>;
}

/** Starts the fake batch server on an ephemeral port. */
export async function startFakeBatchServer(options: FakeBatchServerOptions = {}): Promise<FakeBatchServer> {
  const files = new Map<string, { text: string; purpose: string; filename: string }>();
  const batches = new Map<string, Batch>();
  const order: Batch[] = [];
  const submitted = new Map<string, number>();
  const calls: string[] = [];
  const pollsToEnd = options.pollsToEnd ?? 2;
  let counter = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      handle(req, res, Buffer.concat(chunks)).catch((error: unknown) => json(res, 500, { error: { message: String(error), type: "server_error", param: null, code: null } }));
    });
  });

  function record(batch: Omit<Batch, "fates">): Batch {
    const full: Batch = { ...batch, fates: new Map() };
    for (const request of full.requests) submitted.set(request.promptKey, (submitted.get(request.promptKey) ?? 0) + 1);
    batches.set(full.id, full);
    order.push(full);
    return full;
  }

  /** Moves a batch on by one poll; ends it after `pollsToEnd` polls, or at once when cancelled. */
  function advance(batch: Batch): void {
    if (batch.ended) return;
    batch.polls += 1;
    if (!batch.cancelled && batch.polls < pollsToEnd) return;
    batch.ended = true;
    for (const request of batch.requests) batch.fates.set(request.customId, batch.cancelled ? "canceled" : (options.fate?.(request) ?? "succeeded"));
    if (batch.api === "openai") {
      const output: string[] = [];
      const errors: string[] = [];
      let n = 0;
      for (const request of batch.requests) {
        n += 1;
        const fate = batch.fates.get(request.customId);
        const fake = fakeRequest(request, n);
        if (fate === "succeeded") {
          output.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: request.customId, response: { status_code: 200, request_id: `req_${n}`, body: openAiCompletion(fake, reply(request)) }, error: null }));
        } else if (fate === "errored") {
          errors.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: request.customId, response: { status_code: 400, request_id: `req_${n}`, body: { error: { message: "Invalid value for 'messages'", type: "invalid_request_error", param: "messages", code: null } } }, error: null }));
        } else {
          const code = fate === "expired" ? "batch_expired" : "batch_cancelled";
          errors.push(JSON.stringify({ id: `batch_req_${n}`, custom_id: request.customId, response: null, error: { code, message: fate === "expired" ? "This request could not be executed before the completion window expired." : "This request was cancelled." } }));
        }
      }
      if (output.length > 0) batch.outputFileId = addFile(`${output.join("\n")}\n`, "batch_output");
      if (errors.length > 0) batch.errorFileId = addFile(`${errors.join("\n")}\n`, "batch_output");
    }
  }

  function reply(request: FakeBatchRequest): FakeReply {
    return options.reply?.(request) ?? defaultReply();
  }

  function addFile(text: string, purpose: string, filename = "batch_output.jsonl"): string {
    counter += 1;
    const id = `file-${counter}`;
    files.set(id, { text, purpose, filename });
    return id;
  }

  function openAiBatch(batch: Batch) {
    const counts = countsOf(batch);
    const status = !batch.ended
      ? batch.cancelled ? "cancelling" : batch.polls === 0 ? "validating" : "in_progress"
      : batch.cancelled ? "cancelled" : counts.expired > 0 ? "expired" : "completed";
    return {
      id: batch.id,
      object: "batch",
      endpoint: "/v1/chat/completions",
      errors: null,
      input_file_id: batch.inputFileId,
      completion_window: "24h",
      status,
      output_file_id: batch.outputFileId ?? null,
      error_file_id: batch.errorFileId ?? null,
      created_at: Math.floor(batch.createdAt / 1000),
      in_progress_at: null,
      expires_at: Math.floor(batch.createdAt / 1000) + 86_400,
      finalizing_at: null,
      completed_at: null,
      failed_at: null,
      expired_at: null,
      cancelling_at: null,
      cancelled_at: null,
      request_counts: { total: batch.requests.length, completed: counts.succeeded, failed: counts.errored + counts.expired + counts.canceled },
      metadata: null,
    };
  }

  function countsOf(batch: Batch) {
    const counts = { succeeded: 0, errored: 0, expired: 0, canceled: 0 };
    for (const fate of batch.fates.values()) counts[fate] += 1;
    return counts;
  }

  function anthropicBatch(batch: Batch) {
    const counts = countsOf(batch);
    const created = new Date(batch.createdAt).toISOString();
    return {
      id: batch.id,
      type: "message_batch",
      processing_status: batch.ended ? "ended" : batch.cancelled ? "canceling" : "in_progress",
      request_counts: { processing: batch.ended ? 0 : batch.requests.length, ...counts },
      ended_at: batch.ended ? created : null,
      created_at: created,
      expires_at: new Date(batch.createdAt + 86_400_000).toISOString(),
      archived_at: null,
      cancel_initiated_at: batch.cancelled ? created : null,
      results_url: batch.ended ? `${address}/v1/messages/batches/${batch.id}/results` : null,
    };
  }

  async function handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const path = (req.url ?? "").split("?")[0] as string;
    const method = req.method ?? "";
    calls.push(`${method} ${path}`);
    let m: RegExpExecArray | null;
    if (method === "GET" && path === "/v1/models") {
      if (req.headers["anthropic-version"] !== undefined) {
        const data = (options.models ?? []).map((id) => ({ id, type: "model", display_name: id, created_at: "2024-10-22T00:00:00Z" }));
        return json(res, 200, { data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
      }
      return json(res, 200, { object: "list", data: (options.models ?? []).map((id) => ({ id, object: "model", created: 1_700_000_000, owned_by: "system" })) });
    }
    if (method === "POST" && path === "/v1/files") {
      const form = await new Response(raw, { headers: { "content-type": String(req.headers["content-type"]) } }).formData();
      const file = form.get("file");
      const purpose = form.get("purpose");
      if (purpose !== "batch" || file === null || typeof file === "string") return json(res, 400, { error: { message: "purpose must be batch, with a file", type: "invalid_request_error", param: "purpose", code: null } });
      const text = await file.text();
      const id = addFile(text, "batch", file.name);
      return json(res, 200, { id, object: "file", bytes: Buffer.byteLength(text), created_at: Math.floor(Date.now() / 1000), filename: file.name, purpose: "batch", status: "processed", expires_at: null, status_details: null });
    }
    if (method === "GET" && (m = /^\/v1\/files\/([^/]+)\/content$/.exec(path)) !== null) {
      const file = files.get(m[1] as string);
      if (file === undefined) return json(res, 404, { error: { message: "No such File object", type: "invalid_request_error", param: "id", code: null } });
      res.writeHead(200, { "content-type": "application/octet-stream" });
      res.end(file.text);
      return;
    }
    if (method === "POST" && path === "/v1/batches") {
      const body = JSON.parse(raw.toString("utf8"));
      const file = files.get(body.input_file_id);
      if (file === undefined || body.endpoint !== "/v1/chat/completions" || body.completion_window !== "24h") {
        return json(res, 400, { error: { message: "bad batch create", type: "invalid_request_error", param: null, code: null } });
      }
      const seq = order.length + 1;
      const lines = file.text.split("\n").filter((line) => line.trim() !== "").map((line) => JSON.parse(line));
      for (const line of lines) {
        if (line.method !== "POST" || line.url !== "/v1/chat/completions" || typeof line.custom_id !== "string") {
          return json(res, 400, { error: { message: "bad batch line", type: "invalid_request_error", param: null, code: null } });
        }
      }
      const requests = lines.map((line) => ({ api: "openai" as const, customId: line.custom_id, body: line.body, promptKey: lastUserText(line.body), batch: seq }));
      const batch = record({ api: "openai", id: `batch_${seq}`, seq, inputFileId: body.input_file_id, requests, createdAt: Date.now(), polls: 0, cancelled: false, ended: false });
      json(res, 200, openAiBatch(batch), () => options.onBatchCreated?.(batch.id));
      return;
    }
    if (method === "GET" && path === "/v1/batches") {
      const data = [...order].reverse().filter((b) => b.api === "openai").map(openAiBatch);
      return json(res, 200, { object: "list", data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    }
    if ((m = /^\/v1\/batches\/([^/]+)(\/cancel)?$/.exec(path)) !== null) {
      const batch = batches.get(m[1] as string);
      if (batch === undefined || batch.api !== "openai") return json(res, 404, { error: { message: "No batch found", type: "invalid_request_error", param: null, code: null } });
      if (m[2] !== undefined && method === "POST") {
        if (!batch.ended) batch.cancelled = true;
      } else {
        advance(batch);
      }
      return json(res, 200, openAiBatch(batch));
    }
    if (method === "POST" && path === "/v1/messages/batches") {
      const body = JSON.parse(raw.toString("utf8"));
      const seq = order.length + 1;
      if (!Array.isArray(body.requests) || body.requests.some((r: { custom_id?: unknown }) => typeof r.custom_id !== "string" || !/^[a-zA-Z0-9_-]{1,64}$/.test(r.custom_id))) {
        return json(res, 400, { type: "error", error: { type: "invalid_request_error", message: "requests: bad custom_id" } });
      }
      const requests = body.requests.map((r: { custom_id: string; params: unknown }) => ({ api: "anthropic" as const, customId: r.custom_id, body: r.params, promptKey: lastUserText(r.params), batch: seq }));
      const batch = record({ api: "anthropic", id: `msgbatch_${seq}`, seq, requests, createdAt: Date.now(), polls: 0, cancelled: false, ended: false });
      json(res, 200, anthropicBatch(batch), () => options.onBatchCreated?.(batch.id));
      return;
    }
    if (method === "GET" && path === "/v1/messages/batches") {
      const data = [...order].reverse().filter((b) => b.api === "anthropic").map(anthropicBatch);
      return json(res, 200, { data, first_id: data[0]?.id ?? null, last_id: data.at(-1)?.id ?? null, has_more: false });
    }
    if ((m = /^\/v1\/messages\/batches\/([^/]+)(\/cancel|\/results)?$/.exec(path)) !== null) {
      const batch = batches.get(m[1] as string);
      if (batch === undefined || batch.api !== "anthropic") return json(res, 404, { type: "error", error: { type: "not_found_error", message: "batch not found" } });
      if (m[2] === "/cancel") {
        if (!batch.ended) batch.cancelled = true;
        return json(res, 200, anthropicBatch(batch));
      }
      if (m[2] === "/results") {
        if (!batch.ended) return json(res, 400, { type: "error", error: { type: "invalid_request_error", message: "batch has not ended" } });
        let n = 0;
        const lines = batch.requests.map((request) => {
          n += 1;
          const fate = batch.fates.get(request.customId);
          const result =
            fate === "succeeded" ? { type: "succeeded", message: anthropicMessage(fakeRequest(request, n), reply(request)) }
            : fate === "errored" ? { type: "errored", error: { type: "error", error: { type: "invalid_request_error", message: "messages: bad request" } } }
            : { type: fate };
          return JSON.stringify({ custom_id: request.customId, result });
        });
        res.writeHead(200, { "content-type": "application/binary" });
        res.end(`${lines.join("\n")}\n`);
        return;
      }
      advance(batch);
      return json(res, 200, anthropicBatch(batch));
    }
    json(res, 404, { error: { message: `no route ${method} ${path}`, type: "invalid_request_error", param: null, code: null } });
  }

  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const address = `http://127.0.0.1:${port}`;
  return {
    url: address,
    openAiBaseUrl: `${address}/v1`,
    anthropicBaseUrl: address,
    submitted,
    get batches() {
      return order.map((b) => ({ api: b.api, id: b.id, requests: b.requests.length }));
    },
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function fakeRequest(request: FakeBatchRequest, sequence: number): FakeRequest {
  return { api: request.api, body: request.body, headers: {}, promptKey: request.promptKey, attempt: 1, sequence, arrivedAt: 0 };
}

function lastUserText(body: any): string {
  const messages: { role: string; content: unknown }[] = Array.isArray(body?.messages) ? body.messages : [];
  const last = [...messages].reverse().find((message) => message.role === "user");
  return typeof last?.content === "string" ? last.content : "";
}

function json(res: ServerResponse, status: number, payload: unknown, onDelivered?: () => void): void {
  const text = JSON.stringify(payload);
  res.writeHead(status, { "content-type": "application/json", "content-length": Buffer.byteLength(text), "x-request-id": "req_fake", "request-id": "req_fake" });
  if (onDelivered !== undefined) res.on("finish", onDelivered);
  res.end(text);
}
