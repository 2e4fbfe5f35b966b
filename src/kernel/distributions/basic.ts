/**
 * Samplers of one uniform each: constant, exponential, uniform, triangular, Bernoulli.
 */

import type { Rng } from "../rng.js";
import { fail, requireFinite, requirePositive } from "./checks.js";
import { type Distribution, roundMs } from "./distribution.js";

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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
  }
}

/**
 * Standard normal N(0, 1) by Marsaglia's polar method, the building block of the normal-based samplers.
 * Each polar step yields two independent variates; the second is kept in a field for the next call instead of being
 * returned in an allocated pair.
 */

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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
  }
}
