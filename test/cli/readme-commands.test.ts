/**
 * Every `npx distalign …` line of README.md, run as written (through bash, comment included) in a
 * fresh copy of the project. Each line has a case below, in the order they run; a README line
 * without a case, or a case whose line left the README, fails the test, so the two stay in step.
 *
 * Nothing reaches the network: live lines talk to a local fake server that speaks the OpenAI wire
 * format (on the port the README names), `data fetch` downloads from a local copy of the files,
 * and a line that needs a key no test has ends in its documented one-line error.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createConnection, createServer as createNetServer, type Server as NetServer } from "node:net";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
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
let port8000: NetServer[] = [];
let files: Server;
let filesUrl: string;
const dataEnv = () => ({ DISTALIGN_DATA_DIR: testDataDir(), DISTALIGN_CACHE_DIR: cacheDir });

/** Forwards 127.0.0.1:8000 and [::1]:8000 (the README's `localhost:8000`) to the fake server. */
async function forwardPort8000(target: URL): Promise<NetServer[]> {
  const servers: NetServer[] = [];
  for (const host of ["127.0.0.1", "::1"]) {
    const server = createNetServer((socket) => {
      const upstream = createConnection(Number(target.port), target.hostname);
      socket.pipe(upstream).pipe(socket);
      socket.on("error", () => upstream.destroy());
      upstream.on("error", () => socket.destroy());
    });
    const listening = await new Promise<boolean>((resolve, reject) => {
      server.once("error", (error: NodeJS.ErrnoException) => {
        if (host === "::1" && (error.code === "EADDRNOTAVAIL" || error.code === "EAFNOSUPPORT")) resolve(false);
        else reject(new Error(`the README's live line needs port 8000 on ${host} free (${error.code})`));
      });
      server.listen(8000, host, () => resolve(true));
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
      expect(items[0]).toBe("model,dataset,steering,method,group,question_id,tv,status");
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
      expect(checked).toBe(api.stats.totalDelivered);
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
];

/** The README line a case stands for: its command, then optional spaces and a `# comment`. */
function caseFor(line: string): ReadmeCase | undefined {
  return CASES.find((c) => line === c.command || (line.startsWith(c.command) && /^\s+#/.test(line.slice(c.command.length))));
}

// The lines run in the order of CASES (a run folder is scored after the run that fills it).
describe("README.md's npx distalign lines", { shuffle: false }, () => {
  beforeAll(async () => {
    clone = freshClone();
    cacheDir = join(clone.dir, "..", "cache"); // lives as long as the clone: the lines share one cache
    api = await startFakeServer({ reply: promptFormatReply });
    port8000 = await forwardPort8000(new URL(api.url));
    files = await serveDataFiles();
  });
  afterAll(async () => {
    for (const server of port8000) server.close();
    await api?.close();
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
