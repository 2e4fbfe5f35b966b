/**
 * The transshipment rendezvous. A truck whose load moves to a truck of the other country (the Chinese truck
 * for exports, the Vietnamese one for imports) has a partner, a real entity with its own random stream: it
 * is called when the loaded truck enters the dispatch stage (or the network) and arrives some time later.
 * It waits in a partner yard of finite stalls (outside it, in FIFO order, when the yard is full); a dock
 * starts the transfer only when the loaded truck and its partner are both there, and both leave when it
 * ends. The partner lives in the loaded truck's pool slot (one id, two entities), so no object is made.
 */
import {
  assert,
  type Distribution,
  makeDistribution,
  Priority,
  type RandomStreams,
  type Simulation,
  Tally,
  TimeWeighted,
} from "../kernel/index.js";
import { type ServerStageConfig, type StageConfig, TruckFlag } from "./config.js";
import type { Network } from "./network.js";
import type { Measures } from "./observers/measures.js";
import { Trips } from "./trips.js";
import { PartnerState, type TruckPool } from "./trucks.js";

/** The rendezvous of the (at most one) stage with transshipment partners. */
export class Rendezvous {
  /** The docks stage. */
  readonly stage: number;
  /** Stage whose entry calls the partner, or -1 when it is called at the loaded truck's arrival. */
  readonly dispatchStage: number;
  readonly dispatchOnArrival: boolean;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly network: Network;
  private readonly arrival: Distribution;
  private readonly stalls: number;
  private readonly dwellLimitMs: number;
  private readonly evPartner: number;
  /** Partners in yard stalls, outside the full yard, and loaded trucks waiting at the docks for theirs. */
  yard = 0;
  outside = 0;
  private outsideHead = -1;
  private outsideTail = -1;
  loadedWaiting = 0;
  /** Truck slots kept only because their partner is still en route (the loaded truck has left). */
  orphans = 0;
  readonly yardTw = new TimeWeighted(0, 0);
  readonly outsideTw = new TimeWeighted(0, 0);
  readonly loadedWaitingTw = new TimeWeighted(0, 0);
  readonly partnerWaitMs = new Tally();
  readonly loadedWaitPartnerMs = new Tally();
  partnerDwellExceeded = 0;
  partnersServed = 0;
  partnersUnmatched = 0;
  /** Partners sent away unpaired at their dwell limit (when the limit is enforced). */
  partnersExpelled = 0;
  /** True when unpaired partners are expelled at their dwell limit. */
  readonly expels: boolean;
  private readonly evExpire: number;
  readonly yardSeries: number[] = [];
  /** The partners' and the emptied trucks' trips on the roads (null when no route is given). */
  readonly trips: Trips | null;

  /** The rendezvous of a model, or null when no stage has one. */
  static create(
    sim: Simulation,
    streams: RandomStreams,
    stages: readonly StageConfig[],
    cargoClasses: number,
    trucks: TruckPool,
    measures: Measures,
    network: Network,
  ): Rendezvous | null {
    let found = -1;
    stages.forEach((st, s) => {
      if (st.type === "server" && st.rendezvous) {
        assert(found < 0, `stage ${st.id}: only one stage may have a transshipment rendezvous`);
        found = s;
      }
    });
    return found < 0 ? null : new Rendezvous(sim, streams, stages, cargoClasses, found, trucks, measures, network);
  }

  private constructor(
    sim: Simulation,
    streams: RandomStreams,
    stages: readonly StageConfig[],
    cargoClasses: number,
    s: number,
    trucks: TruckPool,
    measures: Measures,
    network: Network,
  ) {
    const st = stages[s] as ServerStageConfig;
    const rv = st.rendezvous!;
    this.sim = sim;
    this.trucks = trucks;
    this.measures = measures;
    this.network = network;
    this.stage = s;
    this.dispatchStage = rv.dispatchStage;
    this.dispatchOnArrival = rv.dispatchStage < 0;
    this.arrival = makeDistribution(rv.partnerArrivalMs, streams.stream(`partner:${st.id}`));
    this.stalls = rv.partnerYardStalls;
    this.dwellLimitMs = rv.partnerDwellLimitMs;
    assert(this.stalls >= 0, `stage ${st.id}: partner yard stalls must be ≥ 0`);
    this.evPartner = sim.defineEvent("partnerArrive", (t) => this.onPartnerArrive(t));
    this.expels = rv.partnerDwellLimitAction === "expel" && Number.isFinite(rv.partnerDwellLimitMs);
    this.evExpire = this.expels ? sim.defineEvent("partnerExpire", (t) => this.onPartnerExpire(t)) : -1;
    this.trips =
      rv.partnerRoutes !== undefined || rv.emptyRoutes !== undefined
        ? new Trips(
            sim,
            stages,
            cargoClasses,
            rv.partnerRoutes ?? [],
            rv.emptyRoutes ?? [],
            trucks,
            measures,
            network,
            (loaded) => this.partnerArrived(loaded),
          )
        : null;
  }

  /** Sends truck t's partner (the receiving truck of the other country) toward the transshipment yard. */
  dispatchPartner(t: number): void {
    const tr = this.trucks;
    const lead = this.arrival.sampleMs();
    // A replacement for an expelled partner leaves the loaded truck's dwell clock running.
    if (tr.partner[t] !== PartnerState.expelled) tr.yardMs[t] = this.sim.now;
    tr.partner[t] = PartnerState.enRoute;
    this.sim.schedule(Math.max(0, lead), this.evPartner, t, Priority.arrival);
  }

  /**
   * The loaded truck t reached the docks: true when its partner is here (the pair may ask for a dock);
   * false when the truck must wait for it (it keeps its yard stall; the caller gives up any server upstream).
   */
  pairAtDocks(t: number): boolean {
    const tr = this.trucks;
    const now = this.sim.now;
    let ps = tr.partner[t] as number;
    if (ps === PartnerState.none || ps === PartnerState.expelled) {
      // Its route did not pass the dispatch stage, or its partner was sent away: a partner is called now.
      this.dispatchPartner(t);
      ps = PartnerState.enRoute;
    }
    if (ps === PartnerState.enRoute || ps === PartnerState.onRoad) {
      tr.flags[t] = (tr.flags[t] as number) | TruckFlag.waitingPartner;
      tr.waitPartnerMs[t] = now;
      this.loadedWaiting++;
      this.loadedWaitingTw.update(this.loadedWaiting, now);
      return false;
    }
    if (ps === PartnerState.inYard) tr.partner[t] = PartnerState.pairedInYard;
    else if (ps === PartnerState.outside) {
      // Called forward past the full yard straight to the docks.
      this.unlinkOutside(t);
      tr.partner[t] = PartnerState.paired;
    } else assert(false, `truck at the docks with partner state ${ps}`);
    if (this.measures.measuring) this.loadedWaitPartnerMs.add(0);
    return true;
  }

  /** The pair got a dock: the partner gives up its stall; its wait from arrival to dock is counted. */
  transferStarted(t: number): void {
    const tr = this.trucks;
    const ps = tr.partner[t] as number;
    if (ps === PartnerState.pairedInYard) {
      this.releaseStall();
      tr.partner[t] = PartnerState.paired;
    }
    if (ps !== PartnerState.none && this.measures.measuring)
      this.partnerWaitMs.add(this.sim.now - (tr.partnerMs[t] as number));
  }

  /** The loaded truck t stops waiting for its partner at the docks (it leaves: reneging, dwell limit). */
  stopWaiting(t: number): void {
    const tr = this.trucks;
    tr.flags[t] = (tr.flags[t] as number) & ~TruckFlag.waitingPartner;
    this.loadedWaiting--;
    this.loadedWaitingTw.update(this.loadedWaiting, this.sim.now);
  }

  /** The transfer of truck t is over: the partner leaves with its load, the emptied truck drives home. */
  transferDone(t: number): void {
    const tr = this.trucks;
    if (this.measures.measuring) {
      this.partnersServed++;
      if (this.sim.now - (tr.partnerMs[t] as number) > this.dwellLimitMs) this.partnerDwellExceeded++;
    }
    tr.partner[t] = PartnerState.none;
    const dir = tr.direction[t] as number;
    if (this.trips?.has(2 + dir)) this.trips.start(2 + dir, -1, 1 - dir);
  }

  /**
   * The loaded truck t leaves the network without its transfer (lost, diverted): its partner goes home.
   * Returns false when the slot must stay allocated (the partner is still en route; it is freed on arrival).
   */
  abandon(t: number): boolean {
    const tr = this.trucks;
    const ps = tr.partner[t] as number;
    if (ps === PartnerState.enRoute) {
      tr.partner[t] = PartnerState.orphan;
      this.orphans++;
      return false;
    }
    if (ps === PartnerState.onRoad) {
      // The partner is driving to the yard as a truck of its own: it drives on, to nobody.
      (this.trips as Trips).orphan(tr.mate[t] as number);
      tr.partner[t] = PartnerState.none;
      if (this.measures.measuring) this.partnersUnmatched++;
      return true;
    }
    if (ps === PartnerState.outside) this.unlinkOutside(t);
    else if (ps === PartnerState.inYard || ps === PartnerState.pairedInYard) this.releaseStall();
    tr.partner[t] = PartnerState.none;
    if (ps !== PartnerState.expelled && this.measures.measuring) this.partnersUnmatched++;
    return true;
  }

  /**
   * An enforced dwell limit ran out for truck t's partner: if it is still unpaired (in the yard or outside
   * it) it leaves, and its loaded truck calls another at the docks. The check of the partner's arrival time
   * makes a stale event (the slot was reused since) do nothing.
   */
  private onPartnerExpire(t: number): void {
    const tr = this.trucks;
    const ps = tr.partner[t] as number;
    if (ps !== PartnerState.inYard && ps !== PartnerState.outside) return;
    if (this.sim.now - (tr.partnerMs[t] as number) < this.dwellLimitMs) return;
    if (ps === PartnerState.inYard) this.releaseStall();
    else this.unlinkOutside(t);
    tr.partner[t] = PartnerState.expelled;
    if (this.measures.measuring) this.partnersExpelled++;
  }

  private onPartnerArrive(t: number): void {
    const tr = this.trucks;
    const ps = tr.partner[t] as number;
    if (ps === PartnerState.orphan) {
      tr.partner[t] = PartnerState.none;
      this.orphans--;
      if (this.measures.measuring) this.partnersUnmatched++;
      tr.free(t);
      return;
    }
    // The message is built only on failure (a template literal argument would make a string per call).
    if (ps !== PartnerState.enRoute) assert(false, `partner arrival in state ${ps}`);
    const dir = tr.direction[t] as number;
    if (this.trips?.has(dir)) {
      // The partner sets off now and drives its route (the other country's lanes and roads) to the yard.
      tr.partner[t] = PartnerState.onRoad;
      tr.mate[t] = this.trips.start(dir, t, 1 - dir);
      return;
    }
    this.atYard(t);
  }

  /** Truck t's partner, driving its route, reached the yard. */
  private partnerArrived(t: number): void {
    const tr = this.trucks;
    if (tr.partner[t] !== PartnerState.onRoad) assert(false, `partner trip ended in state ${tr.partner[t]}`);
    tr.partner[t] = PartnerState.enRoute;
    this.atYard(t);
  }

  /** Truck t's partner is at the yard: it joins its loaded truck at the docks, a stall, or the line outside. */
  private atYard(t: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    tr.partnerMs[t] = now;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.waitingPartner) !== 0) {
      // The loaded truck is waiting at the docks: the partner drives straight in and the pair asks for a dock.
      tr.flags[t] = f & ~TruckFlag.waitingPartner;
      this.loadedWaiting--;
      this.loadedWaitingTw.update(this.loadedWaiting, now);
      if (this.measures.measuring) this.loadedWaitPartnerMs.add(now - (tr.waitPartnerMs[t] as number));
      tr.partner[t] = PartnerState.paired;
      this.network.request(t, this.stage);
      return;
    }
    if (this.expels) this.sim.schedule(this.dwellLimitMs, this.evExpire, t);
    if (this.yard < this.stalls) {
      this.yard++;
      this.yardTw.update(this.yard, now);
      tr.partner[t] = PartnerState.inYard;
      return;
    }
    tr.partner[t] = PartnerState.outside;
    tr.partnerNext[t] = -1;
    tr.partnerPrev[t] = this.outsideTail;
    if (this.outsideTail >= 0) tr.partnerNext[this.outsideTail] = t;
    else this.outsideHead = t;
    this.outsideTail = t;
    this.outside++;
    this.outsideTw.update(this.outside, now);
  }

  private unlinkOutside(t: number): void {
    const tr = this.trucks;
    const p = tr.partnerPrev[t] as number;
    const n = tr.partnerNext[t] as number;
    if (p >= 0) tr.partnerNext[p] = n;
    else this.outsideHead = n;
    if (n >= 0) tr.partnerPrev[n] = p;
    else this.outsideTail = p;
    this.outside--;
    this.outsideTw.update(this.outside, this.sim.now);
  }

  /** A partner left its stall: the first partner waiting outside takes it. */
  private releaseStall(): void {
    const now = this.sim.now;
    const h = this.outsideHead;
    if (h >= 0) {
      this.unlinkOutside(h);
      this.trucks.partner[h] = PartnerState.inYard;
      return;
    }
    this.yard--;
    this.yardTw.update(this.yard, now);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    this.yardTw.reset(now);
    this.outsideTw.reset(now);
    this.loadedWaitingTw.reset(now);
    this.partnerWaitMs.reset();
    this.loadedWaitPartnerMs.reset();
    this.partnerDwellExceeded = 0;
    this.partnersServed = 0;
    this.partnersUnmatched = 0;
    this.partnersExpelled = 0;
    this.yardSeries.length = 0;
    this.trips?.reset(now);
  }

  /** Records the partners waiting (one sampling step). */
  sample(): void {
    this.yardSeries.push(this.yard + this.outside);
    this.trips?.sample();
  }
}
