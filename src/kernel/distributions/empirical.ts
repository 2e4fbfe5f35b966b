/**
 * Samplers from data: a weighted list of values, and a piecewise-linear distribution function.
 */

import type { Rng } from "../rng.js";
import { fail, requireNumberArray } from "./checks.js";
import { type Distribution, roundMs } from "./distribution.js";

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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
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

  /** {@inheritDoc Distribution.sampleMs} */
  sampleMs(): number {
    return roundMs(this.sample());
  }
}
