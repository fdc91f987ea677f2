/**
 * The check before a run on an open-weight server, against fakes that speak vLLM's, llama.cpp's
 * and Ollama's dialects of the OpenAI API through the real openai SDK: the model list (listed,
 * unlisted with the served names, Ollama's implicit `:latest`), a server that is not there, one
 * without a model list, one that wants a key, and the 1-token log-probability check that refuses
 * Log-p where a server cannot do it. Every refusal is one line, and nothing but the list and the
 * check reaches the server.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiBackend, LOGPROB_CHECK_PROMPT } from "../../src/backends/openai-backend";
import { UsageError } from "../../src/errors";
import { testDataDir } from "../helpers/data-dir";
import { type FakeFlavour, type FakeServer, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

/** What a refused check threw: its one-line message. */
async function refusal(check: Promise<void>): Promise<string> {
  const error = await check.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(UsageError);
  const message = (error as Error).message;
  expect(message.split("\n")).toHaveLength(1);
  return message;
}

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const routes = (fake: FakeServer) => fake.arrivals.map((arrival) => `${arrival.method} ${arrival.path}`);

/** Each server as its recipe starts it: the names it lists, and the id a run gives. */
const SERVERS: readonly { flavour: FakeFlavour; listed: readonly string[]; id: string; logprobs: boolean }[] = [
  { flavour: "vllm", listed: ["meta-llama/Meta-Llama-3-8B-Instruct"], id: "meta-llama/Meta-Llama-3-8B-Instruct", logprobs: true },
  { flavour: "llama.cpp", listed: ["llama3-8b"], id: "llama3-8b", logprobs: true },
  { flavour: "ollama", listed: ["llama3:latest", "qwen2.5:7b"], id: "llama3", logprobs: false },
];

describe.each(SERVERS)("$flavour", ({ flavour, listed, id, logprobs }) => {
  it("passes a served model, and refuses an unlisted one naming the base url and the served names", async () => {
    server = await startFakeServer({ flavour, models: listed });
    await expect(createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl }).checkModelExists!()).resolves.toBeUndefined();
    const message = await refusal(createOpenAiBackend("openai-compatible/mistral-7b", { baseUrl: server.openAiBaseUrl }).checkModelExists!());
    expect(message).toMatch(new RegExp(`^openai-compatible/mistral-7b: ${escape(server.openAiBaseUrl)} does not list this model.* \\(${listed.length} models listed: ${escape(listed.join(", "))}\\)$`));
    expect(server.stats.totalReceived).toBe(0);
  });

  it(logprobs ? "passes the log-probability check" : "refuses Log-p after one 1-token log-probability request", async () => {
    server = await startFakeServer({ flavour, models: listed });
    const check = createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl }).checkModelExists!({ topLogprobs: 20 });
    if (logprobs) await expect(check).resolves.toBeUndefined();
    else expect(await refusal(check)).toBe(`openai-compatible/${id}: ${server.openAiBaseUrl} answered a log-probability request without log-probabilities, so Log-p cannot run there; leave logprobs out of the methods (verbalize and sequence need none)`);
    expect(routes(server)).toEqual(["GET /v1/models", "POST /v1/chat/completions"]);
    const probe = server.requests[0]!;
    expect([probe.promptKey, probe.body.max_tokens, probe.body.logprobs, probe.body.top_logprobs]).toEqual([LOGPROB_CHECK_PROMPT, 1, true, 20]);
  });

  it("sends no log-probability request for a run that asks for none", async () => {
    server = await startFakeServer({ flavour, models: listed });
    await createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl }).checkModelExists!();
    expect(routes(server)).toEqual(["GET /v1/models"]);
  });

  it("reads the server's log-probabilities, or none, from a real answer", async () => {
    server = await startFakeServer({ flavour, models: listed });
    const backend = createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl });
    const completion = await backend.complete({ model: backend.id, messages: [{ role: "user", content: "Q" }], maxTokens: 1, topLogprobs: 3 });
    expect(completion.text).toBe("A");
    if (!logprobs) {
      expect(completion.tokens).toBeUndefined();
      return;
    }
    expect(completion.tokens?.map((t) => t.token)).toEqual(["A"]);
    expect(completion.tokens?.[0]?.logprob).toBeCloseTo(Math.log(0.6), 12);
    expect(completion.tokens?.[0]?.topLogprobs.map((t) => [t.token, Math.exp(t.logprob)])).toEqual([
      ["A", expect.closeTo(0.6, 12)],
      ["B", expect.closeTo(0.25, 12)],
      ["C", expect.closeTo(0.1, 12)],
    ]);
  });

  it("refuses a server that wants a key with none given, and passes with OPENAI_COMPATIBLE_API_KEY's value", async () => {
    server = await startFakeServer({ flavour, models: listed, apiKey: "token-abc123" });
    const message = await refusal(createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl }).checkModelExists!());
    expect(message).toMatch(new RegExp(`^openai-compatible/${escape(id)}: ${escape(server.openAiBaseUrl)} refused the key \\(401 .*\\); set OPENAI_COMPATIBLE_API_KEY to the server's key$`));
    await expect(createOpenAiBackend(`openai-compatible/${id}`, { baseUrl: server.openAiBaseUrl, apiKey: "token-abc123" }).checkModelExists!({ topLogprobs: logprobs ? 20 : undefined })).resolves.toBeUndefined();
  });
});

describe("the model list", () => {
  it.each([
    ["llama3", ["llama3:latest"], true],
    ["llama3:latest", ["llama3:latest"], true],
    ["llama3.1", ["llama3.1:8b"], false],
    ["llama3:8b", ["llama3:latest"], false],
    ["qwen2.5:7b", ["qwen2.5:7b"], true],
  ] as const)("Ollama: %s is served by %j: %s", async (model, listed, served) => {
    server = await startFakeServer({ flavour: "ollama", models: listed });
    const check = createOpenAiBackend(`openai-compatible/${model}`, { baseUrl: server.openAiBaseUrl }).checkModelExists!();
    if (served) await expect(check).resolves.toBeUndefined();
    else await expect(check).rejects.toThrow(/does not list this model/);
  });

  it("names five served models and how many more there are", async () => {
    const listed = Array.from({ length: 8 }, (_, i) => `model-${i}`);
    server = await startFakeServer({ flavour: "vllm", models: listed });
    const message = await refusal(createOpenAiBackend("openai-compatible/other", { baseUrl: server.openAiBaseUrl }).checkModelExists!());
    expect(message).toMatch(/ \(8 models listed: model-0, model-1, model-2, model-3, model-4, …\)$/);
  });

  it("says so when no server answers at the base url, before any call", async () => {
    const port = await freePort();
    const message = await refusal(createOpenAiBackend("openai-compatible/llama3", { baseUrl: `http://127.0.0.1:${port}/v1` }).checkModelExists!({ topLogprobs: 20 }));
    expect(message).toBe(`openai-compatible/llama3: no server answers at http://127.0.0.1:${port}/v1 (ECONNREFUSED); start the server, or check the base url`);
  });

  it("says so when the base url has no model list (a base url without /v1)", async () => {
    server = await startFakeServer({ flavour: "vllm", models: ["m"] });
    const message = await refusal(createOpenAiBackend("openai-compatible/m", { baseUrl: server.url }).checkModelExists!());
    expect(message).toMatch(new RegExp(`^openai-compatible/m: ${escape(server.url)} does not list its models \\(GET ${escape(server.url)}/models: 404 .*\\); check the base url \\(it usually ends in /v1\\), or turn the model check off$`));
  });
});

describe("the log-probability check", () => {
  it("refuses Log-p on a vLLM server started with fewer --max-logprobs than the run asks for", async () => {
    server = await startFakeServer({ flavour: "vllm", models: ["m"], maxLogprobs: 5 });
    const message = await refusal(createOpenAiBackend("openai-compatible/m", { baseUrl: server.openAiBaseUrl, maxRetries: 0 }).checkModelExists!({ topLogprobs: 20 }));
    expect(message).toMatch(/^openai-compatible\/m: http:\/\/127\.0\.0\.1:\d+\/v1 refused a request for 20 log-probability alternatives \(request failed \(BadRequestError: 400 Requested sample logprobs of 20, which is greater than max allowed: 5\)\); leave logprobs out of the methods/);
    expect(server.stats.totalReceived).toBe(1);
  });

  it("passes the same server when the run asks for as many as it allows", async () => {
    server = await startFakeServer({ flavour: "vllm", models: ["m"], maxLogprobs: 5 });
    await expect(createOpenAiBackend("openai-compatible/m", { baseUrl: server.openAiBaseUrl, capabilities: { maxTopLogprobs: 5 } }).checkModelExists!({ topLogprobs: 5 })).resolves.toBeUndefined();
  });

  it("refuses Log-p on a server whose log-probabilities carry no alternatives", async () => {
    server = await startFakeServer({ models: ["m"], reply: () => ({ text: "A", tokens: [{ token: "A", logprob: -0.5, top: [] }], omitTopLogprobs: true }) });
    const message = await refusal(createOpenAiBackend("openai-compatible/m", { baseUrl: server.openAiBaseUrl }).checkModelExists!({ topLogprobs: 20 }));
    expect(message).toMatch(/answered a log-probability request without alternatives \(top_logprobs\), so Log-p cannot run there/);
  });
});

describe("distalign run against a server", () => {
  const GRID = ["--dataset", "opinionqa", "--steering", "persona", "--groups", "Democrat", "--limit", "1", "--no-score", "--progress", "none", "--cache-mode", "off"];

  it("stops in one line where the server lists no models, and runs with --no-model-check", async () => {
    server = await startFakeServer({ reply: () => ({ text: "{'A': '50%', 'B': '50%'}" }) });
    const args = ["run", "--model", "openai-compatible/served", "--base-url", server.openAiBaseUrl, "--method", "verbalize", ...GRID];
    const refused = await distalign(args);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^distalign: openai-compatible\/served: http:\/\/127\.0\.0\.1:\d+\/v1 does not list its models .*, or turn the model check off$/)]);
    expect(server.stats.totalReceived).toBe(0);
    const run = await distalign([...args, "--no-model-check"]);
    expect(run.status, run.stderr).toBe(0);
    expect(server.stats.totalReceived).toBeGreaterThan(0);
  }, 120_000);

  it("refuses Log-p on a server without log-probabilities after the one check request, and runs it on one that has them", async () => {
    server = await startFakeServer({ flavour: "ollama", models: ["llama3:latest"] });
    const args = ["run", "--model", "openai-compatible/llama3", "--base-url", server.openAiBaseUrl, "--method", "logprobs", ...GRID];
    const refused = await distalign(args);
    expect(refused.status).toBe(2);
    expect(refused.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^distalign: openai-compatible\/llama3: .* answered a log-probability request without log-probabilities, so Log-p cannot run there;/)]);
    expect(server.requests.map((request) => request.promptKey)).toEqual([LOGPROB_CHECK_PROMPT]);
    await server.close();
    server = await startFakeServer({ flavour: "llama.cpp", models: ["llama3"] });
    const run = await distalign(["run", "--model", "openai-compatible/llama3", "--base-url", server.openAiBaseUrl, "--method", "logprobs", ...GRID]);
    expect(run.status, run.stderr).toBe(0);
    expect(server.requests[0]?.promptKey).toBe(LOGPROB_CHECK_PROMPT);
    expect(server.requests.length).toBeGreaterThan(1);
  }, 120_000);
});

/** Runs the CLI without blocking this process (the fake servers answer from here). */
function distalign(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const env: Record<string, string | undefined> = { ...process.env, DISTALIGN_DATA_DIR: testDataDir(), DISTALIGN_CACHE_DIR: makeTempDir(), DISTALIGN_OUTPUT_DIR: makeTempDir() };
  for (const name of Object.keys(env)) if (/^(OPENAI_|ANTHROPIC_)|^DISTALIGN_CACHE_MODE$/.test(name)) delete env[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(__dirname, "..", "..", "bin", "distalign.cjs"), ...args], { env });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

/** A port nothing listens on (bound, then released). */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}
