/**
 * Every `npx distalign …` line of README.md, run as written (through bash, comment included) in a
 * fresh copy of the project. Each line has a case below, in the order they run; a README line
 * without a case, or a case whose line left the README, fails the test, so the two stay in step.
 *
 * Nothing reaches the network: live lines talk to a local fake server that speaks the OpenAI wire
 * format (on the port the README names), `data fetch` downloads from a local copy of the files,
 * and a line that needs a key no test has ends in its documented one-line error. The open-weight
 * server recipes each get a fake of that server (vLLM on 8000, llama.cpp's server on 8080, Ollama
 * on 11434: the recipes' own ports), speaking its model list, log-probability format, errors and
 * key check as its documentation describes them.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createConnection, createServer as createNetServer, type Server as NetServer } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGPROB_CHECK_PROMPT } from "../../src/backends/openai-backend";
import { loadManifest } from "../../src/data/fetch";
import { testDataDir } from "../helpers/data-dir";
import { type FakeServer, promptFormatReply, startFakeServer } from "../helpers/fake-server";
import { type CommandResult, type FreshClone, REPO, freshClone, runInClone } from "./fresh-clone";

/** The `npx distalign` lines of README.md's code blocks, as written. */
function readmeLines(): string[] {
  const lines: string[] = [];
  let inBlock = false;
  for (const line of readFileSync(join(REPO, "README.md"), "utf8").split("\n")) {
    if (line.trimStart().startsWith("```")) inBlock = !inBlock;
    else if (inBlock && line.trimStart().startsWith("npx distalign")) lines.push(line.trim());
  }
  return lines;
}

/** One README line: how to run it and what it must do. */
interface ReadmeCase {
  /** The line without its trailing `# comment`, e.g. "npx distalign data path". */
  readonly command: string;
  readonly env?: () => Record<string, string | undefined>;
  readonly before?: () => void;
  readonly check: (run: CommandResult) => void;
  readonly timeoutMs?: number;
}

/** Checks a successful line: exit 0, output, no error line. */
function succeeded(run: CommandResult): void {
  expect(run.stderr, run.stderr).not.toMatch(/^distalign: |unexpected error|\n\s+at /m);
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout.trim()).not.toBe("");
}

/** Checks a line that must stop with one `distalign:` line on stderr and `status`. */
function failedWith(run: CommandResult, status: number, line: RegExp): void {
  const errors = run.stderr.split("\n").filter((l) => l.startsWith("distalign: ") || /\n\s+at /.test(l));
  expect(errors, run.stderr).toHaveLength(1);
  expect(errors[0]).toMatch(line);
  expect(run.stderr).not.toMatch(/unexpected error|\n\s+at /);
  expect(run.status).toBe(status);
}

let clone: FreshClone;
let cacheDir: string;
let api: FakeServer;
let forwarders: NetServer[] = [];
/** Open-weight server fakes, each started as its README recipe starts the real one. */
let vllm: FakeServer;
let llamaCpp: FakeServer;
let ollama: FakeServer;
/** Where port 8000 forwards to: the generic fake, or the vLLM fake during its recipe. */
let port8000Target: () => FakeServer;
let files: Server;
let filesUrl: string;
const dataEnv = () => ({ DISTALIGN_DATA_DIR: testDataDir(), DISTALIGN_CACHE_DIR: cacheDir });

/** Forwards 127.0.0.1:`port` and [::1]:`port` (the README's `localhost:<port>`) to the fake server `target()` names. */
async function forwardPort(port: number, target: () => FakeServer): Promise<NetServer[]> {
  const servers: NetServer[] = [];
  for (const host of ["127.0.0.1", "::1"]) {
    const server = createNetServer((socket) => {
      const url = new URL(target().url);
      const upstream = createConnection(Number(url.port), url.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    const listening = await new Promise<boolean>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        if (host === "::1" && (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT")) resolve(false);
        else reject(new Error(`the README's live line needs port ${port} on ${host} free (${error.code})`));
      });
      server.listen(port, host, () => resolve(true));
    });
    if (listening) servers.push(server);
  }
  return servers;
}

/** Serves the data directory's files at `<url>/<repository>/<commit>/<path>`, as raw.githubusercontent.com does. */
async function serveDataFiles(): Promise<Server> {
  const manifest = loadManifest(join(REPO, "data", "manifest.json"));
  const prefix = `/${manifest.repository}/${manifest.commit}/`;
  const server = createHttpServer((req, res) => {
    const path = decodeURIComponent(req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : "");
    const file = join(testDataDir(), path);
    if (path === "" || path.includes("..") || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end("404: Not Found");
      return;
    }
    res.writeHead(200, { "content-type": "text/plain" }).end(readFileSync(file));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  filesUrl = `http://127.0.0.1:${typeof address === "object" && address !== null ? address.port : 0}`;
  return server;
}

const CASES: readonly ReadmeCase[] = [
  {
    command: "npx distalign --help",
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^Usage: distalign \[options\] \[command\]/);
    },
  },
  {
    command: "npx distalign data path",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toBe(`${testDataDir()}\n`);
    },
  },
  {
    command: "npx distalign reproduce --mode paper",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^table1a \(paper mode\)$/m);
      expect(run.stdout).toMatch(/^table1b \(paper mode\)$/m);
      for (const table of ["table1a", "table1b", "breakdown"]) expect(existsSync(join(clone.dir, "output", "reproduce-paper", `${table}.csv`))).toBe(true);
    },
  },
  {
    command: "npx distalign reproduce --mode corrected --iterations 1000 --seed 0 --model gpt-4 --out output/gpt-4-corrected",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      const dir = join(clone.dir, "output", "gpt-4-corrected");
      expect(readFileSync(join(dir, "table1a.csv"), "utf8")).toMatch(/^model,method,mean,half_width,parse_rate\ngpt-4,/);
      expect(readFileSync(join(dir, "differences.csv"), "utf8")).toMatch(/^table,dataset,steering,model,method,paper_mean,corrected_mean,delta\n/);
    },
  },
  {
    command: "npx distalign run --model openai/gpt-4o-mini --dataset opinionqa --method verbalize,sequence --limit 20 --dry-run",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^dry run: \d+ items → /);
      expect(run.stdout).toMatch(/^ {2}openai\/gpt-4o-mini: \d+ items, .*calls ≈ [\d,]+ input/m);
      expect(existsSync(join(clone.dir, "output", "runs"))).toBe(false);
    },
  },
  {
    // The official OpenAI API, which no test calls: without a key the line stops before any request.
    command: "npx distalign run --model openai/gpt-4o-mini --dataset opinionqa --method verbalize,sequence --limit 20 --budget 1 --name mini",
    env: () => ({ ...dataEnv(), OPENAI_API_KEY: undefined }),
    check: (run) => failedWith(run, 2, /^distalign: openai\/gpt-4o-mini: .*OPENAI_API_KEY/),
  },
  {
    command: "npx distalign run --model openai-compatible/llama3.1 --base-url http://localhost:8000/v1 --limit 20",
    env: dataEnv,
    timeoutMs: 300_000,
    check: (run) => {
      succeeded(run);
      expect(api.stats.totalReceived).toBeGreaterThan(0);
      expect(run.stdout).toMatch(/^openai-compatible\/llama3\.1\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
      expect(run.stdout).toMatch(/^openai-compatible\/llama3\.1\s+Seq\s+persona\+few-shot\s+0\.\d{4}/m);
    },
  },
  {
    command: "npx distalign run --model paper/gpt-4 --limit 5 --name paper-gpt-4",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stderr).toMatch(/run: \d+ ok \(0 cached\), 0 failed/);
      expect(run.stdout).toMatch(/^paper\/gpt-4\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
      expect(existsSync(join(clone.dir, "output", "runs", "paper-gpt-4", "results.jsonl"))).toBe(true);
    },
  },
  {
    command: "npx distalign score output/runs/paper-gpt-4",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^paper\/gpt-4\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
    },
  },
  {
    command: "npx distalign run --survey data/surveys/example-survey.csv --model baseline/pooled --steering none,persona,few-shot --name my-survey",
    check: (run) => {
      succeeded(run);
      expect(run.stderr).toMatch(/run: 168 ok \(0 cached\), 0 failed/);
      expect(run.stdout).toMatch(/^baseline\/pooled\s+V\s+none\s+0\.\d{4}/m);
      expect(existsSync(join(clone.dir, "output", "runs", "my-survey", "scores", "items.csv"))).toBe(true);
    },
  },
  {
    command: "npx distalign score output/runs/my-survey",
    check: (run) => {
      succeeded(run);
      const items = readFileSync(join(clone.dir, "output", "runs", "my-survey", "scores", "items.csv"), "utf8").trim().split("\n");
      expect(items[0]).toBe("model,dataset,steering,method,group,question_id,tv,w1,status");
      // 8 questions × 3 groups × 3 steerings × 4 scored methods (TS-Log-p beside Log-p)
      expect(items.length - 1).toBe(8 * 3 * 3 * 4);
      expect(items.slice(1).every((line) => line.startsWith("baseline/pooled,example-survey,") && line.endsWith(",ok"))).toBe(true);
    },
  },
  {
    command: "npx distalign cache stats",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      const entries = Number(new RegExp(`^cache ${cacheDir}: (\\d+) entries`).exec(run.stdout)?.[1]);
      expect(entries, run.stdout).toBeGreaterThan(0); // the openai-compatible run above filled it
      expect(run.stdout).toMatch(/openai-compatible\/llama3\.1/);
    },
  },
  {
    command: "npx distalign cache verify",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      const checked = Number(new RegExp(`^cache ${cacheDir}: (\\d+) entries checked, all sound\n$`).exec(run.stdout)?.[1]);
      expect(checked, run.stdout).toBeGreaterThan(0); // the entries of the openai-compatible run above
      // Every answer delivered is cached, except the run's log-probability check before it started.
      const checks = api.requests.filter((request) => request.promptKey === LOGPROB_CHECK_PROMPT).length;
      expect(checks).toBe(1);
      expect(checked).toBe(api.stats.totalDelivered - checks);
    },
  },
  {
    command: "npx distalign survey check data/surveys/example-survey.csv",
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^survey example-survey: 8 questions \(5 ordinal, 3 nominal\), 3 groups, 3–5 options per question$/m);
    },
  },
  {
    command: "npx distalign compare --a anthropic_opus:verbalize --b gpt-4:verbalize --mode paper",
    env: dataEnv,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^anthropic_opus:verbalize\s+gpt-4:verbalize\s+all\s+persona\+few-shot\s+tv\s+0\.\d{4}\s+0\.\d{4}\s+-?0\.\d{4}/m);
    },
  },
  {
    // No DISTALIGN_DATA_DIR: the download goes to data/upstream/. The annotator exports are stored
    // pseudonymised, so the upstream originals the server would need are not in the data
    // directory; they are placed as an interrupted download leaves them, and the fetch resumes.
    command: "npx distalign data fetch",
    env: () => ({ DISTALIGN_DATA_URL: filesUrl, DISTALIGN_CACHE_DIR: cacheDir }),
    before: () => {
      for (const file of loadManifest(join(REPO, "data", "manifest.json")).files) {
        if (file.sha256Pseudonymised === undefined) continue;
        const target = join(clone.dir, "data", "upstream", file.path);
        mkdirSync(dirname(target), { recursive: true });
        copyFileSync(join(testDataDir(), file.path), target);
      }
    },
    timeoutMs: 300_000,
    check: (run) => {
      succeeded(run);
      const manifest = loadManifest(join(REPO, "data", "manifest.json"));
      const resumed = manifest.files.filter((f) => f.sha256Pseudonymised !== undefined).length;
      const upstream = join(clone.dir, "data", "upstream");
      expect(run.stdout).toMatch(new RegExp(`^${manifest.files.length - resumed} files downloaded \\([\\d.]+ MB\\), ${resumed} already verified, in ${upstream}\\n$`));
      expect(readdirSync(upstream).sort()).toEqual(readdirSync(testDataDir()).filter((name) => name !== "README.md").sort());
    },
  },
  // Open-weight servers: each recipe's run against a fake of its server, on the recipe's port.
  {
    // The recipe's `export OPENAI_COMPATIBLE_API_KEY=…` line comes first; the case's environment is what it sets.
    command: "npx distalign run --model openai-compatible/meta-llama/Meta-Llama-3-8B-Instruct --base-url http://localhost:8000/v1 --dataset opinionqa --limit 2 --name vllm-llama3",
    env: () => ({ ...dataEnv(), OPENAI_COMPATIBLE_API_KEY: VLLM_KEY }),
    before: () => {
      expect(readmeText()).toContain(`vllm serve meta-llama/Meta-Llama-3-8B-Instruct --port 8000 --api-key ${VLLM_KEY}\nexport OPENAI_COMPATIBLE_API_KEY=${VLLM_KEY}\n`);
      port8000Target = () => vllm;
    },
    timeoutMs: 300_000,
    check: (run) => {
      port8000Target = () => api;
      succeeded(run);
      ranEveryMethod(run, vllm, "openai-compatible/meta-llama/Meta-Llama-3-8B-Instruct", "meta-llama/Meta-Llama-3-8B-Instruct");
      expect(vllm.requests.every((request) => request.headers.authorization === `Bearer ${VLLM_KEY}`)).toBe(true);
    },
  },
  {
    command: "npx distalign run --model openai-compatible/llama3-8b --base-url http://localhost:8080/v1 --dataset opinionqa --limit 2 --name llamacpp-llama3",
    env: dataEnv,
    before: () => expect(readmeText()).toContain("llama-server -m Meta-Llama-3-8B-Instruct-Q4_K_M.gguf --alias llama3-8b --port 8080\n"),
    timeoutMs: 300_000,
    check: (run) => {
      succeeded(run);
      ranEveryMethod(run, llamaCpp, "openai-compatible/llama3-8b", "llama3-8b");
    },
  },
  {
    command: "npx distalign run --model openai-compatible/llama3 --base-url http://localhost:11434/v1 --method verbalize,sequence --dataset opinionqa --limit 2 --name ollama-llama3",
    env: dataEnv,
    before: () => expect(readmeText()).toContain("ollama serve\nollama pull llama3\n"),
    timeoutMs: 300_000,
    check: (run) => {
      succeeded(run);
      expect(run.stdout).toMatch(/^openai-compatible\/llama3\s+V\s+persona\+few-shot\s+0\.\d{4}/m);
      expect(run.stdout).toMatch(/^openai-compatible\/llama3\s+Seq\s+persona\+few-shot\s+0\.\d{4}/m);
      expect(ollama.requests.length).toBeGreaterThan(0);
      expect(ollama.requests.every((request) => request.body.model === "llama3" && request.body.logprobs === undefined)).toBe(true);
    },
  },
  {
    command: "npx distalign run --model openai-compatible/llama3 --base-url http://localhost:11434/v1 --method logprobs --dataset opinionqa --limit 2",
    env: dataEnv,
    before: () => {
      ollamaBefore = ollama.requests.length;
    },
    timeoutMs: 300_000,
    check: (run) => {
      failedWith(run, 2, /^distalign: openai-compatible\/llama3: http:\/\/localhost:11434\/v1 answered a log-probability request without log-probabilities, so Log-p cannot run there; leave logprobs out of the methods/);
      // Refused before the run: the one 1-token log-probability request, no item.
      const sent = ollama.requests.slice(ollamaBefore);
      expect(sent.map((request) => [request.body.max_tokens, request.body.logprobs, request.body.top_logprobs])).toEqual([[1, true, 20]]);
    },
  },
];

const VLLM_KEY = "token-abc123";
let ollamaBefore = 0;

function readmeText(): string {
  return readFileSync(join(REPO, "README.md"), "utf8");
}

/**
 * Checks a recipe's run of all three methods: the scored rows, every request naming the served
 * model, and the Log-p requests asking for the paper's 20 alternatives, after the one check.
 */
function ranEveryMethod(run: CommandResult, server: FakeServer, modelId: string, served: string): void {
  for (const label of ["V", "Seq", "Log-p"]) expect(run.stdout).toMatch(new RegExp(`^${modelId.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")}\\s+${label}\\s+persona\\+few-shot\\s+0\\.\\d{4}`, "m"));
  expect(server.arrivals[0]).toMatchObject({ method: "GET", path: "/v1/models" });
  expect(server.requests.every((request) => request.body.model === served)).toBe(true);
  const logprobRequests = server.requests.filter((request) => request.body.logprobs === true);
  expect(logprobRequests.length).toBeGreaterThan(1);
  expect(logprobRequests.every((request) => request.body.top_logprobs === 20)).toBe(true);
  expect(logprobRequests[0]?.body.max_tokens).toBe(1); // the check comes first
}

/** The README line a case stands for: its command, then optional spaces and a `# comment`. */
function caseFor(line: string): ReadmeCase | undefined {
  return CASES.find((c) => line === c.command || (line.startsWith(c.command) && /^\s+#/.test(line.slice(c.command.length))));
}

// The lines run in the order of CASES (a run folder is scored after the run that fills it).
describe("README.md's npx distalign lines", { shuffle: false }, () => {
  beforeAll(async () => {
    clone = freshClone();
    cacheDir = join(clone.dir, "..", "cache"); // lives as long as the clone: the lines share one cache
    api = await startFakeServer({ reply: promptFormatReply, models: ["llama3.1"] });
    vllm = await startFakeServer({ flavour: "vllm", reply: promptFormatReply, models: ["meta-llama/Meta-Llama-3-8B-Instruct"], apiKey: VLLM_KEY });
    llamaCpp = await startFakeServer({ flavour: "llama.cpp", reply: promptFormatReply, models: ["llama3-8b"] });
    ollama = await startFakeServer({ flavour: "ollama", reply: promptFormatReply, models: ["llama3:latest"] });
    port8000Target = () => api;
    forwarders = [...(await forwardPort(8000, () => port8000Target())), ...(await forwardPort(8080, () => llamaCpp)), ...(await forwardPort(11434, () => ollama))];
    files = await serveDataFiles();
  });
  afterAll(async () => {
    for (const server of forwarders) server.close();
    await api?.close();
    await vllm?.close();
    await llamaCpp?.close();
    await ollama?.close();
    files?.closeAllConnections();
    files?.close();
    clone?.remove();
  });

  it("every line has a case, and every case a line", () => {
    const lines = readmeLines();
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.filter((line) => caseFor(line) === undefined), "README lines this test cannot run").toEqual([]);
    expect(CASES.filter((c) => !lines.some((line) => caseFor(line) === c)).map((c) => c.command), "cases whose line left the README").toEqual([]);
  });

  for (const c of CASES) {
    it(c.command, async () => {
      const line = readmeLines().find((l) => caseFor(l) === c);
      expect(line, "the line is in the README").toBeDefined();
      c.before?.();
      const run = await runInClone(clone, line as string, c.env?.() ?? {}, c.timeoutMs ?? 120_000);
      c.check(run);
    }, (c.timeoutMs ?? 120_000) + 30_000);
  }
});
