/**
 * Per-position log-probabilities of a generated text, in the shape of OpenAI's
 * `choices[0].logprobs.content`: an SDK array can be passed as is. Types only.
 */

/** One alternative at a position: its token text and natural-log probability. */
export interface TopLogprob {
  readonly token: string;
  readonly logprob: number;
}

/** One generated position: the emitted token (when known) and the top-k alternatives. */
export interface TokenLogprobs {
  /** The token that was emitted at this position. */
  readonly token?: string;
  readonly logprob?: number;
  /** The k most likely tokens at this position (k = 20 in the paper). */
  readonly top_logprobs: readonly TopLogprob[];
}
