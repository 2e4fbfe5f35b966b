/**
 * Across-replication summaries. Replications are independent and identically distributed by design
 * (one seed, one replication index each), so the classical Student-t interval on their means is the
 * honest measure of how far the simulated mean may be from the model's true mean.
 *
 * Sums run in index order over a plain array, so the same replications give the same bits whichever
 * thread or machine produced them.
 */
import { tCritical95 } from "./student-t.js";

/** Mean, sample standard deviation and 95 % Student-t interval of one figure across replications. */
export interface Summary {
  mean: number;
  /** Sample standard deviation (n - 1 in the denominator); 0 when n <= 1. */
  sd: number;
  /** 95 % confidence interval of the mean; collapses to [mean, mean] when n <= 1. */
  ci95: [number, number];
  /** Half-width of `ci95` (t * sd / sqrt(n)); 0 when n <= 1. */
  halfWidth: number;
  /** Number of finite values used (non-finite values, e.g. a mean of an empty tally, are left out). */
  n: number;
}

/** Arithmetic mean in index order (NaN for no values). */
export function mean(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  let s = 0;
  for (const v of values) s += v;
  return s / values.length;
}

/** Sample standard deviation by the two-pass formula (stable, and 0 for fewer than two values). */
export function sampleSd(values: readonly number[], valuesMean = mean(values)): number {
  const n = values.length;
  if (n < 2) return 0;
  let ss = 0;
  let comp = 0;
  for (const v of values) {
    const d = v - valuesMean;
    ss += d * d;
    comp += d;
  }
  // The compensation term corrects the rounding error of the mean (Chan, Golub & LeVeque's corrected two-pass).
  const variance = (ss - (comp * comp) / n) / (n - 1);
  return Math.sqrt(Math.max(0, variance));
}

/** Summary of one figure across replications; non-finite values are dropped and counted out of `n`. */
export function summarize(values: readonly number[]): Summary {
  const finite = values.filter((v) => Number.isFinite(v));
  const n = finite.length;
  if (n === 0) return { mean: Number.NaN, sd: Number.NaN, ci95: [Number.NaN, Number.NaN], halfWidth: Number.NaN, n };
  const m = mean(finite);
  if (n === 1) return { mean: m, sd: 0, ci95: [m, m], halfWidth: 0, n };
  const sd = sampleSd(finite, m);
  const halfWidth = (tCritical95(n - 1) * sd) / Math.sqrt(n);
  return { mean: m, sd, ci95: [m - halfWidth, m + halfWidth], halfWidth, n };
}

/**
 * Empirical quantile by linear interpolation between order statistics (Hyndman & Fan type 7, the
 * default of R and NumPy), so bands match what an analyst would compute by hand.
 */
export function quantile(values: readonly number[], p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile: p must be in [0,1], got ${p}`);
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  const a = sorted[lo] as number;
  const b = sorted[hi] as number;
  return a + (h - lo) * (b - a);
}

/** Relative half-width of the 95 % interval (half-width / |mean|), the usual stopping rule of sequential runs. */
export function relativeHalfWidth(s: Summary): number {
  if (s.n < 2) return Number.POSITIVE_INFINITY;
  if (s.mean === 0) return s.halfWidth === 0 ? 0 : Number.POSITIVE_INFINITY;
  return s.halfWidth / Math.abs(s.mean);
}
