/**
 * Capacity over time: a piecewise-constant profile that may repeat (opening hours each day, shifts each
 * week) plus absolute windows that add to it (a lane opened for a peak, an X-ray unit down for six hours).
 * Resources follow a schedule through events, so a change is an ordinary, ordered event of the run.
 */
import { assert } from "./assert.js";

/** A window of absolute time during which the capacity is shifted by `delta` (negative for an outage). */
export interface CapacityWindow {
  fromMs: number;
  toMs: number;
  delta: number;
}

/** Plain-data description of capacity over time. */
export interface CapacityScheduleSpec {
  /** Start of each piece, ascending, the first one 0 (relative to the period when `periodMs` is set). */
  startsMs: number[];
  /** Capacity of each piece (non-negative integers), same length as `startsMs`. */
  capacities: number[];
  /** Length of the repeating cycle (a day: 86,400,000); absent for a one-off profile. */
  periodMs?: number;
  /** Absolute windows added on top of the profile; the sum is floored at zero. */
  windows?: CapacityWindow[];
}

/** A validated capacity schedule: capacity at any time, and the next time it may change. */
export class CapacitySchedule {
  private readonly starts: Float64Array;
  private readonly caps: Int32Array;
  private readonly periodMs: number;
  private readonly windows: CapacityWindow[];

  constructor(spec: CapacityScheduleSpec) {
    const n = spec.startsMs.length;
    assert(n > 0, "a capacity schedule needs at least one piece");
    assert(spec.capacities.length === n, "startsMs and capacities must have the same length");
    assert(spec.startsMs[0] === 0, "the first piece of a capacity schedule must start at 0");
    for (let i = 0; i < n; i++) {
      const s = spec.startsMs[i] as number;
      const c = spec.capacities[i] as number;
      assert(Number.isInteger(s) && s >= 0, `startsMs[${i}] must be a non-negative integer, got ${s}`);
      assert(i === 0 || s > (spec.startsMs[i - 1] as number), `startsMs must be strictly ascending at ${i}`);
      assert(Number.isInteger(c) && c >= 0, `capacities[${i}] must be a non-negative integer, got ${c}`);
    }
    const period = spec.periodMs ?? Number.POSITIVE_INFINITY;
    assert(period > (spec.startsMs[n - 1] as number), "periodMs must exceed the last piece's start");
    assert(period === Number.POSITIVE_INFINITY || Number.isInteger(period), "periodMs must be an integer");
    this.starts = Float64Array.from(spec.startsMs);
    this.caps = Int32Array.from(spec.capacities);
    this.periodMs = period;
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

  private pieceIndex(phaseMs: number): number {
    // Few pieces (a day has a handful), so a linear scan beats a binary search.
    let i = 0;
    const n = this.starts.length;
    while (i + 1 < n && (this.starts[i + 1] as number) <= phaseMs) i++;
    return i;
  }

  private phase(tMs: number): number {
    return this.periodMs === Number.POSITIVE_INFINITY ? tMs : tMs % this.periodMs;
  }

  /** Capacity in force at time `tMs`. */
  capacityAt(tMs: number): number {
    let c = this.caps[this.pieceIndex(this.phase(tMs))] as number;
    for (const w of this.windows) if (tMs >= w.fromMs && tMs < w.toMs) c += w.delta;
    return c < 0 ? 0 : c;
  }

  /** The first time strictly after `tMs` at which the capacity may change; Infinity if never. */
  nextChangeAfter(tMs: number): number {
    let next = Number.POSITIVE_INFINITY;
    if (this.starts.length > 1 || this.periodMs !== Number.POSITIVE_INFINITY) {
      const phase = this.phase(tMs);
      const i = this.pieceIndex(phase);
      const cycleStart = tMs - phase;
      if (i + 1 < this.starts.length) next = cycleStart + (this.starts[i + 1] as number);
      else if (this.periodMs !== Number.POSITIVE_INFINITY && this.starts.length > 1) next = cycleStart + this.periodMs;
    }
    for (const w of this.windows) {
      if (w.fromMs > tMs && w.fromMs < next) next = w.fromMs;
      if (w.toMs > tMs && w.toMs < next) next = w.toMs;
    }
    return next;
  }

  /** The largest capacity the schedule ever gives (for sizing and utilization bounds). */
  get capacityMax(): number {
    let m = 0;
    for (const c of this.caps) if (c > m) m = c;
    let extra = 0;
    for (const w of this.windows) if (w.delta > 0) extra += w.delta;
    return m + extra;
  }
}
