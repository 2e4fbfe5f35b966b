/**
 * The run's counters and streaming statistics: all-time counts for the conservation check, and, from the
 * end of the warm-up, the figures behind the KPIs (arrivals and crossings by direction, time in system,
 * appointments, perishables, losses) and the daily series. Memory does not grow with the horizon except
 * for one number per measured day and per sampling step.
 */
import { Histogram, mutableFromTheStart, Tally } from "../../kernel/index.js";
import { type ModelConfig, TruckFlag } from "../config.js";

/** Counters and tallies of one replication. */
export class Measures {
  /** True from the end of the warm-up. */
  measuring = false;
  // All-time (conservation).
  arrivalsAll = 0;
  /** Trucks generated (booked ahead) that have not arrived yet. */
  pendingArrivals = 0;
  exitsAll = 0;
  lostAll = 0;
  /** Trucks that arrived and have neither crossed nor been lost. */
  notCrossed = 0;
  // Measured period.
  readonly arrivalsByDir = new Float64Array(2);
  readonly clearedByDir = new Float64Array(2);
  lostMeasured = 0;
  noShows = 0;
  bookedArrivals = 0;
  onTime = 0;
  missedSlots = 0;
  perishableCleared = 0;
  perishableLate = 0;
  readonly tis = new Tally();
  readonly tisByDir = [new Tally(), new Tally()];
  readonly tisHist = new Histogram();
  /** Trucks that completed each stage. */
  readonly completed: Float64Array;
  /** Trucks over the dwell limit of each stage. */
  readonly dwellExceeded: Float64Array;
  // Daily series (measured days).
  dayArrivals = 0;
  readonly dayCleared = new Float64Array(2);
  readonly dailyArrivals: number[] = [];
  readonly dailyExport: number[] = [];
  readonly dailyImport: number[] = [];
  readonly dailyBacklog: number[] = [];
  readonly sampleInSystem: number[] = [];
  /** Trucks intending to arrive on each day (by direction), counted by the day of the intended arrival. */
  readonly demandByDay: [Float64Array, Float64Array];
  private readonly perishableThresholdMs: number;

  constructor(cfg: ModelConfig, horizonDays: number) {
    const n = cfg.stages.length;
    this.completed = new Float64Array(n);
    this.dwellExceeded = new Float64Array(n);
    const dayCount = Math.ceil(horizonDays) + 1;
    this.demandByDay = [new Float64Array(dayCount), new Float64Array(dayCount)];
    this.perishableThresholdMs = cfg.kpi.perishableThresholdMs;
    // Set and counted from the end of the warm-up on, after the code is optimized: see mutable-fields.ts.
    mutableFromTheStart(this);
  }

  /**
   * A truck of direction `dir` intends to arrive on `day` (`Math.floor(intendedMs / DAY_MS)`): demand, counted
   * whatever happens to it. The day, not the time, crosses the call (a time past 2^30 ms is a heap number).
   */
  demandOnDay(dir: number, day: number): void {
    const dd = this.demandByDay[dir]!;
    if (day < dd.length) dd[day] = (dd[day] as number) + 1;
  }

  /** A truck arrived in the network. */
  arrived(dir: number): void {
    this.arrivalsAll++;
    this.notCrossed++;
    if (this.measuring) {
      this.arrivalsByDir[dir]!++;
      this.dayArrivals++;
    }
  }

  /** A truck crossed the border after `tisMs` in the system. */
  crossed(dir: number, flags: number, tisMs: number): void {
    this.notCrossed--;
    if (!this.measuring) return;
    this.clearedByDir[dir]!++;
    this.dayCleared[dir]!++;
    this.tis.add(tisMs);
    this.tisByDir[dir]!.add(tisMs);
    this.tisHist.add(tisMs);
    if ((flags & TruckFlag.perishable) !== 0) {
      this.perishableCleared++;
      if (tisMs > this.perishableThresholdMs) this.perishableLate++;
    }
  }

  /** A truck left the network without crossing (rejected, diverted to a lost sink). */
  lost(flags: number): void {
    this.lostAll++;
    if ((flags & TruckFlag.crossed) === 0) this.notCrossed--;
    if (this.measuring) this.lostMeasured++;
  }

  /** Restarts the measured figures at the end of the warm-up. */
  reset(): void {
    this.measuring = true;
    this.completed.fill(0);
    this.dwellExceeded.fill(0);
    this.arrivalsByDir.fill(0);
    this.clearedByDir.fill(0);
    this.dayCleared.fill(0);
    this.dayArrivals = 0;
    this.lostMeasured = 0;
    this.noShows = 0;
    this.bookedArrivals = 0;
    this.onTime = 0;
    this.missedSlots = 0;
    this.perishableCleared = 0;
    this.perishableLate = 0;
    this.tis.reset();
    for (const x of this.tisByDir) x.reset();
    this.tisHist.reset();
    this.dailyArrivals.length = 0;
    this.dailyExport.length = 0;
    this.dailyImport.length = 0;
    this.dailyBacklog.length = 0;
    this.sampleInSystem.length = 0;
  }

  /** Closes a day: appends the day's figures to the daily series when measuring. */
  endOfDay(record: boolean): void {
    if (record) {
      this.dailyArrivals.push(this.dayArrivals);
      this.dailyExport.push(this.dayCleared[0] as number);
      this.dailyImport.push(this.dayCleared[1] as number);
      this.dailyBacklog.push(this.notCrossed);
    }
    this.dayArrivals = 0;
    this.dayCleared.fill(0);
  }
}
