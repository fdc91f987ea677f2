/**
 * `distalign run` as a user runs it: per-provider base URLs and keys, unknown models refused
 * before any spend, capability files, and the model check before the first paid call.
 */
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { testDataDir } from "../helpers/data-dir";
import { startFakeServer, type FakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

const BIN = join(__dirname, "..", "..", "bin", "distalign.cjs");
const OPENAI_KEY = "sk-cli-openai-0123456789abcdef";
const ANTHROPIC_KEY = "sk-ant-cli-0123456789abcdef";
const COMPATIBLE_KEY = "sk-cli-compatible-0123456789";
const CLEARED = ["OPENAI_API_KEY", "ANTHROPIC_API_KEY", "OPENAI_COMPATIBLE_API_KEY", "OPENAI_BASE_URL", "ANTHROPIC_BASE_URL", "OPENAI_COMPATIBLE_BASE_URL", "DISTALIGN_CACHE_MODE"];

let servers: FakeServer[] = [];
afterEach(async () => {
  await Promise.all(servers.map((server) => server.close()));
  servers = [];
});

async function serve(models: readonly string[]): Promise<FakeServer> {
  const server = await startFakeServer({ models, reply: () => ({ text: "{'A': '50%', 'B': '50%'}" }) });
  servers.push(server);
  return server;
}

/** Runs the CLI without blocking this process (the fake servers answer from here). */
function distalign(args: string[], env: Record<string, string> = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const base: Record<string, string | undefined> = { ...process.env, DISTALIGN_DATA_DIR: testDataDir(), DISTALIGN_CACHE_DIR: makeTempDir(), DISTALIGN_OUTPUT_DIR: makeTempDir() };
  for (const name of CLEARED) delete base[name];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { ...base, ...env } });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (status) => resolve({ status, stdout, stderr }));
  });
}

const GRID = ["--dataset", "opinionqa", "--method", "verbalize", "--steering", "persona", "--groups", "Democrat", "--limit", "1", "--no-score", "--progress", "none"];

function credentials(server: FakeServer): string[] {
  return server.arrivals.flatMap((arrival) => [arrival.authorization?.replace(/^Bearer /, ""), arrival.apiKey]).filter((value): value is string => value !== undefined);
}

describe("distalign run: models", () => {
  it("refuses a misspelt model in one line before anything, dry run included", async () => {
    const run = await distalign(["run", "--model", "openai/gpt-4o-mni", "--dry-run", ...GRID]);
    expect(run.status).not.toBe(0);
    const lines = run.stderr.trimEnd().split("\n");
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^distalign: openai\/gpt-4o-mni: not in the capability table of \d{4}-\d{2}-\d{2}; did you mean openai\/gpt-4o-mini\b.*--capabilities FILE/);
  });

  it("plans a model declared in a capabilities file, offline", async () => {
    const file = join(makeTempDir(), "capabilities.json");
    writeFileSync(file, JSON.stringify({ "openai/gpt-4o-mni": { logprobs: false } }));
    const run = await distalign(["run", "--model", "openai/gpt-4o-mni", "--capabilities", file, "--dry-run", ...GRID]);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/openai\/gpt-4o-mni/);
  });

  it("refuses a bad capabilities file in one line naming the file and key", async () => {
    const file = join(makeTempDir(), "capabilities.json");
    writeFileSync(file, JSON.stringify({ "openai/x": { maxTopLogprobs: 99 } }));
    const run = await distalign(["run", "--model", "openai/x", "--capabilities", file, "--dry-run", ...GRID]);
    expect(run.status).not.toBe(0);
    expect(run.stderr.trimEnd().split("\n")).toEqual([`distalign: ${file}: openai/x.maxTopLogprobs: must be an integer in 0..20 (99)`]);
  });

  it("refuses a model its provider does not list before the first paid call, naming close matches", async () => {
    const openai = await serve(["gpt-4o-mini", "gpt-4o"]);
    const run = await distalign(["run", "--model", "openai/gpt-4.1-mini", "--openai-base-url", openai.openAiBaseUrl, ...GRID], { OPENAI_API_KEY: OPENAI_KEY });
    expect(run.status).not.toBe(0);
    expect(run.stderr.trimEnd().split("\n")).toEqual([expect.stringMatching(/^distalign: openai\/gpt-4\.1-mini: .* does not list this model; did you mean openai\/gpt-4o-mini/)]);
    expect(openai.requests).toHaveLength(0);
  });
});

describe("distalign run: keys and origins", () => {
  it("sends each key only to its own provider's server, given by flags", async () => {
    const [openai, anthropic, compatible] = [await serve(["gpt-4o-mini"]), await serve(["claude-haiku-4-5"]), await serve(["llama3.1"])];
    const run = await distalign(
      [
        "run",
        ...["--model", "openai/gpt-4o-mini", "--model", "anthropic/claude-haiku-4-5", "--model", "openai-compatible/llama3.1"],
        ...["--openai-base-url", openai!.openAiBaseUrl, "--anthropic-base-url", `${anthropic!.url}/v1`, "--base-url", compatible!.openAiBaseUrl],
        ...GRID,
      ],
      { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY, OPENAI_COMPATIBLE_API_KEY: COMPATIBLE_KEY },
    );
    expect(run.stderr, run.stderr).toMatch(/3 ok \(0 cached\), 0 failed/);
    expect(run.status).toBe(0);
    expect(new Set(credentials(openai!))).toEqual(new Set([OPENAI_KEY]));
    expect(new Set(credentials(anthropic!))).toEqual(new Set([ANTHROPIC_KEY]));
    expect(new Set(credentials(compatible!))).toEqual(new Set([COMPATIBLE_KEY]));
    expect(anthropic!.arrivals.map((arrival) => arrival.path.split("?")[0])).toEqual(["/v1/models", "/v1/messages"]);
    for (const server of [openai!, anthropic!, compatible!]) expect(server.requests).toHaveLength(1);
  });

  it("keeps --base-url for openai-compatible models: OPENAI_API_KEY never reaches it", async () => {
    const compatible = await serve(["llama3.1", "gpt-4o-mini"]);
    const run = await distalign(["run", "--model", "openai-compatible/llama3.1", "--base-url", compatible.openAiBaseUrl, ...GRID], { OPENAI_API_KEY: OPENAI_KEY, ANTHROPIC_API_KEY: ANTHROPIC_KEY });
    expect(run.status).toBe(0);
    expect(credentials(compatible).every((value) => value === "no-key-needed")).toBe(true);
  });
});
