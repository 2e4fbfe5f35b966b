/**
 * What became of trucks besides crossing, and what the booking system did to them. A truck that leaves
 * without crossing ends in exactly one outcome: lost (turned away by a full line, or a lost sink; counted
 * in `Measures`), balked (turned away at a long line), reneged (left a line after its patience), expelled
 * (over its dwell limit in a designated yard), or diverted to another crossing (it reached that crossing's
 * sink), so the conservation check reads arrivals = cleared + in system + lost + balked + reneged +
 * expelled + diverted. The booking figures (bookings, displacement, walk-ins by cause) are counted here
 * too, over the measured period only.
 */
import { Histogram, Tally } from "../../kernel/index.js";
import { DAY_MS, HOUR_MS, type ModelConfig, TruckFlag } from "../config.js";
import type { Measures } from "./measures.js";

/** Ways out of the model without crossing, other than a diversion to another crossing. */
export const Outcome = {
  lost: 0,
  balked: 1,
  reneged: 2,
  expelled: 3,
} as const;

/** Causes of a diversion decision (the truck was sent toward another crossing). */
export const DiversionCause = {
  balking: 0,
  reneging: 1,
  noSlot: 2,
} as const;

/** Outcome and booking counters of one replication. */
export class Outcomes {
  /** Names of the other crossings (the `divertedTo` of diversion sinks), in order of first appearance. */
  readonly crossings: string[] = [];
  /** Crossing index of each stage that is a diversion sink, else -1. */
  readonly sinkCrossing: Int32Array;
  /** All-time outcome counts (conservation), indexed by `Outcome` (lost stays in `Measures`). */
  readonly leftAll = new Float64Array(4);
  /** All-time diversions by crossing (conservation). */
  readonly divertedAll: Float64Array;
  // Measured period.
  readonly left = new Float64Array(4);
  readonly diverted: Float64Array;
  /** Diversion decisions by cause (`DiversionCause`). */
  readonly divertedBy = new Float64Array(3);
  bookings = 0;
  displaced = 0;
  /** Displacement of displaced bookings (slot start minus intended arrival), ms. */
  readonly displacement = new Tally();
  readonly displacementHist = new Histogram();
  walkInsUnbooked = 0;
  walkInsNoSlot = 0;
  walkInsLate = 0;
  rebooked = 0;
  bookedArrivals = 0;
  bookedArrivalsWhileClosed = 0;
  private readonly measures: Measures;

  constructor(cfg: ModelConfig, measures: Measures) {
    this.measures = measures;
    this.sinkCrossing = new Int32Array(cfg.stages.length).fill(-1);
    cfg.stages.forEach((st, s) => {
      if (st.type !== "sink" || st.divertedTo === undefined) return;
      let c = this.crossings.indexOf(st.divertedTo);
      if (c < 0) c = this.crossings.push(st.divertedTo) - 1;
      this.sinkCrossing[s] = c;
    });
    this.divertedAll = new Float64Array(this.crossings.length);
    this.diverted = new Float64Array(this.crossings.length);
  }

  /** A truck with these flags left the model without crossing, with this outcome (not lost). */
  leftModel(outcome: number, flags: number): void {
    this.leftAll[outcome]!++;
    if ((flags & TruckFlag.crossed) === 0) this.measures.notCrossed--;
    if (this.measures.measuring) this.left[outcome]!++;
  }

  /** A truck reached the sink of crossing c. */
  divertedTo(c: number, flags: number): void {
    this.divertedAll[c]!++;
    if ((flags & TruckFlag.crossed) === 0) this.measures.notCrossed--;
    if (this.measures.measuring) this.diverted[c]!++;
  }

  /** A truck was sent toward another crossing, for this cause. */
  divertDecision(cause: number): void {
    if (this.measures.measuring) this.divertedBy[cause]!++;
  }

  /** A truck kept a booking for a slot starting `displacementMs` after its intended arrival (≤ 0: its own). */
  booked(displacementMs: number): void {
    if (!this.measures.measuring) return;
    this.bookings++;
    if (displacementMs > 0) {
      this.displaced++;
      this.displacement.add(displacementMs);
      this.displacementHist.add(displacementMs);
    }
  }

  /** Trucks of all outcomes other than crossing and lost, all time (for the conservation check). */
  get leftTotalAll(): number {
    let n = 0;
    for (let o = 1; o < this.leftAll.length; o++) n += this.leftAll[o] as number;
    for (const x of this.divertedAll) n += x;
    return n;
  }

  /** Restarts the measured figures at the end of the warm-up. */
  reset(): void {
    this.left.fill(0);
    this.diverted.fill(0);
    this.divertedBy.fill(0);
    this.bookings = 0;
    this.displaced = 0;
    this.displacement.reset();
    this.displacementHist.reset();
    this.walkInsUnbooked = 0;
    this.walkInsNoSlot = 0;
    this.walkInsLate = 0;
    this.rebooked = 0;
    this.bookedArrivals = 0;
    this.bookedArrivalsWhileClosed = 0;
  }

  /** The outcome and booking KPIs of the measured period (`days` long). */
  report(k: (name: string, value: number, unit: string) => void, days: number, withBooking: boolean): void {
    k("balkedPerDay", (this.left[Outcome.balked] as number) / days, "trucks/day");
    k("renegedPerDay", (this.left[Outcome.reneged] as number) / days, "trucks/day");
    k("dwellExpelledPerDay", (this.left[Outcome.expelled] as number) / days, "trucks/day");
    let diverted = 0;
    for (const x of this.diverted) diverted += x;
    k("divertedPerDay", diverted / days, "trucks/day");
    for (const [i, c] of this.crossings.entries())
      k(`diverted.${c}PerDay`, (this.diverted[i] as number) / days, "trucks/day");
    if (this.crossings.length > 0) {
      k("divertedOnBalkingPerDay", (this.divertedBy[DiversionCause.balking] as number) / days, "trucks/day");
      k("divertedOnRenegingPerDay", (this.divertedBy[DiversionCause.reneging] as number) / days, "trucks/day");
    }
    if (!withBooking) return;
    const h = (ms: number): number => ms / HOUR_MS;
    k("bookingsPerDay", this.bookings / days, "trucks/day");
    k("bookingsDisplacedPerDay", this.displaced / days, "trucks/day");
    k("bookingsDisplacedShare", this.bookings > 0 ? this.displaced / this.bookings : 0, "share");
    k("bookingDisplacementHoursMean", h(this.displacement.mean), "hours");
    k("bookingDisplacementHoursP95", h(this.displacementHist.quantile(0.95)), "hours");
    k("bookingDisplacementTruckHoursPerDay", h(this.displacement.mean * this.displaced) / days, "truck-hours/day");
    const walkIns = this.walkInsUnbooked + this.walkInsNoSlot + this.walkInsLate;
    k("walkInsPerDay", walkIns / days, "trucks/day");
    k("walkInsUnbookedPerDay", this.walkInsUnbooked / days, "trucks/day");
    k("walkInsNoSlotPerDay", this.walkInsNoSlot / days, "trucks/day");
    k("walkInsLatePerDay", this.walkInsLate / days, "trucks/day");
    k("bookingsDivertedNoSlotPerDay", (this.divertedBy[DiversionCause.noSlot] as number) / days, "trucks/day");
    k("bookingsRebookedPerDay", this.rebooked / days, "trucks/day");
    k(
      "appointmentArrivalsWhileClosedShare",
      this.bookedArrivals > 0 ? this.bookedArrivalsWhileClosed / this.bookedArrivals : 0,
      "share",
    );
  }
}

/** Mean of a sampled series over the samples taken between `fromMs` and `toMs` of the VN day (may wrap). */
export function overnightMean(
  series: readonly number[],
  firstSampleMs: number,
  stepMs: number,
  fromMs: number,
  toMs: number,
): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < series.length; i++) {
    const tod = (firstSampleMs + i * stepMs) % DAY_MS;
    const inside = fromMs <= toMs ? tod >= fromMs && tod < toMs : tod >= fromMs || tod < toMs;
    if (inside) {
      sum += series[i] as number;
      n++;
    }
  }
  return n > 0 ? sum / n : 0;
}
