/**
 * The fake API server in a process of its own, so a benchmark's client and server do not share
 * one event loop. Prints `{"url": …}` on stdout when listening; on the line "stats" from stdin it
 * prints the server's counters as one JSON line; exits when stdin closes.
 * Usage: node --import tsx test/helpers/fake-server-process.ts <latency ms>
 */
import { createInterface } from "node:readline";
import { startFakeServer } from "./fake-server";

async function main(): Promise<void> {
  const latencyMs = Number(process.argv[2] ?? "0");
  const server = await startFakeServer({ latencyMs });
  process.stdout.write(`${JSON.stringify({ url: server.url })}\n`);
  const input = createInterface({ input: process.stdin });
  input.on("line", (line) => {
    if (line.trim() === "stats") process.stdout.write(`${JSON.stringify(server.stats)}\n`);
  });
  input.on("close", () => {
    void server.close().then(() => process.exit(0));
  });
}

void main();
