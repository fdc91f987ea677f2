/**
 * Prompts: a question, a steering condition and an expression method in, the chat messages of
 * one request out (docs/protocol.md §2.4, §3). Pure: the same spec always gives the same messages.
 */
import type { ChatMessage } from "../backends/types";
import { seededRandom } from "../random";
import { exampleAnswer, letteredOptions, wholePercent } from "./answer-format";
import { formatExamplesOf } from "./format-examples";
import { SYSTEM_MESSAGE, contextSubject, countryLine, groupReminder, instruction } from "./instructions";
import type { ExampleQuestion, PromptPersona, PromptSpec } from "./types";

/** Separates the blocks of a prompt, as the paper's prompt files do. */
export const SEPARATOR = "------";

/** The placeholder of the paper's GlobalOpinionQA prompt files. */
export const COUNTRY_PLACEHOLDER = "${COUNTRY}";

function questionBlock(text: string, options: readonly string[], spec: PromptSpec, country: string | undefined): string[] {
  return [
    ...(country === undefined ? [] : [countryLine(country)]),
    `Question: ${text}`,
    letteredOptions(options, spec.method),
  ];
}

/** The five format examples, ours or the paper's. */
function formatBlock(spec: PromptSpec): string {
  if ((spec.formatExamples ?? "ours") === "paper") {
    if (spec.paperFormatText === undefined) throw new TypeError("buildPrompt: formatExamples \"paper\" needs paperFormatText (from loadPromptInput)");
    const country = spec.persona?.kind === "country" ? spec.persona.name : undefined;
    const text = country === undefined ? spec.paperFormatText : spec.paperFormatText.split(COUNTRY_PLACEHOLDER).join(country);
    return `Examples of the answer format:\n\n${text.trim()}`;
  }
  // Prompts that name a country (GlobalOpinionQA's) show the format examples' countries too.
  const showCountry = spec.persona?.kind === "country";
  const examples = formatExamplesOf(spec.dataset).map((example, index) => {
    const answer = exampleAnswer(example.distribution, spec.method, seededRandom(0, `format/${spec.dataset}/${index}`));
    return [...questionBlock(example.text, example.options, spec, showCountry ? example.country : undefined), `Answer: ${answer}`].join("\n");
  });
  return ["Examples of the answer format:", ...examples].join(`\n${SEPARATOR}\n`);
}

/**
 * The context line of a few-shot example:
 * "Context: Let the probability that a Democrat responds to the following question with 'Yes' be 45%, with 'No' be 54%."
 */
export function contextLine(persona: PromptPersona, example: ExampleQuestion): string {
  const parts = example.options.map((option, j) => `with '${option}' be ${wholePercent(example.distribution[j] ?? 0)}%`);
  return `Context: Let the probability that ${contextSubject(persona)} responds to the following question ${parts.join(", ")}.`;
}

/** The few-shot block: each example's context, question and answer drawn from the group's distribution. */
function fewShotBlock(spec: PromptSpec, persona: PromptPersona, examples: readonly ExampleQuestion[]): string {
  const rng = seededRandom(spec.seed ?? 0, `few-shot/${spec.dataset}/${spec.method}/${persona.name}/${spec.question.text}`);
  const whose = persona.kind === "country" ? `people from ${persona.name}` : `the group "${persona.name}"`;
  const blocks = examples.map((example) =>
    [contextLine(persona, example), `Question: ${example.text}`, letteredOptions(example.options, spec.method), `Answer: ${exampleAnswer(example.distribution, spec.method, rng)}`].join("\n"),
  );
  return [`How ${whose} answered ${examples.length} related questions:`, ...blocks].join(`\n${SEPARATOR}\n`);
}

function checkSpec(spec: PromptSpec): PromptPersona | undefined {
  if (spec.question.options.length === 0) throw new RangeError(`buildPrompt: question has no options (${spec.question.text.slice(0, 60)})`);
  if (spec.steering === "none") {
    if (spec.persona !== undefined) throw new TypeError("buildPrompt: no steering takes no persona");
    return undefined;
  }
  if (spec.persona === undefined) throw new TypeError(`buildPrompt: ${spec.steering} steering needs a persona`);
  if (spec.steering === "few-shot" && (spec.fewShot === undefined || spec.fewShot.length === 0)) {
    throw new TypeError("buildPrompt: few-shot steering needs few-shot examples");
  }
  return spec.persona;
}

/**
 * Builds the chat messages of one prompt: the system message "You are a helpful assistant." and
 * a user message with the instruction, five format examples, the few-shot examples (few-shot
 * steering), then the question with lettered options, ending in "Answer:".
 *
 * Persona steering names the group raw ('a group of "Democrat"', and 'Please answer this
 * question for the group "Democrat".' after the options); GlobalOpinionQA names the country
 * ("How would someone from Japan respond to the following question?" before the question).
 * Few-shot examples state the group's distribution in a context line and answer with the
 * percentage dict (Verbalize), 30 letters drawn i.i.d. from it (Sequence) or one drawn letter
 * (Log-p), drawn from a generator seeded by `spec.seed` and the question.
 * @param spec the question, steering, method, persona, few-shot examples and format-example source
 * @returns [system, user]
 * @throws {TypeError} for a persona without steering, steering without persona, few-shot without
 *   examples, or paper format examples without their text
 * @throws {RangeError} for a question without options (or more than 26)
 * @example
 * buildPrompt({ dataset: "opinionqa", steering: "persona", method: "logprobs", persona: { kind: "group", name: "Democrat" },
 *   question: { text: "Do you own a gun?", options: ["No", "Yes"] } })[1].content.endsWith("Answer:"); // => true
 */
export function buildPrompt(spec: PromptSpec): ChatMessage[] {
  const persona = checkSpec(spec);
  const country = persona?.kind === "country" ? persona.name : undefined;
  const target = [...questionBlock(spec.question.text, spec.question.options, spec, country)];
  if (persona?.kind === "group") target.push(groupReminder(persona.name));
  target.push("Answer:");
  const blocks = [instruction(spec.method, persona), formatBlock(spec)];
  if (spec.steering === "few-shot" && persona !== undefined) blocks.push(fewShotBlock(spec, persona, spec.fewShot ?? []));
  blocks.push(target.join("\n"));
  return [
    { role: "system", content: SYSTEM_MESSAGE },
    { role: "user", content: blocks.join(`\n\n${SEPARATOR}\n`) },
  ];
}
