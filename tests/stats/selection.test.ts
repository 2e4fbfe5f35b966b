/**
 * Ranking and selection. The multivariate-t constant against Dunnett's tables; KN and NM on small cases;
 * then the validation the guarantee calls for: M/M/1 stations whose mean waits are known in closed form,
 * in a slippage configuration (the best exactly δ better than all others, the least favourable case) and
 * in others, over 200 independent macro-replications each, with common random numbers inside each.
 *
 * What is simulated: each output is the average wait in queue of 400 consecutive customers of an M/M/1
 * station (Lindley's recursion), started from the stationary wait distribution, so every output's mean is
 * exactly Wq = λ / (μ (μ − λ)); replication j of every station shares its arrival stream (common random
 * numbers), each station has its own service stream. The procedures see only these outputs, as they see
 * the gate model's KPIs in `gatesim bench-policies`. Fixed seeds: the measured probabilities are deterministic.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/kernel/index.js";
import {
  KimNelson,
  multivariateTQuantile,
  nmReplications,
  nmSelect,
  type SelectionOptions,
  summarize,
} from "../../src/stats/index.js";

/** Arrival rate of every station (per minute). */
const LAMBDA = 0.5;

/** The service rate giving mean wait `wq` with arrival rate λ: Wq = λ / (μ (μ − λ)) ⇒ μ = (λ + √(λ² + 4λ/wq)) / 2. */
function muFor(wq: number): number {
  return (LAMBDA + Math.sqrt(LAMBDA * LAMBDA + (4 * LAMBDA) / wq)) / 2;
}

/** Customers averaged in one output: enough for the average wait to be close to normal, as the procedures assume. */
const CUSTOMERS = 400;

/**
 * Output of replication `rep` (macro-replication `macro`) of each station: its average wait in queue. The
 * arrival stream is common to all stations (common random numbers, as gatesim's scenarios share their
 * arrivals); each station's service stream is its own, so no station is pathwise better than another.
 */
function mm1Outputs(wqs: readonly number[], macro: number, rep: number): number[] {
  const streams = new RandomStreams(`selection-validation-${macro}`, rep);
  const arrivals = streams.stream("arrivals");
  const ua = new Float64Array(CUSTOMERS);
  for (let c = 0; c < CUSTOMERS; c++) ua[c] = arrivals.next();
  return wqs.map((wq, i) => {
    const mu = muFor(wq);
    const s = streams.stream(`service:${i}`);
    // Stationary start: P(Wq = 0) = 1 − ρ, else Exp(μ − λ); every customer's wait then has mean Wq.
    const u0 = s.next();
    const u1 = s.next();
    let w = u0 < 1 - LAMBDA / mu ? 0 : -Math.log(1 - u1) / (mu - LAMBDA);
    let sum = 0;
    for (let c = 0; c < CUSTOMERS; c++) {
      sum += w;
      w = Math.max(0, w - Math.log(1 - s.next()) / mu + Math.log(1 - (ua[c] as number)) / LAMBDA);
    }
    return sum / CUSTOMERS;
  });
}

/** Appends replication `rep`'s outputs to each station's list. */
function collect(into: number[][], wqs: readonly number[], macro: number, rep: number): void {
  const xs = mm1Outputs(wqs, macro, rep);
  for (let i = 0; i < xs.length; i++) into[i]!.push(xs[i] as number);
}

/** Runs KN to the end on one macro-replication. */
function runKn(wqs: readonly number[], macro: number, o: SelectionOptions) {
  const first: number[][] = wqs.map(() => []);
  for (let j = 0; j < o.n0; j++) collect(first, wqs, macro, j);
  const kn = new KimNelson(first, o);
  for (let guard = 0; !kn.done; guard++) {
    expect(guard).toBeLessThan(100_000);
    const { replication, systems } = kn.next();
    if (systems.length === 0) break;
    const all = mm1Outputs(wqs, macro, replication);
    kn.add(new Map(systems.map((i) => [i, all[i] as number])));
  }
  return kn.result();
}

/** Runs NM on one macro-replication. */
function runNm(wqs: readonly number[], macro: number, o: SelectionOptions) {
  const outs: number[][] = wqs.map(() => []);
  for (let j = 0; j < o.n0; j++) collect(outs, wqs, macro, j);
  const n = nmReplications(outs, o).perSystem;
  for (let j = o.n0; j < n; j++) collect(outs, wqs, macro, j);
  return nmSelect(outs, o);
}

const OPTIONS: SelectionOptions = { alpha: 0.05, delta: 0.2, n0: 10, minimize: true };
const MACRO = 200;

describe("multivariate t constant", () => {
  it("matches Dunnett's one-sided 95 % table (ρ = 1/2) and Student's t for one dimension", () => {
    expect(multivariateTQuantile(0.05, 1, 20)).toBeCloseTo(1.7247, 3);
    expect(multivariateTQuantile(0.05, 2, 20)).toBeCloseTo(2.03, 2);
    expect(multivariateTQuantile(0.05, 4, 20)).toBeCloseTo(2.3, 2);
    expect(multivariateTQuantile(0.05, 2, Number.POSITIVE_INFINITY)).toBeCloseTo(1.92, 2);
    expect(multivariateTQuantile(0.05, 4, Number.POSITIVE_INFINITY)).toBeCloseTo(2.16, 2);
  });
});

describe("KN and NM on small cases", () => {
  it("KN picks a clearly better system after the first stage and spends nothing more", () => {
    const first = [
      [10, 11, 12, 10, 11],
      [1, 2, 1, 2, 1],
      [10.5, 11.5, 12, 10, 11.2],
    ];
    const kn = new KimNelson(first, { alpha: 0.05, delta: 1, n0: 5, minimize: true });
    expect(kn.done).toBe(true);
    const r = kn.result();
    expect(r.selected).toBe(1);
    expect(r.totalReplications).toBe(15);
    expect(r.eliminatedBy[0]).toBe(1);
  });

  it("KN ends on identical systems (zero variance of differences) without looping", () => {
    const xs = [3, 5, 4, 6, 5];
    const kn = new KimNelson([xs, xs, xs], { alpha: 0.05, delta: 0.5, n0: 5, minimize: false });
    expect(kn.done).toBe(true);
    expect(kn.result().selected).toBe(0);
  });

  it("KN stops at a budget cap without claiming the guarantee", () => {
    const first = [
      [0, 2, 1, 3],
      [1, 1, 3, 2],
    ];
    const kn = new KimNelson(first, { alpha: 0.05, delta: 0.01, n0: 4, minimize: false, maxReplications: 4 });
    expect(kn.done).toBe(false);
    expect(kn.next().systems).toEqual([]);
    expect(kn.result().guaranteed).toBe(false);
  });

  it("refuses bad options with the reason", () => {
    expect(() => new KimNelson([[1, 2]], { alpha: 0.05, delta: 1, n0: 2, minimize: true })).toThrow(
      /at least 2 systems/,
    );
    expect(() => new KimNelson([[1], [2]], { alpha: 0.05, delta: 1, n0: 1, minimize: true })).toThrow(/n0/);
    expect(
      () =>
        new KimNelson(
          [
            [1, 2],
            [1, 2],
          ],
          { alpha: 0.05, delta: 0, n0: 2, minimize: true },
        ),
    ).toThrow(/delta/);
  });
});

describe("validation on M/M/1 stations with known mean waits (200 macro-replications each)", () => {
  // Mean waits (minutes, μ = 1): the best is station 0 in every configuration.
  const slippage = [1.0, 1.2, 1.2, 1.2, 1.2];
  const spaced = [1.0, 1.2, 1.4, 1.6, 1.8];
  // Two good stations (within δ of the best) and three just beyond δ: a good selection is station 0 or 1.
  const withinDelta = [1.0, 1.1, 1.22, 1.22, 1.22];

  it("the simulated outputs have the closed-form means", () => {
    const n = 2000;
    const xs: number[][] = [[], []];
    for (let j = 0; j < n; j++) collect(xs, [1.0, 1.2], 999, j);
    for (const [i, wq] of [1.0, 1.2].entries()) {
      const s = summarize(xs[i]!);
      // The 99.9 % interval of the mean of 2,000 outputs contains the closed form.
      const half = (3.29 * s.sd) / Math.sqrt(n);
      expect(Math.abs(s.mean - wq)).toBeLessThan(half);
      expect(half).toBeLessThan(0.05);
    }
  });

  it("KN: probability of correct selection >= 1 − α in the slippage configuration; fewer replications than NM", () => {
    let correct = 0;
    let knTotal = 0;
    let fixedTotal = 0;
    for (let m = 0; m < MACRO; m++) {
      const r = runKn(slippage, m, OPTIONS);
      if (r.selected === 0) correct++;
      knTotal += r.totalReplications;
      fixedTotal += r.fixedBudget.total;
    }
    const pcs = correct / MACRO;
    expect(pcs).toBeGreaterThanOrEqual(1 - OPTIONS.alpha);
    expect(knTotal).toBeLessThan(fixedTotal);
  });

  it("KN: PCS >= 1 − α with spaced means, and good selection (within δ) >= 1 − α with close ones", () => {
    let correct = 0;
    let good = 0;
    for (let m = 0; m < MACRO; m++) {
      if (runKn(spaced, 1000 + m, OPTIONS).selected === 0) correct++;
      const s = runKn(withinDelta, 2000 + m, OPTIONS).selected;
      if ((withinDelta[s] as number) <= 1.0 + OPTIONS.delta) good++;
    }
    expect(correct / MACRO).toBeGreaterThanOrEqual(1 - OPTIONS.alpha);
    expect(good / MACRO).toBeGreaterThanOrEqual(1 - OPTIONS.alpha);
  });

  it("NM: PCS >= 1 − α in the slippage configuration, and its intervals cover the true differences", () => {
    let correct = 0;
    let covered = 0;
    for (let m = 0; m < MACRO; m++) {
      const r = runNm(slippage, 3000 + m, OPTIONS);
      if (r.selected === 0) correct++;
      // True μ_i − best of the others, in the "better" (lower wait) direction.
      const ok = slippage.every((wq, i) => {
        const others = Math.min(...slippage.filter((_, l) => l !== i));
        const d = -(wq - others);
        const [lo, hi] = r.mcb![i]!;
        return d >= lo - 1e-12 && d <= hi + 1e-12;
      });
      if (ok) covered++;
    }
    expect(correct / MACRO).toBeGreaterThanOrEqual(1 - OPTIONS.alpha);
    expect(covered / MACRO).toBeGreaterThanOrEqual(1 - OPTIONS.alpha);
  });
});
