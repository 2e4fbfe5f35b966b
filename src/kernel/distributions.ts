/**
 * Random-variate samplers for service times, dwell times, routing shares and the like.
 *
 * Each sampler owns its `Rng` and parameters, validates them once in the constructor (a clear `RangeError` naming the
 * distribution and the parameter) and then samples without allocating. Samplers are unit-agnostic: they return values
 * in whatever unit their parameters were given in; {@link makeDistribution} scales time-like parameters from a
 * scenario's unit to the simulator's, and {@link roundMs} is where a sampled duration becomes simulated time.
 */

import type { Rng } from "./rng.js";

/** A sampler of one random variable. */
export interface Distribution {
  /** Draws one value (consumes the sampler's `Rng`). */
  sample(): number;
  /** Theoretical mean of the values `sample()` returns (`NaN` only where it is not defined). */
  readonly mean: number;
}

/**
 * Converts a sampled duration into whole simulated milliseconds: the one place where that rounding happens.
 *
 * Simulated time is integer milliseconds so that equal times are real ties (ordered by the event queue's priority and
 * FIFO rules) instead of accidents of floating-point sums. Rounds half up and clamps at 0, so a duration never sends
 * the clock backwards (and `-0` becomes `0`); `Infinity` ("never") passes through; `NaN` throws.
 */
export function roundMs(x: number): number {
  const r = Math.round(x);
  if (r > 0) return r;
  if (!Number.isNaN(r)) return 0;
  throw new RangeError(`roundMs: duration must be a number, got ${x}`);
}

// ---------------------------------------------------------------------------------------------------------------------
// Parameter validation (constructors only)

function fail(dist: string, param: string, rule: string, value: unknown): never {
  throw new RangeError(`${dist}: ${param} must be ${rule}, got ${String(value)}`);
}

function requireFinite(dist: string, param: string, value: number): number {
  if (typeof value !== "number" || !Number.isFinite(value)) fail(dist, param, "a finite number", value);
  return value;
}

function requirePositive(dist: string, param: string, value: number): number {
  requireFinite(dist, param, value);
  if (!(value > 0)) fail(dist, param, "> 0", value);
  return value;
}

function requireNumberArray(dist: string, param: string, values: readonly number[], minLength: number): void {
  if (!Array.isArray(values)) fail(dist, param, "an array of numbers", values);
  if (values.length < minLength) fail(dist, param, `an array of at least ${minLength} numbers`, `[${values}]`);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (typeof v !== "number" || !Number.isFinite(v)) fail(dist, `${param}[${i}]`, "a finite number", v);
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Special functions (constructors and `mean` only, never per sample)

/** Lanczos coefficients (g = 7, n = 9): about 15 significant digits for x > 0. */
const LANCZOS = Object.freeze([
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
] as const);

/** ln Γ(x) for x > 0. */
function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0];
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Coefficients of Numerical Recipes' `erfcc` Chebyshev fit, lowest power first. */
const ERFC_COEFFS = Object.freeze([
  -1.26551223, 1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
  0.17087277,
] as const);

/** erfc(x) with relative error below 1.2e-7 everywhere, tails included (enough for means and acceptance rates). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  let poly = 0;
  for (let i = ERFC_COEFFS.length - 1; i >= 0; i--) poly = ERFC_COEFFS[i]! + t * poly;
  const r = t * Math.exp(-z * z + poly);
  return x >= 0 ? r : 2 - r;
}

/** Upper tail of the standard normal, P(Z > z), accurate in relative terms far into either tail. */
function normalUpper(z: number): number {
  return 0.5 * erfc(z / Math.SQRT2);
}

/** Standard normal density. */
function normalPdf(z: number): number {
  return Number.isFinite(z) ? Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI) : 0;
}

/** P(a < Z < b) for a standard normal, computed from the tail that avoids cancellation. */
function normalMass(a: number, b: number): number {
  if (a >= 0) return normalUpper(a) - normalUpper(b);
  if (b <= 0) return normalUpper(-b) - normalUpper(-a);
  return 1 - normalUpper(-a) - normalUpper(b);
}

// ---------------------------------------------------------------------------------------------------------------------
// Samplers

/** A constant: for fixed process times and for switching randomness off in a scenario. */
export class Deterministic implements Distribution {
  /** The constant itself. */
  readonly mean: number;

  /** @param value the value every sample returns */
  constructor(value: number) {
    this.mean = requireFinite("deterministic", "value", value);
  }

  /** Returns the constant (consumes no random numbers). */
  sample(): number {
    return this.mean;
  }
}

/** Exponential by its mean (inverse transform); memoryless inter-arrival and service times. */
export class Exponential implements Distribution {
  /** The mean (= 1 / rate). */
  readonly mean: number;
  private readonly rng: Rng;

  /** @param mean mean > 0, in the caller's unit */
  constructor(rng: Rng, mean: number) {
    this.rng = rng;
    this.mean = requirePositive("exponential", "mean", mean);
  }

  /** One variate; `1 - u` lies in (0, 1], so the logarithm is finite. */
  sample(): number {
    return -this.mean * Math.log(1 - this.rng.next());
  }
}

/** Continuous uniform on [min, max). */
export class Uniform implements Distribution {
  /** (min + max) / 2. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly min: number;
  private readonly width: number;

  /** @param min lower bound; @param max upper bound, > min */
  constructor(rng: Rng, min: number, max: number) {
    requireFinite("uniform", "min", min);
    requireFinite("uniform", "max", max);
    if (!(max > min)) fail("uniform", "max", `> min (${min})`, max);
    this.rng = rng;
    this.min = min;
    this.width = max - min;
    this.mean = (min + max) / 2;
  }

  /** One variate by scaling a single uniform. */
  sample(): number {
    return this.min + this.width * this.rng.next();
  }
}

/** Triangular on [min, max] with the given mode: the usual "min / most likely / max" expert estimate. */
export class Triangular implements Distribution {
  /** (min + mode + max) / 3. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly min: number;
  private readonly max: number;
  /** CDF at the mode: where the inverse switches between its two branches. */
  private readonly modeCdf: number;
  private readonly leftArea: number;
  private readonly rightArea: number;

  /** @param min lower bound; @param mode most likely value, in [min, max]; @param max upper bound, > min */
  constructor(rng: Rng, min: number, mode: number, max: number) {
    requireFinite("triangular", "min", min);
    requireFinite("triangular", "mode", mode);
    requireFinite("triangular", "max", max);
    if (!(max > min)) fail("triangular", "max", `> min (${min})`, max);
    if (!(mode >= min && mode <= max)) fail("triangular", "mode", `within [min, max] = [${min}, ${max}]`, mode);
    this.rng = rng;
    this.min = min;
    this.max = max;
    this.modeCdf = (mode - min) / (max - min);
    this.leftArea = (max - min) * (mode - min);
    this.rightArea = (max - min) * (max - mode);
    this.mean = (min + mode + max) / 3;
  }

  /** One variate by inverse transform (one uniform). */
  sample(): number {
    const u = this.rng.next();
    return u < this.modeCdf ? this.min + Math.sqrt(u * this.leftArea) : this.max - Math.sqrt((1 - u) * this.rightArea);
  }
}

/**
 * Standard normal N(0, 1) by Marsaglia's polar method, the building block of the normal-based samplers.
 * Each polar step yields two independent variates; the second is kept in a field for the next call instead of being
 * returned in an allocated pair.
 */
export class StandardNormal implements Distribution {
  /** Always 0. */
  readonly mean = 0;
  private readonly rng: Rng;
  private spare = 0;
  private hasSpare = false;

  /** @param rng the uniform source */
  constructor(rng: Rng) {
    this.rng = rng;
  }

  /** One N(0, 1) variate; every other call is served from the cached spare. */
  sample(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    // Accepts with probability pi/4 per pair, so the expected number of pairs is 1.27.
    do {
      u = 2 * this.rng.next() - 1;
      v = 2 * this.rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

/** Acceptance probability below which rejection is abandoned for clamping (bounds ≈ 4.75 sd into one tail). */
const TRUNCNORM_MIN_ACCEPTANCE = 1e-6;
/** Target probability that one sample exhausts its rejection tries and has to be clamped. */
const TRUNCNORM_FAILURE_PROB = 1e-12;

/**
 * Normal N(mean, sd²) truncated to [min, max] (infinite bounds by default, i.e. a plain normal).
 *
 * Sampling is by rejection: draw normals until one lands in [min, max]. The number of tries is bounded, sized at
 * construction from the acceptance probability p so that running out happens with probability below 1e-12 per sample
 * (then the last draw is clamped). When p < 1e-6 — the bounds lie extremely far in a tail, where rejection would cost
 * over a million draws per sample — the sampler does not reject at all but clamps each normal draw to [min, max]
 * (a degenerate fallback that piles mass on the nearer bound; inversion is deliberately not used). `mean` is the
 * truncated-normal mean in rejection mode and the mean of the clamped variable in clamping mode, i.e. always the mean
 * of what `sample()` actually returns.
 */
export class TruncatedNormal implements Distribution {
  /** Mean of the returned values (see the class comment for clamping mode). */
  readonly mean: number;
  /** Probability that one untruncated normal draw lies in [min, max]. */
  readonly acceptanceProb: number;
  private readonly normal: StandardNormal;
  private readonly mu: number;
  private readonly sd: number;
  private readonly min: number;
  private readonly max: number;
  /** Rejection tries per sample; 0 means clamping mode. */
  private readonly maxTries: number;

  /**
   * @param mean mean of the untruncated normal; @param sd its standard deviation, > 0
   * @param min lower bound (may be -Infinity); @param max upper bound, > min (may be Infinity)
   */
  constructor(rng: Rng, mean: number, sd: number, min = Number.NEGATIVE_INFINITY, max = Number.POSITIVE_INFINITY) {
    requireFinite("normal", "mean", mean);
    requirePositive("normal", "sd", sd);
    if (typeof min !== "number" || Number.isNaN(min) || min === Number.POSITIVE_INFINITY) {
      fail("normal", "min", "a number below Infinity", min);
    }
    if (typeof max !== "number" || Number.isNaN(max) || max === Number.NEGATIVE_INFINITY) {
      fail("normal", "max", "a number above -Infinity", max);
    }
    if (!(max > min)) fail("normal", "max", `> min (${min})`, max);
    this.normal = new StandardNormal(rng);
    this.mu = mean;
    this.sd = sd;
    this.min = min;
    this.max = max;
    const alpha = (min - mean) / sd;
    const beta = (max - mean) / sd;
    const p = normalMass(alpha, beta);
    this.acceptanceProb = p;
    const densityTerm = sd * (normalPdf(alpha) - normalPdf(beta));
    if (p >= TRUNCNORM_MIN_ACCEPTANCE) {
      this.maxTries = p >= 1 ? 1 : Math.max(1, Math.ceil(Math.log(TRUNCNORM_FAILURE_PROB) / Math.log1p(-p)));
      this.mean = mean + densityTerm / p;
    } else {
      this.maxTries = 0;
      const below = normalMass(Number.NEGATIVE_INFINITY, alpha);
      const above = normalMass(beta, Number.POSITIVE_INFINITY);
      this.mean = (below > 0 ? min * below : 0) + (above > 0 ? max * above : 0) + mean * p + densityTerm;
    }
  }

  /** One variate (see the class comment for the bounded rejection and the far-tail fallback). */
  sample(): number {
    let x = this.mu + this.sd * this.normal.sample();
    for (let k = 1; k < this.maxTries && (x < this.min || x > this.max); k++) {
      x = this.mu + this.sd * this.normal.sample();
    }
    return x < this.min ? this.min : x > this.max ? this.max : x;
  }
}

/** Lognormal: a positive, right-skewed time, usually given by its mean and coefficient of variation. */
export class Lognormal implements Distribution {
  /** exp(mu + sigma² / 2). */
  readonly mean: number;
  /** Mean of the underlying normal (log scale). */
  readonly mu: number;
  /** Standard deviation of the underlying normal (log scale). */
  readonly sigma: number;
  private readonly normal: StandardNormal;

  /** By the parameters of the underlying normal: @param mu log-scale mean; @param sigma log-scale sd, > 0 */
  constructor(rng: Rng, mu: number, sigma: number) {
    requireFinite("lognormal", "mu", mu);
    requirePositive("lognormal", "sigma", sigma);
    this.normal = new StandardNormal(rng);
    this.mu = mu;
    this.sigma = sigma;
    this.mean = Math.exp(mu + 0.5 * sigma * sigma);
  }

  /** By mean > 0 and coefficient of variation cv = sd / mean > 0, the form scenarios are written in. */
  static fromMeanCv(rng: Rng, mean: number, cv: number): Lognormal {
    requirePositive("lognormal", "mean", mean);
    requirePositive("lognormal", "cv", cv);
    const sigma2 = Math.log1p(cv * cv);
    return new Lognormal(rng, Math.log(mean) - 0.5 * sigma2, Math.sqrt(sigma2));
  }

  /** One variate: exp of a normal. */
  sample(): number {
    return Math.exp(this.mu + this.sigma * this.normal.sample());
  }
}

/**
 * Gamma with shape k and scale θ (mean kθ), by Marsaglia and Tsang's squeeze method (2000).
 * For k < 1 it samples shape k + 1 and multiplies by U^(1/k), the standard boost, since the method needs k ≥ 1.
 */
export class Gamma implements Distribution {
  /** shapeK × scale. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly normal: StandardNormal;
  private readonly scale: number;
  private readonly d: number;
  private readonly c: number;
  /** 1/k when k < 1 (boost exponent), else 0 (no boost). */
  private readonly boostExp: number;

  /** @param shapeK shape k > 0; @param scale scale θ > 0, in the caller's unit */
  constructor(rng: Rng, shapeK: number, scale: number) {
    requirePositive("gamma", "shape", shapeK);
    requirePositive("gamma", "scale", scale);
    this.rng = rng;
    this.normal = new StandardNormal(rng);
    this.scale = scale;
    this.boostExp = shapeK < 1 ? 1 / shapeK : 0;
    this.d = (shapeK < 1 ? shapeK + 1 : shapeK) - 1 / 3;
    this.c = 1 / Math.sqrt(9 * this.d);
    this.mean = shapeK * scale;
  }

  /** One variate; the loop accepts with probability above 0.95 per round for every shape. */
  sample(): number {
    const d = this.d;
    let v: number;
    for (;;) {
      let x: number;
      do {
        x = this.normal.sample();
        v = 1 + this.c * x;
      } while (v <= 0);
      v = v * v * v;
      const u = this.rng.next();
      const x2 = x * x;
      if (u < 1 - 0.0331 * x2 * x2) break;
      if (Math.log(u) < 0.5 * x2 + d * (1 - v + Math.log(v))) break;
    }
    const g = d * v * this.scale;
    // double() is never 0, and its 53 bits keep U^(1/k) meaningful for small k.
    return this.boostExp === 0 ? g : g * this.rng.double() ** this.boostExp;
  }
}

/** Erlang: sum of k exponential phases with the given overall mean; a gamma with integer shape. */
export class Erlang implements Distribution {
  /** The overall mean (k phases of mean / k each). */
  readonly mean: number;
  private readonly gamma: Gamma;

  /** @param k number of phases, a positive integer; @param mean overall mean > 0, in the caller's unit */
  constructor(rng: Rng, k: number, mean: number) {
    if (!Number.isSafeInteger(k) || k < 1) fail("erlang", "k", "a positive integer", k);
    requirePositive("erlang", "mean", mean);
    this.gamma = new Gamma(rng, k, mean / k);
    this.mean = mean;
  }

  /** One variate (gamma sampling costs the same for any k, unlike summing k exponentials). */
  sample(): number {
    return this.gamma.sample();
  }
}

/** Weibull with shape k and scale λ: times to failure, or service times with a lighter or heavier tail. */
export class Weibull implements Distribution {
  /** scale × Γ(1 + 1/k). */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly invShape: number;
  private readonly scale: number;

  /** @param shapeK shape k > 0; @param scale scale λ > 0, in the caller's unit */
  constructor(rng: Rng, shapeK: number, scale: number) {
    requirePositive("weibull", "shape", shapeK);
    requirePositive("weibull", "scale", scale);
    this.rng = rng;
    this.invShape = 1 / shapeK;
    this.scale = scale;
    this.mean = scale * Math.exp(lnGamma(1 + 1 / shapeK));
  }

  /** One variate by inverse transform. */
  sample(): number {
    return this.scale * (-Math.log(1 - this.rng.next())) ** this.invShape;
  }
}

/**
 * Discrete distribution over given values with given (unnormalised) weights, by Vose's alias method: O(1) per sample
 * whatever the number of values. One 32-bit uniform supplies both the column and the coin, so with n values the coin
 * keeps 32 − log2(n) bits of resolution.
 */
export class EmpiricalDiscrete implements Distribution {
  /** Weighted mean of the values. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly values: Float64Array;
  private readonly prob: Float64Array;
  private readonly alias: Int32Array;

  /** @param values finite values (copied); @param weights matching weights ≥ 0 (copied), not all zero */
  constructor(rng: Rng, values: readonly number[], weights: readonly number[]) {
    requireNumberArray("empirical", "values", values, 1);
    requireNumberArray("empirical", "weights", weights, 1);
    if (weights.length !== values.length) {
      fail("empirical", "weights", `as long as values (${values.length})`, `length ${weights.length}`);
    }
    const n = values.length;
    let total = 0;
    let weighted = 0;
    let heaviest = 0;
    for (let i = 0; i < n; i++) {
      const w = weights[i]!;
      if (w < 0) fail("empirical", `weights[${i}]`, ">= 0", w);
      total += w;
      weighted += w * values[i]!;
      if (w > weights[heaviest]!) heaviest = i;
    }
    if (!(total > 0) || !Number.isFinite(total)) fail("empirical", "weights", "of positive finite sum", total);
    this.rng = rng;
    this.values = Float64Array.from(values);
    this.mean = weighted / total;
    const prob = new Float64Array(n);
    const alias = new Int32Array(n);
    const scaled = new Float64Array(n);
    const small = new Int32Array(n);
    const large = new Int32Array(n);
    let ns = 0;
    let nl = 0;
    for (let i = 0; i < n; i++) {
      scaled[i] = (weights[i]! * n) / total;
      if (scaled[i]! < 1) small[ns++] = i;
      else large[nl++] = i;
    }
    while (ns > 0 && nl > 0) {
      const l = small[--ns]!;
      const g = large[--nl]!;
      prob[l] = scaled[l]!;
      alias[l] = g;
      scaled[g] = scaled[g]! + scaled[l]! - 1;
      if (scaled[g]! < 1) small[ns++] = g;
      else large[nl++] = g;
    }
    // Leftovers are 1 up to rounding; a zero-weight value must still never be drawn.
    while (nl > 0) prob[large[--nl]!] = 1;
    while (ns > 0) {
      const i = small[--ns]!;
      prob[i] = weights[i]! > 0 ? 1 : 0;
      alias[i] = heaviest;
    }
    this.prob = prob;
    this.alias = alias;
  }

  /** One value: pick a column uniformly, then the column's own value or its alias. */
  sample(): number {
    const u = this.rng.next() * this.prob.length;
    const i = u | 0;
    return u - i < this.prob[i]! ? this.values[i]! : this.values[this.alias[i]!]!;
  }
}

/**
 * Continuous distribution given by points of its CDF, linearly interpolated between them (an empirical histogram of
 * observed times, for instance); sampled by inverting the piecewise-linear CDF.
 */
export class EmpiricalContinuous implements Distribution {
  /** Mean of the piecewise-uniform density. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly points: Float64Array;
  private readonly probs: Float64Array;
  /** d(point)/d(prob) on each segment: the inverse CDF's slope. */
  private readonly slopes: Float64Array;

  /**
   * @param points non-decreasing values, at least 2 (copied)
   * @param cumulativeProbs P(X ≤ points[i]): non-decreasing from exactly 0 to 1 (copied)
   */
  constructor(rng: Rng, points: readonly number[], cumulativeProbs: readonly number[]) {
    requireNumberArray("empiricalContinuous", "points", points, 2);
    requireNumberArray("empiricalContinuous", "probs", cumulativeProbs, 2);
    const n = points.length;
    if (cumulativeProbs.length !== n) {
      fail("empiricalContinuous", "probs", `as long as points (${n})`, `length ${cumulativeProbs.length}`);
    }
    if (cumulativeProbs[0] !== 0) fail("empiricalContinuous", "probs[0]", "0", cumulativeProbs[0]);
    const last = cumulativeProbs[n - 1]!;
    if (Math.abs(last - 1) > 1e-9) fail("empiricalContinuous", `probs[${n - 1}]`, "1", last);
    for (let i = 1; i < n; i++) {
      if (points[i]! < points[i - 1]!) fail("empiricalContinuous", `points[${i}]`, `>= ${points[i - 1]}`, points[i]);
      if (cumulativeProbs[i]! < cumulativeProbs[i - 1]!) {
        fail("empiricalContinuous", `probs[${i}]`, `>= ${cumulativeProbs[i - 1]}`, cumulativeProbs[i]);
      }
    }
    this.rng = rng;
    this.points = Float64Array.from(points);
    this.probs = Float64Array.from(cumulativeProbs);
    this.probs[n - 1] = 1;
    this.slopes = new Float64Array(n - 1);
    let mean = 0;
    for (let j = 0; j < n - 1; j++) {
      const dp = this.probs[j + 1]! - this.probs[j]!;
      const x0 = this.points[j]!;
      const x1 = this.points[j + 1]!;
      this.slopes[j] = dp > 0 ? (x1 - x0) / dp : 0;
      mean += (dp * (x0 + x1)) / 2;
    }
    this.mean = mean;
  }

  /** One variate: binary search for the segment holding u, then interpolate. */
  sample(): number {
    const u = this.rng.next();
    const probs = this.probs;
    // Invariant probs[lo] <= u < probs[hi]; holds initially since probs[0] = 0 and probs[n-1] = 1 > u.
    let lo = 0;
    let hi = probs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (probs[mid]! <= u) lo = mid;
      else hi = mid;
    }
    return this.points[lo]! + (u - probs[lo]!) * this.slopes[lo]!;
  }
}

/** Bernoulli trial: 1 with probability p, else 0; `test()` gives the same draw as a boolean for routing decisions. */
export class Bernoulli implements Distribution {
  /** p. */
  readonly mean: number;
  private readonly rng: Rng;
  private readonly p: number;

  /** @param p success probability in [0, 1] */
  constructor(rng: Rng, p: number) {
    requireFinite("bernoulli", "p", p);
    if (p < 0 || p > 1) fail("bernoulli", "p", "within [0, 1]", p);
    this.rng = rng;
    this.p = p;
    this.mean = p;
  }

  /** True with probability p (one uniform). */
  test(): boolean {
    return this.rng.next() < this.p;
  }

  /** 1 with probability p, else 0 (one uniform). */
  sample(): number {
    return this.rng.next() < this.p ? 1 : 0;
  }
}

// ---------------------------------------------------------------------------------------------------------------------
// Plain-data specifications

/**
 * A distribution as plain data (what scenario files contain). Time-like fields are in the scenario's unit and are
 * multiplied by `scale` in {@link makeDistribution}; shapes, cv, weights, probabilities and p are unitless.
 */
export type DistributionSpec =
  | { readonly type: "deterministic"; readonly value: number }
  | { readonly type: "exponential"; readonly mean: number }
  | { readonly type: "uniform"; readonly min: number; readonly max: number }
  | { readonly type: "triangular"; readonly min: number; readonly mode: number; readonly max: number }
  | {
      readonly type: "normal";
      readonly mean: number;
      readonly sd: number;
      readonly min?: number;
      readonly max?: number;
    }
  | { readonly type: "lognormal"; readonly mean: number; readonly cv: number }
  | { readonly type: "gamma"; readonly shape: number; readonly scale: number }
  | { readonly type: "erlang"; readonly k: number; readonly mean: number }
  | { readonly type: "weibull"; readonly shape: number; readonly scale: number }
  | { readonly type: "empirical"; readonly values: readonly number[]; readonly weights: readonly number[] }
  | { readonly type: "empiricalContinuous"; readonly points: readonly number[]; readonly probs: readonly number[] }
  | { readonly type: "bernoulli"; readonly p: number };

/** Stand-in generator for computing means without a stream; sampling with it is a bug, so it throws. */
const NO_RNG: Rng = Object.freeze({
  next(): number {
    throw new Error("distributionMean: the placeholder rng must not be sampled");
  },
  double(): number {
    throw new Error("distributionMean: the placeholder rng must not be sampled");
  },
});

/**
 * Builds the sampler a spec describes, drawing from `rng`. Every time-like parameter is multiplied by `scale`, so a
 * scenario written in minutes is sampled in milliseconds with `scale = 60000`.
 */
export function makeDistribution(spec: DistributionSpec, rng: Rng, scale = 1): Distribution {
  requirePositive("makeDistribution", "scale", scale);
  switch (spec.type) {
    case "deterministic":
      return new Deterministic(spec.value * scale);
    case "exponential":
      return new Exponential(rng, spec.mean * scale);
    case "uniform":
      return new Uniform(rng, spec.min * scale, spec.max * scale);
    case "triangular":
      return new Triangular(rng, spec.min * scale, spec.mode * scale, spec.max * scale);
    case "normal":
      return new TruncatedNormal(
        rng,
        spec.mean * scale,
        spec.sd * scale,
        spec.min === undefined ? Number.NEGATIVE_INFINITY : spec.min * scale,
        spec.max === undefined ? Number.POSITIVE_INFINITY : spec.max * scale,
      );
    case "lognormal":
      return Lognormal.fromMeanCv(rng, spec.mean * scale, spec.cv);
    case "gamma":
      return new Gamma(rng, spec.shape, spec.scale * scale);
    case "erlang":
      return new Erlang(rng, spec.k, spec.mean * scale);
    case "weibull":
      return new Weibull(rng, spec.shape, spec.scale * scale);
    case "empirical":
      requireNumberArray("empirical", "values", spec.values, 1);
      return new EmpiricalDiscrete(
        rng,
        spec.values.map((v) => v * scale),
        spec.weights,
      );
    case "empiricalContinuous":
      requireNumberArray("empiricalContinuous", "points", spec.points, 2);
      return new EmpiricalContinuous(
        rng,
        spec.points.map((x) => x * scale),
        spec.probs,
      );
    case "bernoulli":
      return new Bernoulli(rng, spec.p);
    default: {
      const unknown: { type?: unknown } = spec;
      throw new RangeError(`makeDistribution: unknown distribution type ${JSON.stringify(unknown.type)}`);
    }
  }
}

/** Theoretical mean of a spec (after scaling), without a random stream; also validates the spec. */
export function distributionMean(spec: DistributionSpec, scale = 1): number {
  return makeDistribution(spec, NO_RNG, scale).mean;
}
