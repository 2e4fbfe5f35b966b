/**
 * Helpers of the distribution tests: reference special functions (independent of the
 * implementation under test), moments, Kolmogorov–Smirnov and chi-square statistics, the tolerances,
 * and one spec of every distribution type.
 */
import { expect } from "vitest";
import type { Distribution, DistributionSpec } from "../../src/kernel/distributions.js";

/*
 * Statistical checks. Every sampler draws from a fixed seed, so each check is deterministic (never flaky); the
 * tolerances are chosen so that a correct sampler passes with overwhelming probability for *any* seed, which is what
 * makes a pass meaningful.
 *
 * - Mean: |x̄ − μ| ≤ 4.5 · σ/√n (σ theoretical): a two-sided 4.5-sigma band, false-alarm rate ≈ 7e-6.
 * - Variance: the sample variance s² of n iid values has Var(s²) = (μ4 − σ⁴)/n + O(1/n²) = σ⁴(κ − 1)/n, with μ4 the
 *   fourth central moment and κ = μ4/σ⁴ the kurtosis; by the CLT s² is approximately normal, so we accept
 *   |s² − σ²| ≤ 4.5 · σ²·√((κ − 1)/n), again a 4.5-sigma band (κ is computed from theory for each distribution).
 * - Continuous shape: Kolmogorov–Smirnov D_n = sup |F_n − F| against the theoretical CDF, rejecting at alpha = 0.001,
 *   whose asymptotic critical value is 1.95/√n (Kolmogorov distribution quantile 1.949).
 * - Discrete shape: Pearson chi-square against the expected counts, rejecting at alpha = 0.001: the 0.999 quantiles of
 *   chi-square are 10.828 (1 degree of freedom) and 16.266 (3 degrees of freedom).
 */

export const N = 200_000;
export const Z_TOL = 4.5;
export const KS_CRIT = 1.95 / Math.sqrt(N);
export const CHI2_999_DF1 = 10.828;
export const CHI2_999_DF3 = 16.266;

// ---------------------------------------------------------------------------------------------------------------------
// Reference special functions (independent of the implementation under test)

export const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x) (series below a + 1, Lentz continued fraction above). */
export function lowerRegGamma(a: number, x: number): number {
  if (x <= 0) return 0;
  if (x === Number.POSITIVE_INFINITY) return 1;
  const logPrefactor = -x + a * Math.log(x) - lnGamma(a);
  if (x < a + 1) {
    let ap = a;
    let del = 1 / a;
    let sum = del;
    for (let k = 0; k < 10_000; k++) {
      ap += 1;
      del *= x / ap;
      sum += del;
      if (Math.abs(del) < Math.abs(sum) * 1e-16) break;
    }
    return sum * Math.exp(logPrefactor);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) < 1e-16) break;
  }
  return 1 - Math.exp(logPrefactor) * h;
}

/** Standard normal CDF via Φ(z) = ½(1 ± P(½, z²/2)). */
export function phi(z: number): number {
  const p = 0.5 * lowerRegGamma(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + p : 0.5 - p;
}

// ---------------------------------------------------------------------------------------------------------------------
// Statistics helpers

export function draw(d: Distribution, n = N): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = d.sample();
  return xs;
}

export function sampleMoments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1) };
}

/** Theory from raw moments E[X], E[X²], E[X³], E[X⁴]. */
export function fromRawMoments(m1: number, m2: number, m3: number, m4: number): Theory {
  const variance = m2 - m1 * m1;
  const mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return { mean: m1, variance, kurtosis: mu4 / (variance * variance) };
}

export interface Theory {
  mean: number;
  variance: number;
  kurtosis: number;
}

export function expectMoments(xs: Float64Array, t: Theory): void {
  const n = xs.length;
  const { mean, variance } = sampleMoments(xs);
  const meanTol = Z_TOL * Math.sqrt(t.variance / n);
  const varTol = Z_TOL * t.variance * Math.sqrt((t.kurtosis - 1) / n);
  expect(Math.abs(mean - t.mean), `mean ${mean} vs ${t.mean} (tol ${meanTol})`).toBeLessThanOrEqual(meanTol);
  expect(Math.abs(variance - t.variance), `variance ${variance} vs ${t.variance} (tol ${varTol})`).toBeLessThanOrEqual(
    varTol,
  );
}

/** Kolmogorov–Smirnov statistic of a sample against a continuous CDF (sorts `xs` in place). */
export function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

export function chiSquare(counts: number[], expected: number[]): number {
  let chi2 = 0;
  for (let i = 0; i < counts.length; i++) chi2 += (counts[i]! - expected[i]!) ** 2 / expected[i]!;
  return chi2;
}

/** One spec of every distribution type. */
export const SPECS: DistributionSpec[] = [
  { type: "deterministic", value: 3 },
  { type: "exponential", mean: 2 },
  { type: "uniform", min: 1, max: 3 },
  { type: "triangular", min: 1, mode: 2, max: 6 },
  { type: "normal", mean: 5, sd: 1 },
  { type: "normal", mean: 5, sd: 1, min: 4, max: 8 },
  { type: "lognormal", mean: 4, cv: 0.3 },
  { type: "gamma", shape: 2, scale: 1.5 },
  { type: "erlang", k: 4, mean: 8 },
  { type: "weibull", shape: 2, scale: 3 },
  { type: "empirical", values: [1, 2, 4], weights: [1, 1, 2] },
  { type: "empiricalContinuous", points: [0, 2, 5], probs: [0, 0.5, 1] },
  { type: "bernoulli", p: 0.25 },
];
