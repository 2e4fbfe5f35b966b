/**
 * Movement through the network of stages, and blocking. A truck that finishes at a server keeps that
 * server until the next stage lets it in (it joins the next line, or gets a server or stall there), and
 * keeps a yard stall until it starts a stage that releases it: so a full yard stops the gate before it and
 * the queue backs up onto NH1A. Branches are followed at once; a truck that reaches a sink leaves, crossed
 * or lost. Passing a crossing stage counts the truck as cleared (throughput, time in system).
 *
 * It also tells the observers where a truck stands (a stage's `zone` when it starts there, its `queueZone`
 * when it waits for it, a rail terminal's zone while its load waits for a train), when a server is blocked
 * (a finished truck still holds it after trying to move on), how long a truck waited in each line, and,
 * when an event log is attached, every event of a truck. How a truck leaves, and the count of crossings,
 * are `Exits` (exits.ts).
 */
import {
  assert,
  HandOvers,
  type HandOverTarget,
  type RandomStreams,
  RequestStatus,
  type Resource,
  type Simulation,
} from "../kernel/index.js";
import { Breakdowns } from "./breakdowns.js";
import { type ModelConfig, TruckFlag } from "./config.js";
import { Diversion } from "./diversion.js";
import { Exits } from "./exits.js";
import { Holdings } from "./holdings.js";
import { type EventLog, TruckEvent } from "./observers/event-log.js";
import type { Measures } from "./observers/measures.js";
import type { Observers } from "./observers/observers.js";
import { Outcome, type Outcomes } from "./observers/outcomes.js";
import type { StageFigures } from "./observers/stage-figures.js";
import type { Zones } from "./observers/zones.js";
import type { PolicyRuntime } from "./policies/index.js";
import { Pools } from "./pools.js";
import { Rail } from "./rail.js";
import { Rendezvous } from "./rendezvous.js";
import { CapacityControl } from "./schedules.js";
import { HandOverKind, StageKind, Stages } from "./stages.js";
import { PartnerState, type TruckPool } from "./trucks.js";

/**
 * What entering a stage may do besides moving the truck there (bits of `Network.onEntry`): dispatch a
 * transshipment partner, read the plate, count the truck as crossed. Most stages do none, so a move reads
 * one byte instead of three columns and a field.
 */
const Entry = { dispatch: 1, camera: 2, crossing: 4 } as const;

/** Bound on synchronous moves of one truck in one instant (a network without delays must not loop). */
const MOVES_PER_INSTANT_MAX = 10_000;

/**
 * The stage network of a replication: stages, their capacity, the rendezvous, and the moves between them.
 * It is the target of its resources' hand-overs: a freed server, stall or pool member goes to the first
 * waiting truck at once, inside the event that freed it (`handOver`).
 */
export class Network implements HandOverTarget {
  readonly stages: Stages;
  readonly capacity: CapacityControl;
  readonly rendezvous: Rendezvous | null;
  /** Balking, reneging, enforced dwell limits and diversion (null when the model has none). */
  readonly diversion: Diversion | null;
  /** Staff pools shared by stages (null when the model has none). */
  readonly pools: Pools | null;
  /** Pool used by each stage, or -1. */
  private readonly poolOf: Int32Array;
  /** Random breakdowns of stages' units (null when no stage has any). */
  readonly breakdowns: Breakdowns | null;
  /** 1 at stages whose units serve slower while down. */
  private readonly slowed: Uint8Array;
  /** Rail terminals (null when the network has none). */
  readonly rail: Rail | null;
  /** How trucks leave the network (sinks, losses, rail, trips), and the count of crossings. */
  readonly exits: Exits;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly zones: Zones;
  private readonly figures: StageFigures;
  private readonly obs: Observers;
  /** The per-truck event log, or null when off (every hook is one null check); set with `setLog`. */
  log: EventLog | null = null;
  /** The servers and stalls trucks hold upstream, and blocked servers. */
  readonly holdings: Holdings;
  /** Hand-overs of every stage's and pool's resource, run through `handOver`. */
  readonly handOvers: HandOvers;
  private readonly rvStage: number;
  private readonly rvDispatch: number;
  /**
   * `Entry` bits of each stage: the rendezvous's dispatch stage, Ultraview plate cameras (a truck whose plate
   * they can read is pre-identified there), a crossing stage.
   */
  private readonly onEntry: Uint8Array;
  private readonly evDone: number;
  private movesThisInstant = 0;
  /** Time of the instant `movesThisInstant` counts; NaN (a double, see kernel/mutable-fields.ts) before any. */
  private movesInstant = Number.NaN;

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    measures: Measures,
    obs: Observers,
    outcomes: Outcomes,
    horizonMs: number,
    policies: PolicyRuntime,
  ) {
    this.sim = sim;
    this.trucks = trucks;
    this.measures = measures;
    this.obs = obs;
    this.zones = obs.zones;
    this.figures = obs.figures;
    this.evDone = sim.defineEvent("done", (t) => this.onDone(t));
    this.handOvers = new HandOvers(this);
    this.stages = new Stages(sim, streams, cfg, this.handOvers, policies);
    this.capacity = new CapacityControl(sim, this.stages);
    this.holdings = new Holdings(sim, trucks, this.stages, this.capacity, this.figures);
    this.rendezvous = Rendezvous.create(sim, streams, cfg.stages, cfg.cargoClasses.length, trucks, measures, this);
    this.rvStage = this.rendezvous ? this.rendezvous.stage : -1;
    this.rvDispatch = this.rendezvous ? this.rendezvous.dispatchStage : -1;
    this.diversion = Diversion.create(sim, streams, cfg, trucks, this.stages.resources, outcomes, this, policies);
    this.pools = Pools.create(sim, cfg, trucks, this.handOvers, (t, s) => this.beginService(t, s));
    this.poolOf = this.pools ? this.pools.poolOf : new Int32Array(cfg.stages.length).fill(-1);
    this.breakdowns = Breakdowns.create(sim, streams, cfg, this.capacity);
    this.slowed = new Uint8Array(cfg.stages.length);
    for (let s = 0; s < cfg.stages.length; s++) if (this.breakdowns?.slowsStage(s)) this.slowed[s] = 1;
    this.rail = Rail.create(sim, cfg.stages, trucks, measures, this, horizonMs);
    const { stages, holdings, rendezvous, diversion } = this;
    this.exits = new Exits({ sim, trucks, stages, holdings, obs, measures, outcomes, diversion, rendezvous });
    this.onEntry = Uint8Array.from(
      cfg.stages,
      (st, s) =>
        (s === this.rvDispatch ? Entry.dispatch : 0) |
        (st.plateCameras === true ? Entry.camera : 0) |
        (this.stages.crossing[s] === 1 ? Entry.crossing : 0),
    );
  }

  /** Attaches the per-truck event log (null: off). */
  setLog(log: EventLog | null): void {
    this.log = log;
    this.holdings.log = log;
    this.exits.log = log;
  }

  /**
   * Truck t was handed what it waited for (`HandOverKind`), inside the call that freed it: a server or stall
   * of its stage (it starts there), room in the full line it was blocked by (it gives back the server it
   * holds upstream), or a member of its stage's pool (its service starts).
   */
  handOver(t: number, kind: number): void {
    if (kind === HandOverKind.start) this.started(t, this.trucks.stage[t] as number);
    else if (kind === HandOverKind.admit) this.holdings.releaseHeld(t);
    else this.pools!.granted(t);
  }

  /** Truck t arrives in the network at its entry stage s (the observers count it, then it enters). */
  arrive(t: number, s: number): void {
    const now = this.sim.now;
    this.obs.journeys.arrived();
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
    const kind = stages.kind;
    const onEntry = this.onEntry;
    for (;;) {
      if (++this.movesThisInstant >= MOVES_PER_INSTANT_MAX) {
        assert(false, "too many moves in one instant: a loop in the network?");
      }
      tr.stage[t] = s;
      const entry = onEntry[s] as number;
      if (entry !== 0) this.entered(t, entry);
      switch (kind[s]) {
        case StageKind.branch: {
          s = stages.route(tr, t, s);
          continue;
        }
        // A truck's own move is recorded before what it gives back goes to the next truck (at once).
        case StageKind.delay: {
          const zone = stages.zone[s] as number;
          if (zone >= 0) this.zones.set(tr, t, zone);
          const d = stages.delayMs(s);
          tr.workMs[t] = (tr.workMs[t] as number) + d;
          if (this.log !== null) this.log.record(tr, t, s, TruckEvent.start, now);
          this.sim.schedule(d, this.evDone, t);
          this.holdings.giveBack(t, stages.releaseMask[s] as number);
          return;
        }
        case StageKind.sink: {
          this.exits.atSink(t, s);
          return;
        }
        case StageKind.rail: {
          // The load waits for a train in the terminal's zone (unless the terminal is full: back to the road).
          if (this.rail!.arrive(t, s)) {
            const zone = stages.zone[s] as number;
            if (zone >= 0) this.zones.set(tr, t, zone);
            if (this.log !== null) this.log.record(tr, t, s, TruckEvent.queue, now);
            this.holdings.giveBack(t, -1);
          }
          return;
        }
        default: {
          // A server or a holding.
          const dv = this.diversion;
          if (dv !== null && dv.active[s] !== 0 && dv.turnsAway(t, s)) return;
          if (s === this.rvStage && (tr.flags[t]! & TruckFlag.transship) !== 0 && !this.rendezvous!.pairAtDocks(t)) {
            const queueZone = stages.queueZone[s] as number;
            if (queueZone >= 0) this.zones.set(tr, t, queueZone);
            if (this.log !== null) this.log.record(tr, t, s, TruckEvent.waitPartner, now);
            if (dv !== null && dv.active[s] !== 0) dv.waiting(t, s);
            // It waits for its partner keeping its yard stall; the server upstream goes to the next truck.
            this.holdings.releaseHeld(t);
            return;
          }
          this.request(t, s);
          return;
        }
      }
    }
  }

  /** What entering a stage with `Entry` bits `entry` does, in this order (truck t is already there). */
  private entered(t: number, entry: number): void {
    const tr = this.trucks;
    if ((entry & Entry.dispatch) !== 0) {
      if (tr.partner[t] === PartnerState.none && (tr.flags[t]! & TruckFlag.transship) !== 0) {
        this.rendezvous!.dispatchPartner(t);
      }
    }
    if ((entry & Entry.camera) !== 0 && (tr.flags[t]! & TruckFlag.plateReadable) !== 0) {
      tr.flags[t] = tr.flags[t]! | TruckFlag.plateRead;
    }
    if ((entry & Entry.crossing) !== 0) this.exits.markCrossed(t);
  }

  /** Asks stage s (a server or a holding) for truck t and acts on the answer. */
  request(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    tr.queuedMs[t] = now;
    const res = this.stages.resources[s] as Resource;
    const status = res.request(t, HandOverKind.start, this.stages.priorityOf(t, s));
    if (status === RequestStatus.granted) {
      this.started(t, s);
      return;
    }
    if (status === RequestStatus.rejected) {
      this.exits.leave(t, Outcome.lost);
      return;
    }
    // The truck waits in the line, or blocked upstream; it stands there unless the stage names a zone for
    // its waiting trucks.
    const stages = this.stages;
    const queueZone = stages.queueZone[s] as number;
    if (queueZone >= 0) this.zones.set(tr, t, queueZone);
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.queue, now);
    const dv = this.diversion;
    if (dv !== null && dv.active[s] !== 0) dv.waiting(t, s);
    // In the line it no longer needs the server upstream (holding stalls stay held; a truck waiting for a
    // stall keeps its server). Blocked, it keeps what it holds until admitted (`handOver`). Last: the
    // server goes to the next truck at once, and that cascade may even hand t its server here.
    if (status === RequestStatus.queued && stages.kind[s] === StageKind.server) this.holdings.releaseHeld(t);
  }

  /** Truck t leaves where it is for stage s elsewhere (another crossing): it gives back all it holds here. */
  sendTo(t: number, s: number): void {
    if (this.log !== null)
      this.log.record(this.trucks, t, this.trucks.stage[t] as number, TruckEvent.divert, this.sim.now);
    this.zones.set(this.trucks, t, -1);
    this.holdings.giveBack(t, -1);
    this.enter(t, s);
  }

  /**
   * The truck got a server (or a stall) at stage s: start there. What it held upstream is given back once
   * its own start is done (recorded, its service drawn and scheduled), so the trucks handed those at once
   * come after it, as they did when each hand-over was an event of its own.
   */
  private started(t: number, s: number): void {
    const stages = this.stages;
    const tr = this.trucks;
    const now = this.sim.now;
    if (this.diversion !== null) this.diversion.started(t, s);
    const zone = stages.zone[s] as number;
    if (zone >= 0) this.zones.set(tr, t, zone);
    this.figures.waited(s, now - (tr.queuedMs[t] as number));
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.start, now);
    const kind = stages.kind[s];
    if (kind === StageKind.holding) {
      // Before it moves on (it may leave the network on the way).
      this.holdings.giveBack(t, stages.releaseMask[s] as number);
      tr.holdMask[t] = (tr.holdMask[t] as number) | (1 << (stages.holdBit[s] as number));
      if (this.measures.measuring) this.measures.completed[s]!++;
      this.enter(t, stages.next[s] as number);
      return;
    }
    if (kind !== StageKind.server) assert(false, "started on a non-server");
    if (this.capacity.capped[s] === 1) this.capacity.started(s);
    // A stage that uses a staff pool starts the service once a member is free too (pools.ts).
    if (this.poolOf[s] === -1 || this.pools!.seize(t, s)) this.beginService(t, s);
    this.holdings.giveBack(t, stages.releaseMask[s] as number);
  }

  /** Truck t has everything stage s needs (a server, and a pool member if the stage uses a pool): serve it. */
  private beginService(t: number, s: number): void {
    if (s === this.rvStage) this.rendezvous!.transferStarted(t);
    const tr = this.trucks;
    let ms = this.stages.serviceMs(tr, t, s);
    if (this.slowed[s] === 1) ms += this.breakdowns!.extraMs(s);
    tr.workMs[t] = (tr.workMs[t] as number) + ms;
    this.sim.schedule(ms, this.evDone, t);
  }

  private onDone(t: number): void {
    const tr = this.trucks;
    const s = tr.stage[t] as number;
    const stages = this.stages;
    const kind = stages.kind[s];
    const m = this.measures;
    if (m.measuring) m.completed[s]!++;
    if (this.log !== null) this.log.record(tr, t, s, TruckEvent.end, this.sim.now);
    if ((tr.flags[t]! & TruckFlag.trip) !== 0) {
      // A trip truck keeps the server it finished at until its next stage lets it in, as any truck.
      const server = kind === StageKind.server;
      if (server) stages.blockedServers[s]!++;
      this.rendezvous!.trips!.legDone(t, s);
      if (server && tr.heldServer[t] === s) this.holdings.blockedAt(t, s);
      return;
    }
    if (kind === StageKind.server) {
      if (this.poolOf[s] !== -1) this.pools!.release(s);
      // Dwell limits apply in the designated yards: at the docks a loaded truck's dwell starts when it entered
      // the yard (its partner was called), elsewhere at its arrival in the network.
      const rv = s === this.rvStage && tr.partner[t] !== PartnerState.none;
      const limit = stages.dwellLimitMs[s] as number;
      if (m.measuring && limit !== Number.POSITIVE_INFINITY) {
        const since = rv ? (tr.yardMs[t] as number) : (tr.arrivalMs[t] as number);
        if (this.sim.now - since > limit) m.dwellExceeded[s]!++;
      }
      if (rv) this.rendezvous!.transferDone(t);
      tr.heldServer[t] = s;
      stages.blockedServers[s]!++;
      this.enter(t, stages.next[s] as number);
      // Still holding the server after trying to move on: the next line or yard is full, the server is blocked.
      if (tr.heldServer[t] === s) this.holdings.blockedAt(t, s);
    } else if (kind === StageKind.delay) {
      this.enter(t, stages.next[s] as number);
    } else assert(false, `done event at stage ${stages.cfg[s]!.id}`);
  }
}
