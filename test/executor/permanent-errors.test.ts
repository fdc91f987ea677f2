/**
 * Consecutive permanent errors (HTTP 400/401/403/404, read from the SDK error each backend keeps
 * as the BackendError's cause) stop a model's launches, for both SDKs against the wire-format
 * server; other failures (500, a closed port) never do; a success in between resets the count.
 */
import { afterEach, describe, expect, it } from "vitest";
import { createAnthropicBackend } from "../../src/backends/anthropic-backend";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import type { Backend } from "../../src/backends/types";
import { BackendError } from "../../src/errors";
import { permanentStatus, runItems, STOP_AFTER_PERMANENT_ERRORS } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";
import { captureStream } from "../helpers/capture-stream";
import { type FakeServer, type FakeServerOptions, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEY = "sk-test-permanent-0123456789abcdef";
let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

const APIS = {
  openai: { model: "openai/gpt-4o-mini", make: (url: string) => createOpenAiBackend("openai/gpt-4o-mini", { apiKey: KEY, baseUrl: `${url}/v1`, maxRetries: 0 }) },
  anthropic: { model: "anthropic/claude-3-5-haiku-latest", make: (url: string) => createAnthropicBackend("anthropic/claude-3-5-haiku-latest", { apiKey: KEY, baseUrl: url, maxRetries: 0 }) },
} as const;

function items(model: string, count: number): WorkItem[] {
  return Array.from({ length: count }, (_, i) => ({ id: `item-${i}`, request: { model, messages: [{ role: "user" as const, content: `prompt ${i}` }], maxTokens: 5 } }));
}

async function runAgainst(api: keyof typeof APIS, options: FakeServerOptions, count = 6) {
  server = await startFakeServer(options);
  const backend: Backend = APIS[api].make(server.url);
  const output = captureStream();
  const summary = await runItems(items(APIS[api].model, count), { outputDir: makeTempDir(), backend, concurrency: 1, progress: "none", output });
  return { summary, output: output.text(), received: server.stats.totalReceived };
}

describe("consecutive permanent errors", () => {
  for (const api of ["openai", "anthropic"] as const) {
    for (const status of [400, 401, 403, 404]) {
      it(`${api} ${status}: ${STOP_AFTER_PERMANENT_ERRORS} failures, then no more launches; the first cause printed once`, async () => {
        const { summary, output, received } = await runAgainst(api, { fault: () => ({ kind: "http-error", status, message: `refused with ${status}` }) });
        expect(received).toBe(STOP_AFTER_PERMANENT_ERRORS);
        expect(summary).toMatchObject({ ok: 0, failed: STOP_AFTER_PERMANENT_ERRORS, notLaunched: 6 - STOP_AFTER_PERMANENT_ERRORS });
        expect(summary.failures).toEqual([
          { model: APIS[api].model, firstError: expect.stringContaining(`${status} `), failed: 3, stoppedAfterPermanentErrors: { status, notLaunched: 3 } },
        ]);
        expect(output.match(/first failure/g)).toHaveLength(1);
        expect(output.match(new RegExp(`refused with ${status}`, "g"))).toHaveLength(1);
        expect(output).toContain(`run: ${APIS[api].model}: 3 consecutive permanent errors (HTTP ${status}); launching no more of its items`);
      });
    }

    it(`${api}: 500s and a closed port are not permanent: every item is tried`, async () => {
      const { summary } = await runAgainst(api, { fault: () => ({ kind: "server-error" }) });
      expect(summary).toMatchObject({ failed: 6, notLaunched: 0 });
      expect(summary.failures[0]?.stoppedAfterPermanentErrors).toBeUndefined();
    });

    it(`${api}: a success between permanent errors resets the count`, async () => {
      const { summary, received } = await runAgainst(api, { fault: (request) => (request.sequence % 3 === 0 ? undefined : { kind: "http-error", status: 404 }) }, 9);
      expect(received).toBe(9);
      expect(summary).toMatchObject({ ok: 3, failed: 6, notLaunched: 0 });
    });
  }

  it("reads the status from the SDK error kept as the cause, nothing else", () => {
    expect(permanentStatus(new BackendError("x", "m", { cause: { status: 401 } }))).toBe(401);
    expect(permanentStatus(new BackendError("x", "m", { cause: { status: 429 } }))).toBeUndefined();
    expect(permanentStatus(new BackendError("x", "m"))).toBeUndefined();
    expect(permanentStatus(Object.assign(new Error("x"), { status: 401 }))).toBeUndefined();
  });
});

describe("a closed port", () => {
  it("is a failure of every item, never a stop", async () => {
    const closed = await startFakeServer();
    const url = closed.url;
    await closed.close();
    const backend = APIS.openai.make(url);
    const summary = await runItems(items(APIS.openai.model, 4), { outputDir: makeTempDir(), backend, concurrency: 2, progress: "none", output: captureStream() });
    expect(summary).toMatchObject({ failed: 4, notLaunched: 0 });
    expect(summary.failures[0]?.firstError).toMatch(/APIConnectionError: Connection error\./);
  });
});
