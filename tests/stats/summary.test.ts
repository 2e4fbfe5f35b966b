/** Summaries, paired comparisons and series bands on small hand-checked samples (exact arithmetic, 1e-9). */
import { describe, expect, it } from "vitest";
import { pairedComparison, quantile, relativeHalfWidth, seriesBand, summarize } from "../../src/stats/index.js";

describe("summarize", () => {
  it("gives mean, sample sd and the t interval", () => {
    const s = summarize([2, 4, 4, 4, 5, 5, 7, 9]);
    expect(s.mean).toBe(5);
    expect(s.sd).toBeCloseTo(Math.sqrt(32 / 7), 12);
    const hw = (2.364624252 * Math.sqrt(32 / 7)) / Math.sqrt(8);
    expect(s.halfWidth).toBeCloseTo(hw, 8);
    expect(s.ci95[0]).toBeCloseTo(5 - hw, 8);
    expect(s.ci95[1]).toBeCloseTo(5 + hw, 8);
    expect(s.n).toBe(8);
  });

  it("collapses the interval to the mean for one replication", () => {
    expect(summarize([3.5])).toEqual({ mean: 3.5, sd: 0, ci95: [3.5, 3.5], halfWidth: 0, n: 1 });
  });

  it("drops non-finite values and counts them out", () => {
    const s = summarize([1, Number.NaN, 3]);
    expect(s.n).toBe(2);
    expect(s.mean).toBe(2);
    expect(summarize([]).n).toBe(0);
  });

  it("is exact for constant data", () => {
    const s = summarize([0.1, 0.1, 0.1, 0.1]);
    expect(s.sd).toBe(0);
    expect(s.ci95[0]).toBe(s.ci95[1]);
    expect(relativeHalfWidth(s)).toBe(0);
  });
});

describe("quantile", () => {
  it("interpolates like R type 7", () => {
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
    expect(quantile([1, 2, 3, 4, 5], 0.025)).toBeCloseTo(1.1, 12);
    expect(quantile([7], 0.975)).toBe(7);
  });
});

describe("pairedComparison", () => {
  it("uses the differences, not the two means", () => {
    const a = [10, 20, 30, 40];
    const b = [11, 21.5, 30.5, 41];
    const c = pairedComparison(a, b);
    expect(c.diffMean).toBeCloseTo(1, 12);
    expect(c.meanA).toBe(25);
    expect(c.significant).toBe(true);
    // Unpaired, the same data would be nowhere near significant.
    const sa = summarize(a);
    expect(sa.ci95[1] - sa.ci95[0]).toBeGreaterThan(20);
  });

  it("is not significant when the interval covers 0, nor with one pair", () => {
    expect(pairedComparison([1, 2, 3], [1.1, 1.9, 3.05]).significant).toBe(false);
    expect(pairedComparison([1], [5]).significant).toBe(false);
    expect(() => pairedComparison([1], [1, 2])).toThrow(RangeError);
  });
});

describe("seriesBand", () => {
  it("gives per-index means and bands", () => {
    const b = seriesBand([
      [1, 2, 3],
      [3, 4, 5],
    ]);
    expect(b.mean).toEqual([2, 3, 4]);
    expect(b.lo[0]).toBeLessThan(2);
    expect(b.hi[0]).toBeGreaterThan(2);
    const r = seriesBand(
      [
        [1, 2],
        [3, 4],
        [5, 6],
      ],
      "range95",
    );
    expect(r.lo[0]).toBeCloseTo(1.1, 12);
    expect(r.hi[1]).toBeCloseTo(5.9, 12);
  });
});
