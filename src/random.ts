/**
 * Deterministic randomness. Every function that draws takes an `Rng` argument; nothing in
 * distalign calls `Math.random`.
 */

/**
 * A source of uniform numbers in [0, 1). A generator may also offer `fill`, which writes its next
 * `count` numbers into `out` in one call: the same numbers, in the same order, as `count` calls,
 * but without a function call per number in hot loops such as the bootstrap.
 */
export interface Rng {
  (): number;
  fill?(out: Float64Array, count: number): void;
}

/**
 * mulberry32, a small 32-bit generator with a 2^32 period: ample for bootstrap resampling,
 * fast, and identical on every platform.
 * @param seed any integer; the same seed gives the same stream
 * @example
 * const rng = mulberry32(0); rng(); // => 0.26642920868471265
 */
export function mulberry32(seed: number): Rng {
  let state = seed >>> 0;
  const next: Rng = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.fill = (out, count) => {
    let s = state;
    for (let i = 0; i < count; i++) {
      s = (s + 0x6d2b79f5) >>> 0;
      let t = s;
      t = Math.imul(t ^ (t >>> 15), t | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    }
    state = s;
  };
  return next;
}

/** A uniform integer in [0, n). */
export function randomInt(rng: Rng, n: number): number {
  return Math.floor(rng() * n);
}
