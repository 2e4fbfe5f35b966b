/**
 * Journeys: how trucks fare from arrival to crossing, by class and by arrival day, including the trucks
 * that have not crossed when the run ends. Without these, time in system counts only the trucks that got
 * through, so a scenario that jams looks better than one that flows (survivorship bias). Here:
 * - waits and times in system by class: cargo class, appointment vs walk-in, customs channel; a truck's
 *   wait is its time in system minus its time in service and travelling (lines, blocked, stalls, partner);
 * - cohorts by arrival day: arrived, crossed, lost and still waiting at the horizon, with the restricted mean
 *   time in system (crossing time, or the time until the horizon for trucks still waiting);
 * - at the horizon, the trucks still waiting with their ages, which enter a censored time in system;
 * - the same censored time in system for the trucks arriving in each measure window (an outage, a closure).
 * Everything per truck happens at crossing or loss, never per event; the horizon scan runs once.
 */
import { assert, mutableFromTheStart } from "../../kernel/index.js";
import { CHANNELS, DAY_MS, type ModelConfig, TruckFlag } from "../config.js";
import { PartnerState, type TruckPool } from "../trucks.js";
import type { Clock } from "./levels.js";

/** What the horizon scan found: the trucks still waiting (arrived, neither crossed nor lost). */
export interface WaitingAtEnd {
  count: number;
  /** Ages (horizon − arrival) of the trucks still waiting, ms, ascending. */
  agesMs: Float64Array;
  /** Perishable loads still waiting whose age exceeds the perishable threshold. */
  perishableOverThreshold: number;
}

/** Journey outcomes of one replication. */
export class Journeys {
  /** Class keys (`cargo.<id>`, `booking.appointment`, `channel.red`, ...) by slot. */
  readonly classKeys: string[] = [];
  /** Per class slot, over the measured period: trucks crossed, their summed wait and time in system, ms. */
  readonly classCount: Float64Array;
  readonly classWaitMs: Float64Array;
  readonly classTisMs: Float64Array;
  /** First class slot of the appointment/walk-in pair (-1: no source books) and of the channels (-1: none). */
  private readonly bookingBase: number;
  private readonly channelBase: number;
  /** Per arrival day (from day 0): arrivals, crossings, losses, summed time in system of the crossed, ms. */
  readonly cohortArrived: Float64Array;
  readonly cohortCrossed: Float64Array;
  readonly cohortLeft: Float64Array;
  readonly cohortTisMs: Float64Array;
  /** Filled by `finish`: trucks still waiting and their summed ages per arrival day. */
  readonly cohortWaiting: Float64Array;
  readonly cohortAgeMs: Float64Array;
  /** Per direction, trucks of measured arrival days: crossed and their summed time in system (ms). */
  readonly crossedByDir = new Float64Array(2);
  readonly crossedTisMsByDir = new Float64Array(2);
  /** Per direction, filled by `finish`: trucks of measured arrival days still waiting and their summed ages. */
  readonly waitingByDir = new Float64Array(2);
  readonly waitingAgeMsByDir = new Float64Array(2);
  /** Measure windows (by arrival time): bounds, and per window arrivals, crossed, summed time in system, ms. */
  private readonly winFrom: Float64Array;
  private readonly winTo: Float64Array;
  readonly winArrived: Float64Array;
  readonly winCrossed: Float64Array;
  readonly winTisMs: Float64Array;
  /** Filled by `finish`: per window, trucks still waiting and their summed ages, ms. */
  readonly winWaiting: Float64Array;
  readonly winAgeMs: Float64Array;
  /** First measured arrival day. */
  private firstDay = 0;
  private readonly perishableThresholdMs: number;
  private readonly clock: Clock;

  constructor(cfg: ModelConfig, horizonDays: number, clock: Clock) {
    this.clock = clock;
    for (const c of cfg.cargoClasses) this.addClass(`cargo.${c}`);
    this.bookingBase = -1;
    if (cfg.sources.some((s) => s.appointment !== null)) {
      this.bookingBase = this.classKeys.length;
      this.addClass("booking.appointment");
      this.addClass("booking.walkIn");
    }
    this.channelBase = -1;
    if (cfg.sources.some((s) => s.channelShares.length > 0)) {
      this.channelBase = this.classKeys.length;
      for (const ch of CHANNELS) this.addClass(`channel.${ch}`);
    }
    const days = Math.ceil(horizonDays) + 1;
    this.cohortArrived = new Float64Array(days);
    this.cohortCrossed = new Float64Array(days);
    this.cohortLeft = new Float64Array(days);
    this.cohortTisMs = new Float64Array(days);
    this.cohortWaiting = new Float64Array(days);
    this.cohortAgeMs = new Float64Array(days);
    this.perishableThresholdMs = cfg.kpi.perishableThresholdMs;
    this.classCount = new Float64Array(this.classKeys.length);
    this.classWaitMs = new Float64Array(this.classKeys.length);
    this.classTisMs = new Float64Array(this.classKeys.length);
    const windows = cfg.kpi.windows;
    this.winFrom = Float64Array.from(windows, (w) => w.fromMs);
    this.winTo = Float64Array.from(windows, (w) => w.toMs);
    this.winArrived = new Float64Array(windows.length);
    this.winCrossed = new Float64Array(windows.length);
    this.winTisMs = new Float64Array(windows.length);
    this.winWaiting = new Float64Array(windows.length);
    this.winAgeMs = new Float64Array(windows.length);
    // Set and counted from the end of the warm-up on, after the code is optimized: see mutable-fields.ts.
    mutableFromTheStart(this);
  }

  /** Index of the first measure window containing time `ms`, or -1 (windows are few: a scan). */
  private windowOf(ms: number): number {
    for (let w = 0; w < this.winFrom.length; w++) {
      if (ms >= (this.winFrom[w] as number) && ms < (this.winTo[w] as number)) return w;
    }
    return -1;
  }

  private addClass(key: string): void {
    this.classKeys.push(key);
  }

  /** A truck arrived in the network now (read from the clock: a time argument would be a heap number). */
  arrived(): void {
    const nowMs = this.clock.now;
    const d = Math.floor(nowMs / DAY_MS);
    if (d < this.cohortArrived.length) this.cohortArrived[d] = (this.cohortArrived[d] as number) + 1;
    if (this.winFrom.length > 0) {
      const w = this.windowOf(nowMs);
      if (w >= 0) this.winArrived[w] = (this.winArrived[w] as number) + 1;
    }
  }

  /** Truck t crossed after `tisMs` in the system; `measuring` says whether class figures are kept now. */
  crossed(trucks: TruckPool, t: number, tisMs: number, measuring: boolean): void {
    const arrivalMs = trucks.arrivalMs[t] as number;
    const d = Math.floor(arrivalMs / DAY_MS);
    if (d < this.cohortCrossed.length) {
      this.cohortCrossed[d] = (this.cohortCrossed[d] as number) + 1;
      this.cohortTisMs[d] = (this.cohortTisMs[d] as number) + tisMs;
    }
    if (d >= this.firstDay) {
      const dir = trucks.direction[t] as number;
      this.crossedByDir[dir] = (this.crossedByDir[dir] as number) + 1;
      this.crossedTisMsByDir[dir] = (this.crossedTisMsByDir[dir] as number) + tisMs;
    }
    if (this.winFrom.length > 0) {
      const w = this.windowOf(arrivalMs);
      if (w >= 0) {
        this.winCrossed[w] = (this.winCrossed[w] as number) + 1;
        this.winTisMs[w] = (this.winTisMs[w] as number) + tisMs;
      }
    }
    if (!measuring) return;
    const waitMs = Math.max(0, tisMs - (trucks.workMs[t] as number));
    this.addTo(trucks.cargo[t] as number, waitMs, tisMs);
    if (this.bookingBase >= 0) {
      this.addTo(
        this.bookingBase + (((trucks.flags[t] as number) & TruckFlag.appointment) !== 0 ? 0 : 1),
        waitMs,
        tisMs,
      );
    }
    const ch = trucks.channel[t] as number;
    if (this.channelBase >= 0 && ch >= 0) this.addTo(this.channelBase + ch, waitMs, tisMs);
  }

  private addTo(slot: number, waitMs: number, tisMs: number): void {
    this.classCount[slot] = (this.classCount[slot] as number) + 1;
    this.classWaitMs[slot] = (this.classWaitMs[slot] as number) + waitMs;
    this.classTisMs[slot] = (this.classTisMs[slot] as number) + tisMs;
  }

  /**
   * Truck t left without crossing here (lost, balked, reneged, expelled, diverted to another crossing, or its
   * load moved by rail). A truck on a transshipment trip is no arrival and is not counted.
   */
  left(trucks: TruckPool, t: number): void {
    if (((trucks.flags[t] as number) & (TruckFlag.crossed | TruckFlag.trip)) !== 0) return;
    const d = Math.floor((trucks.arrivalMs[t] as number) / DAY_MS);
    if (d < this.cohortLeft.length) this.cohortLeft[d] = (this.cohortLeft[d] as number) + 1;
  }

  /** Restarts the class figures at the end of the warm-up; cohorts from the day the measured period starts. */
  reset(warmupMs: number): void {
    this.classCount.fill(0);
    this.classWaitMs.fill(0);
    this.classTisMs.fill(0);
    this.firstDay = Math.ceil(warmupMs / DAY_MS);
    this.crossedByDir.fill(0);
    this.crossedTisMsByDir.fill(0);
  }

  /**
   * At the horizon: finds every truck that arrived and has neither crossed nor left (one pass over the pool),
   * fills the waiting cohorts and returns their ages. `expected` is the count the run's counters give.
   */
  finish(trucks: TruckPool, nowMs: number, expected: number): WaitingAtEnd {
    const ages = new Float64Array(expected);
    let n = 0;
    let perishableOver = 0;
    for (let t = 0; t < trucks.used; t++) {
      if ((trucks.stage[t] as number) < 0 || trucks.partner[t] === PartnerState.orphan) continue;
      const f = trucks.flags[t] as number;
      if ((f & (TruckFlag.crossed | TruckFlag.trip)) !== 0) continue;
      const arrivalMs = trucks.arrivalMs[t] as number;
      const age = nowMs - arrivalMs;
      assert(n < expected, "more trucks waiting at the horizon than the counters say (a model bug)");
      ages[n++] = age;
      if ((f & TruckFlag.perishable) !== 0 && age > this.perishableThresholdMs) perishableOver++;
      const d = Math.floor(arrivalMs / DAY_MS);
      if (d < this.cohortWaiting.length) {
        this.cohortWaiting[d] = (this.cohortWaiting[d] as number) + 1;
        this.cohortAgeMs[d] = (this.cohortAgeMs[d] as number) + age;
      }
      if (d >= this.firstDay) {
        const dir = trucks.direction[t] as number;
        this.waitingByDir[dir] = (this.waitingByDir[dir] as number) + 1;
        this.waitingAgeMsByDir[dir] = (this.waitingAgeMsByDir[dir] as number) + age;
      }
      const w = this.windowOf(arrivalMs);
      if (w >= 0) {
        this.winWaiting[w] = (this.winWaiting[w] as number) + 1;
        this.winAgeMs[w] = (this.winAgeMs[w] as number) + age;
      }
    }
    assert(n === expected, `trucks waiting at the horizon: found ${n}, the counters say ${expected} (a model bug)`);
    ages.sort();
    return { count: n, agesMs: ages, perishableOverThreshold: perishableOver };
  }
}
