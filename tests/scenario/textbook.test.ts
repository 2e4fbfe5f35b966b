/**
 * Textbook queues through the scenario path users take (YAML → compile → simulate), against closed forms.
 * Seeds are fixed (each scenario's own, replications 0..9). Tolerance: the 99.9 % Student-t interval of
 * the replication means (t(0.9995, 9) = 4.781) must contain the closed form, and must itself be narrow
 * (half-width below 12 % of the value), so a wide interval cannot hide a biased model.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";

const REPS = 10;
const T_999_DF9 = 4.781;

function runAll(name: string): ReplicationResult[] {
  const c = compileScenario(loadShippedScenario(name));
  return Array.from({ length: REPS }, (_, i) => runCompiled(c, i));
}

function interval(xs: number[]): { mean: number; half: number } {
  const n = xs.length;
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (n - 1));
  return { mean, half: (T_999_DF9 * sd) / Math.sqrt(n) };
}

function expectClose(xs: number[], theory: number, what: string, relWidthMax = 0.12): void {
  const { mean, half } = interval(xs);
  expect(
    half / Math.abs(theory),
    `${what}: interval too wide (±${half.toFixed(4)} around ${mean.toFixed(4)})`,
  ).toBeLessThan(relWidthMax);
  expect(
    Math.abs(mean - theory),
    `${what}: mean ${mean.toFixed(4)} vs closed form ${theory.toFixed(4)} (±${half.toFixed(4)})`,
  ).toBeLessThanOrEqual(half);
}

const stage = (r: ReplicationResult, id: string) => r.stages[id]!;

describe("textbook queues against closed forms", () => {
  it("M/M/1: Wq, Lq, utilization", () => {
    const rs = runAll("mm1");
    const lambda = 0.8;
    const mu = 1;
    const rho = lambda / mu;
    expectClose(
      rs.map((r) => stage(r, "station").waitMinutesMean),
      rho / (mu - lambda),
      "Wq",
    );
    expectClose(
      rs.map((r) => stage(r, "station").queueLengthMean),
      (rho * rho) / (1 - rho),
      "Lq",
    );
    expectClose(
      rs.map((r) => stage(r, "station").utilization),
      rho,
      "utilization",
      0.02,
    );
    expectClose(
      rs.map((r) => r.kpis.timeInSystemMinutesMean!.value),
      1 / (mu - lambda),
      "W",
    );
    for (const r of rs) expect(r.conservation.holds).toBe(true);
  });

  it("M/M/3: Erlang C waiting time", () => {
    const rs = runAll("mmc");
    const lambda = 2.4;
    const mu = 1;
    const c = 3;
    const a = lambda / mu;
    const rho = a / c;
    let sum = 0;
    let fact = 1;
    for (let k = 0; k < c; k++) {
      if (k > 0) fact *= k;
      sum += a ** k / fact;
    }
    const tail = a ** c / (fact * c * (1 - rho));
    const erlangC = tail / (sum + tail);
    expectClose(
      rs.map((r) => stage(r, "station").waitMinutesMean),
      erlangC / (c * mu - lambda),
      "Wq",
    );
    expectClose(
      rs.map((r) => stage(r, "station").utilization),
      rho,
      "utilization",
      0.02,
    );
  });

  it("M/D/1: Pollaczek–Khinchine", () => {
    const rs = runAll("md1");
    const rho = 0.8;
    expectClose(
      rs.map((r) => stage(r, "station").waitMinutesMean),
      rho / (2 * (1 - rho)),
      "Wq",
    );
    expectClose(
      rs.map((r) => stage(r, "station").queueLengthMean),
      (rho * rho) / (2 * (1 - rho)),
      "Lq",
    );
  });

  it("M/M/1/K: blocking probability", () => {
    const rs = runAll("mm1k");
    const rho = 0.9;
    const K = 5;
    const pBlock = ((1 - rho) * rho ** K) / (1 - rho ** (K + 1));
    expectClose(
      rs.map((r) => r.kpis.lostPerDay!.value / r.kpis.arrivalsPerDay!.value),
      pBlock,
      "P(block)",
    );
    for (const r of rs) expect(stage(r, "station").queueLengthMax).toBeLessThanOrEqual(K - 1);
  });

  it("tandem: two M/M/1 stations by Jackson's theorem", () => {
    const rs = runAll("tandem");
    const lambda = 0.5;
    const mu1 = 1;
    const mu2 = 1 / 0.8;
    expectClose(
      rs.map((r) => stage(r, "first").waitMinutesMean),
      lambda / mu1 / (mu1 - lambda),
      "Wq1",
    );
    expectClose(
      rs.map((r) => stage(r, "second").waitMinutesMean),
      lambda / mu2 / (mu2 - lambda),
      "Wq2",
    );
    expectClose(
      rs.map((r) => r.kpis.timeInSystemMinutesMean!.value),
      1 / (mu1 - lambda) + 1 / (mu2 - lambda),
      "W",
    );
  });
});
