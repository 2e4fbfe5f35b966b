/**
 * What trucks hold upstream: the server a truck finished at and keeps until the next stage lets it in
 * (counted as a blocked server while it tries to move on), and the stalls of holding stages it keeps until
 * it starts a stage that releases them. Giving either back hands it to the next waiting truck.
 */
import type { Resource, Simulation } from "../kernel/index.js";
import { TruckFlag } from "./config.js";
import { type EventLog, TruckEvent } from "./observers/event-log.js";
import type { StageFigures } from "./observers/stage-figures.js";
import type { CapacityControl } from "./schedules.js";
import type { Stages } from "./stages.js";
import type { TruckPool } from "./trucks.js";

/** Held servers and stalls of the trucks in the network. */
export class Holdings {
  /** The per-truck event log, or null when off (set by `Network.setLog`). */
  log: EventLog | null = null;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly stages: Stages;
  private readonly capacity: CapacityControl;
  private readonly figures: StageFigures;

  constructor(sim: Simulation, trucks: TruckPool, stages: Stages, capacity: CapacityControl, figures: StageFigures) {
    this.sim = sim;
    this.trucks = trucks;
    this.stages = stages;
    this.capacity = capacity;
    this.figures = figures;
  }

  /** Truck t finished at server stage s and keeps it: one blocked server until it moves on. */
  blockedAt(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    tr.flags[t] = (tr.flags[t] as number) | TruckFlag.blockedServer;
    this.figures.blockedAdd(s);
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.blocked, now);
  }

  /**
   * Truck t gives back the server it finished at (if it still holds one), then the stalls of the holding
   * stages in `mask` (-1: every stall it holds).
   */
  giveBack(t: number, mask: number): void {
    this.releaseHeld(t);
    this.releaseStalls(t, mask);
  }

  /** Truck t gives back the server it finished at (if it still holds one). */
  releaseHeld(t: number): void {
    const tr = this.trucks;
    const h = tr.heldServer[t] as number;
    if (h < 0) return;
    tr.heldServer[t] = -1;
    this.stages.blockedServers[h]!--;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.blockedServer) !== 0) {
      tr.flags[t] = f & ~TruckFlag.blockedServer;
      this.figures.blockedRemove(h);
    }
    const res = this.stages.resources[h] as Resource;
    if (this.capacity.capped[h] === 1) this.capacity.released(h);
    res.release();
  }

  /** Truck t gives back the stalls of the holding stages in `mask` (bits of `Stages.holdBit`). */
  releaseStalls(t: number, mask: number): void {
    const tr = this.trucks;
    let held = (tr.holdMask[t] as number) & mask;
    if (held === 0) return;
    tr.holdMask[t] = (tr.holdMask[t] as number) & ~held;
    const byBit = this.stages.holdingByBit;
    const resources = this.stages.resources;
    while (held !== 0) {
      const b = 31 - Math.clz32(held);
      held &= ~(1 << b);
      if (this.log !== null) this.log.record(tr, t, byBit[b]!, TruckEvent.end, this.sim.now);
      (resources[byBit[b]!] as Resource).release();
    }
  }
}
