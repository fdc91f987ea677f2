import { describe, expect, it } from "vitest";
import { rateSignalOf } from "../../src/backends/rate-signals";
import { AdaptiveLimit } from "../../src/executor/adaptive-limit";

const ok = { status: 200 };
const tooMany = { status: 429 };

describe("AdaptiveLimit", () => {
  /** `count` requests held in flight (inside `slot.sending`) until `release` is called. */
  async function holdRequests(limit: AdaptiveLimit, count: number) {
    const releases: (() => void)[] = [];
    let open = false;
    const hold = () => new Promise<void>((resolve) => (open ? resolve() : releases.push(resolve)));
    const tasks = Array.from({ length: count }, () => limit.run((slot) => slot.sending(hold)));
    await new Promise((resolve) => setTimeout(resolve, 0));
    return {
      release: async () => {
        open = true;
        for (const release of releases.splice(0)) release();
        await Promise.all(tasks);
      },
    };
  }

  it("grows by one per success while every slot has a request in flight, never above the ceiling", async () => {
    const limit = new AdaptiveLimit({ initial: 4, max: 40 });
    const held = await holdRequests(limit, 10);
    const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
    limit.signal(ok);
    await tick(); // the task the growth let in starts its request
    limit.signal(ok);
    expect(limit.limit).toBe(6);
    await held.release();
    // Two slots unused: successes do not grow a limit that is not used.
    const fewer = await holdRequests(limit, 4);
    for (let i = 0; i < 100; i++) limit.signal(ok);
    expect(limit.limit).toBe(6);
    await fewer.release();
    const all = await holdRequests(limit, 400);
    for (let i = 0; i < 200; i++) {
      limit.signal(ok);
      await tick();
    }
    expect(limit.limit).toBe(40);
    await all.release();
  });

  it("grows by one per limit's worth of successes after the first cut", async () => {
    const limit = new AdaptiveLimit({ initial: 6, max: 40 });
    limit.signal(tooMany);
    expect(limit.limit).toBe(3);
    const held = await holdRequests(limit, 3);
    for (let i = 0; i < 3; i++) limit.signal(ok);
    expect(limit.limit).toBe(3);
    limit.signal(ok);
    expect(limit.limit).toBe(4);
    await held.release();
  });

  it("halves on a 429 and ignores the 429s of requests already in flight at the cut", async () => {
    const limit = new AdaptiveLimit({ initial: 8, max: 8 });
    const held = await holdRequests(limit, 8);
    expect([limit.inFlight, limit.sending]).toEqual([8, 8]);
    limit.signal(tooMany);
    expect(limit.limit).toBe(4);
    limit.signal(tooMany);
    limit.signal(tooMany);
    expect(limit.limit).toBe(4);
    expect(limit.decreases).toBe(1);
    // Eight responses were owed to the requests in flight at the cut; the next one counts again.
    for (let i = 0; i < 6; i++) limit.signal(ok);
    await held.release();
    limit.signal(tooMany);
    expect(limit.limit).toBe(2);
    for (let i = 0; i < 10; i++) limit.signal(tooMany);
    expect(limit.limit).toBeGreaterThanOrEqual(1);
  });

  it("leaves a nearly spent budget to the pacer where the model's requests are paced", () => {
    const limit = new AdaptiveLimit({ initial: 10, max: 10 });
    limit.signal({ status: 200, remaining: 0, limit: 100 }, true);
    expect(limit.limit).toBe(10);
    limit.signal({ status: 429, remaining: 0, limit: 100 }, true);
    expect(limit.limit).toBe(5);
  });

  it("lets a task give its slot up for a wait and take one again ahead of tasks not started", async () => {
    const limit = new AdaptiveLimit({ initial: 1, max: 1 });
    const order: string[] = [];
    let wake!: () => void;
    const first = limit.run(async (slot) => {
      order.push("first starts");
      await slot.away(() => new Promise<void>((resolve) => (wake = resolve)));
      order.push("first resumes");
    });
    const second = limit.run(async () => {
      order.push("second starts");
      await new Promise((resolve) => setTimeout(resolve, 10));
      wake();
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push("second ends");
    });
    const third = limit.run(async () => {
      order.push("third starts");
    });
    await Promise.all([first, second, third]);
    expect(order).toEqual(["first starts", "second starts", "second ends", "first resumes", "third starts"]);
    expect(limit.inFlight).toBe(0);
  });

  it("frees the slot of a task whose wait rejects", async () => {
    const limit = new AdaptiveLimit({ initial: 1, max: 1 });
    await expect(limit.run((slot) => slot.away(() => Promise.reject(new Error("stopped"))))).rejects.toThrow("stopped");
    expect(limit.inFlight).toBe(0);
    expect(await limit.run(async () => 7)).toBe(7);
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
    const now = Date.parse("2026-12-02T10:00:00Z");
    expect(rateSignalOf(200, headers({ "x-ratelimit-remaining-requests": "7", "x-ratelimit-limit-requests": "500", "x-ratelimit-reset-requests": "6m0.5s" }))).toEqual({ status: 200, remaining: 7, limit: 500, resetMs: 360_500 });
    expect(rateSignalOf(200, headers({ "x-ratelimit-reset-requests": "120ms" })).resetMs).toBe(120);
    expect(rateSignalOf(200, headers({ "anthropic-ratelimit-requests-reset": "2026-12-02T10:00:03Z" }), now).resetMs).toBe(3000);
    expect(rateSignalOf(429, headers({ "retry-after": "2" })).retryAfterMs).toBe(2000);
    expect(rateSignalOf(429, headers({ "retry-after-ms": "250", "retry-after": "2" })).retryAfterMs).toBe(250);
    expect(rateSignalOf(429, headers({ "retry-after": "Wed, 02 Dec 2026 10:00:05 GMT" }), now).retryAfterMs).toBe(5000);
    expect(rateSignalOf(200, headers({ "x-ratelimit-reset-requests": "soon" }))).toEqual({ status: 200 });
  });

  it("refuses a ceiling below the start", () => {
    expect(() => new AdaptiveLimit({ initial: 4, max: 2 })).toThrow(/max must be an integer ≥ initial/);
  });
});
