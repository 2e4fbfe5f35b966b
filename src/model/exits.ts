/**
 * The ways a truck leaves the stage network, and the moment it crosses. A truck leaves through a sink
 * (crossed, lost at a lost sink, or sent on to another crossing), is turned away or gives up on the way
 * (`leave`: lost to a full line, balked, reneged, expelled), or leaves by another way than a sink
 * (`leaveNetwork`: its load left by rail, its partner trip ended). Each way counts the truck where the KPI
 * glossary says, gives back every server and stall it holds (after its own move is recorded, so the truck
 * handed them comes after it), and frees its slot.
 */
import type { Simulation } from "../kernel/index.js";
import { TruckFlag } from "./config.js";
import type { Diversion } from "./diversion.js";
import type { Holdings } from "./holdings.js";
import { type EventLog, TruckEvent } from "./observers/event-log.js";
import type { Measures } from "./observers/measures.js";
import type { Observers } from "./observers/observers.js";
import { Outcome, type Outcomes } from "./observers/outcomes.js";
import type { Parcels } from "./parcels.js";
import type { Rendezvous } from "./rendezvous.js";
import type { Stages } from "./stages.js";
import { PartnerState, type TruckPool } from "./trucks.js";

/** Event-log type of each way out without crossing (`Outcome`). */
const OUTCOME_EVENT = [TruckEvent.lose, TruckEvent.balk, TruckEvent.renege, TruckEvent.expel];

/** What the exits need from the network they belong to. */
export interface ExitsParts {
  sim: Simulation;
  trucks: TruckPool;
  stages: Stages;
  holdings: Holdings;
  obs: Observers;
  measures: Measures;
  outcomes: Outcomes;
  diversion: Diversion | null;
  rendezvous: Rendezvous | null;
}

/** How trucks leave a replication's stage network, and how a crossing is counted. */
export class Exits {
  /** The per-truck event log, or null when off (set by `Network.setLog`). */
  log: EventLog | null = null;
  /** The parcel flow, told how many parcels cross with each truck (null without parcels). */
  parcels: Parcels | null = null;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly stages: Stages;
  private readonly holdings: Holdings;
  private readonly obs: Observers;
  private readonly measures: Measures;
  private readonly outcomes: Outcomes;
  private readonly diversion: Diversion | null;
  private readonly rendezvous: Rendezvous | null;

  constructor(parts: ExitsParts) {
    this.sim = parts.sim;
    this.trucks = parts.trucks;
    this.stages = parts.stages;
    this.holdings = parts.holdings;
    this.obs = parts.obs;
    this.measures = parts.measures;
    this.outcomes = parts.outcomes;
    this.diversion = parts.diversion;
    this.rendezvous = parts.rendezvous;
  }

  /** Truck t reached sink s: it is lost there, goes on to another crossing, or leaves having crossed. */
  atSink(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    this.obs.zones.set(tr, t, -1);
    const crossing = this.outcomes.sinkCrossing[s] as number;
    if (this.stages.lostSink[s] === 1) {
      if (this.log !== null) this.log.record(tr, t, s, TruckEvent.lose, now);
      this.lost(t, s);
    } else if (crossing >= 0) {
      if (this.log !== null) this.log.record(tr, t, s, TruckEvent.exit, now);
      this.obs.journeys.left(tr, t);
      this.outcomes.divertedTo(crossing, tr.flags[t] as number);
    } else {
      if ((tr.flags[t]! & TruckFlag.crossed) === 0) this.markCrossed(t);
      if (this.log !== null) this.log.record(tr, t, s, TruckEvent.exit, now);
      this.measures.exitsAll++;
    }
    if (this.measures.measuring) this.measures.completed[s]!++;
    this.holdings.giveBack(t, -1);
    this.freeTruck(t);
  }

  /** Truck t leaves the model here without crossing (`Outcome`): it gives back all it holds. */
  leave(t: number, outcome: number): void {
    const tr = this.trucks;
    const s = tr.stage[t] as number;
    this.obs.zones.set(tr, t, -1);
    if (this.log !== null) this.log.record(tr, t, s, OUTCOME_EVENT[outcome] as number, this.sim.now);
    if (outcome === Outcome.lost) this.lost(t, s);
    else {
      this.outcomes.leftModel(outcome, tr.flags[t] as number);
      this.obs.journeys.left(tr, t);
      if (this.measures.measuring) this.obs.figures.leftEarly[s]!++;
    }
    this.holdings.giveBack(t, -1);
    this.freeTruck(t);
  }

  /**
   * Truck t leaves the network by another way than a sink (its load left by rail, its trip ended): it gives
   * back what it still holds, and its zone and slot are freed.
   */
  leaveNetwork(t: number): void {
    const tr = this.trucks;
    if (this.log !== null) this.log.record(tr, t, tr.stage[t] as number, TruckEvent.exit, this.sim.now);
    if ((tr.flags[t]! & TruckFlag.trip) === 0) this.obs.journeys.left(tr, t);
    this.obs.zones.set(tr, t, -1);
    this.holdings.giveBack(t, -1);
    this.freeTruck(t);
  }

  /** Truck t passes a crossing stage (or leaves through a sink uncounted): it has crossed, once. */
  markCrossed(t: number): void {
    const tr = this.trucks;
    const f = tr.flags[t] as number;
    // Crossed once; a truck on a transshipment trip is no load and never counts as crossing.
    if ((f & (TruckFlag.crossed | TruckFlag.trip)) !== 0) return;
    tr.flags[t] = f | TruckFlag.crossed;
    const tisMs = this.sim.now - (tr.arrivalMs[t] as number);
    this.measures.crossed(tr.direction[t] as number, f, tisMs);
    this.obs.journeys.crossed(tr, t, tisMs, this.measures.measuring);
    if (this.log !== null) this.log.record(tr, t, tr.stage[t] as number, TruckEvent.cross, this.sim.now);
    const parcels = tr.parcels[t] as number;
    if (parcels > 0) this.parcels!.crossed(parcels);
  }

  /** Truck t is lost at stage s (turned away by a full line, or a lost sink). */
  private lost(t: number, s: number): void {
    const tr = this.trucks;
    this.measures.lost(tr.flags[t] as number);
    this.obs.journeys.left(tr, t);
    if (this.measures.measuring) this.obs.figures.lost[s]!++;
  }

  /** Gives a truck's slot back, unless its partner is still en route (then the slot is freed when it arrives). */
  private freeTruck(t: number): void {
    const tr = this.trucks;
    if (this.diversion !== null) this.diversion.gone(t);
    if (tr.partner[t] !== PartnerState.none && !this.rendezvous!.abandon(t)) return;
    tr.free(t);
  }
}
