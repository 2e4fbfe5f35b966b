/**
 * The normal family: standard normal, truncated normal, lognormal.
 */

import { doubleFromTheStart } from "../mutable-fields.js";
import type { Rng } from "../rng.js";
import { fail, requireFinite, requirePositive } from "./checks.js";
import { type Distribution, roundMs } from "./distribution.js";
import { normalMass, normalPdf } from "./special.js";

export class StandardNormal implements Distribution {
  /** Always 0. */
  readonly mean = 0;
  private readonly rng: Rng;
  private spare = 0;
  private hasSpare = false;

  /** @param rng the uniform source */
  constructor(rng: Rng) {
    this.rng = rng;
    // Double representation from the start: see mutable-fields.ts.
    doubleFromTheStart(this, ["spare"]);
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
  }
}

/**
 * Gamma with shape k and scale θ (mean kθ), by Marsaglia and Tsang's squeeze method (2000).
 * For k < 1 it samples shape k + 1 and multiplies by U^(1/k), the standard boost, since the method needs k ≥ 1.
 */
