/**
 * Child process for the resume tests: runs `runItems` against a (fake) OpenAI server with the
 * real SDK and the on-disk cache, so a test can SIGKILL it mid-run and start it again.
 * Usage: node --import tsx test/helpers/run-child.ts <config.json>
 */
import { readFileSync } from "node:fs";
import { createOpenAiBackend } from "../../src/backends/openai-backend";
import { withCache } from "../../src/cache/with-cache";
import { runItems } from "../../src/executor/run-items";
import type { WorkItem } from "../../src/executor/types";

/** What the parent passes in the config file. */
export interface ChildConfig {
  readonly baseUrl: string;
  readonly apiKey: string;
  readonly cacheDir: string;
  readonly outputDir: string;
  readonly items: number;
  readonly concurrency: number;
}

const MODEL = "openai/gpt-4o-mini";

async function main(): Promise<void> {
  const configFile = process.argv[2];
  if (configFile === undefined) throw new Error("run-child: no config file");
  const config = JSON.parse(readFileSync(configFile, "utf8")) as ChildConfig;
  const backend = withCache(createOpenAiBackend(MODEL, { apiKey: config.apiKey, baseUrl: config.baseUrl, maxRetries: 0, timeoutMs: 30_000 }), {
    dir: config.cacheDir,
  });
  const items: WorkItem[] = Array.from({ length: config.items }, (_, index) => ({
    id: `item-${index}`,
    request: { model: MODEL, messages: [{ role: "user", content: `prompt ${index}` }], temperature: 1, maxTokens: 1 },
  }));
  await runItems(items, { outputDir: config.outputDir, backend, concurrency: config.concurrency, progress: "lines" });
}

main().catch((error: unknown) => {
  process.stderr.write(`run-child: ${(error as Error).message}\n`);
  process.exit(1);
});
