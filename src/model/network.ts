/**
 * Movement through the network of stages, and blocking. A truck that finishes at a server keeps that
 * server until the next stage lets it in (it joins the next line, or gets a server or stall there), and
 * keeps a yard stall until it starts a stage that releases it: so a full yard stops the gate before it and
 * the queue backs up onto NH1A. Branches are followed at once; a truck that reaches a sink leaves, crossed
 * or lost. Passing a crossing stage counts the truck as cleared (throughput, time in system).
 *
 * It also tells the observers where a truck stands (a stage's `zone` when it starts there, its `queueZone`
 * when it waits for it), when a server is blocked (a finished truck still holds it after trying to move
 * on), how long a truck waited in each line, and, when an event log is attached, every event of a truck.
 */
import { assert, type RandomStreams, RequestStatus, type Resource, type Simulation } from "../kernel/index.js";
import { type ModelConfig, TruckFlag } from "./config.js";
import { type EventLog, TruckEvent } from "./observers/event-log.js";
import type { Measures } from "./observers/measures.js";
import type { Observers } from "./observers/observers.js";
import type { StageFigures } from "./observers/stage-figures.js";
import type { Zones } from "./observers/zones.js";
import type { TruckView } from "./policies.js";
import { Rendezvous } from "./rendezvous.js";
import { CapacityControl } from "./schedules.js";
import { Stages } from "./stages.js";
import { PartnerState, type TruckPool } from "./trucks.js";

/** Bound on synchronous moves of one truck in one instant (a network without delays must not loop). */
const MOVES_PER_INSTANT_MAX = 10_000;

/** The stage network of a replication: stages, their capacity, the rendezvous, and the moves between them. */
export class Network implements TruckView {
  readonly stages: Stages;
  readonly capacity: CapacityControl;
  readonly rendezvous: Rendezvous | null;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly zones: Zones;
  private readonly figures: StageFigures;
  private readonly obs: Observers;
  /** The per-truck event log, or null when off (every hook is one null check). */
  log: EventLog | null = null;
  private readonly rvStage: number;
  private readonly rvDispatch: number;
  private readonly evGrant: number;
  private readonly evAdmit: number;
  private readonly evDone: number;
  private movesThisInstant = 0;
  /** Time of the instant `movesThisInstant` counts; NaN (a double, see the Simulation constructor) before any. */
  private movesInstant = Number.NaN;

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    measures: Measures,
    obs: Observers,
  ) {
    this.sim = sim;
    this.trucks = trucks;
    this.measures = measures;
    this.obs = obs;
    this.zones = obs.zones;
    this.figures = obs.figures;
    this.evGrant = sim.defineEvent("grant", (t) => this.started(t, this.trucks.stage[t] as number));
    this.evAdmit = sim.defineEvent("admit", (t) => this.releaseHeld(t));
    this.evDone = sim.defineEvent("done", (t) => this.onDone(t));
    this.stages = new Stages(sim, streams, cfg, this.evAdmit);
    this.capacity = new CapacityControl(sim, this.stages);
    this.rendezvous = Rendezvous.create(sim, streams, cfg.stages, trucks, measures, this);
    this.rvStage = this.rendezvous ? this.rendezvous.stage : -1;
    this.rvDispatch = this.rendezvous ? this.rendezvous.dispatchStage : -1;
  }

  // ----- TruckView (what policies may read) ----------------------------------------------------------------
  /** Flag bits of a truck. */
  flags(t: number): number {
    return this.trucks.flags[t] as number;
  }
  /** Cargo class of a truck. */
  cargo(t: number): number {
    return this.trucks.cargo[t] as number;
  }
  /** Customs channel of a truck (-1 none). */
  channel(t: number): number {
    return this.trucks.channel[t] as number;
  }
  /** Direction of a truck. */
  direction(t: number): number {
    return this.trucks.direction[t] as number;
  }

  /** Truck t arrives in the network at its entry stage s (the observers count it, then it enters). */
  arrive(t: number, s: number): void {
    const now = this.sim.now;
    this.obs.journeys.arrived(now);
    if (this.log !== null) this.log.record(this.trucks, t, s, TruckEvent.arrive, now);
    this.enter(t, s);
  }

  /** Moves truck t into stage s (following branches at once). */
  enter(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    if (this.movesInstant !== now) {
      this.movesInstant = now;
      this.movesThisInstant = 0;
    }
    const stages = this.stages;
    for (;;) {
      assert(++this.movesThisInstant < MOVES_PER_INSTANT_MAX, "too many moves in one instant: a loop in the network?");
      const st = stages.cfg[s]!;
      tr.stage[t] = s;
      if (s === this.rvDispatch && tr.partner[t] === PartnerState.none && (tr.flags[t]! & TruckFlag.transship) !== 0) {
        this.rendezvous!.dispatchPartner(t);
      }
      if (st.crossing) this.markCrossed(t);
      switch (st.type) {
        case "branch": {
          s = stages.route(this, tr, t, s);
          continue;
        }
        case "delay": {
          this.releaseHeld(t);
          this.releaseHoldings(t, stages.releaseMask[s] as number);
          if (st.zone >= 0) this.zones.set(tr, t, st.zone, now);
          const d = stages.delayMs(s);
          tr.workMs[t] = (tr.workMs[t] as number) + d;
          if (this.log !== null) this.log.record(tr, t, s, TruckEvent.start, now);
          this.sim.schedule(d, this.evDone, t);
          return;
        }
        case "sink": {
          this.releaseHeld(t);
          this.releaseHoldings(t, -1);
          this.zones.set(tr, t, -1, now);
          if (st.lost) this.lose(t, s);
          else {
            if ((tr.flags[t]! & TruckFlag.crossed) === 0) this.markCrossed(t);
            this.measures.exitsAll++;
          }
          if (this.log !== null) this.log.record(tr, t, s, st.lost ? TruckEvent.divert : TruckEvent.exit, now);
          if (this.measures.measuring) this.measures.completed[s]!++;
          this.freeTruck(t);
          return;
        }
        case "holding":
        case "server": {
          if (s === this.rvStage && (tr.flags[t]! & TruckFlag.transship) !== 0 && !this.rendezvous!.pairAtDocks(t)) {
            if (st.queueZone >= 0) this.zones.set(tr, t, st.queueZone, now);
            if (this.log !== null) this.log.record(tr, t, s, TruckEvent.waitPartner, now);
            return;
          }
          this.request(t, s);
          return;
        }
      }
    }
  }

  /** Asks stage s (a server or a holding) for truck t and acts on the answer. */
  request(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    tr.queuedMs[t] = now;
    const res = this.stages.resources[s] as Resource;
    const status = res.request(t, this.evGrant, this.stages.priorityOf(this, t, s));
    if (status === RequestStatus.granted) this.started(t, s);
    else if (status === RequestStatus.rejected) {
      this.releaseHeld(t);
      this.releaseHoldings(t, -1);
      this.zones.set(tr, t, -1, now);
      if (this.log !== null) this.log.record(tr, t, s, TruckEvent.lose, now);
      this.lose(t, s);
      this.freeTruck(t);
    } else {
      // Queued: the truck joined the line and no longer needs the server upstream (holding stalls stay held;
      // a truck waiting for a stall keeps its server). Blocked: it keeps what it holds until admitted.
      const st = this.stages.cfg[s]!;
      if (status === RequestStatus.queued && st.type === "server") this.releaseHeld(t);
      if (st.queueZone >= 0) this.zones.set(tr, t, st.queueZone, now);
      if (this.log !== null) this.log.record(tr, t, s, TruckEvent.queue, now);
    }
  }

  /** Truck t leaves the network at stage s without crossing (turned away, or a lost sink). */
  private lose(t: number, s: number): void {
    const tr = this.trucks;
    this.measures.lost(tr.flags[t] as number);
    this.obs.journeys.lost(tr, t);
    if (this.measures.measuring) this.figures.lost[s]!++;
  }

  /** Gives a truck's slot back, unless its partner is still en route (then the slot is freed when it arrives). */
  private freeTruck(t: number): void {
    const tr = this.trucks;
    if (tr.partner[t] !== PartnerState.none && !this.rendezvous!.abandon(t)) return;
    tr.free(t);
  }

  /** The truck got a server (or a stall) at stage s: start there. */
  private started(t: number, s: number): void {
    const stages = this.stages;
    const st = stages.cfg[s]!;
    const tr = this.trucks;
    const now = this.sim.now;
    this.releaseHeld(t);
    this.releaseHoldings(t, stages.releaseMask[s] as number);
    if (st.zone >= 0) this.zones.set(tr, t, st.zone, now);
    this.figures.waited(s, now - (tr.queuedMs[t] as number));
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.start, now);
    if (st.type === "holding") {
      tr.holdMask[t] = (tr.holdMask[t] as number) | (1 << (stages.holdBit[s] as number));
      if (this.measures.measuring) this.measures.completed[s]!++;
      this.enter(t, st.next);
      return;
    }
    assert(st.type === "server", "started on a non-server");
    if (s === this.rvStage) this.rendezvous!.transferStarted(t);
    if (this.capacity.capped[s] === 1) this.capacity.started(s);
    const d = stages.serviceMs(tr, t, s);
    tr.workMs[t] = (tr.workMs[t] as number) + d;
    this.sim.schedule(d, this.evDone, t);
  }

  private onDone(t: number): void {
    const tr = this.trucks;
    const s = tr.stage[t] as number;
    const st = this.stages.cfg[s]!;
    const m = this.measures;
    if (m.measuring) m.completed[s]!++;
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.end, this.sim.now);
    if (st.type === "server") {
      const now = this.sim.now;
      // Dwell limits apply in the designated yards: at the docks a loaded truck's dwell starts when it entered
      // the yard (its partner was called), elsewhere at its arrival in the network.
      const rv = s === this.rvStage && tr.partner[t] !== PartnerState.none;
      const since = rv ? (tr.yardMs[t] as number) : (tr.arrivalMs[t] as number);
      if (now - since > st.dwellLimitMs && m.measuring) m.dwellExceeded[s]!++;
      if (rv) this.rendezvous!.transferDone(t);
      tr.heldServer[t] = s;
      this.enter(t, st.next);
      // Still holding the server after trying to move on: the next line or yard is full, the server is blocked.
      if (tr.heldServer[t] === s) this.blockedAt(t, s);
    } else if (st.type === "delay") {
      this.enter(t, st.next);
    } else assert(false, `done event at stage ${st.id}`);
  }

  /** Truck t finished at server stage s and keeps it: one blocked server until it moves on. */
  private blockedAt(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    tr.flags[t] = (tr.flags[t] as number) | TruckFlag.blockedServer;
    this.figures.blockedAdd(s, now);
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.blocked, now);
  }

  /** Truck t gives back the server it finished at (if it still holds one). */
  releaseHeld(t: number): void {
    const tr = this.trucks;
    const h = tr.heldServer[t] as number;
    if (h < 0) return;
    tr.heldServer[t] = -1;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.blockedServer) !== 0) {
      tr.flags[t] = f & ~TruckFlag.blockedServer;
      this.figures.blockedRemove(h, this.sim.now);
    }
    const res = this.stages.resources[h] as Resource;
    if (this.capacity.capped[h] === 1) this.capacity.released(h);
    res.release();
  }

  /** Truck t gives back the stalls of the holding stages in `mask` (bits of `Stages.holdBit`). */
  private releaseHoldings(t: number, mask: number): void {
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

  private markCrossed(t: number): void {
    const tr = this.trucks;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.crossed) !== 0) return;
    tr.flags[t] = f | TruckFlag.crossed;
    const tisMs = this.sim.now - (tr.arrivalMs[t] as number);
    this.measures.crossed(tr.direction[t] as number, f, tisMs);
    this.obs.journeys.crossed(tr, t, tisMs, this.measures.measuring);
    if (this.log !== null) this.log.record(tr, t, tr.stage[t] as number, TruckEvent.cross, this.sim.now);
  }
}
