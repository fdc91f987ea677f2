import { EventEmitter } from "node:events";
import { describe, expect, it } from "vitest";
import { handleInterrupts } from "../../src/runner/interrupt";
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
});
