/**
 * Capacity over time: a piecewise-constant profile that may repeat (opening hours each day, shifts each
 * week), dated changes of that profile (a cut from a date on, a new shift pattern), plus absolute windows
 * that add to it (a lane opened for a peak, an X-ray unit down for six hours). Resources follow a schedule
 * through events, so a change is an ordinary, ordered event of the run.
 */
import { assert } from "./assert.js";

/** A window of absolute time during which the capacity is shifted by `delta` (negative for an outage). */
export interface CapacityWindow {
  fromMs: number;
  toMs: number;
  delta: number;
}

/** A piecewise-constant profile of capacity, one-off or repeating every `periodMs`. */
export interface CapacityProfileSpec {
  /** Start of each piece, ascending, the first one 0 (relative to the period when `periodMs` is set). */
  startsMs: number[];
  /** Capacity of each piece (non-negative integers), same length as `startsMs`. */
  capacities: number[];
  /**
   * Length of the repeating cycle (a day: 86,400,000; a week: 604,800,000); absent for a one-off profile.
   * The cycle is counted from time 0, whenever the profile comes into force, so a daily or weekly profile
   * that starts on a later date keeps its alignment to the clock.
   */
  periodMs?: number;
}

/** A profile that replaces the one in force from `fromMs` on (absolute time). */
export interface CapacityChangeSpec extends CapacityProfileSpec {
  fromMs: number;
}

/** Plain-data description of capacity over time. */
export interface CapacityScheduleSpec extends CapacityProfileSpec {
  /** Absolute windows added on top of the profile; the sum is floored at zero. */
  windows?: CapacityWindow[];
  /** Dated changes of profile, strictly ascending by `fromMs` (> 0); the top-level profile holds before the first. */
  changes?: CapacityChangeSpec[];
}

/** One validated profile. */
class Profile {
  readonly starts: Float64Array;
  readonly caps: Int32Array;
  readonly periodMs: number;

  constructor(spec: CapacityProfileSpec, where: string) {
    const n = spec.startsMs.length;
    assert(n > 0, `a capacity schedule needs at least one piece${where}`);
    assert(spec.capacities.length === n, `startsMs and capacities must have the same length${where}`);
    assert(spec.startsMs[0] === 0, `the first piece of a capacity schedule must start at 0${where}`);
    for (let i = 0; i < n; i++) {
      const s = spec.startsMs[i] as number;
      const c = spec.capacities[i] as number;
      assert(Number.isInteger(s) && s >= 0, `startsMs[${i}] must be a non-negative integer, got ${s}${where}`);
      assert(i === 0 || s > (spec.startsMs[i - 1] as number), `startsMs must be strictly ascending at ${i}${where}`);
      assert(Number.isInteger(c) && c >= 0, `capacities[${i}] must be a non-negative integer, got ${c}${where}`);
    }
    const period = spec.periodMs ?? Number.POSITIVE_INFINITY;
    assert(period > (spec.startsMs[n - 1] as number), `periodMs must exceed the last piece's start${where}`);
    assert(period === Number.POSITIVE_INFINITY || Number.isInteger(period), `periodMs must be an integer${where}`);
    this.starts = Float64Array.from(spec.startsMs);
    this.caps = Int32Array.from(spec.capacities);
    this.periodMs = period;
  }

  phase(tMs: number): number {
    return this.periodMs === Number.POSITIVE_INFINITY ? tMs : tMs % this.periodMs;
  }

  pieceIndex(phaseMs: number): number {
    const starts = this.starts;
    const n = starts.length;
    // A day has a handful of pieces (a linear scan is fastest); a week may have dozens (binary search).
    if (n <= 8) {
      let i = 0;
      while (i + 1 < n && (starts[i + 1] as number) <= phaseMs) i++;
      return i;
    }
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((starts[mid] as number) <= phaseMs) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  capacityAt(tMs: number): number {
    return this.caps[this.pieceIndex(this.phase(tMs))] as number;
  }

  /** The first time strictly after `tMs` at which this profile's value may change; Infinity if never. */
  nextChangeAfter(tMs: number): number {
    const n = this.starts.length;
    if (n === 1) return Number.POSITIVE_INFINITY;
    const phase = this.phase(tMs);
    const i = this.pieceIndex(phase);
    const cycleStart = tMs - phase;
    if (i + 1 < n) return cycleStart + (this.starts[i + 1] as number);
    return this.periodMs === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : cycleStart + this.periodMs;
  }

  get capacityMax(): number {
    let m = 0;
    for (const c of this.caps) if (c > m) m = c;
    return m;
  }
}

/** A validated capacity schedule: capacity at any time, and the next time it may change. */
export class CapacitySchedule {
  /** The profiles in force one after the other: index 0 from the start, k from `fromMs[k]`. */
  private readonly profiles: Profile[];
  private readonly fromMs: Float64Array;
  private readonly windows: CapacityWindow[];

  constructor(spec: CapacityScheduleSpec) {
    this.profiles = [new Profile(spec, "")];
    const from: number[] = [0];
    (spec.changes ?? []).forEach((c, i) => {
      const where = ` (changes[${i}])`;
      assert(Number.isInteger(c.fromMs) && c.fromMs > 0, `changes[${i}].fromMs must be a positive integer`);
      assert(c.fromMs > (from[from.length - 1] as number), `changes must be strictly ascending by fromMs at ${i}`);
      this.profiles.push(new Profile(c, where));
      from.push(c.fromMs);
    });
    this.fromMs = Float64Array.from(from);
    this.windows = (spec.windows ?? []).map((w, i) => {
      assert(Number.isInteger(w.fromMs) && Number.isInteger(w.toMs), `windows[${i}] bounds must be integers`);
      assert(w.toMs > w.fromMs, `windows[${i}] must end after it starts`);
      assert(Number.isInteger(w.delta), `windows[${i}].delta must be an integer`);
      return { ...w };
    });
  }

  /** A schedule that never changes. */
  static constant(capacity: number): CapacitySchedule {
    return new CapacitySchedule({ startsMs: [0], capacities: [capacity] });
  }

  /** Index of the profile in force at `tMs`. */
  private profileIndex(tMs: number): number {
    const from = this.fromMs;
    let k = 0;
    while (k + 1 < from.length && (from[k + 1] as number) <= tMs) k++;
    return k;
  }

  /** Capacity in force at time `tMs`. */
  capacityAt(tMs: number): number {
    const profiles = this.profiles;
    let c = (profiles.length === 1 ? profiles[0]! : profiles[this.profileIndex(tMs)]!).capacityAt(tMs);
    for (const w of this.windows) if (tMs >= w.fromMs && tMs < w.toMs) c += w.delta;
    return c < 0 ? 0 : c;
  }

  /** The first time strictly after `tMs` at which the capacity may change; Infinity if never. */
  nextChangeAfter(tMs: number): number {
    const k = this.profiles.length === 1 ? 0 : this.profileIndex(tMs);
    let next = this.profiles[k]!.nextChangeAfter(tMs);
    if (k + 1 < this.fromMs.length && (this.fromMs[k + 1] as number) < next) next = this.fromMs[k + 1] as number;
    for (const w of this.windows) {
      if (w.fromMs > tMs && w.fromMs < next) next = w.fromMs;
      if (w.toMs > tMs && w.toMs < next) next = w.toMs;
    }
    return next;
  }

  /** The largest capacity the schedule ever gives (for sizing and utilization bounds). */
  get capacityMax(): number {
    let m = 0;
    for (const p of this.profiles) if (p.capacityMax > m) m = p.capacityMax;
    let extra = 0;
    for (const w of this.windows) if (w.delta > 0) extra += w.delta;
    return m + extra;
  }
}
