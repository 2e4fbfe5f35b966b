/**
 * The kernel against queueing theory. Each case runs R independent replications (fixed seed, replication
 * index 0..R−1) of a station built on the public kernel API, discards a warm-up, and checks that the
 * closed-form value lies inside the 99.9 % Student-t confidence interval of the replication means. The
 * half-width must also be small (a test that could not fail would be worthless), and Little's law must
 * hold on every replication.
 */
import { describe, expect, it } from "vitest";
import { runStation, type StationOptions, type StationResult } from "./station.js";

const REPLICATIONS = 10;
/** Student-t 0.9995 quantile with 9 degrees of freedom: a two-sided 99.9 % interval over 10 replications. */
const T_999_DF9 = 4.781;
const SEED = 20_261_122;

function replicate(o: Omit<StationOptions, "replication" | "seed">): StationResult[] {
  const out: StationResult[] = [];
  for (let r = 0; r < REPLICATIONS; r++) out.push(runStation({ ...o, seed: SEED, replication: r }));
  return out;
}

/** Checks `expected` against the 99.9 % interval of `values`; the interval must be narrower than `relWidthMax`. */
function expectWithinInterval(values: number[], expected: number, relWidthMax: number, what: string): void {
  const n = values.length;
  const mean = values.reduce((a, b) => a + b, 0) / n;
  const variance = values.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1);
  const half = (T_999_DF9 * Math.sqrt(variance)) / Math.sqrt(n);
  const msg = `${what}: expected ${expected.toFixed(4)}, got ${mean.toFixed(4)} ± ${half.toFixed(4)}`;
  expect(Math.abs(mean - expected), msg).toBeLessThanOrEqual(half);
  expect(half / expected, `${what}: interval too wide to test anything`).toBeLessThan(relWidthMax);
}

function expectLittle(results: StationResult[]): void {
  for (const r of results) {
    expect(Math.abs(r.numberInSystemMean - r.littleLambdaW) / r.littleLambdaW).toBeLessThan(0.01);
  }
}

/** Erlang C: probability that an arrival waits in M/M/c with offered load a = λ/μ. */
function erlangC(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const last = (term * a) / c;
  const rho = a / c;
  const top = last / (1 - rho);
  return top / (sum + top);
}

describe("closed-form queueing results", () => {
  const serviceMeanMs = 10_000;

  it("M/M/1 at ρ = 0.7: Wq, Lq, utilization, Little", () => {
    const lambda = 0.7 / serviceMeanMs;
    const mu = 1 / serviceMeanMs;
    const rho = lambda / mu;
    const res = replicate({
      arrivalMeanMs: 1 / lambda,
      service: { type: "exponential", mean: serviceMeanMs },
      servers: 1,
      customers: 100_000,
      warmupCustomers: 5_000,
    });
    expectWithinInterval(
      res.map((r) => r.waitMsMean),
      rho / (mu - lambda),
      0.05,
      "Wq",
    );
    expectWithinInterval(
      res.map((r) => r.queueLengthMean),
      rho ** 2 / (1 - rho),
      0.05,
      "Lq",
    );
    expectWithinInterval(
      res.map((r) => r.utilization),
      rho,
      0.01,
      "utilization",
    );
    expectLittle(res);
  });

  it("M/M/3 at ρ = 0.8: Erlang C waiting time and queue length", () => {
    const c = 3;
    const lambda = (0.8 * c) / serviceMeanMs;
    const mu = 1 / serviceMeanMs;
    const pWait = erlangC(c, lambda / mu);
    const wq = pWait / (c * mu - lambda);
    const res = replicate({
      arrivalMeanMs: 1 / lambda,
      service: { type: "exponential", mean: serviceMeanMs },
      servers: c,
      customers: 100_000,
      warmupCustomers: 5_000,
    });
    expectWithinInterval(
      res.map((r) => r.waitMsMean),
      wq,
      0.08,
      "Wq",
    );
    expectWithinInterval(
      res.map((r) => r.queueLengthMean),
      lambda * wq,
      0.08,
      "Lq",
    );
    expectWithinInterval(
      res.map((r) => r.utilization),
      0.8,
      0.01,
      "utilization",
    );
    expectLittle(res);
  });

  it("M/D/1 at ρ = 0.75: Pollaczek–Khinchine", () => {
    const lambda = 0.75 / serviceMeanMs;
    const mu = 1 / serviceMeanMs;
    const rho = lambda / mu;
    const res = replicate({
      arrivalMeanMs: 1 / lambda,
      service: { type: "deterministic", value: serviceMeanMs },
      servers: 1,
      customers: 100_000,
      warmupCustomers: 5_000,
    });
    expectWithinInterval(
      res.map((r) => r.waitMsMean),
      rho / (2 * mu * (1 - rho)),
      0.05,
      "Wq",
    );
    expectWithinInterval(
      res.map((r) => r.queueLengthMean),
      rho ** 2 / (2 * (1 - rho)),
      0.05,
      "Lq",
    );
    expectLittle(res);
  });

  it("M/M/1/K with K = 5 at ρ = 0.9: blocking probability", () => {
    const K = 5;
    const lambda = 0.9 / serviceMeanMs;
    const rho = 0.9;
    const pBlock = ((1 - rho) * rho ** K) / (1 - rho ** (K + 1));
    const res = replicate({
      arrivalMeanMs: 1 / lambda,
      service: { type: "exponential", mean: serviceMeanMs },
      servers: 1,
      systemCapacity: K,
      customers: 100_000,
      warmupCustomers: 2_000,
    });
    expectWithinInterval(
      res.map((r) => r.blockingProbability),
      pBlock,
      0.06,
      "P(block)",
    );
    expectLittle(res);
  });
});
