import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createOpenAiBackend } from "../../src/backends/openai-backend";

/** A server answering every chat completion with `choice` (and `extra` top-level members), as one open-weight server would. */
async function serve(choice: Record<string, unknown>, extra: Record<string, unknown> = {}, models = ["served-model"]): Promise<{ server: Server; url: string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => {
      const body =
        req.url === "/v1/models" ? { object: "list", data: models.map((id) => ({ id, object: "model", created: 0, owned_by: "me" })) }
        : { id: "chatcmpl-1", object: "chat.completion", created: 0, model: "served-model", choices: [{ index: 0, finish_reason: "length", message: { role: "assistant", content: "A" }, ...choice }], usage: { prompt_tokens: 5, completion_tokens: 1, total_tokens: 6 }, ...extra };
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1` };
}

let running: Server | undefined;
afterEach(() => {
  running?.closeAllConnections();
  running?.close();
  running = undefined;
});

const A = Math.log(0.7);
const B = Math.log(0.2);

async function complete(choice: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const { server, url } = await serve(choice, extra);
  running = server;
  const backend = createOpenAiBackend("openai-compatible/served-model", { baseUrl: url, capabilities: { logprobs: true, maxTopLogprobs: 20 } });
  return backend.complete({ model: backend.id, messages: [{ role: "user", content: "Q" }], maxTokens: 1, topLogprobs: 2 });
}

describe("log-probabilities of open-weight servers", () => {
  const expected = [{ token: "A", logprob: A, topLogprobs: [{ token: "A", logprob: A }, { token: "B", logprob: B }] }];
  it.each([
    ["vLLM (OpenAI format, with bytes)", { logprobs: { content: [{ token: "A", logprob: A, bytes: [65], top_logprobs: [{ token: "A", logprob: A, bytes: [65] }, { token: "B", logprob: B, bytes: [66] }] }] } }, {}],
    ["llama.cpp (OpenAI format, top_logprobs with ids)", { logprobs: { content: [{ id: 32, token: "A", logprob: A, bytes: [65], top_logprobs: [{ id: 32, token: "A", logprob: A, bytes: [65] }, { id: 33, token: "B", logprob: B, bytes: [66] }] }] } }, {}],
    ["Ollama ≥ 0.12 (OpenAI format)", { logprobs: { content: [{ token: "A", logprob: A, top_logprobs: [{ token: "A", logprob: A }, { token: "B", logprob: B }] }] } }, {}],
    ["a server sending top_logprobs as a {token: logprob} object", { logprobs: { content: [{ token: "A", logprob: A, top_logprobs: { A, B } }] } }, {}],
    ["older llama.cpp (completion_probabilities, probabilities)", { logprobs: null }, { completion_probabilities: [{ content: "A", probs: [{ tok_str: "A", prob: 0.7 }, { tok_str: "B", prob: 0.2 }] }] }],
    ["llama.cpp (completion_probabilities, log-probabilities)", {}, { completion_probabilities: [{ id: 32, token: "A", logprob: A, top_logprobs: [{ token: "A", logprob: A }, { token: "B", logprob: B }] }] }],
  ])("reads %s", async (_name, choice, extra) => {
    const completion = await complete(choice, extra);
    expect(completion.tokens?.length).toBe(1);
    expect(completion.tokens?.[0]?.token).toBe("A");
    expect(completion.tokens?.[0]?.logprob).toBeCloseTo(A, 12);
    expect(completion.tokens?.[0]?.topLogprobs.map((t) => t.token)).toEqual(["A", "B"]);
    completion.tokens?.[0]?.topLogprobs.forEach((t, i) => expect(t.logprob).toBeCloseTo(expected[0]!.topLogprobs[i]!.logprob, 12));
  });

  it.each([
    ["Ollama before 0.12 (no logprobs member)", {}, {}],
    ["a generated token without a log-probability", { logprobs: { content: [{ token: "Z", logprob: null, top_logprobs: [{ token: "A", logprob: A }] }] } }, {}],
  ])("gives no tokens for %s, never a made-up number", async (_name, choice, extra) => {
    const completion = await complete(choice, extra);
    expect(completion.tokens).toBeUndefined();
  });

  it("drops alternatives without a finite log-probability", async () => {
    const completion = await complete({ logprobs: { content: [{ token: "A", logprob: A, top_logprobs: [{ token: "A", logprob: A }, { token: "B", logprob: null }, { token: "C" }] }] } });
    expect(completion.tokens?.[0]?.topLogprobs.map((t) => t.token)).toEqual(["A"]);
  });

  it("checks the server's model list before spending", async () => {
    const { server, url } = await serve({}, {}, ["llama3.1:8b", "qwen2.5:7b"]);
    running = server;
    const backend = createOpenAiBackend("openai-compatible/llama3.1", { baseUrl: url });
    await expect(backend.checkModelExists!()).rejects.toThrow(/does not list this model/);
    await expect(createOpenAiBackend("openai-compatible/qwen2.5:7b", { baseUrl: url }).checkModelExists!()).resolves.toBeUndefined();
  });
});
