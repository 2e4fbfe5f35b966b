/**
 * Two single-server stations in series with blocking after service: arrivals that find station 1 occupied
 * (busy, or holding a finished customer that station 2 has no room for) are lost; station 2 has room for
 * K waiting customers (`queueMax: K`, `whenFull: block`). With K = 0 there is no room at all between the
 * stations, the case that once deadlocked (a blocked truck was only admitted into free room of the line).
 * The loss probability is compared to the exact answer of the continuous-time Markov chain
 * (state: station 1 idle / busy / blocked × customers at station 2), by PASTA the probability that
 * station 1 is occupied. Tolerance: the 99.9 % Student-t interval of 10 replications must contain it.
 */
import { describe, expect, it } from "vitest";
import { compileScenario, parseScenario, runCompiled } from "../../src/scenario/index.js";

const LAMBDA = 1; // per minute
const MEAN1 = 0.8; // minutes
const MEAN2 = 0.9;
const T_999_DF9 = 4.781;

/** Stationary distribution of a CTMC with generator rows built from `rate(i, j)`, by Gaussian elimination. */
function stationary(n: number, rate: (i: number, j: number) => number): number[] {
  // Solve pi Q = 0 with sum(pi) = 1: transpose Q, replace the last equation by the normalisation.
  const a: number[][] = Array.from({ length: n }, () => new Array(n + 1).fill(0));
  for (let i = 0; i < n; i++) {
    let out = 0;
    for (let j = 0; j < n; j++) {
      if (i === j) continue;
      const r = rate(i, j);
      a[j]![i]! += r;
      out += r;
    }
    a[i]![i]! -= out;
  }
  for (let j = 0; j <= n; j++) a[n - 1]![j] = 1;
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(a[r]![c]!) > Math.abs(a[p]![c]!)) p = r;
    [a[c], a[p]] = [a[p]!, a[c]!];
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = a[r]![c]! / a[c]![c]!;
      for (let k = c; k <= n; k++) a[r]![k]! -= f * a[c]![k]!;
    }
  }
  return a.map((row, i) => row[n]! / row[i]!);
}

/** Exact loss probability of the tandem with room K between the stations. */
function exactLoss(k: number): number {
  const cap2 = k + 1; // customers station 2 can hold (in service + waiting)
  const states: [number, number][] = []; // [s1: 0 idle, 1 busy, 2 blocked; n2]
  for (const s1 of [0, 1, 2]) for (let n2 = 0; n2 <= cap2; n2++) if (s1 !== 2 || n2 === cap2) states.push([s1, n2]);
  const index = new Map(states.map(([s, n], i) => [`${s}:${n}`, i]));
  const mu1 = 1 / MEAN1;
  const mu2 = 1 / MEAN2;
  const pi = stationary(states.length, (i, j) => {
    const [s1, n2] = states[i]!;
    const to = `${states[j]![0]}:${states[j]![1]}`;
    let r = 0;
    if (s1 === 0 && to === `1:${n2}`) r += LAMBDA;
    if (s1 === 1 && n2 < cap2 && to === `0:${n2 + 1}`) r += mu1;
    if (s1 === 1 && n2 === cap2 && to === `2:${n2}`) r += mu1;
    if (n2 > 0 && s1 !== 2 && to === `${s1}:${n2 - 1}`) r += mu2;
    if (n2 > 0 && s1 === 2 && to === `0:${n2}`) r += mu2;
    return index.get(to) === j ? r : 0;
  });
  return states.reduce((acc, [s1], i) => acc + (s1 !== 0 ? pi[i]! : 0), 0);
}

function scenario(room: number) {
  return compileScenario(
    parseScenario({
      name: `blocking-tandem-${room}`,
      seed: 11,
      horizonDays: 20,
      warmupDays: 1,
      scope: { name: "textbook", factor: 1 },
      demand: { export: { trucksPerDay: LAMBDA * 1440, entry: "first" } },
      stages: {
        first: {
          type: "server",
          servers: 1,
          serviceMinutes: { type: "exponential", mean: MEAN1 },
          queueMax: 0,
          whenFull: "reject",
          next: "second",
        },
        second: {
          type: "server",
          servers: 1,
          serviceMinutes: { type: "exponential", mean: MEAN2 },
          queueMax: room,
          whenFull: "block",
          next: "done",
        },
        done: { type: "sink", crossing: true },
      },
    }),
  );
}

describe("two-station tandem with blocking after service", () => {
  for (const room of [0, 1]) {
    it(`room ${room} between the stations: loss probability matches the Markov chain`, () => {
      const theory = exactLoss(room);
      const c = scenario(room);
      const losses = Array.from({ length: 10 }, (_, i) => {
        const r = runCompiled(c, i);
        return r.kpis.lostPerDay!.value / r.kpis.arrivalsPerDay!.value;
      });
      const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
      const sd = Math.sqrt(losses.reduce((a, b) => a + (b - mean) ** 2, 0) / (losses.length - 1));
      const half = (T_999_DF9 * sd) / Math.sqrt(losses.length);
      expect(half, "interval too wide to test anything").toBeLessThan(0.05 * theory);
      expect(
        Math.abs(mean - theory),
        `loss ${mean.toFixed(4)} ± ${half.toFixed(4)} vs exact ${theory.toFixed(4)}`,
      ).toBeLessThanOrEqual(half);
    });
  }
});
