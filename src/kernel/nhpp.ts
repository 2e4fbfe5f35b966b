/**
 * Non-homogeneous Poisson arrivals: trucks arrive at a rate that follows a piecewise-constant profile over the day
 * (or week), sampled by thinning with a per-segment dominating rate.
 */

import type { Rng } from "./rng.js";

/** Candidates discarded in one `next()` call before the profile is declared practically zero. */
const MAX_DISCARDED_CANDIDATES = 10_000_000;

/**
 * Piecewise-constant arrival rate: `ratesPerMs[i]` applies from `breakpointsMs[i]` up to the next breakpoint; the last
 * rate applies up to `periodMs`, after which the profile repeats (daily, weekly), or forever when there is no period.
 */
export class PiecewiseRate {
  /** Segment starts within one period, ascending from 0 (copied). */
  readonly breakpointsMs: Float64Array;
  /** Rate of each segment, in arrivals per millisecond (copied). */
  readonly ratesPerMs: Float64Array;
  /** Length of the repeating cycle, or `Infinity` when the profile does not repeat. */
  readonly periodMs: number;
  /** Highest segment rate: 0 means no arrival ever. */
  readonly maxRate: number;

  /**
   * @param breakpointsMs segment starts: strictly ascending, starting at 0
   * @param ratesPerMs one finite rate ≥ 0 per segment, arrivals per millisecond
   * @param periodMs if given, the profile repeats with this period (> the last breakpoint)
   */
  constructor(breakpointsMs: readonly number[], ratesPerMs: readonly number[], periodMs?: number) {
    if (!Array.isArray(breakpointsMs) || breakpointsMs.length === 0) {
      throw new RangeError("PiecewiseRate: breakpointsMs must be a non-empty array");
    }
    if (!Array.isArray(ratesPerMs) || ratesPerMs.length !== breakpointsMs.length) {
      throw new RangeError(
        `PiecewiseRate: ratesPerMs must have one rate per breakpoint (${breakpointsMs.length}), got ${
          Array.isArray(ratesPerMs) ? ratesPerMs.length : String(ratesPerMs)
        }`,
      );
    }
    if (breakpointsMs[0] !== 0) {
      throw new RangeError(`PiecewiseRate: breakpointsMs[0] must be 0, got ${String(breakpointsMs[0])}`);
    }
    let maxRate = 0;
    for (let i = 0; i < breakpointsMs.length; i++) {
      const b = breakpointsMs[i]!;
      if (typeof b !== "number" || !Number.isFinite(b)) {
        throw new RangeError(`PiecewiseRate: breakpointsMs[${i}] must be a finite number, got ${String(b)}`);
      }
      if (i > 0 && !(b > breakpointsMs[i - 1]!)) {
        throw new RangeError(`PiecewiseRate: breakpointsMs[${i}] must be > ${breakpointsMs[i - 1]}, got ${b}`);
      }
      const r = ratesPerMs[i]!;
      if (typeof r !== "number" || !Number.isFinite(r) || r < 0) {
        throw new RangeError(`PiecewiseRate: ratesPerMs[${i}] must be a finite number >= 0, got ${String(r)}`);
      }
      if (r > maxRate) maxRate = r;
    }
    const last = breakpointsMs[breakpointsMs.length - 1]!;
    if (periodMs !== undefined && !(typeof periodMs === "number" && Number.isFinite(periodMs) && periodMs > last)) {
      throw new RangeError(
        `PiecewiseRate: periodMs must be a finite number > the last breakpoint (${last}), got ${String(periodMs)}`,
      );
    }
    this.breakpointsMs = Float64Array.from(breakpointsMs);
    this.ratesPerMs = Float64Array.from(ratesPerMs);
    this.periodMs = periodMs ?? Number.POSITIVE_INFINITY;
    this.maxRate = maxRate;
  }

  /** Start of the cycle containing `tMs` (0 without a period, where times before 0 belong to the first segment). */
  cycleStartMs(tMs: number): number {
    const p = this.periodMs;
    if (p === Number.POSITIVE_INFINITY) return 0;
    const start = Math.floor(tMs / p) * p;
    // Guards against the division rounding across a cycle boundary.
    return tMs - start >= p ? start + p : tMs < start ? start - p : start;
  }

  /** Index of the segment in force at `tMs` (after reducing it modulo the period). */
  segmentAt(tMs: number): number {
    const local = tMs - this.cycleStartMs(tMs);
    const bp = this.breakpointsMs;
    // Invariant bp[lo] <= local < bp[hi] (bp[length] read as +Infinity); local < 0 maps to segment 0.
    let lo = 0;
    let hi = bp.length;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (bp[mid]! <= local) lo = mid;
      else hi = mid;
    }
    return lo;
  }

  /** Arrival rate (per millisecond) at `tMs`. */
  rateAt(tMs: number): number {
    return this.ratesPerMs[this.segmentAt(tMs)]!;
  }

  /** Expected number of arrivals in [fromMs, toMs): the integral of the rate, e.g. to check simulated counts. */
  integral(fromMs: number, toMs: number): number {
    if (!(toMs > fromMs)) return 0;
    const bp = this.breakpointsMs;
    const rates = this.ratesPerMs;
    const n = bp.length;
    const p = this.periodMs;
    let total = 0;
    let cycle = this.cycleStartMs(fromMs);
    let j = this.segmentAt(fromMs);
    let t = fromMs;
    // Whole cycles in between are counted in one step so long horizons stay cheap.
    if (p !== Number.POSITIVE_INFINITY) {
      let perCycle = 0;
      for (let i = 0; i < n; i++) perCycle += rates[i]! * ((i + 1 < n ? bp[i + 1]! : p) - bp[i]!);
      const skip = Math.floor((toMs - fromMs) / p) - 1;
      if (skip > 0) {
        total += skip * perCycle;
        cycle += skip * p;
        t += skip * p;
      }
    }
    while (t < toMs) {
      const end = Math.min(toMs, cycle + (j + 1 < n ? bp[j + 1]! : p));
      total += rates[j]! * (end - t);
      t = end;
      if (++j === n) {
        j = 0;
        cycle += p;
      }
    }
    return total;
  }
}

/**
 * Arrival times of a non-homogeneous Poisson process with a {@link PiecewiseRate} intensity.
 *
 * Lewis–Shedler thinning, done per segment: a candidate gap is drawn from an exponential at the current segment's
 * dominating rate, and when the candidate falls past the segment's end it is discarded and the search restarts at
 * that boundary with the next segment's rate. Restarting is exact because exponential gaps are memoryless (the
 * process after the boundary does not depend on the discarded draw). Because the profile is constant within a
 * segment, the segment's dominating rate *is* its rate, so the thinning acceptance test u ≤ λ(t)/λ̄ always passes and
 * is skipped: each arrival costs one draw plus one per boundary crossed, however uneven the profile (global-max
 * thinning would waste a fraction 1 − λ(t)/max λ of its candidates in the quiet hours). Zero-rate segments are
 * jumped over without drawing.
 */
export class NhppArrivals {
  private readonly rng: Rng;
  /** The intensity profile. */
  readonly rate: PiecewiseRate;

  /** @param rng the stream that drives this source only; @param rate the intensity profile */
  constructor(rng: Rng, rate: PiecewiseRate) {
    this.rng = rng;
    this.rate = rate;
  }

  /**
   * Next arrival time strictly after `fromMs`, continuous (the caller rounds it with `roundMs`). Pass the previous
   * continuous arrival time, not the rounded one, so rounding does not bias the process. Returns `Infinity` when no
   * arrival will ever come (all-zero profile, or only zero-rate time left in a non-repeating profile); throws if no
   * arrival is found within 10^7 discarded candidates, i.e. when the profile is positive but practically zero.
   */
  next(fromMs: number): number {
    if (Number.isNaN(fromMs)) throw new RangeError("NhppArrivals.next: fromMs must be a number, got NaN");
    const profile = this.rate;
    if (profile.maxRate === 0 || fromMs === Number.POSITIVE_INFINITY) return Number.POSITIVE_INFINITY;
    const bp = profile.breakpointsMs;
    const rates = profile.ratesPerMs;
    const n = bp.length;
    const period = profile.periodMs;
    let cycle = profile.cycleStartMs(fromMs);
    let j = profile.segmentAt(fromMs);
    let t = fromMs;
    for (let discarded = 0; discarded < MAX_DISCARDED_CANDIDATES; discarded++) {
      const segEndMs = cycle + (j + 1 < n ? bp[j + 1]! : period);
      const lambda = rates[j]!;
      if (lambda > 0) {
        // double() lies in (0, 1), so the gap is strictly positive and finite.
        const candidate = t - Math.log(this.rng.double()) / lambda;
        if (candidate < segEndMs) return candidate;
      } else if (segEndMs === Number.POSITIVE_INFINITY) {
        return Number.POSITIVE_INFINITY;
      }
      t = segEndMs;
      if (++j === n) {
        j = 0;
        cycle += period;
      }
    }
    throw new Error(
      `NhppArrivals.next: no arrival within ${MAX_DISCARDED_CANDIDATES} discarded candidates after t = ${fromMs} ms ` +
        `(max rate ${profile.maxRate} per ms); the rate profile is practically zero`,
    );
  }
}
