/**
 * Skewed positive service times: gamma, Erlang (a gamma of integer shape), Weibull.
 */

import type { Rng } from "../rng.js";
import { fail, requirePositive } from "./checks.js";
import { type Distribution, roundMs } from "./distribution.js";
import { StandardNormal } from "./normal.js";
import { lnGamma } from "./special.js";

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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
  }
}

/**
 * Discrete distribution over given values with given (unnormalised) weights, by Vose's alias method: O(1) per sample
 * whatever the number of values. One 32-bit uniform supplies both the column and the coin, so with n values the coin
 * keeps 32 − log2(n) bits of resolution.
 */
