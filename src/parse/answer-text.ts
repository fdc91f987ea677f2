/**
 * Response preprocessing of the paper (docs/protocol.md §3.3): every response is cut to its answer before
 * parsing, and Sequence answers lose their spaces.
 */

/** The marker after which the paper's code takes the answer. */
export const ANSWER_MARKER = "Answer: ";

/**
 * The answer part of a response, as the paper's `response.split("Answer: ")[1]` (docs/protocol.md §3.3):
 * the text between the first "Answer: " and the second one (or the end); the whole response when
 * "Answer: " does not occur. Responses stored in the published result files are already cut.
 * @param response the model's raw text
 * @returns the answer text
 * @example
 * extractAnswerText("Sure!\nAnswer: {'A': '45%'}"); // => "{'A': '45%'}"
 * extractAnswerText("Answer: A B Answer: C");     // => "A B "
 */
export function extractAnswerText(response: string): string {
  const start = response.indexOf(ANSWER_MARKER);
  if (start < 0) return response;
  const from = start + ANSWER_MARKER.length;
  const end = response.indexOf(ANSWER_MARKER, from);
  return end < 0 ? response.slice(from) : response.slice(from, end);
}

/**
 * Removes every space (U+0020 only; tabs and newlines stay), as the paper's `response.replace(" ", "")`
 * for Sequence answers (docs/protocol.md §3.3).
 * @param text the answer text
 * @returns the text without spaces
 * @example
 * removeSpaces("A B\nC"); // => "AB\nC"
 */
export function removeSpaces(text: string): string {
  return text.split(" ").join("");
}
