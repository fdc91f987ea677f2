/**
 * The knowledge-to-simulation gap (K2S, Eq. (2) of arXiv:2411.05403): how much worse a model
 * aligns when it has to sample answers than when it only has to describe the distribution.
 */

/**
 * Knowledge-to-simulation gap as the published numbers define it (docs/protocol.md §5.6):
 * K2S = A(Seq) / A(V) − 1, the relative increase in mean total variation when the model
 * outputs a sequence of samples instead of verbalizing the distribution.
 *
 * Positive means sampling is worse than verbalizing. The paper feeds in the leaderboard's
 * "Alignment Mean" values, which are bootstrap replicate means; pass exact means for an
 * unseeded-noise-free gap. O(1).
 * @param sequenceAlignment mean total variation of the sequence method (Seq)
 * @param verbalizeAlignment mean total variation of the verbalize method (V)
 * @returns the relative gap
 * @throws {RangeError} when either value is not a finite number, or the verbalize value is not positive
 * @example
 * knowledgeToSimulationGap(0.3, 0.25); // => 0.19999999999999996
 */
export function knowledgeToSimulationGap(sequenceAlignment: number, verbalizeAlignment: number): number {
  if (!Number.isFinite(sequenceAlignment) || !Number.isFinite(verbalizeAlignment)) {
    throw new RangeError(
      `knowledgeToSimulationGap: alignments must be finite (${sequenceAlignment}, ${verbalizeAlignment})`,
    );
  }
  if (verbalizeAlignment <= 0) {
    throw new RangeError(`knowledgeToSimulationGap: verbalize alignment must be positive (${verbalizeAlignment})`);
  }
  return sequenceAlignment / verbalizeAlignment - 1;
}
