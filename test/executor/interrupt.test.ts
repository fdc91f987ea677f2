import { EventEmitter } from "node:events";
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { handleInterrupts } from "../../src/executor/interrupt";
import { createProgress } from "../../src/executor/progress";
import { writeSafely } from "../../src/executor/safe-write";
import { captureStream } from "../helpers/capture-stream";

describe("handleInterrupts", () => {
  it("stops launching on the first interrupt, aborts on the second, and cleans up", () => {
    const source = new EventEmitter();
    const output = captureStream();
    const handle = handleInterrupts(output, source);
    expect(source.listenerCount("SIGINT")).toBe(1);
    source.emit("SIGINT", "SIGINT");
    expect([handle.stopSignal.aborted, handle.signal.aborted]).toEqual([true, false]);
    source.emit("SIGTERM", "SIGTERM");
    expect(handle.signal.aborted).toBe(true);
    expect(output.text()).toMatch(/SIGINT: no new items; finishing those in flight[\s\S]*SIGTERM: aborting in-flight items/);
    handle.dispose();
    expect(source.listenerCount("SIGINT") + source.listenerCount("SIGTERM")).toBe(0);
  });

  it("a closed stderr (EPIPE) loses the notices, not the process: the signals still work", async () => {
    const source = new EventEmitter();
    const closed = new Writable({ write: (_chunk, _encoding, callback) => callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" })) });
    const handle = handleInterrupts(closed, source);
    source.emit("SIGINT", "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 10)); // the stream's error event comes later
    source.emit("SIGINT", "SIGINT");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect([handle.stopSignal.aborted, handle.signal.aborted]).toEqual([true, true]);
    handle.dispose();
  });
});

describe("progress output to a closed stream", () => {
  it.each(["lines", "bar"] as const)("%s: every write after EPIPE is skipped, none throws", async (mode) => {
    let writes = 0;
    const closed = Object.assign(
      new Writable({
        write: (_chunk, _encoding, callback) => {
          writes += 1;
          callback(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }));
        },
      }),
      { isTTY: mode === "bar", columns: 80 },
    );
    const progress = createProgress(mode, closed);
    progress.start(10);
    await new Promise((resolve) => setTimeout(resolve, 10));
    for (let done = 1; done <= 10; done += 1) progress.update({ done, total: 10, failed: 0, cached: 0, costUsd: 0 });
    progress.interrupt("a line");
    progress.stop({ done: 10, total: 10, failed: 0, cached: 0, costUsd: 0 });
    writeSafely(closed, "after\n");
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(writes).toBeGreaterThanOrEqual(1);
  });

  it("other stream errors are not hidden", () => {
    const broken = new Writable({ write: (_chunk, _encoding, callback) => callback() });
    const listeners: ((error: unknown) => void)[] = [];
    const on = broken.on.bind(broken);
    broken.on = ((event: string, listener: (error: unknown) => void) => {
      if (event === "error") listeners.push(listener);
      return on(event, listener);
    }) as typeof broken.on;
    writeSafely(broken, "x\n");
    expect(listeners).toHaveLength(1);
    expect(() => listeners[0]?.(Object.assign(new Error("disk on fire"), { code: "EIO" }))).toThrow("disk on fire");
    expect(() => listeners[0]?.(Object.assign(new Error("write EPIPE"), { code: "EPIPE" }))).not.toThrow();
  });
});
