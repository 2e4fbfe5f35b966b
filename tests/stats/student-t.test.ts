/**
 * The Student-t quantile against printed table values (Abramowitz & Stegun Table 26.10 and R's qt,
 * to 9 decimals); tolerance 1e-6 absolute as required for interval half-widths.
 */
import { describe, expect, it } from "vitest";
import {
  normalQuantile,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTQuantile,
  tCritical95,
} from "../../src/stats/index.js";

describe("studentTQuantile", () => {
  const table: [p: number, df: number, t: number][] = [
    [0.975, 1, 12.706204736],
    [0.975, 2, 4.30265273],
    [0.975, 3, 3.182446305],
    [0.975, 4, 2.776445105],
    [0.975, 5, 2.570581836],
    [0.975, 9, 2.262157163],
    [0.975, 10, 2.228138852],
    [0.975, 19, 2.093024054],
    [0.975, 29, 2.045229642],
    [0.975, 30, 2.042272456],
    [0.975, 100, 1.983971519],
    [0.975, 1000, 1.962339081],
    [0.95, 5, 2.015048373],
    [0.99, 7, 2.997951568],
    [0.995, 4, 4.604094871],
    [0.995, 20, 2.84533971],
    [0.9995, 10, 4.586893859],
    [0.9, 3, 1.637744354],
    [0.75, 6, 0.717558196],
    [0.6, 15, 0.257885912],
  ];
  for (const [p, df, t] of table) {
    it(`t(${p}, ${df}) = ${t}`, () => {
      expect(Math.abs(studentTQuantile(p, df) - t)).toBeLessThan(1e-6);
      expect(Math.abs(studentTQuantile(1 - p, df) + t)).toBeLessThan(1e-6);
    });
  }

  it("approaches the normal quantile for large df", () => {
    expect(Math.abs(studentTQuantile(0.975, 1e7) - 1.959963985)).toBeLessThan(1e-6);
    expect(Math.abs(normalQuantile(0.975) - 1.959963985)).toBeLessThan(1e-8);
  });

  it("inverts the CDF", () => {
    for (const df of [1, 2, 3, 4.5, 7, 25, 80]) {
      for (const p of [0.001, 0.025, 0.3, 0.5, 0.8, 0.975, 0.999]) {
        expect(Math.abs(studentTCdf(studentTQuantile(p, df), df) - p)).toBeLessThan(1e-10);
      }
    }
  });

  it("has the regularized incomplete beta's known values", () => {
    expect(regularizedIncompleteBeta(0.5, 2, 2)).toBeCloseTo(0.5, 14);
    expect(regularizedIncompleteBeta(0.3, 1, 1)).toBeCloseTo(0.3, 14);
    // I_x(a,1) = x^a
    expect(regularizedIncompleteBeta(0.7, 3, 1)).toBeCloseTo(0.343, 13);
  });

  it("caches critical values and rejects bad input", () => {
    expect(tCritical95(9)).toBe(tCritical95(9));
    expect(() => studentTQuantile(0.5, 0)).toThrow(RangeError);
    expect(() => studentTQuantile(1.5, 3)).toThrow(RangeError);
  });
});
