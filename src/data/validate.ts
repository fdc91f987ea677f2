/**
 * Shape checks for loaded JSON. Each names the file and the key path at fault, so a bad
 * input reads as "<file>: <key>: expected …, got …".
 */
import { DataError } from "../errors";

function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "string" ? `"${value.slice(0, 40)}"` : typeof value;
}

/** A plain object, or a DataError naming file and key. */
export function expectRecord(value: unknown, file: string, key: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new DataError(`${file}: ${key}: expected an object, got ${describe(value)}`, file, key);
  }
  return value as Record<string, unknown>;
}

/** An array, or a DataError naming file and key. */
export function expectArray(value: unknown, file: string, key: string): unknown[] {
  if (!Array.isArray(value)) throw new DataError(`${file}: ${key}: expected an array, got ${describe(value)}`, file, key);
  return value;
}

/** A string, or a DataError naming file and key. */
export function expectString(value: unknown, file: string, key: string): string {
  if (typeof value !== "string") throw new DataError(`${file}: ${key}: expected a string, got ${describe(value)}`, file, key);
  return value;
}

/** A finite number; `null` (Python NaN) is allowed only when `allowMissing`, and read as NaN. */
export function expectNumber(value: unknown, file: string, key: string, allowMissing = false): number {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (value === null && allowMissing) return Number.NaN;
  throw new DataError(`${file}: ${key}: expected a number, got ${describe(value)}`, file, key);
}

/**
 * An object of letter → number, keeping key order. `null` values (Python NaN) become NaN when allowed.
 */
export function expectNumberRecord(
  value: unknown,
  file: string,
  key: string,
  allowMissing = false,
): Record<string, number> {
  const record = expectRecord(value, file, key);
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(record)) out[k] = expectNumber(v, file, `${key}.${k}`, allowMissing);
  return out;
}

/**
 * A probability vector: non-negative entries summing to 1 within `tolerance`.
 * @throws {DataError} naming file, key and the offending sum or entry
 */
export function expectDistribution(values: readonly number[], file: string, key: string, tolerance = 0.01): number[] {
  let sum = 0;
  for (const [i, v] of values.entries()) {
    if (!(v >= 0)) throw new DataError(`${file}: ${key}: entry ${i} is not a probability (${v})`, file, key);
    sum += v;
  }
  if (Math.abs(sum - 1) > tolerance) {
    throw new DataError(`${file}: ${key}: distribution sums to ${sum.toFixed(4)}, not 1`, file, key);
  }
  return [...values];
}

/** A count: a non-negative integer (JSON may write it as a float such as 12.0). */
export function expectCount(value: unknown, file: string, key: string): number {
  const n = expectNumber(value, file, key);
  if (!(n >= 0) || !Number.isInteger(n)) throw new DataError(`${file}: ${key}: expected a non-negative integer count, got ${n}`, file, key);
  return n;
}

/**
 * Checks that `actual` holds exactly the `expected` keys, in the same order, naming the first
 * missing, unexpected or misplaced one.
 * @param where the key path the keys belong to, e.g. `(top level)` or `Q1_W1.Democrat`
 * @param what what a key is, for the message: "question", "group", "option", …
 * @param source where the expected keys come from, named in the message when not the file itself
 */
export function expectKeys(actual: readonly string[], expected: readonly string[], file: string, where: string, what: string, source?: string): void {
  const wanted = new Set(expected);
  const present = new Set(actual);
  const at = (key: string) => (where === "(top level)" ? key : `${where}.${key}`);
  const per = source === undefined ? "" : `, per ${source}`;
  const missing = expected.find((k) => !present.has(k));
  if (missing !== undefined) {
    throw new DataError(`${file}: ${at(missing)}: ${what} missing (${expected.filter((k) => present.has(k)).length} of ${expected.length} present${per})`, file, at(missing));
  }
  const extra = actual.find((k) => !wanted.has(k));
  if (extra !== undefined) throw new DataError(`${file}: ${at(extra)}: unexpected ${what} (${actual.length} where ${expected.length} are expected${per})`, file, at(extra));
  if (actual.length !== expected.length) throw new DataError(`${file}: ${where}: ${actual.length} ${what} keys where ${expected.length} are expected${per}`, file, where);
  const misplaced = actual.findIndex((k, i) => k !== expected[i]);
  if (misplaced >= 0) {
    const key = actual[misplaced] as string;
    throw new DataError(`${file}: ${at(key)}: ${what} out of order (position ${misplaced + 1}, expected ${expected[misplaced]}${per})`, file, at(key));
  }
}

/** Checks that a number lies in [min, max]. */
export function expectInRange(value: number, min: number, max: number, file: string, key: string): number {
  if (!(value >= min && value <= max)) throw new DataError(`${file}: ${key}: ${value} is outside ${min}–${max}`, file, key);
  return value;
}
