/**
 * Fig. 3 (NYT books with the largest partisan differences): the differences and intervals on
 * hand-made ratings, and on the published annotations against the stored counts and rating lists.
 */
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readDataJson } from "../../src/data/data-dir";
import { loadPartisanBookInputs } from "../../src/figures/figure-inputs";
import { type BookPartisanGap, bookGapRows, partisanBookGaps, topPartisanBooks } from "../../src/figures/nyt-partisan-books";
import { mulberry32 } from "../../src/random";
import { testDataDir } from "../helpers/data-dir";

const BOOKS = [
  { id: "A By X", genre: "Fiction" },
  { id: "B By Y", genre: "History" },
  { id: "C By Z", genre: "Memoir" },
];
const RATINGS = [
  { Democrat: [4, 4, 3, 4], Republican: [1, 2, 1, 1] },
  { Democrat: [2, 2, 2], Republican: [2, 2, 2] },
  { Democrat: [1, 1, 2], Republican: [3, 4, 4, 4, 3] },
];

describe("partisanBookGaps on hand-made ratings", () => {
  const gaps = partisanBookGaps(BOOKS, RATINGS, { rng: mulberry32(1), iterations: 500 });

  it("lists the first books in dataset order with each party's mean, raters and D − R", () => {
    expect(bookGapRows(gaps, 2)).toEqual([
      { book: "A By X", "Democrat mean": 3.75, "Democrat ratings": 4, "Republican mean": 1.25, "Republican ratings": 4, "D − R": 2.5 },
      { book: "B By Y", "Democrat mean": 2, "Democrat ratings": 3, "Republican mean": 2, "Republican ratings": 3, "D − R": 0 },
    ]);
  });

  it("computes party means and their difference", () => {
    expect(gaps.map((g) => g.id)).toEqual(["A By X", "B By Y", "C By Z"]);
    expect(gaps[0]?.democratMean).toBe(3.75);
    expect(gaps[0]?.republicanMean).toBe(1.25);
    expect(gaps[0]?.difference).toBe(2.5);
    expect(gaps[2]?.difference).toBeCloseTo(4 / 3 - 3.6, 12);
    expect([gaps[2]?.democratCount, gaps[2]?.republicanCount]).toEqual([3, 5]);
  });

  it("gives an interval around the difference, degenerate when every rating is equal", () => {
    for (const g of gaps) {
      expect(g.lower).toBeLessThanOrEqual(g.difference);
      expect(g.upper).toBeGreaterThanOrEqual(g.difference);
    }
    expect([gaps[1]?.lower, gaps[1]?.upper]).toEqual([0, 0]);
    // resampling cannot leave the range of possible mean differences
    expect(gaps[0]?.upper).toBeLessThanOrEqual(3);
    expect(gaps[0]?.lower).toBeGreaterThanOrEqual(1.5);
  });

  it("is reproducible with the same seed and changes with another", () => {
    const again = partisanBookGaps(BOOKS, RATINGS, { rng: mulberry32(1), iterations: 500 });
    expect(again).toEqual(gaps);
    const other = partisanBookGaps(BOOKS, RATINGS, { rng: mulberry32(2), iterations: 500 });
    expect(other.map((g) => g.lower)).not.toEqual(gaps.map((g) => g.lower));
  });

  it("leaves out books one party did not rate and rejects misaligned input", () => {
    const partial = partisanBookGaps(BOOKS, [RATINGS[0] as never, { Democrat: [3], Republican: [] }, RATINGS[2] as never], { rng: mulberry32(1), iterations: 10 });
    expect(partial.map((g) => g.id)).toEqual(["A By X", "C By Z"]);
    expect(() => partisanBookGaps(BOOKS, RATINGS.slice(1), { rng: mulberry32(1) })).toThrow(
      "partisanBookGaps: books and ratings differ in length (3 vs 2)",
    );
  });

  it("picks the most extreme books in each direction", () => {
    const top = topPartisanBooks(gaps, 1);
    expect(top.democrat.map((g) => g.id)).toEqual(["A By X"]);
    expect(top.republican.map((g) => g.id)).toEqual(["C By Z"]);
    expect(topPartisanBooks(gaps, 5).democrat).toHaveLength(1); // B has difference 0: in neither list
    expect(() => topPartisanBooks(gaps, 0)).toThrow("topPartisanBooks: count must be a positive integer (0)");
  });
});

describe("partisanBookGaps on the published NYT annotations", () => {
  const dir = testDataDir();
  const { books, ratings } = loadPartisanBookInputs(dir);
  const gaps = partisanBookGaps(books, ratings, { rng: mulberry32(0) });
  const top = topPartisanBooks(gaps, 10);

  it("rebuilds every book's party rating counts of NONE_data.json", () => {
    books.forEach((book, i) => {
      for (const party of ["Democrat", "Republican"]) {
        const histogram = [1, 2, 3, 4].map((r) => (ratings[i]?.[party] ?? []).filter((x) => x === r).length);
        expect(histogram, `${book.id} ${party}`).toEqual(book.counts[party]);
      }
    });
  });

  it("uses the same rating lists as the authors' data_nums.json", () => {
    const nums = readDataJson(dir, join("results", "human_annotations", "data_nums.json")) as Record<string, number[][]>;
    const sorted = (xs: readonly number[]) => [...xs].sort((a, b) => a - b);
    expect(ratings.map((r) => sorted(r["Democrat"] ?? []))).toEqual((nums["dem_data_nums"] ?? []).map(sorted));
    expect(ratings.map((r) => sorted(r["Republican"] ?? []))).toEqual((nums["repub_data_nums"] ?? []).map(sorted));
  });

  it("scores all 235 books, with intervals about ±0.6 wide on 15–21 raters per party", () => {
    expect(gaps).toHaveLength(235);
    const halfWidths = gaps.map((g) => (g.upper - g.lower) / 2);
    expect(Math.min(...halfWidths)).toBeGreaterThan(0.2);
    expect(Math.max(...halfWidths)).toBeLessThan(0.8);
  });

  it("finds the books each party prefers most, with intervals excluding 0 for the top five", () => {
    const names = (list: readonly BookPartisanGap[]) => list.slice(0, 3).map((g) => g.id);
    expect(names(top.democrat)).toEqual(["Nw By Zadie Smith", "Ten Thousand Saints By Eleanor Henderson", "A Short History Of Women By Kate Walbert"]);
    expect(names(top.republican)).toEqual(["Redeployment By Phil Klay", "Washington'S Crossing By David Hackett Fischer", "Eastbound By Maylis De Kerangal"]);
    expect(top.democrat[0]?.difference).toBeCloseTo(1.0, 2);
    expect(top.republican[0]?.difference).toBeCloseTo(-1.2632, 4);
    for (const g of top.democrat.slice(0, 5)) expect(g.lower).toBeGreaterThan(0);
    for (const g of top.republican.slice(0, 5)) expect(g.upper).toBeLessThan(0);
  });
});
