/**
 * Keys and origins: each provider's key reaches only its own provider's server, whatever
 * combination of flags and environment variables names the servers; and a cache filled against
 * one server is never served for another.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createBackend } from "../../src/backends/registry";
import { ANTHROPIC_BASE_URL, OPENAI_BASE_URL, resolveOrigin } from "../../src/backends/origins";
import { liveCacheScope } from "../../src/backends/request-settings";
import type { CompletionRequest } from "../../src/backends/types";
import { withCache } from "../../src/cache/with-cache";
import { readEnv } from "../../src/config";
import { CacheMissError } from "../../src/errors";
import type { BenchmarkData } from "../../src/benchmark/benchmark-data";
import { lookupBackends, type RunBackendOptions, runBackends } from "../../src/run/run-backends";
import type { RunUnit } from "../../src/run/types";
import type { WorkItem } from "../../src/executor/types";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const KEYS = {
  openai: "sk-openai-origin-test-0123456789abcdef",
  anthropic: "sk-ant-origin-test-0123456789abcdef",
  compatible: "sk-compatible-origin-test-0123456789",
} as const;
const MODELS = { openai: "openai/gpt-4o-mini", anthropic: "anthropic/claude-haiku-4-5", compatible: "openai-compatible/llama3.1" } as const;
const SERVED = ["gpt-4o-mini", "claude-haiku-4-5", "llama3.1"];
const VARIABLES = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_COMPATIBLE_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "OPENAI_COMPATIBLE_BASE_URL"];

type Role = keyof typeof KEYS;
const ROLES: readonly Role[] = ["openai", "anthropic", "compatible"];
/** How a provider's server is named: by its flag, by its environment variable, or both (the flag wins; the variable names a decoy). */
type Source = "flag" | "env" | "both";
const SOURCES: readonly Source[] = ["flag", "env", "both"];

let servers: Record<Role | "decoy", FakeServer>;
const saved = { ...process.env };

beforeAll(async () => {
  readEnv("PATH"); // loads a .env once, before the variables are cleared
  servers = {
    openai: await startFakeServer({ models: SERVED }),
    anthropic: await startFakeServer({ models: SERVED }),
    compatible: await startFakeServer({ models: SERVED }),
    decoy: await startFakeServer({ models: SERVED }),
  };
});
afterAll(async () => {
  await Promise.all(Object.values(servers).map((server) => server.close()));
});
beforeEach(() => {
  for (const name of VARIABLES) delete process.env[name];
  for (const server of Object.values(servers)) server.arrivals.length = 0;
});
afterEach(() => {
  process.env = { ...saved };
});

function baseUrlOf(role: Role | "decoy", provider: Role): string {
  return provider === "anthropic" ? servers[role].anthropicBaseUrl : servers[role].openAiBaseUrl;
}

function item(model: string, content = "Q"): WorkItem<RunUnit> {
  const request: CompletionRequest = { model, messages: [{ role: "user", content }], maxTokens: 20 };
  return { id: `${model}-${content}`, request } as WorkItem<RunUnit>;
}

/** Every credential string a server saw, over all routes. */
function credentialsSeen(server: FakeServer): string[] {
  return server.arrivals.flatMap((arrival) => [arrival.authorization?.replace(/^Bearer /, ""), arrival.apiKey]).filter((value): value is string => value !== undefined);
}

describe("keys and origins", () => {
  const combinations = SOURCES.flatMap((openai) => SOURCES.flatMap((anthropic) => SOURCES.map((compatible) => ({ openai, anthropic, compatible }))));

  it.each(combinations)("openai by $openai, anthropic by $anthropic, compatible by $compatible: each key reaches only its own server", async (sources) => {
    process.env.OPENAI_API_KEY = KEYS.openai;
    process.env.ANTHROPIC_API_KEY = KEYS.anthropic;
    process.env.OPENAI_COMPATIBLE_API_KEY = KEYS.compatible;
    const flags: { openAiBaseUrl?: string; anthropicBaseUrl?: string; baseUrl?: string } = {};
    const variable = { openai: "OPENAI_BASE_URL", anthropic: "ANTHROPIC_BASE_URL", compatible: "OPENAI_COMPATIBLE_BASE_URL" } as const;
    const flag = { openai: "openAiBaseUrl", anthropic: "anthropicBaseUrl", compatible: "baseUrl" } as const;
    for (const role of ROLES) {
      const source = sources[role];
      if (source === "env") process.env[variable[role]] = baseUrlOf(role, role);
      if (source === "both") process.env[variable[role]] = baseUrlOf("decoy", role);
      if (source !== "env") flags[flag[role]] = baseUrlOf(role, role);
    }
    const options: RunBackendOptions = { ...flags, cacheMode: "off", maxRetries: 0, timeoutMs: 5_000 };
    const items = ROLES.map((role) => item(MODELS[role]));
    const backendOf = await runBackends({} as BenchmarkData, items, options);
    for (const role of ROLES) {
      const completion = await backendOf(MODELS[role]).complete(items[ROLES.indexOf(role)]!.request);
      expect(completion.text).toBe("A");
    }
    for (const role of ROLES) {
      const seen = credentialsSeen(servers[role]);
      // a model listing and a completion, each with the provider's own key and nothing else
      expect(servers[role].arrivals.map((arrival) => arrival.method).sort()).toEqual(["GET", "POST"]);
      expect(new Set(seen)).toEqual(new Set([KEYS[role]]));
      for (const other of ROLES.filter((r) => r !== role)) {
        expect(JSON.stringify(servers[role].requests.map((request) => request.headers))).not.toContain(KEYS[other]);
      }
    }
    expect(servers.decoy.arrivals).toEqual([]);
  });

  it("sends an openai-compatible server no key at all unless one is given for it", async () => {
    process.env.OPENAI_API_KEY = KEYS.openai;
    process.env.ANTHROPIC_API_KEY = KEYS.anthropic;
    const openAiIdentifiers = { OPENAI_ORG_ID: "org-origin-test-0123456789", OPENAI_PROJECT_ID: "proj_origin_test_0123456789", OPENAI_ADMIN_KEY: "sk-admin-origin-test-0123456789" };
    Object.assign(process.env, openAiIdentifiers);
    const backendOf = await runBackends({} as BenchmarkData, [item(MODELS.compatible)], { baseUrl: servers.compatible.openAiBaseUrl, cacheMode: "off", maxRetries: 0 });
    await backendOf(MODELS.compatible).complete(item(MODELS.compatible).request);
    const seen = credentialsSeen(servers.compatible);
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((value) => value === "no-key-needed")).toBe(true);
    const headers = JSON.stringify(servers.compatible.requests.map((request) => request.headers));
    for (const value of [...Object.values(openAiIdentifiers), KEYS.openai, KEYS.anthropic]) expect(headers).not.toContain(value);
  });

  it("keeps --base-url away from openai/… and anthropic/… models: they resolve to the official servers", async () => {
    process.env.OPENAI_API_KEY = KEYS.openai;
    process.env.ANTHROPIC_API_KEY = KEYS.anthropic;
    const options: RunBackendOptions = { baseUrl: servers.compatible.openAiBaseUrl, cacheMode: "off", maxRetries: 0, checkModels: false };
    const backendOf = await runBackends({} as BenchmarkData, ROLES.map((role) => item(MODELS[role])), options);
    expect(backendOf(MODELS.openai).cacheScope).toBe(OPENAI_BASE_URL);
    expect(backendOf(MODELS.anthropic).cacheScope).toBe(ANTHROPIC_BASE_URL);
    expect(backendOf(MODELS.compatible).cacheScope).toBe(servers.compatible.openAiBaseUrl);
    await backendOf(MODELS.compatible).complete(item(MODELS.compatible).request);
    expect(credentialsSeen(servers.compatible)).not.toContain(KEYS.openai);
    expect(credentialsSeen(servers.compatible)).not.toContain(KEYS.anthropic);
  });

  it("posts Anthropic requests to /v1/messages even when the base URL ends in /v1", async () => {
    process.env.ANTHROPIC_API_KEY = KEYS.anthropic;
    expect(resolveOrigin("anthropic", `${servers.anthropic.url}/v1/`)?.baseUrl).toBe(servers.anthropic.url);
    const backend = createBackend(MODELS.anthropic, { baseUrl: `${servers.anthropic.url}/v1`, maxRetries: 0 });
    await backend.complete(item(MODELS.anthropic).request);
    expect(servers.anthropic.arrivals.map((arrival) => arrival.path)).toEqual(["/v1/messages"]);
  });

  it("computes the same scope for estimates as the backends have", async () => {
    process.env.OPENAI_API_KEY = KEYS.openai;
    process.env.ANTHROPIC_API_KEY = KEYS.anthropic;
    const options: RunBackendOptions = { openAiBaseUrl: servers.openai.openAiBaseUrl, baseUrl: servers.compatible.openAiBaseUrl, cacheMode: "off", checkModels: false };
    const models = ROLES.map((role) => MODELS[role]);
    const live = await runBackends({} as BenchmarkData, models.map((model) => item(model)), options);
    const stand = await lookupBackends(models, options);
    for (const model of models) expect(stand(model).cacheScope).toBe(live(model).cacheScope);
    expect(liveCacheScope("openai/o4-mini")).toBe(`${OPENAI_BASE_URL}|reasoning_effort=low`);
    expect(liveCacheScope("openai/o4-mini", { reasoningEffort: "high" })).toBe(`${OPENAI_BASE_URL}|reasoning_effort=high`);
    expect(liveCacheScope("anthropic/claude-sonnet-4-5", { thinkingBudget: 2048 })).toBe(`${ANTHROPIC_BASE_URL}|thinking=enabled:2048`);
  });
});

describe("answers cached against one server", () => {
  it.each(["openai", "anthropic"] as const)("%s: are a miss for every other origin, the official one included", async (provider) => {
    const model = MODELS[provider];
    const key = KEYS[provider];
    const dir = makeTempDir();
    const request = item(model, "cached question").request;
    const filled = withCache(createBackend(model, { apiKey: key, baseUrl: baseUrlOf(provider, provider), maxRetries: 0 }), { dir, mode: "read-write" });
    expect((await filled.complete(request)).cached).toBe(false);
    expect((await filled.complete(request)).cached).toBe(true);
    const sameServer = withCache(createBackend(model, { apiKey: key, baseUrl: `${baseUrlOf(provider, provider)}/` }), { dir, mode: "read-only" });
    expect((await sameServer.complete(request)).cached).toBe(true);
    for (const other of [baseUrlOf("decoy", provider), undefined]) {
      const elsewhere = withCache(createBackend(model, { apiKey: key, baseUrl: other, maxRetries: 0 }), { dir, mode: "read-only" });
      await expect(elsewhere.complete(request)).rejects.toThrow(CacheMissError);
    }
    expect(servers.decoy.arrivals).toEqual([]);
  });

  it("a reasoning effort or thinking budget is part of the scope too", () => {
    expect(liveCacheScope("openai/gpt-5-mini", { reasoningEffort: "minimal" })).not.toBe(liveCacheScope("openai/gpt-5-mini"));
    expect(liveCacheScope("anthropic/claude-opus-4-6", { thinkingBudget: 4096 })).not.toBe(liveCacheScope("anthropic/claude-opus-4-6"));
  });
});

describe("keys echoed in an answer", () => {
  it("are redacted from the text before it is returned or cached", async () => {
    const server = await startFakeServer({ reply: (request) => ({ text: `your key is ${String(request.headers.authorization ?? request.headers["x-api-key"]).replace(/^Bearer /, "")}` }) });
    try {
      const dir = makeTempDir();
      for (const provider of ["openai", "anthropic"] as const) {
        const backend = withCache(createBackend(MODELS[provider], { apiKey: KEYS[provider], baseUrl: provider === "openai" ? server.openAiBaseUrl : server.anthropicBaseUrl }), { dir });
        const completion = await backend.complete(item(MODELS[provider]).request);
        expect(completion.text).toBe("your key is [redacted]");
      }
      const { readdirSync, readFileSync, statSync } = await import("node:fs");
      const { join } = await import("node:path");
      const walk = (folder: string): string[] => readdirSync(folder).flatMap((name) => (statSync(join(folder, name)).isDirectory() ? walk(join(folder, name)) : [readFileSync(join(folder, name), "utf8")]));
      const stored = walk(dir).join("\n");
      expect(stored).toContain("[redacted]");
      for (const key of Object.values(KEYS)) expect(stored).not.toContain(key);
    } finally {
      await server.close();
    }
  });
});
