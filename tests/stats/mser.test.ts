/**
 * MSER-5 on synthetic series with a known transient: an exponential decay from 50 toward a noisy
 * steady state of 10 that is over (below the noise) after about 60 observations.
 */
import { describe, expect, it } from "vitest";
import { mser5 } from "../../src/stats/index.js";

/** Small deterministic generator (LCG) so the test needs no kernel stream and never changes. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe("mser5", () => {
  it("finds the end of a known transient", () => {
    const u = lcg(7);
    const series: number[] = [];
    for (let t = 0; t < 1000; t++) series.push(10 + 40 * Math.exp(-t / 12) + (u() - 0.5) * 2);
    const r = mser5(series);
    // 40 e^{-t/12} falls below the noise amplitude (1) at t ~ 44; MSER may cut a little later, never much earlier.
    expect(r.truncation).toBeGreaterThanOrEqual(30);
    expect(r.truncation).toBeLessThanOrEqual(120);
    expect(r.truncation % 5).toBe(0);
    expect(r.reliable).toBe(true);
  });

  it("does not truncate a stationary series much", () => {
    const u = lcg(3);
    const series = Array.from({ length: 500 }, () => u());
    expect(mser5(series).truncation).toBeLessThanOrEqual(250);
  });

  it("handles series too short to batch", () => {
    expect(mser5([1, 2, 3])).toMatchObject({ truncation: 0, reliable: false });
  });

  it("flags a series whose minimum falls on the search limit", () => {
    // A pure upward trend: no steady state in sight.
    const series = Array.from({ length: 100 }, (_, i) => i);
    expect(mser5(series).reliable).toBe(false);
  });
});
