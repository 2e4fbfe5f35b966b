/**
 * Distributions as plain data (what scenario files contain), and the sampler each one describes.
 */

import type { Rng } from "../rng.js";
import { Bernoulli, Deterministic, Exponential, Triangular, Uniform } from "./basic.js";
import { requireNumberArray, requirePositive } from "./checks.js";
import type { Distribution } from "./distribution.js";
import { EmpiricalContinuous, EmpiricalDiscrete } from "./empirical.js";
import { Erlang, Gamma, Weibull } from "./gamma-weibull.js";
import { Lognormal, TruncatedNormal } from "./normal.js";

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
