/**
 * Bounded scalar minimization: a line-by-line port of SciPy's `fminbound`
 * (`scipy.optimize._optimize._minimize_scalar_bounded`, the `method='bounded'` of
 * `minimize_scalar`), Brent's method of golden-section and parabolic steps on a closed interval.
 *
 * The port keeps SciPy's constants, tolerances, step order and comparison operators, so for
 * the same objective values it visits the same points and returns the same minimizer to the
 * last bit. Like Python, every comparison with NaN is false: an objective that is NaN at the
 * start point never moves the best point, and the search returns the start point
 * lower + 0.381966…·(upper − lower).
 * Source read: scipy/scipy, scipy/optimize/_optimize.py, `_minimize_scalar_bounded`.
 */

/** Options of `minimizeScalarBounded`. */
export interface BoundedMinimizeOptions {
  /** Absolute tolerance on the minimizer (SciPy `xatol`). @default 1e-5 */
  readonly xatol?: number;
  /** Maximum number of objective evaluations (SciPy `maxiter`, used as `maxfun`). @default 500 */
  readonly maxiter?: number;
}

/** The outcome of a bounded minimization, as SciPy's `OptimizeResult`. */
export interface BoundedMinimizeResult {
  /** The best point found (`x`). */
  readonly x: number;
  /** The objective at `x` (`fun`). */
  readonly fun: number;
  /** 0 converged, 1 evaluation limit reached, 2 a NaN was met (`status`). */
  readonly status: 0 | 1 | 2;
  /** True exactly when status is 0 (`success`). */
  readonly success: boolean;
  /** Number of objective evaluations (`nfev`, which SciPy also reports as `nit`). */
  readonly evaluations: number;
}

/** `np.sign`: −1, 0 or 1, NaN for NaN. */
function sign(x: number): number {
  return Number.isNaN(x) ? Number.NaN : x > 0 ? 1 : x < 0 ? -1 : 0;
}

/** Python's `float(bool)`. */
function asNumber(condition: boolean): number {
  return condition ? 1 : 0;
}

/**
 * Minimizes a function of one variable on [lower, upper] without derivatives (Brent 1973,
 * "Algorithms for Minimization without Derivatives", ch. 5), exactly as SciPy's `fminbound`.
 *
 * Starts at lower + (3 − √5)/2 · (upper − lower). Each step is a parabolic interpolation
 * through the three best points when that step is acceptable, else a golden-section step into
 * the larger part of the bracket; no step is shorter than tol1 = √(2.2e−16)·|x| + xatol/3. It
 * stops when |x − m| ≤ 2·tol1 − (b − a)/2, m the bracket midpoint. The end points are never
 * evaluated, so a minimum at a bound is approached to within about xatol.
 * O(maxiter) evaluations; typically 20–40.
 * @param objective the function to minimize; may return NaN
 * @param lower the lower bound
 * @param upper the upper bound, ≥ lower
 * @param options `xatol` (default 1e-5), `maxiter` (default 500)
 * @returns the minimizer, its value, SciPy's status flag and the evaluation count
 * @throws {RangeError} when a bound is not finite, lower > upper, or an option is out of range
 * @example
 * minimizeScalarBounded((x) => (x - 2) ** 2, 0, 10).x; // ≈ 2 (within xatol)
 */
export function minimizeScalarBounded(
  objective: (x: number) => number,
  lower: number,
  upper: number,
  options: BoundedMinimizeOptions = {},
): BoundedMinimizeResult {
  const xatol = options.xatol ?? 1e-5;
  const maxfun = options.maxiter ?? 500;
  if (!Number.isFinite(lower) || !Number.isFinite(upper)) {
    throw new RangeError(`minimizeScalarBounded: bounds must be finite (${lower}, ${upper})`);
  }
  if (lower > upper) throw new RangeError(`minimizeScalarBounded: lower bound exceeds upper bound (${lower} > ${upper})`);
  if (!(xatol > 0)) throw new RangeError(`minimizeScalarBounded: xatol must be positive (${xatol})`);
  if (!Number.isInteger(maxfun) || maxfun < 1) {
    throw new RangeError(`minimizeScalarBounded: maxiter must be a positive integer (${maxfun})`);
  }

  let flag: 0 | 1 | 2 = 0;
  const sqrtEps = Math.sqrt(2.2e-16);
  const goldenMean = 0.5 * (3.0 - Math.sqrt(5.0));
  let a = lower;
  let b = upper;
  let fulc = a + goldenMean * (b - a);
  let nfc = fulc;
  let xf = fulc;
  let rat = 0.0;
  let e = 0.0;
  let x = xf;
  let fx = objective(x);
  let num = 1;
  let fu = Number.POSITIVE_INFINITY;

  let ffulc = fx;
  let fnfc = fx;
  let xm = 0.5 * (a + b);
  let tol1 = sqrtEps * Math.abs(xf) + xatol / 3.0;
  let tol2 = 2.0 * tol1;

  while (Math.abs(xf - xm) > tol2 - 0.5 * (b - a)) {
    let golden = true;
    // Check for parabolic fit
    if (Math.abs(e) > tol1) {
      golden = false;
      let r = (xf - nfc) * (fx - ffulc);
      let q = (xf - fulc) * (fx - fnfc);
      let p = (xf - fulc) * q - (xf - nfc) * r;
      q = 2.0 * (q - r);
      if (q > 0.0) p = -p;
      q = Math.abs(q);
      r = e;
      e = rat;

      // Check for acceptability of parabola
      if (Math.abs(p) < Math.abs(0.5 * q * r) && p > q * (a - xf) && p < q * (b - xf)) {
        rat = (p + 0.0) / q;
        x = xf + rat;
        if (x - a < tol2 || b - x < tol2) {
          const si = sign(xm - xf) + asNumber(xm - xf === 0);
          rat = tol1 * si;
        }
      } else {
        golden = true; // do a golden-section step
      }
    }

    if (golden) {
      e = xf >= xm ? a - xf : b - xf;
      rat = goldenMean * e;
    }

    const si = sign(rat) + asNumber(rat === 0);
    x = xf + si * Math.max(Math.abs(rat), tol1);
    fu = objective(x);
    num += 1;

    if (fu <= fx) {
      if (x >= xf) a = xf;
      else b = xf;
      fulc = nfc;
      ffulc = fnfc;
      nfc = xf;
      fnfc = fx;
      xf = x;
      fx = fu;
    } else {
      if (x < xf) a = x;
      else b = x;
      if (fu <= fnfc || nfc === xf) {
        fulc = nfc;
        ffulc = fnfc;
        nfc = x;
        fnfc = fu;
      } else if (fu <= ffulc || fulc === xf || fulc === nfc) {
        fulc = x;
        ffulc = fu;
      }
    }

    xm = 0.5 * (a + b);
    tol1 = sqrtEps * Math.abs(xf) + xatol / 3.0;
    tol2 = 2.0 * tol1;

    if (num >= maxfun) {
      flag = 1;
      break;
    }
  }

  if (Number.isNaN(xf) || Number.isNaN(fx) || Number.isNaN(fu)) flag = 2;
  return { x: xf, fun: fx, status: flag, success: flag === 0, evaluations: num };
}
