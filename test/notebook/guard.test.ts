import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { DataError } from "../../src/errors";
import { displayBundle, inKernel } from "../../src/notebook/display";
import { NotebookStop, stopOnError } from "../../src/notebook/guard";
import { setupNotebook } from "../../src/notebook/setup";

const MESSAGE = "no benchmark data directory: set DISTALIGN_DATA_DIR to a copy of the paper's repository";

afterEach(() => {
  vi.restoreAllMocks();
});

describe("stopOnError", () => {
  it("turns a DistalignError into a NotebookStop that prints as its message alone", () => {
    const cause = new DataError(MESSAGE);
    let caught: unknown;
    try {
      stopOnError(() => {
        throw cause;
      });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(NotebookStop);
    expect((caught as NotebookStop).cause).toBe(cause);
    expect(inspect(caught)).toBe(MESSAGE);
  });

  it("leaves programming errors with their stack trace", () => {
    expect(() =>
      stopOnError(() => {
        throw new TypeError("bug");
      }),
    ).toThrow(TypeError);
  });

  it("returns the action's value and converts asynchronous failures too", async () => {
    expect(stopOnError(() => 42)).toBe(42);
    await expect(stopOnError(async () => 7)).resolves.toBe(7);
    const failing = stopOnError(async () => {
      throw new DataError(MESSAGE);
    });
    await expect(failing).rejects.toBeInstanceOf(NotebookStop);
  });
});

describe("setupNotebook", () => {
  it("stops at a failing check before loading plotly.js", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(() =>
      setupNotebook(() => {
        throw new DataError(MESSAGE);
      }),
    ).toThrow(NotebookStop);
    expect(write).not.toHaveBeenCalled();
  });

  it("refuses asynchronous checks, which it could not wait for", () => {
    expect(() => setupNotebook(async () => undefined)).toThrow("setupNotebook: a check returned a promise");
  });

  it("outside a kernel prints the text form of its output", () => {
    const write = vi.spyOn(process.stdout, "write").mockImplementation(() => true);
    expect(inKernel()).toBe(false);
    setupNotebook(() => undefined);
    expect(write).toHaveBeenCalledWith(expect.stringMatching(/^plotly\.js 3\.\d+\.\d+ loaded for interactive figures\n$/));
    displayBundle({ "text/plain": "plain", "text/html": "<b>rich</b>" });
    expect(write).toHaveBeenLastCalledWith("plain\n");
  });
});
