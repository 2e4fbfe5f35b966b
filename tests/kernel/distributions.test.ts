import { describe, expect, it } from "vitest";
import {
  Bernoulli,
  Deterministic,
  type Distribution,
  type DistributionSpec,
  distributionMean,
  EmpiricalContinuous,
  EmpiricalDiscrete,
  Erlang,
  Exponential,
  Gamma,
  Lognormal,
  makeDistribution,
  roundMs,
  StandardNormal,
  Triangular,
  TruncatedNormal,
  Uniform,
  Weibull,
} from "../../src/kernel/distributions.js";
import { Xor4096 } from "../../src/kernel/rng.js";

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

const N = 200_000;
const Z_TOL = 4.5;
const KS_CRIT = 1.95 / Math.sqrt(N);
const CHI2_999_DF1 = 10.828;
const CHI2_999_DF3 = 16.266;

// ---------------------------------------------------------------------------------------------------------------------
// Reference special functions (independent of the implementation under test)

const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

function lnGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - lnGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

/** Regularised lower incomplete gamma P(a, x) (series below a + 1, Lentz continued fraction above). */
function lowerRegGamma(a: number, x: number): number {
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
function phi(z: number): number {
  const p = 0.5 * lowerRegGamma(0.5, (z * z) / 2);
  return z >= 0 ? 0.5 + p : 0.5 - p;
}

// ---------------------------------------------------------------------------------------------------------------------
// Statistics helpers

function draw(d: Distribution, n = N): Float64Array {
  const xs = new Float64Array(n);
  for (let i = 0; i < n; i++) xs[i] = d.sample();
  return xs;
}

function sampleMoments(xs: Float64Array): { mean: number; variance: number } {
  let sum = 0;
  for (const x of xs) sum += x;
  const mean = sum / xs.length;
  let ss = 0;
  for (const x of xs) ss += (x - mean) * (x - mean);
  return { mean, variance: ss / (xs.length - 1) };
}

/** Theory from raw moments E[X], E[X²], E[X³], E[X⁴]. */
function fromRawMoments(m1: number, m2: number, m3: number, m4: number): Theory {
  const variance = m2 - m1 * m1;
  const mu4 = m4 - 4 * m1 * m3 + 6 * m1 * m1 * m2 - 3 * m1 ** 4;
  return { mean: m1, variance, kurtosis: mu4 / (variance * variance) };
}

interface Theory {
  mean: number;
  variance: number;
  kurtosis: number;
}

function expectMoments(xs: Float64Array, t: Theory): void {
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
function ksStatistic(xs: Float64Array, cdf: (x: number) => number): number {
  xs.sort();
  const n = xs.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = cdf(xs[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

function chiSquare(counts: number[], expected: number[]): number {
  let chi2 = 0;
  for (let i = 0; i < counts.length; i++) chi2 += (counts[i]! - expected[i]!) ** 2 / expected[i]!;
  return chi2;
}

// ---------------------------------------------------------------------------------------------------------------------
// Continuous distributions: mean, variance, KS

interface ContinuousCase {
  name: string;
  make: (rng: Xor4096) => Distribution;
  theory: Theory;
  cdf: (x: number) => number;
  n?: number;
}

const triangular = { min: 1, mode: 3, max: 10 };
const truncated = { mean: 10, sd: 2, min: 8, max: 15 };
const lognormal = { mean: 100, cv: 0.5 };
const lnSigma2 = Math.log1p(lognormal.cv ** 2);
const lnMu = Math.log(lognormal.mean) - lnSigma2 / 2;
const empC = { points: [0, 1, 3, 6], probs: [0, 0.2, 0.7, 1] };

/** Truncated-normal moments by Simpson's rule on [min, max], independent of the closed form used in the code. */
function truncatedNormalTheory(mu: number, sd: number, a: number, b: number): Theory {
  const steps = 20_000;
  const h = (b - a) / steps;
  const m = [0, 0, 0, 0, 0];
  for (let i = 0; i <= steps; i++) {
    const x = a + i * h;
    const w = (i === 0 || i === steps ? 1 : i % 2 === 1 ? 4 : 2) * Math.exp(-0.5 * ((x - mu) / sd) ** 2);
    for (let r = 0; r <= 4; r++) m[r]! += w * x ** r;
  }
  return fromRawMoments(m[1]! / m[0]!, m[2]! / m[0]!, m[3]! / m[0]!, m[4]! / m[0]!);
}

function weibullTheory(k: number, lambda: number): Theory {
  const raw = (r: number) => lambda ** r * Math.exp(lnGamma(1 + r / k));
  return fromRawMoments(raw(1), raw(2), raw(3), raw(4));
}

function gammaTheory(k: number, theta: number): Theory {
  return { mean: k * theta, variance: k * theta * theta, kurtosis: 3 + 6 / k };
}

function empiricalContinuousTheory(points: number[], probs: number[]): Theory {
  const raw = [0, 0, 0, 0, 0];
  for (let j = 0; j + 1 < points.length; j++) {
    const a = points[j]!;
    const b = points[j + 1]!;
    const w = probs[j + 1]! - probs[j]!;
    for (let r = 1; r <= 4; r++) raw[r]! += (w * (b ** (r + 1) - a ** (r + 1))) / ((r + 1) * (b - a));
  }
  return fromRawMoments(raw[1]!, raw[2]!, raw[3]!, raw[4]!);
}

function piecewiseLinearCdf(points: number[], probs: number[]): (x: number) => number {
  return (x) => {
    if (x <= points[0]!) return 0;
    for (let j = 0; j + 1 < points.length; j++) {
      const a = points[j]!;
      const b = points[j + 1]!;
      if (x <= b) return probs[j]! + ((probs[j + 1]! - probs[j]!) * (x - a)) / (b - a);
    }
    return 1;
  };
}

const lnS2 = lnSigma2;
const CONTINUOUS: ContinuousCase[] = [
  {
    name: "exponential(mean 5)",
    make: (r) => new Exponential(r, 5),
    theory: { mean: 5, variance: 25, kurtosis: 9 },
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-x / 5)),
  },
  {
    name: "uniform(2, 10)",
    make: (r) => new Uniform(r, 2, 10),
    theory: { mean: 6, variance: 64 / 12, kurtosis: 9 / 5 },
    cdf: (x) => Math.min(1, Math.max(0, (x - 2) / 8)),
  },
  {
    name: "triangular(1, 3, 10)",
    make: (r) => new Triangular(r, triangular.min, triangular.mode, triangular.max),
    // Var = (a² + b² + c² − ab − ac − bc)/18; every triangular has excess kurtosis −0.6.
    theory: { mean: 14 / 3, variance: (1 + 9 + 100 - 3 - 10 - 30) / 18, kurtosis: 2.4 },
    cdf: (x) => {
      const { min: a, mode: c, max: b } = triangular;
      if (x <= a) return 0;
      if (x <= c) return (x - a) ** 2 / ((b - a) * (c - a));
      if (x < b) return 1 - (b - x) ** 2 / ((b - a) * (b - c));
      return 1;
    },
  },
  {
    name: "normal(10, 2) untruncated",
    make: (r) => new TruncatedNormal(r, 10, 2),
    theory: { mean: 10, variance: 4, kurtosis: 3 },
    cdf: (x) => phi((x - 10) / 2),
  },
  {
    name: "normal(10, 2) truncated to [8, 15]",
    make: (r) => new TruncatedNormal(r, truncated.mean, truncated.sd, truncated.min, truncated.max),
    theory: truncatedNormalTheory(truncated.mean, truncated.sd, truncated.min, truncated.max),
    cdf: (x) => {
      const { mean: m, sd: s, min: a, max: b } = truncated;
      const lo = phi((a - m) / s);
      const hi = phi((b - m) / s);
      return Math.min(1, Math.max(0, (phi((x - m) / s) - lo) / (hi - lo)));
    },
  },
  {
    name: "normal(0, 1) truncated to [3, ∞): ~740 rejections per sample",
    make: (r) => new TruncatedNormal(r, 0, 1, 3),
    theory: truncatedNormalTheory(0, 1, 3, 12),
    cdf: (x) => (x <= 3 ? 0 : (phi(x) - phi(3)) / (1 - phi(3))),
    n: 10_000,
  },
  {
    name: "lognormal(mean 100, cv 0.5)",
    make: (r) => Lognormal.fromMeanCv(r, lognormal.mean, lognormal.cv),
    // Kurtosis of a lognormal: e^{4σ²} + 2e^{3σ²} + 3e^{2σ²} − 3.
    theory: {
      mean: 100,
      variance: (0.5 * 100) ** 2,
      kurtosis: Math.exp(4 * lnS2) + 2 * Math.exp(3 * lnS2) + 3 * Math.exp(2 * lnS2) - 3,
    },
    cdf: (x) => (x <= 0 ? 0 : phi((Math.log(x) - lnMu) / Math.sqrt(lnSigma2))),
  },
  {
    name: "gamma(shape 2.5, scale 3)",
    make: (r) => new Gamma(r, 2.5, 3),
    theory: gammaTheory(2.5, 3),
    cdf: (x) => lowerRegGamma(2.5, x / 3),
  },
  {
    name: "gamma(shape 0.5, scale 2): the k < 1 boost",
    make: (r) => new Gamma(r, 0.5, 2),
    theory: gammaTheory(0.5, 2),
    cdf: (x) => lowerRegGamma(0.5, x / 2),
  },
  {
    name: "erlang(k 3, mean 12)",
    make: (r) => new Erlang(r, 3, 12),
    theory: gammaTheory(3, 4),
    cdf: (x) => lowerRegGamma(3, x / 4),
  },
  {
    name: "weibull(shape 1.5, scale 10)",
    make: (r) => new Weibull(r, 1.5, 10),
    theory: weibullTheory(1.5, 10),
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-((x / 10) ** 1.5))),
  },
  {
    name: "weibull(shape 0.8, scale 2)",
    make: (r) => new Weibull(r, 0.8, 2),
    theory: weibullTheory(0.8, 2),
    cdf: (x) => (x <= 0 ? 0 : 1 - Math.exp(-((x / 2) ** 0.8))),
  },
  {
    name: "empiricalContinuous([0,1,3,6], [0,.2,.7,1])",
    make: (r) => new EmpiricalContinuous(r, empC.points, empC.probs),
    theory: empiricalContinuousTheory(empC.points, empC.probs),
    cdf: piecewiseLinearCdf(empC.points, empC.probs),
  },
];

describe("continuous samplers: mean, variance and Kolmogorov–Smirnov (alpha = 0.001)", () => {
  for (const c of CONTINUOUS) {
    it(c.name, () => {
      const d = c.make(new Xor4096(`dist-test:${c.name}`));
      // The `mean` property is the theoretical mean (erfc in the code is accurate to ~1e-7 relative).
      expect(Math.abs(d.mean - c.theory.mean)).toBeLessThanOrEqual(1e-6 * Math.abs(c.theory.mean));
      const xs = draw(d, c.n ?? N);
      expectMoments(xs, c.theory);
      const ks = ksStatistic(xs, c.cdf);
      expect(ks, `KS D = ${ks}`).toBeLessThan(1.95 / Math.sqrt(xs.length));
    });
  }

  it("KS critical value used is 1.95/sqrt(n)", () => {
    expect(KS_CRIT).toBeCloseTo(0.00436, 5);
  });

  it("standard normal by the polar method", () => {
    const xs = draw(new StandardNormal(new Xor4096("std-normal")));
    expectMoments(xs, { mean: 0, variance: 1, kurtosis: 3 });
    expect(ksStatistic(xs, phi)).toBeLessThan(KS_CRIT);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Discrete distributions: mean, variance, chi-square

describe("discrete samplers: mean, variance and chi-square (alpha = 0.001)", () => {
  it("empirical discrete by the alias method (a zero-weight value is never drawn)", () => {
    const values = [1, 2, 5, 10, 99];
    const weights = [1, 2, 3, 4, 0];
    const d = new EmpiricalDiscrete(new Xor4096("empirical"), values, weights);
    const probs = weights.map((w) => w / 10);
    const raw = (r: number) => values.reduce((s, v, i) => s + probs[i]! * v ** r, 0);
    expect(d.mean).toBeCloseTo(raw(1), 12);
    const xs = draw(d);
    expectMoments(xs, fromRawMoments(raw(1), raw(2), raw(3), raw(4)));
    const counts = values.map(() => 0);
    for (const x of xs) counts[values.indexOf(x)]!++;
    expect(counts[4]).toBe(0);
    // 4 categories with positive weight: 3 degrees of freedom.
    const chi2 = chiSquare(
      counts.slice(0, 4),
      probs.slice(0, 4).map((p) => p * N),
    );
    expect(chi2, `chi2 = ${chi2}`).toBeLessThan(CHI2_999_DF3);
  });

  it("empirical discrete with many values and skewed weights", () => {
    const values = Array.from({ length: 50 }, (_, i) => i);
    const weights = values.map((i) => 1 / (i + 1));
    const total = weights.reduce((a, b) => a + b, 0);
    const d = new EmpiricalDiscrete(new Xor4096("empirical-50"), values, weights);
    const counts = new Array<number>(50).fill(0);
    for (let k = 0; k < N; k++) counts[d.sample()]!++;
    // 49 degrees of freedom: the 0.999 quantile of chi-square(49) is 85.351.
    expect(
      chiSquare(
        counts,
        weights.map((w) => (w / total) * N),
      ),
    ).toBeLessThan(85.351);
  });

  it("bernoulli(0.3): sample() and test()", () => {
    const p = 0.3;
    const d = new Bernoulli(new Xor4096("bernoulli"), p);
    expect(d.mean).toBe(p);
    const xs = draw(d);
    // Bernoulli raw moments all equal p.
    expectMoments(xs, fromRawMoments(p, p, p, p));
    let ones = 0;
    let others = 0;
    for (const x of xs) {
      if (x === 1) ones++;
      else if (x !== 0) others++;
    }
    expect(others).toBe(0);
    const chi2 = chiSquare([ones, N - ones], [p * N, (1 - p) * N]);
    expect(chi2, `chi2 = ${chi2}`).toBeLessThan(CHI2_999_DF1);

    const a = new Bernoulli(new Xor4096("bern-same"), p);
    const b = new Bernoulli(new Xor4096("bern-same"), p);
    const tests = Array.from({ length: 1000 }, () => a.test());
    const samples = Array.from({ length: 1000 }, () => b.sample() === 1);
    expect(tests).toEqual(samples);
    expect(new Bernoulli(new Xor4096("b0"), 0).test()).toBe(false);
    expect(new Bernoulli(new Xor4096("b1"), 1).test()).toBe(true);
  });
});

// ---------------------------------------------------------------------------------------------------------------------
// Edge behaviour, determinism, specs, validation, roundMs

describe("truncated normal far in a tail", () => {
  it("clamps instead of rejecting when the acceptance probability is below 1e-6", () => {
    const d = new TruncatedNormal(new Xor4096("far-tail"), 0, 1, 6);
    expect(d.acceptanceProb).toBeLessThan(1e-6);
    expect(Math.min(...draw(d, 10_000))).toBeGreaterThanOrEqual(6);
    // mean of max(6, Z): essentially 6.
    expect(d.mean).toBeCloseTo(6, 6);
  });

  it("samples stay within two-sided bounds", () => {
    const d = new TruncatedNormal(new Xor4096("bounds"), 0, 1, -0.1, 0.2);
    const xs = draw(d, 10_000);
    expect(xs.filter((x) => x < -0.1 || x > 0.2).length).toBe(0);
  });
});

const SPECS: DistributionSpec[] = [
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

describe("DistributionSpec, makeDistribution and distributionMean", () => {
  it("every spec type builds; distributionMean equals the sampler's mean", () => {
    for (const spec of SPECS) {
      const d = makeDistribution(spec, new Xor4096("spec"));
      expect(distributionMean(spec)).toBe(d.mean);
      expect(Number.isFinite(d.sample())).toBe(true);
    }
  });

  it("scale multiplies time-like parameters only", () => {
    const ms = 60_000;
    const expected: Record<string, number> = {
      deterministic: 3 * ms,
      exponential: 2 * ms,
      uniform: 2 * ms,
      triangular: 3 * ms,
      lognormal: 4 * ms,
      gamma: 3 * ms,
      erlang: 8 * ms,
      weibull: 3 * ms * Math.exp(lnGamma(1.5)),
      empirical: 2.75 * ms,
      empiricalContinuous: 2.25 * ms,
      bernoulli: 0.25,
    };
    for (const spec of SPECS) {
      const mean = distributionMean(spec, ms);
      expect(mean / distributionMean(spec)).toBeCloseTo(spec.type === "bernoulli" ? 1 : ms, 6);
      if (spec.type in expected) expect(mean).toBeCloseTo(expected[spec.type]!, 3);
    }
    // Truncation bounds scale with the rest: [4, 8] minutes around 5 ± 1 minutes.
    const d = makeDistribution({ type: "normal", mean: 5, sd: 1, min: 4, max: 8 }, new Xor4096("scaled-normal"), ms);
    expect(draw(d, 1000).filter((x) => x < 4 * ms || x > 8 * ms).length).toBe(0);
    // Gamma shape and lognormal cv are unitless: the scaled sampler equals the unscaled one times `scale`.
    const g1 = makeDistribution({ type: "gamma", shape: 0.7, scale: 2 }, new Xor4096("g"));
    const g2 = makeDistribution({ type: "gamma", shape: 0.7, scale: 2 }, new Xor4096("g"), ms);
    for (let k = 0; k < 100; k++) expect(g2.sample()).toBeCloseTo(g1.sample() * ms, 3);
  });

  it("rejects unknown types and bad scales", () => {
    expect(() => distributionMean({ type: "pareto" } as unknown as DistributionSpec)).toThrow(/unknown distribution/);
    expect(() => distributionMean({ type: "exponential", mean: 1 }, 0)).toThrow(/scale must be > 0/);
  });

  it("distributionMean never draws", () => {
    expect(distributionMean({ type: "empirical", values: [10, 20], weights: [3, 1] })).toBe(12.5);
  });
});

describe("determinism", () => {
  it("two generators with the same seed give the same samples for every sampler", () => {
    for (const spec of SPECS) {
      const a = makeDistribution(spec, new Xor4096("same-seed"));
      const b = makeDistribution(spec, new Xor4096("same-seed"));
      expect(draw(a, 2000)).toEqual(draw(b, 2000));
    }
    for (const c of CONTINUOUS) {
      const a = c.make(new Xor4096("same-seed-2"));
      const b = c.make(new Xor4096("same-seed-2"));
      expect(draw(a, 200)).toEqual(draw(b, 200));
    }
  });
});

describe("parameter validation", () => {
  const r = new Xor4096("validation");
  const cases: [() => unknown, string][] = [
    [() => new Deterministic(Number.NaN), "deterministic: value must be a finite number, got NaN"],
    [() => new Exponential(r, 0), "exponential: mean must be > 0, got 0"],
    [() => new Exponential(r, -1), "exponential: mean must be > 0, got -1"],
    [() => new Exponential(r, Number.POSITIVE_INFINITY), "exponential: mean must be a finite number, got Infinity"],
    [() => new Uniform(r, 3, 3), "uniform: max must be > min (3), got 3"],
    [() => new Triangular(r, 0, 5, 4), "triangular: mode must be within [min, max] = [0, 4], got 5"],
    [() => new Triangular(r, 2, 2, 1), "triangular: max must be > min (2), got 1"],
    [() => new TruncatedNormal(r, 0, 0), "normal: sd must be > 0, got 0"],
    [() => new TruncatedNormal(r, 0, 1, 2, 1), "normal: max must be > min (2), got 1"],
    [() => new TruncatedNormal(r, 0, 1, Number.NaN), "normal: min must be a number below Infinity, got NaN"],
    [() => Lognormal.fromMeanCv(r, 10, -1), "lognormal: cv must be > 0, got -1"],
    [() => Lognormal.fromMeanCv(r, 0, 1), "lognormal: mean must be > 0, got 0"],
    [() => new Lognormal(r, 0, 0), "lognormal: sigma must be > 0, got 0"],
    [() => new Gamma(r, 0, 1), "gamma: shape must be > 0, got 0"],
    [() => new Gamma(r, 1, -2), "gamma: scale must be > 0, got -2"],
    [() => new Erlang(r, 2.5, 1), "erlang: k must be a positive integer, got 2.5"],
    [() => new Erlang(r, 0, 1), "erlang: k must be a positive integer, got 0"],
    [() => new Weibull(r, -1, 1), "weibull: shape must be > 0, got -1"],
    [() => new EmpiricalDiscrete(r, [1, 2], [1]), "empirical: weights must be as long as values (2), got length 1"],
    [() => new EmpiricalDiscrete(r, [1, 2], [1, -1]), "empirical: weights[1] must be >= 0, got -1"],
    [() => new EmpiricalDiscrete(r, [1, 2], [0, 0]), "empirical: weights must be of positive finite sum, got 0"],
    [() => new EmpiricalDiscrete(r, [], []), "empirical: values must be an array of at least 1 numbers, got []"],
    [() => new EmpiricalDiscrete(r, [1, Number.NaN], [1, 1]), "empirical: values[1] must be a finite number, got NaN"],
    [() => new EmpiricalContinuous(r, [0, 1], [0.1, 1]), "empiricalContinuous: probs[0] must be 0, got 0.1"],
    [() => new EmpiricalContinuous(r, [0, 1], [0, 0.9]), "empiricalContinuous: probs[1] must be 1, got 0.9"],
    [() => new EmpiricalContinuous(r, [0, 2, 1], [0, 0.5, 1]), "empiricalContinuous: points[2] must be >= 2, got 1"],
    [
      () => new EmpiricalContinuous(r, [0, 1, 2, 3], [0, 0.6, 0.5, 1]),
      "empiricalContinuous: probs[2] must be >= 0.6, got 0.5",
    ],
    [() => new Bernoulli(r, 1.5), "bernoulli: p must be within [0, 1], got 1.5"],
  ];
  for (const [fn, message] of cases) {
    it(message, () => {
      expect(fn).toThrow(RangeError);
      expect(fn).toThrow(message);
    });
  }
});

describe("empirical continuous corner cases", () => {
  it("skips zero-probability segments and puts an atom where points repeat", () => {
    // P(X = 1) = 0.5 (repeated point), nothing drawn in the zero-probability segment [2, 3].
    const d = new EmpiricalContinuous(new Xor4096("atoms"), [0, 1, 1, 2, 3], [0, 0.25, 0.75, 1, 1]);
    let atoms = 0;
    let outside = 0;
    for (let k = 0; k < 10_000; k++) {
      const x = d.sample();
      if (x < 0 || x > 2) outside++;
      if (x === 1) atoms++;
    }
    expect(outside).toBe(0);
    expect(atoms / 10_000).toBeCloseTo(0.5, 1);
    expect(d.mean).toBeCloseTo(0.25 * 0.5 + 0.5 * 1 + 0.25 * 1.5, 12);
  });
});

describe("roundMs", () => {
  it("returns non-negative integers only", () => {
    const r = new Xor4096("round");
    let bad = 0;
    for (let k = 0; k < 100_000; k++) {
      const x = (r.next() - 0.3) * 1e4;
      const ms = roundMs(x);
      if (!Number.isInteger(ms) || ms < 0 || Object.is(ms, -0)) bad++;
      if (x >= 0.5 && Math.abs(ms - x) > 0.5) bad++;
    }
    expect(bad).toBe(0);
  });

  it("clamps negatives (and -0) to +0, rounds half up, passes Infinity, rejects NaN", () => {
    expect(Object.is(roundMs(-0.3), 0)).toBe(true);
    expect(Object.is(roundMs(-0), 0)).toBe(true);
    expect(roundMs(-1e9)).toBe(0);
    expect(roundMs(2.5)).toBe(3);
    expect(roundMs(2.4999)).toBe(2);
    expect(roundMs(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
    expect(() => roundMs(Number.NaN)).toThrow(RangeError);
  });
});
