/** What a survey holds, as a record and as a few lines of text (`distalign survey check`). */
import type { Survey } from "./types";

/** Respondents of one group over the questions it answered. */
export interface GroupRespondents {
  readonly group: string;
  /** Questions the group answered. */
  readonly questions: number;
  /** Smallest and largest respondent count over those questions; undefined when none is known. */
  readonly min?: number;
  readonly max?: number;
}

/** The counts `survey check` reports. */
export interface SurveySummary {
  readonly name: string;
  readonly questions: number;
  readonly ordinal: number;
  readonly nominal: number;
  readonly groups: readonly string[];
  /** Fewest and most options of a question. */
  readonly options: { readonly min: number; readonly max: number };
  /** Fewest and most groups answering a question. */
  readonly groupsPerQuestion: { readonly min: number; readonly max: number };
  /** Question × group cells, and how many give their respondents. */
  readonly cells: number;
  readonly cellsWithRespondents: number;
  readonly respondents: readonly GroupRespondents[];
  /** Questions with a neighbour list. */
  readonly withNeighbours: number;
}

function range(values: readonly number[]): { min: number; max: number } {
  return { min: Math.min(...values), max: Math.max(...values) };
}

/** Counts what a survey holds. */
export function surveySummary(survey: Survey): SurveySummary {
  let cells = 0;
  let cellsWithRespondents = 0;
  const respondents = survey.groups.map((g) => {
    const ns: number[] = [];
    let questions = 0;
    for (const q of survey.questions) {
      const a = survey.answers.get(q.id)?.get(g.id);
      if (a === undefined) continue;
      questions++;
      cells++;
      if (a.n !== undefined) {
        cellsWithRespondents++;
        ns.push(a.n);
      }
    }
    return { group: g.id, questions, ...(ns.length === 0 ? {} : range(ns)) };
  });
  return {
    name: survey.name,
    questions: survey.questions.length,
    ordinal: survey.questions.filter((q) => q.scale === "ordinal").length,
    nominal: survey.questions.filter((q) => q.scale === "nominal").length,
    groups: survey.groups.map((g) => g.id),
    options: range(survey.questions.map((q) => q.options.length)),
    groupsPerQuestion: range(survey.questions.map((q) => q.groups.length)),
    cells,
    cellsWithRespondents,
    respondents,
    withNeighbours: survey.questions.filter((q) => (survey.neighbours?.get(q.id)?.length ?? 0) > 0).length,
  };
}

/** Groups listed by name before the rest are only counted. */
const LISTED_GROUPS = 8;

function span(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

/** The summary as a few lines of text, without a trailing newline. */
export function formatSurveySummary(s: SurveySummary): string {
  const listed = s.groups.slice(0, LISTED_GROUPS).join(", ") + (s.groups.length > LISTED_GROUPS ? `, … (${s.groups.length - LISTED_GROUPS} more)` : "");
  const lines = [
    `survey ${s.name}: ${s.questions} questions (${s.ordinal} ordinal, ${s.nominal} nominal), ${s.groups.length} groups, ${span(s.options)} options per question`,
    `groups: ${listed}${s.groupsPerQuestion.min === s.groups.length && s.groupsPerQuestion.max === s.groups.length ? "" : ` (${span(s.groupsPerQuestion)} per question)`}`,
  ];
  if (s.cellsWithRespondents === 0) lines.push("respondents: not given");
  else {
    const known = s.respondents.filter((r) => r.min !== undefined && r.max !== undefined);
    const shown = known.slice(0, LISTED_GROUPS).map((r) => `${r.group} ${span({ min: r.min ?? 0, max: r.max ?? 0 })}`);
    const more = known.length > LISTED_GROUPS ? `, … (${known.length - LISTED_GROUPS} more)` : "";
    const partial = s.cellsWithRespondents < s.cells ? ` (given for ${s.cellsWithRespondents} of ${s.cells} question × group cells)` : "";
    lines.push(`respondents per group: ${shown.join(", ")}${more}${partial}${known.some((r) => r.min !== r.max) ? " (fewest–most over its questions)" : ""}`);
  }
  lines.push(s.withNeighbours === 0 ? "neighbours: none given" : `neighbours: given for ${s.withNeighbours} of ${s.questions} questions`);
  return lines.join("\n");
}
