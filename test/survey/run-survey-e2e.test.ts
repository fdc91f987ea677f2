/**
 * A user survey end to end through the real command line, without the paper's data: `survey
 * check`, then `run --survey` against a local wire-format server (the real OpenAI SDK talks to
 * it) for every steering × method the model supports, scored against the survey's own
 * distributions; a second run resumes and calls nothing.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { distalign } from "../helpers/cli";
import { type FakeRequest, type FakeServer, promptFormatReply, startFakeServer } from "../helpers/fake-server";
import { makeTempDir } from "../helpers/temp-dir";

/** Two ordinal questions and one nominal, three groups, counts (invented, illustrative). */
const SURVEY = `question_id,question,option,group,count,scale
bus,How satisfied are you with the bus service in your town?,Very satisfied,Urban,30,ordinal
bus,How satisfied are you with the bus service in your town?,Somewhat satisfied,Urban,50,ordinal
bus,How satisfied are you with the bus service in your town?,Not satisfied,Urban,20,ordinal
bus,How satisfied are you with the bus service in your town?,Very satisfied,Suburban,10,ordinal
bus,How satisfied are you with the bus service in your town?,Somewhat satisfied,Suburban,40,ordinal
bus,How satisfied are you with the bus service in your town?,Not satisfied,Suburban,50,ordinal
bus,How satisfied are you with the bus service in your town?,Very satisfied,Rural,5,ordinal
bus,How satisfied are you with the bus service in your town?,Somewhat satisfied,Rural,15,ordinal
bus,How satisfied are you with the bus service in your town?,Not satisfied,Rural,80,ordinal
roads,How satisfied are you with the roads in your town?,Very satisfied,Urban,20,ordinal
roads,How satisfied are you with the roads in your town?,Somewhat satisfied,Urban,30,ordinal
roads,How satisfied are you with the roads in your town?,Not satisfied,Urban,50,ordinal
roads,How satisfied are you with the roads in your town?,Very satisfied,Suburban,40,ordinal
roads,How satisfied are you with the roads in your town?,Somewhat satisfied,Suburban,40,ordinal
roads,How satisfied are you with the roads in your town?,Not satisfied,Suburban,20,ordinal
roads,How satisfied are you with the roads in your town?,Very satisfied,Rural,25,ordinal
roads,How satisfied are you with the roads in your town?,Somewhat satisfied,Rural,25,ordinal
roads,How satisfied are you with the roads in your town?,Not satisfied,Rural,50,ordinal
mode,How do you usually get to work?,Car,Urban,30,nominal
mode,How do you usually get to work?,Bus or train,Urban,45,nominal
mode,How do you usually get to work?,Bike or on foot,Urban,25,nominal
mode,How do you usually get to work?,Car,Suburban,70,nominal
mode,How do you usually get to work?,Bus or train,Suburban,20,nominal
mode,How do you usually get to work?,Bike or on foot,Suburban,10,nominal
mode,How do you usually get to work?,Car,Rural,90,nominal
mode,How do you usually get to work?,Bus or train,Rural,5,nominal
mode,How do you usually get to work?,Bike or on foot,Rural,5,nominal
`;

const MODEL = "openai/gpt-4o-mini";
const GROUPS = ["Urban", "Suburban", "Rural"];

let server: FakeServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

interface Line {
  id: string;
  status: string;
  meta: { dataset: string; steering: string; method: string; questionId: string; options: string[]; groups: { attribute: string; value: string }[]; fewShotIds?: string[] };
}

describe("a user survey end to end", () => {
  it("checks, runs every steering × method on a wire-format server, scores, and resumes without calls", async () => {
    const dir = makeTempDir();
    const file = join(dir, "commute.csv");
    writeFileSync(file, SURVEY);
    // No paper data: the environment names none.
    const env = { PATH: process.env.PATH ?? "", HOME: dir, OPENAI_API_KEY: "sk-test-survey-0123456789", DISTALIGN_CACHE_MODE: "read-write" };

    const check = await distalign(["survey", "check", file], env, { exactEnv: true });
    expect(check.status, check.stderr).toBe(0);
    expect(check.stdout).toContain("survey commute: 3 questions (2 ordinal, 1 nominal), 3 groups, 3 options per question");

    const requests: FakeRequest[] = [];
    server = await startFakeServer({ reply: (request) => (requests.push(request), promptFormatReply(request)) });
    const out = join(dir, "run");
    const args = [
      "run", "--survey", file, "--model", MODEL, "--steering", "none,persona,few-shot", "--method", "verbalize,sequence,logprobs",
      "--persona", "people who live in {group} areas",
      "--openai-base-url", server.openAiBaseUrl, "--out", out, "--cache-dir", join(dir, "cache"), "--progress", "none", "--iterations", "20",
    ];
    const first = await distalign(args, env, { exactEnv: true });
    expect(first.status, first.stderr).toBe(0);
    // No steering: 3 questions × 3 methods; persona and few-shot: × 3 groups each.
    const items = 3 * 3 + 2 * 3 * 3 * 3;
    expect(first.stdout).toContain(`plan: ${items} items`);
    expect(first.stdout).toContain("few-shot: 3 questions have fewer than 5 examples (commute)");
    expect(requests).toHaveLength(items);

    const lines = readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n").map((l) => JSON.parse(l) as Line);
    expect(lines).toHaveLength(items);
    expect(lines.every((l) => l.status === "ok" && l.meta.dataset === "commute")).toBe(true);
    for (const steering of ["none", "persona", "few-shot"]) for (const method of ["verbalize", "sequence", "logprobs"]) {
      expect(lines.filter((l) => l.meta.steering === steering && l.meta.method === method), `${steering} ${method}`).toHaveLength(steering === "none" ? 3 : 9);
    }
    const persona = lines.find((l) => l.meta.steering === "persona" && l.meta.questionId === "mode" && l.meta.groups[0]?.value === "Rural");
    expect(persona?.meta.groups).toEqual([{ attribute: "group", value: "Rural" }]);
    expect(persona?.meta.options).toEqual(["Car", "Bus or train", "Bike or on foot"]);
    expect(persona?.id).toMatch(/^openai\/gpt-4o-mini\|commute\|persona\|(verbalize|sequence|logprobs)\|group\/Rural\|h[0-9a-f]{12}\|0$/);
    const fewShot = lines.filter((l) => l.meta.steering === "few-shot");
    for (const l of fewShot) {
      expect(l.meta.fewShotIds).toHaveLength(2);
      expect(l.meta.fewShotIds).not.toContain(l.meta.questionId);
    }

    // The prompts: options lettered in the survey's order, the persona template, few-shot with the group's real shares.
    const prompts = requests.map((r) => r.promptKey);
    expect(prompts.some((p) => p.startsWith("Simulate the answers of people who live in Rural areas to the multiple-choice question at the end"))).toBe(true);
    expect(prompts.some((p) => p.endsWith("Question: How do you usually get to work?\n'A'. Car\n'B'. Bus or train\n'C'. Bike or on foot\nPlease answer this question for the group \"Rural\".\nAnswer:"))).toBe(true);
    expect(prompts.some((p) => p.includes("Context: Let the probability that a Rural responds to the following question with 'Very satisfied' be 5%, with 'Somewhat satisfied' be 15%, with 'Not satisfied' be 80%."))).toBe(true);
    for (const group of GROUPS) expect(prompts.filter((p) => p.includes(`for the group "${group}"`))).toHaveLength(18);

    // Scored against the survey's distributions. The server's Verbalize answer over three options
    // is {A: 34%, B: 33%, C: 33%}; its TV from each question × group's counts / 100, by hand:
    // bus .17 .24 .47, roads .17 .13 .17, mode .12 .36 .56 (Urban, Suburban, Rural): mean 2.39 / 9.
    const verbalize = (stdout: string, steering: string) => Number(stdout.match(new RegExp(`openai/gpt-4o-mini\\s+V\\s+${steering.replace("+", "\\+")}\\s+([0-9.]+)`))?.[1]);
    expect(verbalize(first.stdout, "persona+few-shot")).toBeCloseTo(2.39 / 9, 4);
    expect(verbalize(first.stdout, "none")).toBeCloseTo(2.39 / 9, 4);
    expect(first.stdout).not.toContain("nothing to score");

    const second = await distalign(args, env, { exactEnv: true });
    expect(second.status, second.stderr).toBe(0);
    expect(requests).toHaveLength(items);
    expect(readFileSync(join(out, "results.jsonl"), "utf8").trim().split("\n")).toHaveLength(items);

    // `score DIR` rebuilds the grid from run.json, survey included.
    const score = await distalign(["score", out, "--iterations", "20"], env, { exactEnv: true });
    expect(score.status, score.stderr).toBe(0);
    expect(score.stdout).not.toContain("nothing to score");
    expect(verbalize(score.stdout, "persona+few-shot")).toBeCloseTo(2.39 / 9, 4);
  }, 120_000);

  it("refuses --persona without {group}, and a survey file named after a paper dataset, in one line", async () => {
    const dir = makeTempDir();
    const file = join(dir, "commute.csv");
    writeFileSync(file, SURVEY);
    const env = { PATH: process.env.PATH ?? "", HOME: dir };
    const bad = await distalign(["run", "--survey", file, "--model", MODEL, "--persona", "commuters", "--dry-run"], env, { exactEnv: true });
    expect(bad.status).not.toBe(0);
    expect(bad.stderr.trim()).toBe('distalign: --persona: the persona template must contain {group} (got "commuters")');
    const paperName = join(dir, "nytimes.csv");
    writeFileSync(paperName, SURVEY);
    const named = await distalign(["survey", "check", paperName], env, { exactEnv: true });
    expect(named.status).toBe(1);
    expect(named.stderr.trim().split("\n")).toEqual([`distalign: ${paperName}: survey name "nytimes" is a paper dataset's (opinionqa, nytimes, globalvalues); rename the file`]);
  }, 60_000);
});
