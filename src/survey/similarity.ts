/**
 * Text similarity between questions, computed locally: TF-IDF vectors of the question texts and
 * their cosine. Pure and deterministic; no network, no model.
 */

/** Lower-cased word tokens: runs of letters and digits (Unicode-aware). */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

/**
 * The TF-IDF vector of each document: term frequency (count in the document) × inverse document
 * frequency ln(N / df), over the corpus's documents. A term that occurs in every document gets
 * weight 0.
 * @returns one sparse vector (term → weight) per document, in corpus order
 */
export function tfidfVectors(documents: readonly string[]): Map<string, number>[] {
  const tokens = documents.map(tokenize);
  const df = new Map<string, number>();
  for (const doc of tokens) for (const term of new Set(doc)) df.set(term, (df.get(term) ?? 0) + 1);
  const n = documents.length;
  return tokens.map((doc) => {
    const tf = new Map<string, number>();
    for (const term of doc) tf.set(term, (tf.get(term) ?? 0) + 1);
    const vector = new Map<string, number>();
    for (const [term, count] of tf) vector.set(term, count * Math.log(n / (df.get(term) ?? n)));
    return vector;
  });
}

/** Cosine of two sparse vectors; 0 when either has no weight. */
export function cosine(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let dot = 0;
  for (const [term, weight] of a) dot += weight * (b.get(term) ?? 0);
  const norm = (v: ReadonlyMap<string, number>) => Math.sqrt([...v.values()].reduce((s, w) => s + w * w, 0));
  const denominator = norm(a) * norm(b);
  return denominator === 0 ? 0 : dot / denominator;
}

/**
 * The TF-IDF cosine similarity of every pair of documents.
 * @returns an N × N matrix; entry [i][j] is the cosine of documents i and j (1 on the diagonal
 *   for a document with any weight)
 * @example
 * tfidfSimilarity(["red apple", "green apple", "blue sky"])[0][1]; // ≈ 0.119883: ln(3/2)² / (ln(3)² + ln(3/2)²)
 */
export function tfidfSimilarity(documents: readonly string[]): number[][] {
  const vectors = tfidfVectors(documents);
  return vectors.map((a) => vectors.map((b) => cosine(a, b)));
}

/**
 * Each document's most similar other documents, most similar first: ties are broken by corpus
 * order, and a document is never its own neighbour.
 * @param count neighbours per document (fewer when the corpus is smaller)
 * @returns per document, the indices of its neighbours
 */
export function nearestByTfidf(documents: readonly string[], count: number): number[][] {
  const similarity = tfidfSimilarity(documents);
  return similarity.map((row, i) =>
    row
      .map((score, j) => ({ score, j }))
      .filter(({ j }) => j !== i)
      .sort((x, y) => y.score - x.score || x.j - y.j)
      .slice(0, count)
      .map(({ j }) => j),
  );
}
