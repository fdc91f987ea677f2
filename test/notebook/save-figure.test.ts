import { chmodSync, existsSync, readFileSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { inspect } from "node:util";
import { afterEach, describe, expect, it, vi } from "vitest";
import { browserExecutable } from "../../src/config";
import { renderStaleImages } from "../../src/notebook/figure-images";
import { saveFigure } from "../../src/notebook/save-figure";
import { makeTempDir } from "../helpers/temp-dir";

const FIGURE = {
  data: [{ type: "scatter", mode: "lines+markers", x: [1, 2, 3], y: [0.3, 0.1, 0.2] }],
  layout: { title: { text: "three points" }, width: 400, height: 300 },
};
const hasBrowser = browserExecutable() !== undefined;

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("saveFigure", () => {
  it("writes the plotly JSON, with the image size, and a standalone HTML page", async () => {
    const dir = makeTempDir();
    const saved = await saveFigure(FIGURE, "three", { dir, formats: ["json", "html"], scale: 3 });
    expect(saved).toEqual({ json: join(dir, "three.json"), html: join(dir, "three.html"), notes: [] });
    expect(JSON.parse(readFileSync(join(dir, "three.json"), "utf8"))).toEqual({
      ...FIGURE,
      config: {
        responsive: true,
        displaylogo: false,
        toImageButtonOptions: { filename: "three", width: 400, height: 300, scale: 3 },
      },
    });
    expect(readFileSync(join(dir, "three.html"), "utf8")).toContain("<title>three points</title>");
    expect(inspect(saved)).toMatch(/^saved .*three\.json, .*three\.html$/);
  });

  it("leaves images to the end of the run when DISTALIGN_FIGURE_IMAGES=defer", async () => {
    vi.stubEnv("DISTALIGN_FIGURE_IMAGES", "defer");
    const dir = makeTempDir();
    const saved = await saveFigure(FIGURE, "later", { dir, formats: ["svg", "png"] });
    expect(saved.json).toBe(join(dir, "later.json"));
    expect(saved.notes).toEqual(["saveFigure: svg and png of later deferred to the end of the run"]);
    expect(existsSync(join(dir, "later.svg"))).toBe(false);
  });

  it("notes, without failing, that a browser that cannot start wrote no images", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => undefined);
    const dir = makeTempDir();
    const fake = join(dir, "not-a-browser");
    writeFileSync(fake, "#!/bin/sh\nexit 1\n");
    chmodSync(fake, 0o755);
    const saved = await saveFigure(FIGURE, "nobrowser", { dir, browser: fake });
    expect(saved.html).toBe(join(dir, "nobrowser.html"));
    expect(saved.png).toBeUndefined();
    expect(saved.notes[0]).toMatch(/^saveFigure: the browser did not start \(.+\); svg and png of nobrowser not written$/);
    expect(warn).toHaveBeenCalledWith(saved.notes[0]);
  });

  it("rejects names with a path or an extension", async () => {
    await expect(saveFigure(FIGURE, "../up")).rejects.toThrow(RangeError);
    await expect(saveFigure(FIGURE, "fig2.png")).rejects.toThrow('saveFigure: name must be a file name without extension ("fig2.png")');
  });
});

describe.skipIf(!hasBrowser)("figure images in headless Chromium", () => {
  it("renders stale SVG and PNG files from saved JSON, and only stale ones", async () => {
    vi.stubEnv("DISTALIGN_FIGURE_IMAGES", "defer");
    const dir = makeTempDir();
    await saveFigure(FIGURE, "three", { dir, formats: ["json", "svg", "png"], scale: 1 });
    const first = await renderStaleImages(dir);
    expect(first).toEqual({ written: [join(dir, "three.svg"), join(dir, "three.png")], failed: [] });
    const svg = readFileSync(join(dir, "three.svg"), "utf8");
    expect(svg).toMatch(/^<svg[^>]* width="400" height="300"/);
    expect(svg).toContain("three points");
    const png = readFileSync(join(dir, "three.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([400, 300]);

    expect(await renderStaleImages(dir)).toEqual({ written: [], failed: [] });
    const earlier = statSync(join(dir, "three.json")).mtime.getTime() / 1000 - 10;
    utimesSync(join(dir, "three.png"), earlier, earlier);
    expect((await renderStaleImages(dir)).written).toHaveLength(2);

    writeFileSync(join(dir, "broken.json"), "{ not json");
    const broken = await renderStaleImages(dir);
    expect(broken.written).toEqual([]);
    expect(broken.failed).toEqual([expect.stringMatching(/broken\.json: .*JSON/)]);
  }, 120_000);
});

describe("browserExecutable", () => {
  it("takes a path as given and looks a name up on PATH", () => {
    const dir = makeTempDir();
    writeFileSync(join(dir, "chromium"), "");
    writeFileSync(join(dir, "my-chrome"), "");
    vi.stubEnv("PATH", `/nonexistent:${dir}`);
    vi.stubEnv("DISTALIGN_BROWSER", "");
    expect(browserExecutable()).toBe(join(dir, "chromium"));
    vi.stubEnv("DISTALIGN_BROWSER", "my-chrome");
    expect(browserExecutable()).toBe(join(dir, "my-chrome"));
    expect(browserExecutable("/opt/chrome/chrome")).toBe("/opt/chrome/chrome");
    vi.stubEnv("PATH", "/nonexistent");
    vi.stubEnv("DISTALIGN_BROWSER", "");
    expect(browserExecutable()).toBeUndefined();
  });
});
