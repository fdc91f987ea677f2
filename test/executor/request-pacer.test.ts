import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { RequestPacer } from "../../src/executor/request-pacer";

describe("RequestPacer", () => {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "Date"] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  const make = () => new RequestPacer({ now: () => Date.now() });
  /** Takes `count` turns and counts how many have been granted so far. */
  function takeMany(pacer: RequestPacer, count: number) {
    let granted = 0;
    const turns = Array.from({ length: count }, () => pacer.take().then((release) => (granted += 1, release)));
    return { granted: () => granted, turns };
  }

  it("sends one probe until the model's first response, then lets requests go unpaced without rate headers", async () => {
    const pacer = make();
    const turns = takeMany(pacer, 3);
    await vi.advanceTimersByTimeAsync(0);
    expect(turns.granted()).toBe(1);
    pacer.observe({ status: 200 });
    await vi.advanceTimersByTimeAsync(0);
    expect(turns.granted()).toBe(3);
    expect(pacer.paced).toBe(false);
  });

  it("sends the next probe when a probe ends without any response", async () => {
    const pacer = make();
    const turns = takeMany(pacer, 2);
    await vi.advanceTimersByTimeAsync(0);
    expect(turns.granted()).toBe(1);
    (await turns.turns[0]!)();
    await vi.advanceTimersByTimeAsync(0);
    expect(turns.granted()).toBe(2);
  });

  it("paces at the refill rate the headers give, keeping one request in hand", async () => {
    const pacer = make();
    const probe = await pacer.take();
    // 10 requests per window, 9 left, full again in 100 ms: one request per 100 ms.
    pacer.observe({ status: 200, limit: 10, remaining: 9, resetMs: 100, elapsedMs: 0 });
    probe();
    expect(pacer.paced).toBe(true);
    const turns = takeMany(pacer, 30);
    await vi.advanceTimersByTimeAsync(0);
    expect(turns.granted()).toBe(8);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(turns.granted()).toBe(18);
    // All but three answered; a response of one of those three says 6 were left, 20 ms ago.
    const released = await Promise.all(turns.turns.slice(0, 18));
    for (const release of released.slice(0, 15)) release();
    pacer.observe({ status: 200, limit: 10, remaining: 6, resetMs: 400, elapsedMs: 20 });
    await vi.advanceTimersByTimeAsync(0);
    // 6 + 0.2 − 2 others in flight = 4.2 in hand: three more go now (one kept in hand), the next
    // once 0.8 more has refilled (80 ms).
    expect(turns.granted()).toBe(21);
    await vi.advanceTimersByTimeAsync(79);
    expect(turns.granted()).toBe(21);
    await vi.advanceTimersByTimeAsync(2);
    expect(turns.granted()).toBe(22);
  });

  it("holds every request back for a 429's retry-after", async () => {
    const pacer = make();
    (await pacer.take())();
    pacer.observe({ status: 429, retryAfterMs: 500, elapsedMs: 0 });
    const turns = takeMany(pacer, 2);
    await vi.advanceTimersByTimeAsync(499);
    expect(turns.granted()).toBe(0);
    await vi.advanceTimersByTimeAsync(2);
    expect(turns.granted()).toBe(2);
  });

  it("rejects a waiting turn when its signal aborts, and serves the others", async () => {
    const pacer = make();
    const probe = await pacer.take();
    const abort = new AbortController();
    const waiting = pacer.take(abort.signal);
    const next = takeMany(pacer, 1);
    abort.abort(new Error("stop"));
    await expect(waiting).rejects.toThrow("stop");
    expect(pacer.waiting).toBe(1);
    probe();
    await vi.advanceTimersByTimeAsync(0);
    expect(next.granted()).toBe(1);
  });
});
