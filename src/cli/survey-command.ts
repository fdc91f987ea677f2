/** `distalign survey check FILE`: validates a survey file and summarises what it holds. */
import type { Command } from "commander";
import { formatSurveySummary, loadSurvey, surveySummary } from "../offline";

/** Registers `survey check`. */
export function registerSurveyCommand(program: Command): void {
  const survey = program.command("survey").description("your own survey files");
  survey
    .command("check")
    .description("validate a survey file (.csv or .json) and summarise its questions, groups, options and respondents")
    .argument("<file>", "the survey file")
    .action((file: string) => {
      process.stdout.write(`${formatSurveySummary(surveySummary(loadSurvey(file)))}\n`);
    });
}
