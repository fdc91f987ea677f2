/**
 * Synthetic result lines of a run's grid items, shaped as a live model's: a percentage dict for
 * Verbalize, 30 spaced letters for Sequence, one token with its top-20 alternatives for Log-p,
 * drawn from a seeded generator. `answerLine` gives an ok line; `failedLine` and `incompleteLine`
 * the other statuses.
 */
import type { Completion } from "../../src/backends/types";
import type { ResultLine, WorkItem } from "../../src/executor/types";
import type { RunItemMeta } from "../../src/run/types";

const LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";

function weights(count: number, random: () => number): number[] {
  const raw = Array.from({ length: count }, () => random() + 0.05);
  const sum = raw.reduce((a, b) => a + b, 0);
  return raw.map((w) => w / sum);
}

/** A completion answering the item's method for its options, or (with `unreadable`) one no parser reads. */
export function syntheticCompletion(meta: RunItemMeta, random: () => number, unreadable = false): Completion {
  const count = meta.options.length;
  const usage = { inputTokens: 400 + Math.floor(random() * 600), outputTokens: 5 + Math.floor(random() * 60) };
  const base = { usage, model: "gpt-4o-mini-2024-07-18", finishReason: "stop" };
  if (unreadable) return { ...base, text: "I cannot speak for a whole group of people." };
  const p = weights(count, random);
  switch (meta.method) {
    case "verbalize": {
      const percents = p.map((x) => Math.round(x * 100));
      return { ...base, text: `Answer: {${percents.map((x, i) => `'${LETTERS[i]}': '${x}%'`).join(", ")}}` };
    }
    case "sequence": {
      const letters = Array.from({ length: 30 }, () => {
        let u = random();
        let i = 0;
        while (i < count - 1 && u >= (p[i] as number)) u -= p[i++] as number;
        return LETTERS[i] as string;
      });
      return { ...base, text: letters.join(" ") };
    }
    case "logprobs": {
      const top = p.map((x, i) => ({ token: LETTERS[i] as string, logprob: Math.log(x) }));
      for (let i = 0; top.length < 20; i++) top.push({ token: ` filler${i}`, logprob: -12 - i });
      top.sort((a, b) => b.logprob - a.logprob);
      const first = top[0] as { token: string; logprob: number };
      return { ...base, text: first.token, tokens: [{ token: first.token, logprob: first.logprob, topLogprobs: top }] };
    }
  }
}

/** An ok line of an item. */
export function answerLine(item: WorkItem<RunItemMeta>, requestKey: string, random: () => number, unreadable = false): ResultLine {
  const meta = item.meta as RunItemMeta;
  return {
    id: item.id,
    model: item.request.model,
    requestKey,
    meta,
    status: "ok",
    completion: syntheticCompletion(meta, random, unreadable),
    cached: false,
    costUsd: 0.00003,
    finishedAt: "2026-12-01T00:00:00.000Z",
    elapsedMs: Math.floor(random() * 900),
  };
}

/** A failed line of an item. */
export function failedLine(item: WorkItem<RunItemMeta>, requestKey: string): ResultLine {
  return { id: item.id, model: item.request.model, requestKey, meta: item.meta, status: "failed", error: { name: "BackendError", message: "HTTP 500" }, finishedAt: "2026-12-01T00:00:00.000Z", elapsedMs: 10 };
}

/** A truncated or refused line of an item. */
export function incompleteLine(item: WorkItem<RunItemMeta>, requestKey: string, status: "truncated" | "refused"): ResultLine {
  return {
    id: item.id,
    model: item.request.model,
    requestKey,
    meta: item.meta,
    status,
    error: { name: "IncompleteAnswerError", message: status },
    partial: { text: "{'A': '4", inputTokens: 500, outputTokens: 200 },
    costUsd: 0.0001,
    finishedAt: "2026-12-01T00:00:00.000Z",
    elapsedMs: 10,
  };
}
