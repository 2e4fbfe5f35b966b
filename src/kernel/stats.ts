/**
 * Statistics that stream: every figure is updated as the run goes, in constant memory, so a 365-day run
 * uses the same memory as a 30-day one. Each collector can be reset at the end of a warm-up period.
 */
import { doubleFromTheStart } from "./mutable-fields.js";

/** Counts, mean, variance, minimum and maximum of observations, by Welford's update (numerically stable). */
export class Tally {
  count = 0;
  mean = 0;
  private m2 = 0;
  min = Number.POSITIVE_INFINITY;
  max = Number.NEGATIVE_INFINITY;
  sum = 0;

  constructor() {
    // The mean and the sums become fractions at the first observations: see mutable-fields.ts.
    doubleFromTheStart(this, ["mean", "m2", "sum"]);
  }

  /** Records one observation. */
  add(x: number): void {
    const n = ++this.count;
    const delta = x - this.mean;
    this.mean += delta / n;
    this.m2 += delta * (x - this.mean);
    this.sum += x;
    if (x < this.min) this.min = x;
    if (x > this.max) this.max = x;
  }

  /** Sample variance (n − 1 denominator); 0 with fewer than two observations. */
  get variance(): number {
    return this.count > 1 ? this.m2 / (this.count - 1) : 0;
  }

  /** Sample standard deviation. */
  get sd(): number {
    return Math.sqrt(this.variance);
  }

  /** Forgets every observation (end of warm-up). */
  reset(): void {
    this.count = 0;
    this.mean = 0;
    this.m2 = 0;
    this.sum = 0;
    this.min = Number.POSITIVE_INFINITY;
    this.max = Number.NEGATIVE_INFINITY;
  }
}

/**
 * Time-weighted average of a piecewise-constant quantity (queue length, busy servers, yard occupancy):
 * the area under the curve divided by the elapsed time, plus its maximum.
 */
export class TimeWeighted {
  // Every field has a numeric initializer (the constructor sets the real values): a field declared
  // without one starts as `undefined` (ES2022 class fields), so V8 gives it the tagged representation
  // and every store of a non-Smi time into it allocates a heap number; numeric fields store in place.
  private lastMs = 0;
  private startMs = 0;
  /** Current value of the quantity. */
  value = 0;
  /** Integral of the value over time since the start (or the last reset), in value·ms. */
  private area = 0;
  /** Largest value seen since the start (or the last reset). */
  max = 0;
  /** Smallest value seen since the start (or the last reset). */
  min = 0;

  constructor(startMs = 0, initialValue = 0) {
    this.lastMs = startMs;
    this.startMs = startMs;
    this.value = initialValue;
    this.max = initialValue;
    this.min = initialValue;
    // Times pass 2^31 ms, and the area is a sum of products: see mutable-fields.ts.
    doubleFromTheStart(this, ["lastMs", "startMs", "area"]);
  }

  /** Sets the quantity to `value` from time `nowMs` on. */
  update(value: number, nowMs: number): void {
    this.area += this.value * (nowMs - this.lastMs);
    this.lastMs = nowMs;
    this.value = value;
    if (value > this.max) this.max = value;
    if (value < this.min) this.min = value;
  }

  /** Adds `delta` to the quantity at time `nowMs`. */
  add(delta: number, nowMs: number): void {
    this.update(this.value + delta, nowMs);
  }

  /** Area under the curve up to `nowMs`, in value·ms. */
  areaUntil(nowMs: number): number {
    return this.area + this.value * (nowMs - this.lastMs);
  }

  /** Time-weighted mean over [start or last reset, nowMs]; the current value if no time has passed. */
  mean(nowMs: number): number {
    const elapsed = nowMs - this.startMs;
    return elapsed > 0 ? this.areaUntil(nowMs) / elapsed : this.value;
  }

  /** Restarts the averaging at `nowMs`, keeping the current value (end of warm-up). */
  reset(nowMs: number): void {
    this.area = 0;
    this.lastMs = nowMs;
    this.startMs = nowMs;
    this.max = this.value;
    this.min = this.value;
  }
}

/** Relative width of a Histogram bucket: quantiles are exact to within half of it (0.5 %). */
export const HISTOGRAM_RELATIVE_PRECISION = 0.01;
const LOG_BASE = Math.log1p(HISTOGRAM_RELATIVE_PRECISION);
/** Values below this go to the zero bucket (1 ms, the clock's resolution). */
const HISTOGRAM_MIN = 1;
/** Number of log-spaced buckets: covers 1 to about 10^13 (317 simulated years in ms). */
const HISTOGRAM_BUCKETS = Math.ceil(Math.log(1e13) / LOG_BASE) + 1;

/**
 * Quantiles of non-negative observations in fixed memory (HDR-style log-spaced buckets of 1 % width, about
 * 3,000 counters): p50/p95/p99 of time in system without storing every truck.
 */
export class Histogram {
  private readonly counts = new Float64Array(HISTOGRAM_BUCKETS);
  private zeroCount = 0;
  /** Number of observations. */
  count = 0;
  /** Largest observation. */
  max = 0;

  constructor() {
    // Double representation from the start: see mutable-fields.ts.
    doubleFromTheStart(this, ["max"]);
  }

  /** Records one non-negative observation (negative values count as zero). */
  add(x: number): void {
    this.count++;
    if (x > this.max) this.max = x;
    if (x < HISTOGRAM_MIN) {
      this.zeroCount++;
      return;
    }
    let i = Math.floor(Math.log(x / HISTOGRAM_MIN) / LOG_BASE);
    if (i >= HISTOGRAM_BUCKETS) i = HISTOGRAM_BUCKETS - 1;
    this.counts[i] = (this.counts[i] as number) + 1;
  }

  /**
   * The q-quantile (0 ≤ q ≤ 1) of the ⌈q·n⌉-th smallest observation, interpolated linearly by rank inside
   * its bucket (observations spread evenly over the bucket), capped at the maximum. Interpolation keeps
   * quantiles continuous, so they differ between replications instead of snapping to bucket midpoints.
   * NaN when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return Number.NaN;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = this.zeroCount;
    if (seen >= rank) return 0;
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      const c = this.counts[i] as number;
      if (seen + c >= rank) {
        const lo = HISTOGRAM_MIN * Math.exp(i * LOG_BASE);
        const width = lo * HISTOGRAM_RELATIVE_PRECISION;
        return Math.min(lo + (width * (rank - seen - 0.5)) / c, this.max);
      }
      seen += c;
    }
    return this.max;
  }

  /** Adds every observation of `other` to this histogram (to pool replications). */
  merge(other: Histogram): void {
    for (let i = 0; i < HISTOGRAM_BUCKETS; i++) {
      this.counts[i] = (this.counts[i] as number) + (other.counts[i] as number);
    }
    this.zeroCount += other.zeroCount;
    this.count += other.count;
    if (other.max > this.max) this.max = other.max;
  }

  /** Forgets every observation. */
  reset(): void {
    this.counts.fill(0);
    this.zeroCount = 0;
    this.count = 0;
    this.max = 0;
  }
}
