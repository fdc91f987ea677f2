/**
 * Models the capability table does not know: refused before any spend with one line that says
 * how to declare them; declared through a validated capabilities file; and looked up in the
 * provider's model list before a run spends anything.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ChatModel } from "openai/resources/shared";
import type { Model as AnthropicModel } from "@anthropic-ai/sdk/resources/messages";
import {
  capabilitiesFor,
  clearDeclaredCapabilities,
  closeMatches,
  declareCapabilities,
  isOpenAiReasoningModel,
  knownModels,
  readCapabilitiesFile,
} from "../../src/backends/capabilities";
import { createBackend } from "../../src/backends/registry";
import { planModelMethod } from "../../src/backends/plan";
import { DataError, UsageError } from "../../src/errors";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

let server: FakeServer | undefined;
afterEach(async () => {
  clearDeclaredCapabilities();
  await server?.close();
  server = undefined;
});

describe("the capability table", () => {
  // Compile-time: each listed name is one the installed SDKs know (the unions are open, so this
  // documents more than it enforces; the runtime check below is what can fail).
  const openAiNames: ChatModel[] = ["gpt-4o-mini", "gpt-4.1", "o3", "o4-mini", "gpt-5", "gpt-5.2", "gpt-5.6-sol"];
  const anthropicNames: AnthropicModel[] = ["claude-haiku-4-5", "claude-sonnet-4-5", "claude-opus-4-8", "claude-fable-5"];

  it.each([...openAiNames.map((name) => `openai/${name}`), ...anthropicNames.map((name) => `anthropic/${name}`)])("knows %s", (id) => {
    expect(() => capabilitiesFor(id)).not.toThrow();
  });

  it.each([
    ["openai/gpt-4o-mini-2024-07-18", true],
    ["openai/gpt-4.1-nano-2025-04-14", true],
    ["openai/o3-2025-04-16", false],
    ["openai/gpt-5-mini-2025-08-07", false],
    ["openai/gpt-5-chat-latest", false],
  ] as const)("covers the dated snapshot %s (log-probabilities: %s)", (id, logprobs) => {
    expect(capabilitiesFor(id).logprobs).toBe(logprobs);
  });

  it("lists reasoning efforts for reasoning models and thinking modes for Claude", () => {
    expect(capabilitiesFor("openai/gpt-5").reasoningEfforts).toEqual(["minimal", "low", "medium", "high"]);
    expect(capabilitiesFor("openai/o4-mini").reasoningEfforts).toContain("low");
    expect(capabilitiesFor("openai/gpt-4o").reasoningEfforts).toBeUndefined();
    expect(isOpenAiReasoningModel("gpt-5.4-mini")).toBe(true);
    expect(isOpenAiReasoningModel("gpt-5.2-chat-latest")).toBe(false);
    expect(capabilitiesFor("anthropic/claude-3-5-haiku-latest").thinking).toBeUndefined();
    expect(capabilitiesFor("anthropic/claude-sonnet-4-5-20250929").thinking).toBe("budget");
    expect(capabilitiesFor("anthropic/claude-opus-4-7").thinking).toBe("adaptive");
    expect(capabilitiesFor("anthropic/claude-mythos-preview").thinking).toBe("always");
  });

  it.each(["openai/gpt-4o-mni", "openai/gpt4o-mini", "openai/gpt-4.2", "anthropic/claude-haiku-4-6", "anthropic/claude-3-5-haiku-2024", "openai/o5"])(
    "refuses the unknown %s in one line saying how to declare it",
    (id) => {
      const error = (() => {
        try {
          planModelMethod(id, "verbalize");
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(UsageError);
      const message = (error as Error).message;
      expect(message.split("\n")).toHaveLength(1);
      expect(message).toContain(`${id}: not in the capability table of 2026-12-01`);
      expect(message).toContain("declare it with declareCapabilities");
    },
  );

  it("names close matches of a misspelt model", () => {
    expect(() => capabilitiesFor("openai/gpt-4o-mni")).toThrow(/did you mean openai\/gpt-4o-mini/);
    expect(closeMatches("claude-sonet-4-5", knownModels("anthropic"))[0]).toBe("claude-sonnet-4-5");
  });

  it("runs a declared model with its provider's defaults under the declared fields", () => {
    declareCapabilities({ "openai/ft:gpt-4o-mini:acme": { logprobs: true, maxTopLogprobs: 5 } });
    expect(capabilitiesFor("openai/ft:gpt-4o-mini:acme")).toMatchObject({ logprobs: true, maxTopLogprobs: 5, maxTemperature: 2, published: false });
    expect(planModelMethod("openai/ft:gpt-4o-mini:acme", "logprobs").topLogprobs).toBe(5);
  });
});

describe("capabilities files", () => {
  function file(content: string): string {
    const path = join(makeTempDir(), "capabilities.json");
    writeFileSync(path, content);
    return path;
  }

  it("reads a valid file", () => {
    const path = file(JSON.stringify({ "openai/my-model": { logprobs: true, maxTopLogprobs: 20 }, "anthropic/claude-next": { thinking: "always" }, "openai-compatible/qwen": { logprobs: false, maxTopLogprobs: 0 } }));
    const entries = readCapabilitiesFile(path);
    declareCapabilities(entries);
    expect(capabilitiesFor("anthropic/claude-next").thinking).toBe("always");
    expect(capabilitiesFor("openai-compatible/qwen").logprobs).toBe(false);
  });

  const faults: readonly (readonly [string, string, RegExp])[] = [
    ["not json", "{", /cannot read capabilities/],
    ["an array", "[]", /must be a JSON object from model id to capabilities/],
    ["a bare model name", '{"gpt-4o": {}}', /gpt-4o: not a provider\/model id/],
    ["an unknown provider", '{"google/gemini": {}}', /google\/gemini: not a provider\/model id/],
    ["a paper model", '{"paper/gpt-4": {}}', /paper\/gpt-4: paper models cannot be declared/],
    ["an entry that is not an object", '{"openai/x": true}', /openai\/x: must be an object of capability fields \(true\)/],
    ["an unknown field", '{"openai/x": {"logprob": true}}', /openai\/x\.logprob: unknown field/],
    ["a string for a boolean", '{"openai/x": {"logprobs": "yes"}}', /openai\/x\.logprobs: must be true or false \("yes"\)/],
    ["too many alternatives", '{"openai/x": {"maxTopLogprobs": 21}}', /openai\/x\.maxTopLogprobs: must be an integer in 0\.\.20 \(21\)/],
    ["a fractional count", '{"openai/x": {"maxTopLogprobs": 2.5}}', /maxTopLogprobs: must be an integer/],
    ["a negative temperature", '{"openai/x": {"maxTemperature": -1}}', /openai\/x\.maxTemperature: must be a number in 0\.\.2 \(-1\)/],
    ["a bad thinking mode", '{"anthropic/x": {"thinking": "on"}}', /anthropic\/x\.thinking: must be "budget", "adaptive" or "always" \("on"\)/],
    ["an empty effort list", '{"openai/x": {"reasoningEfforts": []}}', /reasoningEfforts: must be a non-empty list of strings/],
    ["log-probabilities with no alternatives", '{"openai/x": {"logprobs": true, "maxTopLogprobs": 0}}', /openai\/x\.maxTopLogprobs: must be at least 1 when logprobs is true/],
    ["published set by hand", '{"openai/x": {"published": true}}', /openai\/x\.published: unknown field/],
  ];

  it.each(faults)("refuses %s with one line naming the file and key", (_, content, pattern) => {
    const path = file(content);
    let caught: unknown;
    try {
      readCapabilitiesFile(path);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(DataError);
    expect((caught as Error).message.startsWith(`${path}: `)).toBe(true);
    expect((caught as Error).message).toMatch(pattern);
    expect((caught as Error).message.split("\n")).toHaveLength(1);
  });

  it("refuses a missing file in one line", () => {
    expect(() => readCapabilitiesFile("/nonexistent/capabilities.json")).toThrow(/^\/nonexistent\/capabilities\.json: cannot read capabilities \(no such file\)$/);
  });
});

describe("model lists", () => {
  it.each(["openai", "anthropic"] as const)("%s: passes a listed model and refuses an unlisted one, naming close matches", async (provider) => {
    server = await startFakeServer({ models: ["gpt-4o-mini", "gpt-4o", "claude-haiku-4-5", "claude-sonnet-4-5"] });
    const baseUrl = provider === "openai" ? server.openAiBaseUrl : server.anthropicBaseUrl;
    const listed = provider === "openai" ? "openai/gpt-4o-mini" : "anthropic/claude-haiku-4-5";
    await expect(createBackend(listed, { apiKey: "sk-list-test-0123456789", baseUrl }).checkModelExists!()).resolves.toBeUndefined();
    const unlisted = provider === "openai" ? "openai/gpt-4.1-mini" : "anthropic/claude-sonnet-4";
    const error = await createBackend(unlisted, { apiKey: "sk-list-test-0123456789", baseUrl }).checkModelExists!().catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UsageError);
    expect((error as Error).message).toMatch(new RegExp(`^${unlisted}: ${baseUrl.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")} does not list this model; did you mean `));
    expect(server.stats.totalReceived).toBe(0);
  });

  it("checks an openai-compatible server's GET /v1/models", async () => {
    server = await startFakeServer({ models: ["meta-llama/Llama-3.1-8B-Instruct"] });
    const typo = createBackend("openai-compatible/meta-llama/Llama-3.1-8B-Instrut", { baseUrl: server.openAiBaseUrl });
    await expect(typo.checkModelExists!()).rejects.toThrow(/did you mean openai-compatible\/meta-llama\/Llama-3\.1-8B-Instruct\?/);
  });

  it("stops before the run where an openai-compatible server does not list its models", async () => {
    server = await startFakeServer();
    const backend = createBackend("openai-compatible/anything", { baseUrl: server.openAiBaseUrl, maxRetries: 0 });
    await expect(backend.checkModelExists!()).rejects.toThrow(/^openai-compatible\/anything: http:\/\/127\.0\.0\.1:\d+\/v1 does not list its models \(GET .*\/v1\/models: 404 .*\); check the base url/);
    expect(server.arrivals.map((arrival) => `${arrival.method} ${arrival.path}`)).toEqual(["GET /v1/models"]);
  });

  it("skips the check where a server given for openai/… does not list its models", async () => {
    server = await startFakeServer();
    const backend = createBackend("openai/gpt-4o-mini", { apiKey: "sk-list-test-0123456789", baseUrl: server.openAiBaseUrl, maxRetries: 0 });
    await expect(backend.checkModelExists!()).resolves.toBeUndefined();
    expect(server.arrivals.map((arrival) => `${arrival.method} ${arrival.path}`)).toEqual(["GET /v1/models"]);
  });

  it("accepts an Anthropic -latest alias whose dated snapshot is listed", async () => {
    server = await startFakeServer({ models: ["claude-3-5-haiku-20241022"] });
    const backend = createBackend("anthropic/claude-3-5-haiku-latest", { apiKey: "sk-ant-list-0123456789", baseUrl: server.anthropicBaseUrl });
    await expect(backend.checkModelExists!()).resolves.toBeUndefined();
  });
});

describe("the capability table against the installed SDKs' model names", () => {
  /** The string literals of an exported union type in an SDK's declaration file. */
  function unionLiterals(file: string, typeName: string): string[] {
    const text = readFileSync(join(__dirname, "..", "..", "node_modules", file), "utf8");
    const line = text.split("\n").find((l) => l.startsWith(`export type ${typeName} =`));
    expect(line, `${file}: export type ${typeName}`).toBeDefined();
    return [...line!.matchAll(/'([^']+)'/g)].map((match) => match[1]!);
  }

  /** Names left out on purpose, each with its reason (see capabilities.ts). */
  const OPENAI_LEFT_OUT: readonly (readonly [RegExp, string])[] = [
    [/-pro(-|$)/, "pro models are not served by chat completions"],
    [/codex/, "codex models are not served by chat completions"],
    [/audio|search/, "audio and search previews answer another task"],
    [/^o1-(mini|preview)/, "no reasoning_effort and no system turn"],
    [/^gpt-4-(32k|vision-preview|0314)|^gpt-3\.5-turbo-(16k|0301|0613)|^gpt-3\.5-turbo-16k/, "retired snapshots"],
  ];

  it("knows every OpenAI chat model name of the SDK, or leaves it out for a stated reason", () => {
    const names = unionLiterals("openai/resources/shared.d.ts", "ChatModel");
    expect(names.length).toBeGreaterThan(50);
    const unknown = names.filter((name) => {
      try {
        capabilitiesFor(`openai/${name}`);
        return false;
      } catch {
        return !OPENAI_LEFT_OUT.some(([pattern]) => pattern.test(name));
      }
    });
    expect(unknown).toEqual([]);
  });

  it("knows every Anthropic model name of the SDK", () => {
    const names = unionLiterals("@anthropic-ai/sdk/resources/messages/messages.d.ts", "Model");
    expect(names.length).toBeGreaterThan(10);
    const unknown = names.filter((name) => {
      try {
        capabilitiesFor(`anthropic/${name}`);
        return false;
      } catch {
        return true;
      }
    });
    expect(unknown).toEqual([]);
  });
});
