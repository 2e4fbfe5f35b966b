import { describe, expect, it } from "vitest";
import {
  Bernoulli,
  Deterministic,
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
import { draw, lnGamma, SPECS } from "./distribution-checks.js";

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

describe("sampleMs", () => {
  const MINUTE_MS = 60_000;
  const samplers = (seed: string) => [
    ...SPECS.map((spec) => makeDistribution(spec, new Xor4096(seed), MINUTE_MS)),
    new StandardNormal(new Xor4096(seed)),
  ];

  it("is roundMs(sample()) draw for draw, for every sampler class", () => {
    const plain = samplers("ms");
    const rounded = samplers("ms");
    for (let i = 0; i < plain.length; i++) {
      const a = plain[i]!;
      const b = rounded[i]!;
      for (let k = 0; k < 5_000; k++) {
        const want = roundMs(a.sample());
        const got = b.sampleMs();
        if (!Object.is(got, want)) expect(`${a.constructor.name} draw ${k}: ${got}`).toBe(`${want}`);
      }
    }
  });

  it("is each class's own method, so its call to sample meets one class (see Distribution.sampleMs)", () => {
    for (const d of samplers("own")) {
      expect(Object.hasOwn(Object.getPrototypeOf(d), "sampleMs"), d.constructor.name).toBe(true);
    }
  });
});
