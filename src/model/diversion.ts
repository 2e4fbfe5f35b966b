/**
 * Trucks that give up, divert or time out. A truck reaching a stage with balking may turn away when the
 * line is long (decision point "balking"); one that starts waiting at a stage with reneging draws a
 * patience and leaves the line when it runs out (taken out of the kernel's line by `Resource.cancelWait`);
 * at a stage whose dwell limit is enforced, a truck still waiting when its dwell runs out is expelled (and
 * one arriving over it is expelled at once). A truck that turns away or reneges goes to another crossing
 * (a route of ordinary stages with its own travel time and capacity, ending in a diversion sink, or just
 * that sink) chosen by the diversion rule (decision point "diversion"), or leaves the model. Each outcome
 * is counted apart from "lost" (see observers/outcomes.ts). One timer per waiting truck, kept in its pool
 * slot; nothing is allocated per truck.
 */
import {
  assert,
  type Distribution,
  makeDistribution,
  type RandomStreams,
  type Resource,
  type Simulation,
  type Xor4096,
} from "../kernel/index.js";
import { matches } from "./conditions.js";
import {
  type BalkingConfig,
  DAY_MS,
  type DiversionTargetConfig,
  HOUR_MS,
  type ModelConfig,
  type PolicyParamsConfig,
  type RenegingConfig,
  type ServerStageConfig,
  TruckFlag,
} from "./config.js";
import type { Network } from "./network.js";
import { DiversionCause, Outcome, type Outcomes } from "./observers/outcomes.js";
import type { BalkingBinding, DiversionBinding, PolicyRuntime } from "./policies/index.js";
import type { Rendezvous } from "./rendezvous.js";
import { PartnerState, type TruckPool } from "./trucks.js";

/** Bits of `Diversion.active`. */
const BALK = 1;
const RENEGE = 2;
const EXPEL = 4;

/** Most targets one diversion decision may choose among. */
const TARGETS_MAX = 16;

/** Balking, reneging, enforced dwell limits and diversion of every stage that has them. */
export class Diversion {
  /** Per stage: which of balking, reneging and dwell expulsion apply (0: none, the network skips it). */
  readonly active: Uint8Array;
  /** Trucks sent to each stage as a diversion target and not yet gone from the model. */
  readonly load: Float64Array;
  private readonly sim: Simulation;
  private readonly cfg: ModelConfig;
  private readonly trucks: TruckPool;
  private readonly resources: readonly (Resource | null)[];
  private readonly outcomes: Outcomes;
  private readonly network: Network;
  private readonly rendezvous: Rendezvous | null;
  private readonly streams: RandomStreams;
  private readonly balking: (BalkingConfig | null)[] = [];
  /** The balking policy of each stage that has one. */
  private readonly balkRule: (BalkingBinding | null)[] = [];
  private readonly balkRng: (Xor4096 | null)[] = [];
  private readonly balkSet: Int32Array;
  private readonly reneging: (RenegingConfig | null)[] = [];
  private readonly patience: (Distribution | null)[] = [];
  private readonly renegeSet: Int32Array;
  /** Services started per hour over the last 24 h at stages that balk on expected wait (24 per stage). */
  private readonly startsByHour: Float64Array;
  private readonly startsHour: Float64Array;
  private readonly firstStartMs: Float64Array;
  private readonly tracksStarts: Uint8Array;
  /** Diversion target sets: stages, weights, rule and random stream of each. */
  private readonly setStages: number[][] = [];
  /** The diversion policy of each target set (its targets' loads are filled before each decision). */
  private readonly setRule: DiversionBinding[] = [];
  private readonly setRng: Xor4096[] = [];
  private readonly policies: PolicyRuntime;
  private readonly evLeave: number;

  /** The diversion part of a model, or null when no stage balks, reneges or expels and nothing diverts. */
  static create(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    resources: readonly (Resource | null)[],
    outcomes: Outcomes,
    network: Network,
    policies: PolicyRuntime,
  ): Diversion | null {
    const used =
      cfg.stages.some(
        (st) =>
          (st.type === "server" || st.type === "holding") &&
          (st.balking !== undefined ||
            st.reneging !== undefined ||
            (st.type === "server" && st.dwellLimitAction === "expel")),
      ) || cfg.sources.some((src) => src.appointment?.whenNoSlot === "divert");
    return used ? new Diversion(sim, streams, cfg, trucks, resources, outcomes, network, policies) : null;
  }

  private constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    resources: readonly (Resource | null)[],
    outcomes: Outcomes,
    network: Network,
    policies: PolicyRuntime,
  ) {
    this.sim = sim;
    this.policies = policies;
    this.cfg = cfg;
    this.trucks = trucks;
    this.resources = resources;
    this.outcomes = outcomes;
    this.network = network;
    this.rendezvous = network.rendezvous;
    this.streams = streams;
    const n = cfg.stages.length;
    this.active = new Uint8Array(n);
    this.load = new Float64Array(n);
    this.balkSet = new Int32Array(n).fill(-1);
    this.renegeSet = new Int32Array(n).fill(-1);
    this.startsByHour = new Float64Array(n * 24);
    this.startsHour = new Float64Array(n);
    this.firstStartMs = new Float64Array(n).fill(Number.NaN);
    this.tracksStarts = new Uint8Array(n);
    cfg.stages.forEach((st, s) => {
      this.balking.push(null);
      this.balkRule.push(null);
      this.balkRng.push(null);
      this.reneging.push(null);
      this.patience.push(null);
      if (st.type !== "server" && st.type !== "holding") return;
      const b = st.balking;
      if (b !== undefined) {
        this.active[s] = (this.active[s] as number) | BALK;
        this.balking[s] = b;
        const thresholds = { lineTrucks: b.lineTrucks, expectedWaitMs: b.expectedWaitMs, probability: b.probability };
        this.balkRule[s] = policies.balking(s, thresholds, b.policy, b.module, b.params);
        this.balkRng[s] = streams.stream(`balk:${st.id}`);
        if (b.divertTo.length > 0) this.balkSet[s] = this.addTargets(b.divertTo, b, `balk:${st.id}`);
        if (Number.isFinite(b.expectedWaitMs)) this.tracksStarts[s] = 1;
      }
      const r = st.reneging;
      if (r !== undefined) {
        this.active[s] = (this.active[s] as number) | RENEGE;
        this.reneging[s] = r;
        this.patience[s] = makeDistribution(r.patienceMs, streams.stream(`patience:${st.id}`));
        if (r.divertTo.length > 0) this.renegeSet[s] = this.addTargets(r.divertTo, r, `renege:${st.id}`);
      }
      if (st.type === "server" && st.dwellLimitAction === "expel" && Number.isFinite(st.dwellLimitMs)) {
        this.active[s] = (this.active[s] as number) | EXPEL;
      }
    });
    this.evLeave = sim.defineEvent("leaveLine", (t) => this.onLeave(t));
  }

  /** Registers a set of diversion targets chosen by a named rule; returns its id for `divert`. */
  addTargets(
    targets: readonly DiversionTargetConfig[],
    policy: { diversionPolicy: string; diversionModule?: number; diversionParams?: PolicyParamsConfig },
    name = `set${this.setStages.length}`,
  ): number {
    assert(targets.length > 0 && targets.length <= TARGETS_MAX, `${name}: 1 to ${TARGETS_MAX} diversion targets`);
    this.setStages.push(targets.map((x) => x.stage));
    this.setRule.push(
      this.policies.diversion(name, targets, policy.diversionPolicy, policy.diversionModule, policy.diversionParams),
    );
    this.setRng.push(this.streams.stream(`divert:${name}`));
    return this.setStages.length - 1;
  }

  /**
   * Truck t reaches stage s (a server or holding with balking or an enforced dwell limit): true when it
   * does not join the stage (expelled over its dwell limit, or balked and gone elsewhere).
   */
  turnsAway(t: number, s: number): boolean {
    // A trip truck (a partner driving to its load, an emptied truck going home) drives on: it is no arrival
    // of this model, and a partner that left would strand its loaded truck.
    if (((this.trucks.flags[t] as number) & TruckFlag.trip) !== 0) return false;
    const a = this.active[s] as number;
    if ((a & EXPEL) !== 0 && this.sim.now >= this.dwellDeadline(t, s)) {
      this.network.exits.leave(t, Outcome.expelled);
      return true;
    }
    if ((a & BALK) === 0) return false;
    const b = this.balking[s] as BalkingConfig;
    const u = (this.balkRng[s] as Xor4096).next();
    const tr = this.trucks;
    if (b.when !== null) {
      const f = tr.flags[t] as number;
      if (!matches(b.when, tr.direction[t] as number, tr.cargo[t] as number, tr.channel[t] as number, f)) return false;
    }
    const res = this.resources[s] as Resource;
    const rule = this.balkRule[s] as BalkingBinding;
    const st = rule.site;
    // At a staging yard (a holding stage) the trucks in its stalls are ahead of the newcomer too.
    st.lineTrucks = res.queued + res.blocked + (this.cfg.stages[s]!.type === "holding" ? res.busy : 0);
    st.expectedWaitMs = this.tracksStarts[s] === 1 ? this.expectedWaitMs(s, st.lineTrucks) : Number.NaN;
    st.u = u;
    if (!rule.balk(t)) return false;
    this.divertOrLeave(t, this.balkSet[s] as number, DiversionCause.balking, Outcome.balked);
    return true;
  }

  /** Truck t started waiting at stage s (in its line, blocked upstream for it, or for its partner there). */
  waiting(t: number, s: number): void {
    const a = this.active[s] as number;
    const tr = this.trucks;
    if ((a & (RENEGE | EXPEL)) === 0 || (tr.leaveEvent[t] as number) >= 0) return;
    if (((tr.flags[t] as number) & TruckFlag.trip) !== 0) return;
    const now = this.sim.now;
    let at = (a & EXPEL) !== 0 ? this.dwellDeadline(t, s) : Number.POSITIVE_INFINITY;
    const r = this.reneging[s];
    if (r !== null && r !== undefined) {
      const f = tr.flags[t] as number;
      if (
        r.when === null ||
        matches(r.when, tr.direction[t] as number, tr.cargo[t] as number, tr.channel[t] as number, f)
      ) {
        const p = (this.patience[s] as Distribution).sampleMs();
        if (now + p < at) at = now + p;
      }
    }
    if (at === Number.POSITIVE_INFINITY) return;
    tr.leaveEvent[t] = this.sim.scheduleAt(Math.max(now, at), this.evLeave, t);
  }

  /** Truck t got a server or a stall at stage s: its wait (and any timer) is over. */
  started(t: number, s: number): void {
    const tr = this.trucks;
    const h = tr.leaveEvent[t] as number;
    if (h >= 0) {
      this.sim.cancel(h);
      tr.leaveEvent[t] = -1;
    }
    if (this.tracksStarts[s] === 1) {
      const now = this.sim.now;
      this.rollStarts(s, now);
      const i = s * 24 + (Math.floor(now / HOUR_MS) % 24);
      this.startsByHour[i] = (this.startsByHour[i] as number) + 1;
      if (Number.isNaN(this.firstStartMs[s] as number)) this.firstStartMs[s] = now;
    }
  }

  /** Truck t leaves the model (any way): it no longer loads the diversion target it was sent to. */
  gone(t: number): void {
    const d = this.trucks.diversion[t] as number;
    if (d >= 0) {
      this.load[d] = (this.load[d] as number) - 1;
      this.trucks.diversion[t] = -1;
    }
  }

  /** Sends truck t to one of the targets of set `set` (chosen by the set's rule), for this cause. */
  divert(t: number, set: number, cause: number): void {
    const stages = this.setStages[set] as number[];
    const rule = this.setRule[set] as DiversionBinding;
    const ds = rule.targets;
    for (let i = 0; i < ds.n; i++) ds.loads[i] = this.load[stages[i] as number] as number;
    ds.u = (this.setRng[set] as Xor4096).next();
    const pick = rule.choose(t);
    const target = stages[pick] as number;
    this.gone(t);
    this.trucks.diversion[t] = target;
    this.load[target] = (this.load[target] as number) + 1;
    this.outcomes.divertDecision(cause);
    this.network.sendTo(t, target);
  }

  /** Diverts truck t through `set`, or it leaves with `outcome` (no targets, or its partner is already called). */
  private divertOrLeave(t: number, set: number, cause: number, outcome: number): void {
    // A truck whose transshipment partner is already on its way cannot take its load elsewhere: it leaves.
    if (set < 0 || (this.trucks.partner[t] as number) !== PartnerState.none) this.network.exits.leave(t, outcome);
    else this.divert(t, set, cause);
  }

  /** The end of truck t's allowed dwell at stage s: from its entry into the designated yard, or its arrival. */
  private dwellDeadline(t: number, s: number): number {
    const tr = this.trucks;
    const st = this.cfg.stages[s] as ServerStageConfig;
    const rv = this.rendezvous !== null && s === this.rendezvous.stage && tr.partner[t] !== PartnerState.none;
    return (rv ? (tr.yardMs[t] as number) : (tr.arrivalMs[t] as number)) + st.dwellLimitMs;
  }

  /** Reneging or dwell expulsion of a waiting truck (its timer ran out). */
  private onLeave(t: number): void {
    const tr = this.trucks;
    tr.leaveEvent[t] = -1;
    const s = tr.stage[t] as number;
    const expel = ((this.active[s] as number) & EXPEL) !== 0 && this.sim.now >= this.dwellDeadline(t, s);
    if (((tr.flags[t] as number) & TruckFlag.waitingPartner) !== 0) (this.rendezvous as Rendezvous).stopWaiting(t);
    else if (!(this.resources[s] as Resource).cancelWait(t)) {
      assert(false, `truck ${t} timed out at ${this.cfg.stages[s]?.id} but was not waiting there`);
    }
    if (expel) this.network.exits.leave(t, Outcome.expelled);
    else this.divertOrLeave(t, this.renegeSet[s] as number, DiversionCause.reneging, Outcome.reneged);
  }

  /** Zeroes the hourly buckets of stage s that fell out of the last 24 h. */
  private rollStarts(s: number, now: number): void {
    const hour = Math.floor(now / HOUR_MS);
    let h = this.startsHour[s] as number;
    if (hour - h >= 24) h = hour - 24;
    for (h++; h <= hour; h++) this.startsByHour[s * 24 + (h % 24)] = 0;
    this.startsHour[s] = hour;
  }

  /** The wait ahead of `line` trucks at stage s at the pace of the last 24 h (NaN before any service). */
  private expectedWaitMs(s: number, line: number): number {
    const now = this.sim.now;
    const first = this.firstStartMs[s] as number;
    if (Number.isNaN(first)) return Number.NaN;
    this.rollStarts(s, now);
    let n = 0;
    for (let i = s * 24; i < s * 24 + 24; i++) n += this.startsByHour[i] as number;
    if (n === 0) return Number.POSITIVE_INFINITY;
    const windowMs = Math.min(DAY_MS, Math.max(HOUR_MS, now - first));
    return (line * windowMs) / n;
  }
}
