import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseSha256Sums, sha256Hex } from "../../src/data/checksums";
import { needsPseudonymisation, pseudonym, pseudonymiseText } from "../../src/data/pseudonymise";
import { testDataDir } from "../helpers/data-dir";

const PROLIFIC = "5f1a2b3c4d5e6f7a8b9c0d1e";

const EXPORT = [
  "StartDate,IPAddress,LocationLatitude,LocationLongitude,RecipientEmail,Q84,1_Q138,Comment",
  'Start Date,IP Address,Latitude,Longitude,Email,Prolific ID,"Book, question",Comment',
  ["startDate", "ipAddress", "lat", "long", "email", "QID84", "QID1", "QID9"].map((id) => `"{""ImportId"":""${id}""}"`).join(","),
  `2024-05-27,203.0.113.7,47.6,-122.3,someone@example.org,${PROLIFIC},3: Somewhat likely,"my friend ${PROLIFIC.toUpperCase()} said ""hi"""`,
  "",
].join("\n");

describe("pseudonym", () => {
  it("follows the data README's recipe", () => {
    expect(pseudonym(` ${PROLIFIC.toUpperCase()}@email.prolific.com `)).toBe(`p_${sha256Hex(`distalign:${PROLIFIC}`).slice(0, 12)}`);
  });
});

describe("pseudonymiseText", () => {
  it("blanks identifying columns and replaces Prolific ids everywhere, keeping other fields", () => {
    const out = pseudonymiseText("results/human_annotations/x.csv", EXPORT);
    const lines = out.split("\n");
    expect(lines.slice(0, 3)).toEqual(EXPORT.split("\n").slice(0, 3));
    expect(lines[3]).toBe(`2024-05-27,,,,,${pseudonym(PROLIFIC)},3: Somewhat likely,"my friend ${pseudonym(PROLIFIC)} said ""hi"""`);
    expect(out).not.toContain("203.0.113.7");
    expect(out).not.toContain(PROLIFIC);
  });

  it("replaces ids in JSON", () => {
    expect(pseudonymiseText("nytimes/individual_annotations/a.json", `{"${PROLIFIC}": [1, 2]}`)).toBe(`{"${pseudonym(PROLIFIC)}": [1, 2]}`);
  });

  it("is idempotent: the pseudonymised copies of the data folder come back byte for byte", () => {
    const dataDir = testDataDir();
    const files = parseSha256Sums(readFileSync(join(dataDir, "SHA256SUMS"), "utf8")).filter((f) => needsPseudonymisation(f.path));
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const file of files) {
      const text = readFileSync(join(dataDir, file.path), "utf8");
      expect(sha256Hex(pseudonymiseText(file.path, text)), file.path).toBe(file.sha256Pseudonymised ?? file.sha256);
    }
  });
});
