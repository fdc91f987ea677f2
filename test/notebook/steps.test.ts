import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { NotebookStop } from "../../src/notebook/guard";
import { notebookSteps } from "../../src/notebook/steps";

function caught(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe("notebookSteps", () => {
  it("hands a kept value to a later cell", () => {
    const steps = notebookSteps({ data: "Load the data", scores: "Score" });
    const value = { n: 3 };
    expect(steps.keep("data", value)).toBe(value);
    expect(steps.from("data")).toBe(value);
    expect(steps.has("data")).toBe(true);
    expect(steps.has("scores")).toBe(false);
    steps.keep("data", 4);
    expect(steps.from("data")).toBe(4);
  });

  it("stops a cell run before the one that keeps its input with one line naming that cell", () => {
    const steps = notebookSteps({ data: "Load the data", scores: "2. Score each item" });
    steps.keep("data", 1);
    const error = caught(() => steps.from("scores"));
    expect(error).toBeInstanceOf(NotebookStop);
    expect(inspect(error)).toBe("run the cells above first (from '2. Score each item')");
  });

  it("keeps undefined as a value, not as nothing", () => {
    const steps = notebookSteps({ maybe: "Maybe" });
    steps.keep("maybe", undefined);
    expect(steps.from("maybe")).toBeUndefined();
  });

  it("refuses keys it was not told about and titles that are empty", () => {
    const steps = notebookSteps({ data: "Load the data" });
    expect(() => steps.keep("other" as "data", 1)).toThrow('notebookSteps: unknown key "other" (declared: data)');
    expect(() => notebookSteps({ data: " " })).toThrow('notebookSteps: key "data" needs the title of the cell that keeps it');
  });
});
