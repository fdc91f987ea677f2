/**
 * TF-IDF cosine similarity of question texts: the values of a three-document corpus computed by
 * hand, terms in every document weighing nothing, and the neighbour order with its tie-break.
 */
import { describe, expect, it } from "vitest";
import { cosine, nearestByTfidf, tfidfSimilarity, tfidfVectors, tokenize } from "../../src/survey/similarity";

describe("tfidfSimilarity", () => {
  it("equals the hand computation on a three-document corpus", () => {
    // "red" and "green" occur in one document of three (idf ln 3), "apple" in two (idf ln 3/2),
    // "blue" and "sky" in one. Documents 0 and 1 share only "apple":
    // cos = ln(3/2)² / (ln(3)² + ln(3/2)²) = 0.164402 / (1.206949 + 0.164402) = 0.119883.
    const s = tfidfSimilarity(["red apple", "green apple", "blue sky"]);
    const expected = Math.log(1.5) ** 2 / (Math.log(3) ** 2 + Math.log(1.5) ** 2);
    expect(expected).toBeCloseTo(0.119883, 6);
    expect(s[0]?.[1]).toBeCloseTo(expected, 12);
    expect(s[1]?.[0]).toBeCloseTo(expected, 12);
    expect(s[0]?.[2]).toBe(0);
    expect(s[1]?.[2]).toBe(0);
    for (let i = 0; i < 3; i++) expect(s[i]?.[i]).toBeCloseTo(1, 12);
  });

  it("gives a term of every document no weight, and counts repeated terms", () => {
    const v = tfidfVectors(["the red apple", "the green apple", "the blue sky sky"]);
    expect(v[0]?.get("the")).toBe(0);
    expect(v[2]?.get("sky")).toBeCloseTo(2 * Math.log(3), 12);
    expect(tfidfSimilarity(["the red apple", "the green apple", "the blue sky"])[0]?.[1]).toBeCloseTo(Math.log(1.5) ** 2 / (Math.log(3) ** 2 + Math.log(1.5) ** 2), 12);
  });

  it("tokenizes case-insensitively on letters and digits, and is 0 for texts without weight", () => {
    expect(tokenize("Do you own a GUN? (2024)")).toEqual(["do", "you", "own", "a", "gun", "2024"]);
    expect(cosine(new Map(), new Map([["a", 1]]))).toBe(0);
  });
});

describe("nearestByTfidf", () => {
  it("ranks most similar first, breaks ties by corpus order, and never lists a document itself", () => {
    const docs = ["gun laws", "gun ownership", "gun safety", "school lunch"];
    const nearest = nearestByTfidf(docs, 10);
    // Documents 1 and 2 are equally similar to 0 (each shares "gun"): corpus order decides.
    expect(nearest[0]).toEqual([1, 2, 3]);
    expect(nearest[3]).toEqual([0, 1, 2]);
    for (const [i, row] of nearest.entries()) expect(row).not.toContain(i);
    expect(nearestByTfidf(docs, 2)[1]).toEqual([0, 2]);
  });
});
