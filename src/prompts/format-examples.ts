/**
 * distalign's own format examples: five invented questions per dataset, with invented
 * distributions, that show the model the answer format before the real question (the role of
 * the paper's `inputs/*` prompt files, docs/protocol.md §3.2). None of them is a benchmark question and
 * none of the distributions is survey data.
 */
import { type Dataset, type DatasetName, isPaperDataset } from "../types";
import type { FormatExample } from "./types";

const LIKELY = ["1: Very unlikely", "2: Somewhat unlikely", "3: Somewhat likely", "4: Very likely"] as const;

const SURVEY: readonly FormatExample[] = [
  {
    text: "How much do you trust the information you get from local news organizations?",
    options: ["A lot", "Some", "Not too much", "Not at all", "Refused"],
    distribution: [0.22, 0.46, 0.21, 0.1, 0.01],
  },
  {
    text: "Do you think a four-year college degree is generally worth its cost?",
    options: ["Yes, worth the cost", "No, not worth the cost", "Refused"],
    distribution: [0.56, 0.43, 0.01],
  },
  {
    text: "How often, if ever, do you volunteer your time for a community organization?",
    options: ["Often", "Sometimes", "Rarely", "Never", "Refused"],
    distribution: [0.12, 0.27, 0.3, 0.3, 0.01],
  },
  {
    text: "Overall, how good a job are the public libraries in your community doing?",
    options: ["Excellent", "Good", "Only fair", "Poor", "Refused"],
    distribution: [0.31, 0.44, 0.17, 0.06, 0.02],
  },
  {
    text: "Do you think driverless cars would make the roads safer or less safe?",
    options: ["Safer", "Less safe", "Not much difference", "Refused"],
    distribution: [0.28, 0.45, 0.25, 0.02],
  },
];

function book(title: string, genre: string, summary: string): string {
  return `Book Title: ${title}\nBook Genre: ${genre}\nBook Summary: ${summary}\nHow likely are you to read this book?`;
}

const BOOKS: readonly FormatExample[] = [
  {
    text: book(
      "The Salt Road By Ines Marlow",
      "Historical Fiction",
      "Two sisters run a roadside inn on a nineteenth-century trade route and take opposite sides when the railway arrives.",
    ),
    options: LIKELY,
    distribution: [0.2, 0.3, 0.35, 0.15],
  },
  {
    text: book(
      "Counting Sheep By Dale Okafor",
      "Memoir",
      "A shepherd turned software engineer returns to the family farm for one lambing season and tallies what each life gave him.",
    ),
    options: LIKELY,
    distribution: [0.4, 0.3, 0.2, 0.1],
  },
  {
    text: book(
      "The Quiet Engine By Priya Haldane",
      "Science Fiction",
      "On a generation ship whose crew has forgotten its destination, a mechanic finds a machine that has been steering all along.",
    ),
    options: LIKELY,
    distribution: [0.25, 0.2, 0.3, 0.25],
  },
  {
    text: book(
      "A Table For Everyone By Jonah Brecker",
      "Food, Essays",
      "A restaurant critic visits a hundred diners, canteens and kitchens to ask what a shared meal still does for a town.",
    ),
    options: LIKELY,
    distribution: [0.3, 0.25, 0.3, 0.15],
  },
  {
    text: book(
      "Ledger Of Small Debts By Ruth Amsel",
      "Fiction",
      "An elderly bookkeeper settles the accounts of a closing hardware store and, with them, the quarrels of the street it served.",
    ),
    options: LIKELY,
    distribution: [0.35, 0.3, 0.25, 0.1],
  },
];

const WORLD: readonly FormatExample[] = [
  {
    text: "How much of a threat, if any, are extreme weather events to our country?",
    options: ["A major threat", "A minor threat", "Not a threat", "DK/Refused"],
    country: "Canada",
    distribution: [0.58, 0.32, 0.08, 0.02],
  },
  {
    text: "Is it better for our country to be active in world affairs, or to concentrate on problems at home?",
    options: ["Active in world affairs", "Concentrate on problems at home", "DK/Refused"],
    country: "Chile",
    distribution: [0.34, 0.61, 0.05],
  },
  {
    text: "How satisfied are you with the state of public transport in your city?",
    options: ["Very satisfied", "Somewhat satisfied", "Not too satisfied", "Not at all satisfied", "DK/Refused"],
    country: "Kenya",
    distribution: [0.12, 0.35, 0.3, 0.2, 0.03],
  },
  {
    text: "When today's children in our country grow up, will they be better off or worse off financially than their parents?",
    options: ["Better off", "Worse off", "Same", "DK/Refused"],
    country: "Indonesia",
    distribution: [0.55, 0.3, 0.1, 0.05],
  },
  {
    text: "How important is it to you to live in a country that protects the natural environment?",
    options: ["Very important", "Somewhat important", "Not too important", "Not at all important"],
    country: "Poland",
    distribution: [0.62, 0.29, 0.06, 0.03],
  },
];

/** The five format examples of a dataset. */
export const FORMAT_EXAMPLES: Record<Dataset, readonly FormatExample[]> = {
  opinionqa: SURVEY,
  nytimes: BOOKS,
  globalvalues: WORLD,
};

/**
 * The format examples of a dataset: the paper datasets' own sets, and the survey set (invented
 * opinion-poll questions) for a user survey.
 */
export function formatExamplesOf(dataset: DatasetName): readonly FormatExample[] {
  return isPaperDataset(dataset) ? FORMAT_EXAMPLES[dataset] : SURVEY;
}
