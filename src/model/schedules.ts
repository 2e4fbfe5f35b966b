/**
 * Capacity over time. The servers (or stalls) in force at a stage are its schedule's value now (opening
 * hours, weekly schedules, dated changes, outage windows, seasons), less its units that are broken down
 * (spare units stand in first), plus lanes lent to it by a lane-allocation rule, and, at a stage with a
 * daily cap (the Chinese side's acceptance), no more than the services it may still start today. A cap
 * counts services started; it resets at the stage's own midnight, taking the value in force for that day
 * (a cap cut from a date on).
 */

import { Priority, type Simulation } from "../kernel/index.js";
import { DAY_MS, type ServerStageConfig } from "./config.js";
import type { Stages } from "./stages.js";

/** Schedules, daily caps, breakdowns and lane offsets of every stage, kept in force on the stages' resources. */
export class CapacityControl {
  private readonly sim: Simulation;
  private readonly stages: Stages;
  /** Lanes lent to (positive) or by (negative) each stage by a lane rule. */
  private readonly offset: Int32Array;
  /** Services started today at each capped stage. */
  private readonly capCount: Float64Array;
  /** Cap of the current day at each capped stage (Infinity: no cap today). */
  private readonly capToday: Float64Array;
  /** Trucks holding a server of each capped stage (in service, or finished and blocked). */
  private readonly capHolding: Int32Array;
  /** Units of each stage subject to breakdowns, and how many of them are down now. */
  private readonly units: Int32Array;
  private readonly down: Int32Array;
  /** 1 where the stage has a daily cap (now or from a date on). */
  readonly capped: Uint8Array;
  private readonly evCapacity: number;
  private readonly evCapReset: number;

  constructor(sim: Simulation, stages: Stages) {
    this.sim = sim;
    this.stages = stages;
    const n = stages.n;
    this.offset = new Int32Array(n);
    this.capCount = new Float64Array(n);
    this.capToday = new Float64Array(n).fill(Number.POSITIVE_INFINITY);
    this.capHolding = new Int32Array(n);
    this.units = new Int32Array(n);
    this.down = new Int32Array(n);
    this.capped = new Uint8Array(n);
    this.evCapacity = sim.defineEvent("capacity", (s) => this.onScheduleChange(s));
    this.evCapReset = sim.defineEvent("capReset", (s) => this.onCapReset(s));
    // One pass in stage order, as the events' insertion order breaks ties between stages.
    for (let s = 0; s < n; s++) {
      const st = stages.cfg[s]!;
      const sched = stages.schedules[s];
      if (sched) {
        const next = sched.nextChangeAfter(0);
        if (next !== Number.POSITIVE_INFINITY) sim.scheduleAt(next, this.evCapacity, s, Priority.capacity);
      }
      if (st.type === "server") {
        // Closed units of every kind count against the same servers; spares are the scheduled servers' shortfall.
        for (const b of st.breakdowns ?? []) if (!b.extraMs) this.units[s] = Math.max(this.units[s] as number, b.units);
        const changes = st.dailyCapChanges ?? [];
        if (Number.isFinite(st.dailyCapTrucks) || changes.some((c) => Number.isFinite(c.trucks))) {
          this.capped[s] = 1;
          this.capToday[s] = st.dailyCapTrucks;
          const first = st.dailyCapDayStartMs > 0 ? st.dailyCapDayStartMs : st.dailyCapDayStartMs + DAY_MS;
          sim.scheduleAt(first, this.evCapReset, s, Priority.capacity);
        }
        this.refresh(s);
      }
    }
  }

  /** Sets the capacity in force at stage s from its schedule, breakdowns, lane offset and daily cap. */
  refresh(s: number): void {
    const sched = this.stages.schedules[s]!;
    const res = this.stages.resources[s]!;
    let base = sched.capacityAt(this.sim.now);
    const down = this.down[s] as number;
    if (down > 0) {
      // Scheduled servers below the unit count leave spare units that stand in for failed ones.
      const spare = (this.units[s] as number) - base;
      base -= Math.max(0, down - (spare > 0 ? spare : 0));
    }
    let c = base > 0 ? Math.max(0, base + (this.offset[s] as number)) : 0;
    if (this.capped[s] === 1) {
      const remaining = Math.max(0, (this.capToday[s] as number) - (this.capCount[s] as number));
      // Trucks in service stay; only `remaining` more may start today (grants in flight are in `busy`).
      c = Math.min(c, (this.capHolding[s] as number) + remaining);
    }
    if (c !== res.capacity) res.setCapacity(c);
  }

  /** A service started at capped stage s. */
  started(s: number): void {
    this.capCount[s]!++;
    this.capHolding[s]!++;
    this.refresh(s);
  }

  /** A truck gave back a server of capped stage s. */
  released(s: number): void {
    this.capHolding[s]!--;
    this.refresh(s);
  }

  /** Services stage s may still start today under its daily cap (Infinity when it has none). */
  remainingToday(s: number): number {
    if (this.capped[s] !== 1) return Number.POSITIVE_INFINITY;
    const st = this.stages.cfg[s] as ServerStageConfig;
    return Math.max(0, st.dailyCapTrucks - (this.capCount[s] as number));
  }

  /** Lanes lent to stage s by a lane rule (negative: lent away). */
  setOffset(s: number, lanes: number): void {
    this.offset[s] = lanes;
    this.refresh(s);
  }

  /** One more (`delta` 1) or one fewer (-1) unit of stage s is broken down. */
  unitsDown(s: number, delta: number): void {
    this.down[s] = (this.down[s] as number) + delta;
    this.refresh(s);
  }

  private onScheduleChange(s: number): void {
    this.refresh(s);
    const next = this.stages.schedules[s]!.nextChangeAfter(this.sim.now);
    if (next !== Number.POSITIVE_INFINITY) this.sim.scheduleAt(next, this.evCapacity, s, Priority.capacity);
  }

  private onCapReset(s: number): void {
    this.capCount[s] = 0;
    const st = this.stages.cfg[s] as ServerStageConfig;
    const changes = st.dailyCapChanges;
    if (changes !== undefined) {
      const now = this.sim.now;
      let cap = st.dailyCapTrucks;
      for (let i = 0; i < changes.length && changes[i]!.fromMs <= now; i++) cap = changes[i]!.trucks;
      this.capToday[s] = cap;
    }
    this.refresh(s);
    this.sim.schedule(DAY_MS, this.evCapReset, s, Priority.capacity);
  }
}
