import { describe, expect, it } from "vitest";
import { NhppArrivals, PiecewiseRate } from "../../src/kernel/nhpp.js";
import { type Rng, Xor4096 } from "../../src/kernel/rng.js";

/*
 * Counts of a Poisson process over a window are Poisson(Λ), Λ = ∫ rate; with Λ in the hundreds or more a count is
 * within 4.5·√Λ of Λ except with probability ≈ 7e-6 (normal approximation), so that is the tolerance. Gap shapes are
 * checked with Kolmogorov–Smirnov at alpha = 0.001 (critical value 1.95/√n). Seeds are fixed: the tests are
 * deterministic, and the tolerances make a pass meaningful.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const perHour = (n: number) => n / HOUR_MS;

/** Rng wrapper that counts uniforms consumed, to check the thinning's cost per arrival. */
class CountingRng implements Rng {
  draws = 0;
  constructor(private readonly inner: Rng) {}
  next(): number {
    this.draws++;
    return this.inner.next();
  }
  double(): number {
    this.draws++;
    return this.inner.double();
  }
}

function ksExponential(gaps: Float64Array, ratePerMs: number): number {
  gaps.sort();
  const n = gaps.length;
  let d = 0;
  for (let i = 0; i < n; i++) {
    const f = 1 - Math.exp(-ratePerMs * gaps[i]!);
    d = Math.max(d, (i + 1) / n - f, f - i / n);
  }
  return d;
}

describe("PiecewiseRate", () => {
  const daily = new PiecewiseRate([0, 6 * HOUR_MS, 22 * HOUR_MS], [perHour(2), perHour(30), perHour(2)], DAY_MS);

  it("looks up the rate, repeating with the period", () => {
    expect(daily.maxRate).toBe(perHour(30));
    expect(daily.rateAt(0)).toBe(perHour(2));
    expect(daily.rateAt(6 * HOUR_MS - 1)).toBe(perHour(2));
    expect(daily.rateAt(6 * HOUR_MS)).toBe(perHour(30));
    expect(daily.rateAt(21.99 * HOUR_MS)).toBe(perHour(30));
    expect(daily.rateAt(22 * HOUR_MS)).toBe(perHour(2));
    expect(daily.rateAt(3 * DAY_MS + 12 * HOUR_MS)).toBe(perHour(30));
    expect(daily.rateAt(-1 * HOUR_MS)).toBe(perHour(2)); // 23:00 the day before
    expect(daily.rateAt(-12 * HOUR_MS)).toBe(perHour(30));
  });

  it("without a period the last rate holds forever and times before 0 use the first", () => {
    const r = new PiecewiseRate([0, 1000], [1, 2]);
    expect(r.periodMs).toBe(Number.POSITIVE_INFINITY);
    expect(r.rateAt(1e12)).toBe(2);
    expect(r.rateAt(-5)).toBe(1);
  });

  it("integrates the rate (expected arrivals)", () => {
    expect(daily.integral(0, DAY_MS)).toBeCloseTo(2 * 8 + 30 * 16, 9);
    expect(daily.integral(5 * HOUR_MS, 7 * HOUR_MS)).toBeCloseTo(2 + 30, 9);
    expect(daily.integral(20 * HOUR_MS, 26 * HOUR_MS)).toBeCloseTo(2 * 30 + 4 * 2, 9);
    expect(daily.integral(5 * HOUR_MS, 5 * HOUR_MS + 100 * DAY_MS)).toBeCloseTo(100 * 496, 6);
    expect(daily.integral(10, 10)).toBe(0);
    expect(new PiecewiseRate([0, 10], [1, 3]).integral(5, 20)).toBe(5 + 30);
  });

  it("validates its inputs", () => {
    expect(() => new PiecewiseRate([], [])).toThrow(/breakpointsMs must be a non-empty array/);
    expect(() => new PiecewiseRate([0, 1], [1])).toThrow(/one rate per breakpoint \(2\), got 1/);
    expect(() => new PiecewiseRate([5], [1])).toThrow(/breakpointsMs\[0\] must be 0, got 5/);
    expect(() => new PiecewiseRate([0, 2, 2], [1, 1, 1])).toThrow(/breakpointsMs\[2\] must be > 2, got 2/);
    expect(() => new PiecewiseRate([0, 1], [1, -1])).toThrow(/ratesPerMs\[1\] must be a finite number >= 0, got -1/);
    expect(() => new PiecewiseRate([0, 1], [1, Number.NaN])).toThrow(/ratesPerMs\[1\]/);
    expect(() => new PiecewiseRate([0, 10], [1, 1], 10)).toThrow(/periodMs must be a finite number > the last/);
    expect(() => new PiecewiseRate([0], [1], Number.POSITIVE_INFINITY)).toThrow(/periodMs/);
  });
});

describe("NhppArrivals", () => {
  it("2-level daily profile: arrivals per segment match the integral of the rate (Poisson, 4.5 sd)", () => {
    // Night 22:00–06:00 at 2 trucks/h, day 06:00–22:00 at 30 trucks/h, over 150 days.
    const rate = new PiecewiseRate([0, 6 * HOUR_MS, 22 * HOUR_MS], [perHour(2), perHour(30), perHour(2)], DAY_MS);
    const rng = new CountingRng(new Xor4096("nhpp:daily"));
    const arrivals = new NhppArrivals(rng, rate);
    const days = 150;
    const horizonMs = days * DAY_MS;
    const counts = [0, 0, 0];
    const hourly = new Array<number>(24).fill(0);
    let n = 0;
    let last = 0;
    let notIncreasing = 0;
    for (let t = arrivals.next(0); t < horizonMs; t = arrivals.next(t)) {
      if (!(t > last)) notIncreasing++;
      last = t;
      n++;
      const h = Math.floor((t % DAY_MS) / HOUR_MS);
      hourly[h]!++;
      counts[h < 6 ? 0 : h < 22 ? 1 : 2]!++;
    }
    expect(notIncreasing).toBe(0);
    const expected = [2 * 6 * days, 30 * 16 * days, 2 * 2 * days];
    const windowsH = [
      [0, 6],
      [6, 22],
      [22, 24],
    ];
    for (let s = 0; s < 3; s++) {
      let integral = 0;
      for (let d = 0; d < days; d++) {
        integral += rate.integral(d * DAY_MS + windowsH[s]![0]! * HOUR_MS, d * DAY_MS + windowsH[s]![1]! * HOUR_MS);
      }
      expect(integral).toBeCloseTo(expected[s]!, 6);
      expect(Math.abs(counts[s]! - expected[s]!), `segment ${s}: ${counts[s]} vs ${expected[s]}`).toBeLessThanOrEqual(
        4.5 * Math.sqrt(expected[s]!),
      );
    }
    for (let h = 0; h < 24; h++) {
      const e = (h >= 6 && h < 22 ? 30 : 2) * days;
      expect(Math.abs(hourly[h]! - e), `hour ${h}: ${hourly[h]} vs ${e}`).toBeLessThanOrEqual(4.5 * Math.sqrt(e));
    }
    // One draw per arrival plus one per candidate discarded at one of the 3 boundaries a day (and at most 3 more).
    expect(rng.draws).toBeLessThanOrEqual(n + 3 * days + 3);
  });

  it("a constant rate gives exponential gaps (KS, alpha = 0.001)", () => {
    const ratePerMs = 1 / 90_000; // one truck every 1.5 min on average
    const arrivals = new NhppArrivals(new Xor4096("nhpp:constant"), new PiecewiseRate([0], [ratePerMs]));
    const n = 100_000;
    const gaps = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      const next = arrivals.next(t);
      gaps[i] = next - t;
      t = next;
    }
    expect(ksExponential(gaps, ratePerMs)).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("restarting at equal-rate segment boundaries keeps gaps exponential (memorylessness)", () => {
    // Same rate in 10-minute segments: most gaps cross one or more boundaries.
    const ratePerMs = 1 / 1_800_000;
    const bps = Array.from({ length: 6 }, (_, i) => i * 600_000);
    const rate = new PiecewiseRate(
      bps,
      bps.map(() => ratePerMs),
      HOUR_MS,
    );
    const arrivals = new NhppArrivals(new Xor4096("nhpp:boundaries"), rate);
    const n = 50_000;
    const gaps = new Float64Array(n);
    let t = 0;
    for (let i = 0; i < n; i++) {
      const next = arrivals.next(t);
      gaps[i] = next - t;
      t = next;
    }
    expect(ksExponential(gaps, ratePerMs)).toBeLessThan(1.95 / Math.sqrt(n));
  });

  it("zero-rate segments produce no arrivals", () => {
    // Closed 01:00–02:00 within a 3-hour cycle, open at 20 trucks/h otherwise.
    const rate = new PiecewiseRate([0, HOUR_MS, 2 * HOUR_MS], [perHour(20), 0, perHour(20)], 3 * HOUR_MS);
    const arrivals = new NhppArrivals(new Xor4096("nhpp:closed"), rate);
    let inClosed = 0;
    let total = 0;
    const horizonMs = 300 * 3 * HOUR_MS;
    for (let t = arrivals.next(0); t < horizonMs; t = arrivals.next(t)) {
      total++;
      const local = t % (3 * HOUR_MS);
      if (local >= HOUR_MS && local < 2 * HOUR_MS) inClosed++;
    }
    expect(inClosed).toBe(0);
    expect(Math.abs(total - 12_000)).toBeLessThanOrEqual(4.5 * Math.sqrt(12_000));
    // Starting inside the closed hour, the next arrival is at or after the reopening.
    expect(arrivals.next(HOUR_MS + 1)).toBeGreaterThanOrEqual(2 * HOUR_MS);
  });

  it("an all-zero profile, or only zero rate left in a non-repeating one, returns Infinity", () => {
    const rng = new CountingRng(new Xor4096("nhpp:zero"));
    expect(new NhppArrivals(rng, new PiecewiseRate([0], [0])).next(0)).toBe(Number.POSITIVE_INFINITY);
    expect(new NhppArrivals(rng, new PiecewiseRate([0, 10], [0, 0], 20)).next(123)).toBe(Number.POSITIVE_INFINITY);
    const closing = new NhppArrivals(rng, new PiecewiseRate([0, HOUR_MS], [perHour(10), 0]));
    expect(closing.next(HOUR_MS)).toBe(Number.POSITIVE_INFINITY);
    expect(rng.draws).toBe(0);
    // Before closing time an arrival either comes before the close or never.
    for (let k = 0; k < 100; k++) {
      const t = closing.next(0.9 * HOUR_MS);
      expect(t === Number.POSITIVE_INFINITY || (t > 0.9 * HOUR_MS && t < HOUR_MS)).toBe(true);
    }
    expect(closing.next(Number.POSITIVE_INFINITY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("a very uneven profile costs about one draw per arrival", () => {
    // A 30-minute peak at 1000 trucks/h in a day otherwise at 1 truck/h.
    const rate = new PiecewiseRate([0, 8 * HOUR_MS, 8.5 * HOUR_MS], [perHour(1), perHour(1000), perHour(1)], DAY_MS);
    const rng = new CountingRng(new Xor4096("nhpp:peak"));
    const arrivals = new NhppArrivals(rng, rate);
    let n = 0;
    for (let t = arrivals.next(0); t < 20 * DAY_MS; t = arrivals.next(t)) n++;
    const expected = 20 * (23.5 + 500);
    expect(Math.abs(n - expected)).toBeLessThanOrEqual(4.5 * Math.sqrt(expected));
    expect(rng.draws).toBeLessThanOrEqual(n + 3 * 20 + 3);
  });

  it("is deterministic for a given stream", () => {
    const rate = new PiecewiseRate([0, 6 * HOUR_MS], [perHour(3), perHour(40)], DAY_MS);
    const a = new NhppArrivals(new Xor4096("42:0:arrivals"), rate);
    const b = new NhppArrivals(new Xor4096("42:0:arrivals"), rate);
    const ta: number[] = [];
    const tb: number[] = [];
    let x = 0;
    let y = 0;
    for (let i = 0; i < 1000; i++) {
      x = a.next(x);
      y = b.next(y);
      ta.push(x);
      tb.push(y);
    }
    expect(ta).toEqual(tb);
  });

  it("throws a clear error when a positive profile is practically zero", () => {
    const rate = new PiecewiseRate([0, 1], [1e-300, 0], 2);
    expect(() => new NhppArrivals(new Xor4096("nhpp:tiny"), rate).next(0)).toThrow(/practically zero/);
  });

  it("rejects NaN start times", () => {
    const arrivals = new NhppArrivals(new Xor4096("nhpp:nan"), new PiecewiseRate([0], [1]));
    expect(() => arrivals.next(Number.NaN)).toThrow(RangeError);
  });
});
