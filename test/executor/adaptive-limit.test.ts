import { describe, expect, it } from "vitest";
import { rateSignalOf } from "../../src/backends/rate-signals";
import { AdaptiveLimit } from "../../src/executor/adaptive-limit";

const ok = { status: 200 };
const tooMany = { status: 429 };

describe("AdaptiveLimit", () => {
  it("grows by one per success until the first cut, then by one per limit's worth, never above the ceiling", () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 40 });
    limit.signal(ok);
    limit.signal(ok);
    expect(limit.limit).toBe(6);
    limit.signal(tooMany);
    expect(limit.limit).toBe(3);
    limit.signal({ status: 200, remaining: 100, limit: 100 });
    limit.signal(ok);
    limit.signal(ok);
    expect(limit.limit).toBe(3);
    limit.signal(ok);
    expect(limit.limit).toBe(4);
    for (let i = 0; i < 10_000; i++) limit.signal(ok);
    expect(limit.limit).toBe(40);
  });

  it("halves on a 429 and ignores the 429s of calls already in flight at the cut", async () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    const releases: (() => void)[] = [];
    const tasks = Array.from({ length: 8 }, () => limit.run(() => new Promise<void>((resolve) => releases.push(resolve))));
    await Promise.resolve();
    expect(limit.inFlight).toBe(8);
    limit.signal(tooMany);
    expect(limit.limit).toBe(4);
    limit.signal(tooMany);
    limit.signal(tooMany);
    expect(limit.limit).toBe(4);
    expect(limit.decreases).toBe(1);
    // Eight responses were owed to the calls in flight at the cut; the next one counts again.
    for (let i = 0; i < 6; i++) limit.signal(ok);
    for (const release of releases.splice(0)) release();
    await Promise.all(tasks);
    limit.signal(tooMany);
    expect(limit.limit).toBe(2);
    for (let i = 0; i < 10; i++) limit.signal(tooMany);
    expect(limit.limit).toBeGreaterThanOrEqual(1);
  });

  it("cuts in proportion when the headers show under a fifth of the window's requests left", () => {
    const limit = new AdaptiveLimit({ initial: 10, max: 10 });
    limit.signal({ status: 200, remaining: 50, limit: 100 });
    expect(limit.limit).toBe(10);
    limit.signal({ status: 200, remaining: 10, limit: 100 });
    expect(limit.limit).toBe(7);
    const empty = new AdaptiveLimit({ initial: 10, max: 10 });
    empty.signal({ status: 200, remaining: 0, limit: 100 });
    expect(empty.limit).toBe(5);
  });

  it("ends the slow start once half the budget is in use", () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 40 });
    limit.signal({ status: 200, remaining: 40, limit: 100 });
    limit.signal(ok);
    expect(limit.limit).toBe(4);
  });

  it("never runs more tasks at once than the limit, and runs every task", async () => {
    const limit = new AdaptiveLimit({ initial: 3, max: 3 });
    let active = 0;
    let most = 0;
    const done = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        limit.run(async () => {
          active += 1;
          most = Math.max(most, active);
          await new Promise((resolve) => setTimeout(resolve, i % 3));
          if (i === 10) limit.signal(tooMany);
          active -= 1;
          return i;
        }),
      ),
    );
    expect(done).toEqual(Array.from({ length: 40 }, (_, i) => i));
    expect(most).toBe(3);
  });

  it("reads OpenAI's and Anthropic's rate-limit headers", () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    expect(rateSignalOf(200, headers({ "x-ratelimit-remaining-requests": "7", "x-ratelimit-limit-requests": "500" }))).toEqual({ status: 200, remaining: 7, limit: 500 });
    expect(rateSignalOf(200, headers({ "anthropic-ratelimit-requests-remaining": "3", "anthropic-ratelimit-requests-limit": "50" }))).toEqual({ status: 200, remaining: 3, limit: 50 });
    expect(rateSignalOf(429, headers({ "x-ratelimit-remaining-requests": "" }))).toEqual({ status: 429 });
  });

  it("refuses a ceiling below the start", () => {
    expect(() => new AdaptiveLimit({ initial: 4, max: 2 })).toThrow(/max must be an integer ≥ initial/);
  });
});
