/**
 * `distalign survey check` through the real command line: the shipped example passes with its
 * summary, and each malformed file stops with exactly one line naming the file, the line (or
 * JSON key) and the problem, and exit code 1.
 */
import { execFile } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { makeTempDir } from "../helpers/temp-dir";

const REPO = join(__dirname, "..", "..");
const BIN = join(REPO, "bin", "distalign.cjs");
const EXAMPLE = join(REPO, "data", "surveys", "example-survey.csv");

async function check(file: string): Promise<{ status: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [BIN, "survey", "check", file], { encoding: "utf8" });
    return { status: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { status: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

/** The example's lines; line k of the file is `lines[k - 1]` (line 1 is the header). */
const lines = readFileSync(EXAMPLE, "utf8").trimEnd().split("\n");
const header = lines[0] as string;
const rows = lines.slice(1);
/** The example with line `k` replaced (undefined: removed). */
function withLine(k: number, text: string | undefined): string {
  const out = [...lines];
  if (text === undefined) out.splice(k - 1, 1);
  else out[k - 1] = text;
  return `${out.join("\n")}\n`;
}
/** A field of line k set to a value: columns question_id,question,option,group,count,n,scale. */
function setField(k: number, column: number, value: string): string {
  const fields = (lines[k - 1] as string).split(",");
  fields[column] = value;
  return withLine(k, fields.join(","));
}

/** Lines 2–5: commute × Urban (4 options, n 230); 6–9 Suburban; 10–13 Rural; 14 is the next question. */
const SHARES = [
  "question_id,question,option,group,share",
  "q1,Q one?,Yes,A,0.5",
  "q1,Q one?,No,A,0.5",
  "q1,Q one?,Yes,B,0.3",
  "q1,Q one?,No,B,0.6",
];
const PERCENT = ["question_id,question,option,group,share", "q1,Q one?,Yes,A,40", "q1,Q one?,No,A,60", "q1,Q one?,Yes,B,40", "q1,Q one?,No,B,50"];

interface Malformed {
  readonly name: string;
  readonly content: string | Buffer;
  readonly ext?: string;
  /** The line number the message must name (undefined: a key path or none). */
  readonly line?: number;
  readonly problem: RegExp;
}

const CORPUS: readonly Malformed[] = [
  { name: "empty file", content: "", line: 1, problem: /empty file/ },
  { name: "only blank lines", content: "\n\n  \n", line: 1, problem: /empty file/ },
  { name: "header only", content: `${header}\n`, line: 1, problem: /no data rows/ },
  { name: "missing column", content: `${lines.map((l) => l.split(",").filter((_, i) => i !== 3).join(",")).join("\n")}\n`, line: 1, problem: /missing column "group"/ },
  { name: "header problem before field counts", content: withLine(1, "question_id,question,option,count,n,scale"), line: 1, problem: /missing column "group"/ },
  { name: "unknown column", content: withLine(1, header.replace("scale", "weight")), line: 1, problem: /unknown column "weight"/ },
  { name: "column twice", content: withLine(1, header.replace("scale", "n")), line: 1, problem: /column "n" given twice/ },
  { name: "both count and share", content: withLine(1, header.replace("scale", "share")), line: 1, problem: /both count and share/ },
  { name: "neither count nor share", content: withLine(1, header.replace("count", "value")), line: 1, problem: /unknown column "value"/ },
  { name: "neither count nor share (no column)", content: "question_id,question,option,group\nq1,Q?,Yes,A\n", line: 1, problem: /neither a count nor a share column/ },
  { name: "wrong field count", content: withLine(7, `${lines[6]},extra`), line: 7, problem: /8 fields where the header has 7/ },
  { name: "unclosed quote", content: withLine(9, (lines[8] as string).replace("commute,", 'commute,"')), line: 9, problem: /a quoted field starts here and is never closed/ },
  { name: "negative count", content: setField(4, 4, "-3"), line: 4, problem: /negative count \(-3\)/ },
  { name: "non-numeric count", content: setField(5, 4, "lots"), line: 5, problem: /count is not a number \("lots"\)/ },
  { name: "empty count", content: setField(5, 4, ""), line: 5, problem: /empty count/ },
  { name: "empty group", content: setField(3, 3, ""), line: 3, problem: /empty group/ },
  { name: "duplicate row", content: withLine(6, lines[4]), line: 6, problem: /duplicate row: question commute, group Urban, option "Over an hour" \(first on line 5\)/ },
  { name: "option missing for one group", content: withLine(8, undefined), line: 6, problem: /question commute, group Suburban: no row for option "31 to 60 minutes" .*write 0/ },
  { name: "group missing for a question", content: `${[header, ...rows.filter((r) => !(r.startsWith("parks,") && r.includes(",Rural,")))].join("\n")}\n`, line: 26, problem: /question parks: no rows for group Rural/ },
  {
    name: "a group with no counts",
    content: [2, 3, 4, 5].reduce((text, k) => text.replace(lines[k - 1] as string, (lines[k - 1] as string).replace(/,\d+,230,/, ",0,230,")), readFileSync(EXAMPLE, "utf8")),
    line: 2,
    problem: /question commute, group Urban: every count is 0 \(the group has no answers\)/,
  },
  { name: "question text differs", content: withLine(12, (lines[11] as string).replace("usual trip", "usual journey")), line: 12, problem: /question commute: text differs from line 2/ },
  { name: "scale differs", content: setField(10, 6, "nominal"), line: 10, problem: /question commute: scale "nominal" differs from "ordinal" on line 2/ },
  { name: "unknown scale", content: setField(10, 6, "interval"), line: 10, problem: /unknown scale "interval"/ },
  { name: "n differs within a group", content: setField(3, 5, "231"), line: 3, problem: /n 231 differs from 230 on line 2/ },
  { name: "n differs from the counts", content: [2, 3, 4, 5].reduce((text, k) => text.replace(lines[k - 1] as string, (lines[k - 1] as string).replace(",230,", ",231,")), readFileSync(EXAMPLE, "utf8")), line: 2, problem: /n 231 differs from the sum of its counts \(230\)/ },
  { name: "n not an integer", content: setField(2, 5, "2.5"), line: 2, problem: /n is not a positive integer \("2\.5"\)/ },
  { name: "a question with one option", content: "question_id,question,option,group,count\nq1,Q one?,Yes,A,3\nq1,Q one?,Yes,B,4\n", line: 2, problem: /question q1: 1 option \(at least 2 needed\)/ },
  { name: "shares not summing to 1", content: `${SHARES.join("\n")}\n`, line: 4, problem: /shares sum to 0\.9, not 1 \(fractions \(summing to 1\), as detected from line 2\)/ },
  { name: "shares not summing to 100", content: `${PERCENT.join("\n")}\n`, line: 4, problem: /shares sum to 90, not 100 \(percentages \(summing to 100\), as detected from line 2\)/ },
  {
    name: "not UTF-8",
    content: Buffer.concat([Buffer.from(`${lines.slice(0, 10).join("\n")}\n`), Buffer.from("news,Caf\xe9 talk?,Yes,Urban,3,3,nominal\n", "latin1")]),
    line: 11,
    problem: /not UTF-8 text/,
  },
  { name: "JSON: shares not summing", ext: "json", content: JSON.stringify({ groups: [{ id: "A" }], questions: [{ id: "q", text: "Q?", options: ["x", "y"], answers: { A: { share: [0.2, 0.2] } } }] }), problem: /: questions\[0\]\.answers\.A\.share: shares sum to 0\.4, not 1/ },
  { name: "JSON: a value missing for an option", ext: "json", content: JSON.stringify({ groups: [{ id: "A" }], questions: [{ id: "q", text: "Q?", options: ["x", "y"], answers: { A: { count: [3] } } }] }), problem: /: questions\[0\]\.answers\.A\.count: 1 values for 2 options/ },
  { name: "JSON: not JSON", ext: "json", content: "{ groups: [", problem: /: \(top level\): not valid JSON/ },
  { name: "unknown file type", ext: "txt", content: "question_id\n", problem: /unknown survey file type "\.txt"/ },
];

describe("distalign survey check", () => {
  it("accepts the shipped example and summarises it in a few lines", async () => {
    const run = await check(EXAMPLE);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(
      [
        "survey example-survey: 8 questions (5 ordinal, 3 nominal), 3 groups, 3–5 options per question",
        "groups: Urban, Suburban, Rural",
        "respondents per group: Urban 230, Suburban 240, Rural 210",
        "neighbours: none given",
        "",
      ].join("\n"),
    );
  });

  it("accepts percentages, and the same survey as JSON", async () => {
    const dir = makeTempDir();
    const csv = join(dir, "small.csv");
    writeFileSync(csv, "question_id,question,option,group,share,n\nq1,Q one?,Yes,A,40,10\nq1,Q one?,No,A,60,10\nq1,Q one?,Yes,B,45.5,\nq1,Q one?,No,B,54.5,\n");
    const fromCsv = await check(csv);
    expect(fromCsv.stderr).toBe("");
    expect(fromCsv.stdout).toMatch(/^survey small: 1 questions \(0 ordinal, 1 nominal\), 2 groups, 2 options per question\n.*\nrespondents per group: A 10 \(given for 1 of 2 question × group cells\)\n/);
    const json = join(dir, "small.json");
    writeFileSync(json, JSON.stringify({ name: "small", groups: [{ id: "A" }, { id: "B" }], questions: [{ id: "q1", text: "Q one?", options: ["Yes", "No"], answers: { A: { share: [40, 60], n: 10 }, B: { share: [45.5, 54.5] } } }] }));
    const fromJson = await check(json);
    expect(fromJson.stderr).toBe("");
    expect(fromJson.stdout).toBe(fromCsv.stdout);
  });

  it("reports a missing file in one line", async () => {
    const file = join(makeTempDir(), "absent.csv");
    const run = await check(file);
    expect(run.stderr).toBe(`distalign: ${file}: file not found\n`);
    expect(run.status).toBe(1);
  });

  it.each(CORPUS.map((c) => [c.name, c] as const))("%s: one line naming the line and the problem", async (_name, c) => {
    const file = join(makeTempDir(), `bad.${c.ext ?? "csv"}`);
    writeFileSync(file, c.content);
    const run = await check(file);
    expect(run.stdout).toBe("");
    expect(run.stderr.split("\n").filter((l) => l !== ""), run.stderr).toHaveLength(1);
    const where = c.line === undefined ? `${file}` : `${file}:${c.line}: `;
    expect(run.stderr.startsWith(`distalign: ${where}`), run.stderr).toBe(true);
    expect(run.stderr).toMatch(c.problem);
    expect(run.status).toBe(1);
  });
});
