import { describe, expect, it } from "vitest";
import { Histogram, RandomStreams, Tally, TimeWeighted } from "../../src/kernel/index.js";

describe("streaming statistics", () => {
  it("Tally matches the two-pass mean and variance", () => {
    const xs = [3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5];
    const t = new Tally();
    for (const x of xs) t.add(x);
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const variance = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
    expect(t.count).toBe(xs.length);
    expect(t.mean).toBeCloseTo(mean, 12);
    expect(t.variance).toBeCloseTo(variance, 12);
    expect([t.min, t.max]).toEqual([1, 9]);
    t.reset();
    expect(t.count).toBe(0);
  });

  it("TimeWeighted integrates a step function and restarts at a warm-up reset", () => {
    const tw = new TimeWeighted(0, 0);
    tw.update(2, 10); // 0 on [0,10)
    tw.update(4, 20); // 2 on [10,20)
    expect(tw.mean(30)).toBeCloseTo((0 * 10 + 2 * 10 + 4 * 10) / 30, 12);
    expect(tw.max).toBe(4);
    tw.reset(30);
    tw.update(0, 40);
    expect(tw.mean(50)).toBeCloseTo(2, 12);
    expect(tw.max).toBe(4);
  });

  it("Histogram quantiles are within 0.5 % of the exact ones, in fixed memory", () => {
    const rng = new RandomStreams(1, 0).stream("h");
    const n = 100_000;
    const xs = new Float64Array(n);
    const h = new Histogram();
    for (let i = 0; i < n; i++) {
      const x = -Math.log(1 - rng.next()) * 60_000;
      xs[i] = x;
      h.add(x);
    }
    xs.sort();
    for (const q of [0.5, 0.9, 0.95, 0.99]) {
      const exact = xs[Math.ceil(q * n) - 1] as number;
      expect(Math.abs(h.quantile(q) - exact) / exact).toBeLessThan(0.005);
    }
    const other = new Histogram();
    other.add(0);
    h.merge(other);
    expect(h.count).toBe(n + 1);
    expect(new Histogram().quantile(0.5)).toBeNaN();
  });
});
