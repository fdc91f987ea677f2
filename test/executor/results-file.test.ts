import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readResultFacts, readResults, ResultsWriter } from "../../src/executor/results-file";
import { planResume } from "../../src/executor/resume";
import type { ResultLine } from "../../src/executor/types";
import { makeTempDir } from "../helpers/temp-dir";

function line(id: string, status: "ok" | "failed", requestKey = "k"): ResultLine {
  const base = { id, model: "openai/gpt-4o-mini", requestKey, finishedAt: "2026-01-01T00:00:00.000Z", elapsedMs: 1 };
  return status === "ok"
    ? { ...base, status, completion: { text: "A", usage: { inputTokens: 1, outputTokens: 1 }, model: "m" }, cached: false, costUsd: 0 }
    : { ...base, status, error: { name: "BackendError", message: "boom" } };
}

describe("results file", () => {
  it("keeps the last line per id and reports unreadable lines by number", () => {
    const file = join(makeTempDir(), "results.jsonl");
    writeFileSync(file, [JSON.stringify(line("a", "failed")), "garbage", JSON.stringify(line("a", "ok")), JSON.stringify(line("b", "ok")), '{"id":"c","sta'].join("\n"));
    const read = readResults(file);
    expect([...read.latest.keys()]).toEqual(["a", "b"]);
    expect(read.latest.get("a")!.status).toBe("ok");
    expect(read.warnings).toEqual([
      `${file} line 2: not a JSON line; line ignored (the item runs again)`,
      `${file} line 5: torn last line ignored (an interrupted write; the item runs again)`,
    ]);
  });

  it("starts appending on a fresh line after a torn one", () => {
    const file = join(makeTempDir(), "results.jsonl");
    writeFileSync(file, `${JSON.stringify(line("a", "ok"))}\n{"id":"b","sta`);
    const writer = new ResultsWriter(file);
    writer.append(line("b", "ok"));
    writer.close();
    expect(readFileSync(file, "utf8").endsWith("\n")).toBe(true);
    expect([...readResults(file).latest.keys()]).toEqual(["a", "b"]);
    expect(() => writer.append(line("c", "ok"))).toThrow(/closed/);
  });
});

describe("streamed reading", () => {
  // Line 3001 is longer than several chunks.
  const textOf = (i: number) => (i === 3000 ? "y€".repeat(150_000) : `${"é€😀".repeat(i % 50)}${"x".repeat((i * 37) % 500)}`);

  it("reads a file of many chunks, with lines, multi-byte characters and a line longer than a chunk across chunk edges, as whole lines", () => {
    const file = join(makeTempDir(), "results.jsonl");
    const lines: string[] = [];
    // About 3 MB: lines of uneven length, so chunk edges fall inside lines and inside characters.
    for (let i = 0; i < 6000; i++) {
      const ok = line(`item-${i}`, i % 7 === 3 ? "failed" : "ok", `key-${i}`) as ResultLine & { completion?: { text: string } };
      const text = textOf(i);
      lines.push(JSON.stringify(ok.status === "ok" ? { ...ok, completion: { ...ok.completion, text } } : ok));
      if (i === 2500) lines.push("not json");
    }
    writeFileSync(file, `${lines.join("\n")}\n${lines[0]!.slice(0, 40)}`);
    const read = readResults(file);
    expect(read.latest.size).toBe(6000);
    for (const [id, full] of read.latest) if (full.status === "ok") expect(full.completion.text).toBe(textOf(Number(id.slice(5))));
    expect(read.warnings).toEqual([`${file} line 2502: not a JSON line; line ignored (the item runs again)`, `${file} line 6002: torn last line ignored (an interrupted write; the item runs again)`]);
    const facts = readResultFacts(file);
    expect(facts.warnings).toEqual(read.warnings);
    expect([...facts.latest.keys()]).toEqual([...read.latest.keys()]);
    for (const [id, full] of read.latest) {
      expect(facts.latest.get(id)).toEqual({ model: full.model, requestKey: full.requestKey, status: full.status, finishedAt: full.finishedAt, line: read.lineOf.get(id) });
    }
  });

  it("keeps the facts of the last sound line of an item", () => {
    const file = join(makeTempDir(), "results.jsonl");
    writeFileSync(file, `${[JSON.stringify(line("a", "failed", "k1")), "", JSON.stringify(line("a", "ok", "k2")), '{"id":"a"}'].join("\n")}\n`);
    const facts = readResultFacts(file);
    expect(facts.latest.get("a")).toMatchObject({ status: "ok", requestKey: "k2", line: 3 });
    expect(facts.warnings).toEqual([`${file} line 4: a: model is not a string; line ignored (the item runs again)`]);
    expect(readResultFacts(join(makeTempDir(), "none.jsonl"))).toEqual({ latest: new Map(), warnings: [] });
  });
});

describe("planResume", () => {
  it("splits items into done, failed-and-skipped, changed and pending", () => {
    const latest = new Map<string, ResultLine>([
      ["done", line("done", "ok")],
      ["failed", line("failed", "failed")],
      ["changed", line("changed", "ok", "old")],
    ]);
    const items = ["done", "failed", "changed", "new"].map((id) => ({ id, request: { model: "openai/gpt-4o-mini", messages: [] } }));
    const plan = planResume(items, latest, () => "k", false);
    expect(plan).toMatchObject({ alreadyDone: 1, skippedFailed: ["failed"], changed: ["changed"] });
    expect(plan.pending.map((item) => item.id)).toEqual(["changed", "new"]);
    expect(planResume(items, latest, () => "k", true).pending.map((item) => item.id)).toEqual(["failed", "changed", "new"]);
  });
});
