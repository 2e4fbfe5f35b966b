import { describe, expect, it } from "vitest";
import {
  Bernoulli,
  type Distribution,
  EmpiricalContinuous,
  EmpiricalDiscrete,
  Erlang,
  Exponential,
  Gamma,
  Lognormal,
  makeDistribution,
  StandardNormal,
  Triangular,
  TruncatedNormal,
  Uniform,
  Weibull,
} from "../../src/kernel/distributions.js";
import { Xor4096 } from "../../src/kernel/rng.js";
import {
  CHI2_999_DF1,
  CHI2_999_DF3,
  chiSquare,
  draw,
  expectMoments,
  fromRawMoments,
  KS_CRIT,
  ksStatistic,
  lnGamma,
  lowerRegGamma,
  N,
  phi,
  SPECS,
  type Theory,
} from "./distribution-checks.js";

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
