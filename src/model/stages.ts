/**
 * The stages of the network at run time. A server or holding stage is a kernel `Resource` (its servers or
 * stalls, and its waiting line ordered FIFO or by the call-forward rule); a server draws its service time
 * from its distribution (per cargo class) plus the adders that match the truck (a failed plate read, an
 * exception desk); a delay is an infinite-server travel or dwell time; a branch routes by truck attribute,
 * by weight, or by a selection rule (X-ray). Built once from the config; nothing here schedules events.
 */
import {
  assert,
  CapacitySchedule,
  type Distribution,
  makeDistribution,
  type RandomStreams,
  Resource,
  roundMs,
  type Simulation,
  type Xor4096,
} from "../kernel/index.js";
import { matches } from "./conditions.js";
import type { ModelConfig, StageConfig } from "./config.js";
import type { CallForwardBinding, PolicyRuntime, SelectionBinding } from "./policies/index.js";
import type { TruckPool } from "./trucks.js";

/** Per-stage runtime: resources, schedules, distributions and routing, indexed by stage. */
export class Stages {
  readonly cfg: readonly StageConfig[];
  readonly n: number;
  /** The resource of each server or holding stage (null for delays, branches and sinks). */
  readonly resources: (Resource | null)[] = [];
  /** The capacity schedule of each server or holding stage. */
  readonly schedules: (CapacitySchedule | null)[] = [];
  /** Bit of each holding stage in a truck's `holdMask` (-1 for other stages). */
  readonly holdBit: Int32Array;
  /** Holding stage of each bit. */
  readonly holdingByBit: number[] = [];
  /** Holding bits whose stall a truck gives back when it starts each stage. */
  readonly releaseMask: Int32Array;
  private readonly services: Distribution[][] = [];
  private readonly adders: { dist: Distribution; rng: Xor4096 }[][] = [];
  private readonly delays: (Distribution | null)[] = [];
  private readonly branchRng: (Xor4096 | null)[] = [];
  private readonly branchWeightCum: Float64Array[] = [];
  /** The X-ray selection policy of each branch with a `select:` block. */
  private readonly selection: (SelectionBinding | null)[] = [];
  /** The call-forward policy of each server or holding stage whose line is ordered by it. */
  private readonly callForward: (CallForwardBinding | null)[] = [];
  /** Mean of each server stage's service-time distribution, ms (NaN for other stages): policies read it. */
  readonly serviceMeanMs: Float64Array;
  /** Servers of each stage that finished their truck and hold it, blocked by the next stage. */
  readonly blockedServers: Int32Array;

  constructor(sim: Simulation, streams: RandomStreams, cfg: ModelConfig, admitKind: number, policies: PolicyRuntime) {
    this.cfg = cfg.stages;
    const n = cfg.stages.length;
    this.n = n;
    this.holdBit = new Int32Array(n).fill(-1);
    this.releaseMask = new Int32Array(n);
    this.serviceMeanMs = new Float64Array(n).fill(Number.NaN);
    this.blockedServers = new Int32Array(n);
    let bits = 0;
    for (let s = 0; s < n; s++) {
      const st = this.cfg[s]!;
      this.resources.push(null);
      this.schedules.push(null);
      this.services.push([]);
      this.adders.push([]);
      this.delays.push(null);
      this.branchRng.push(null);
      this.branchWeightCum.push(new Float64Array(0));
      this.selection.push(null);
      this.callForward.push(null);
      if (st.type === "holding") {
        assert(bits < 31, "at most 31 holding stages");
        this.holdBit[s] = bits;
        this.holdingByBit.push(s);
        bits++;
      }
    }
    for (let s = 0; s < n; s++) {
      const st = this.cfg[s]!;
      let mask = 0;
      for (const h of st.releases) {
        const b = this.holdBit[h] as number;
        assert(b >= 0, `stage ${st.id} releases a stage that is not a holding`);
        mask |= 1 << b;
      }
      this.releaseMask[s] = mask;
      if (st.type === "server" || st.type === "holding") {
        const sched = new CapacitySchedule(st.schedule);
        this.schedules[s] = sched;
        if (st.discipline === "priority") {
          this.callForward[s] = policies.callForward(st.id, st.callForward, st.callForwardModule, st.callForwardParams);
        }
        this.resources[s] = new Resource(sim, {
          name: st.id,
          capacity: sched.capacityAt(0),
          discipline: st.discipline,
          queueLengthMax: st.type === "server" ? st.queueLengthMax : Number.POSITIVE_INFINITY,
          whenFull: st.type === "server" ? st.whenFull : "reject",
          admitKind,
        });
      }
      if (st.type === "server") {
        const rng = streams.stream(`service:${st.id}`);
        const base = makeDistribution(st.serviceMs, rng);
        const perCargo: Distribution[] = [];
        for (let c = 0; c < cfg.cargoClasses.length; c++) {
          const o = st.serviceByCargoMs[c];
          perCargo.push(o ? makeDistribution(o, rng) : base);
        }
        // One past the cargo classes: the stage's own distribution, for trucks with no load (a partner's trip).
        perCargo.push(base);
        this.services[s] = perCargo;
        this.serviceMeanMs[s] = base.mean;
        this.adders[s] = st.adders.map((a, i) => {
          const arng = streams.stream(`adder:${st.id}:${i}`);
          return { dist: makeDistribution(a.durationMs, arng), rng: arng };
        });
      } else if (st.type === "delay") {
        this.delays[s] = makeDistribution(st.durationMs, streams.stream(`delay:${st.id}`));
      } else if (st.type === "branch") {
        this.branchRng[s] = streams.stream(`branch:${st.id}`);
        let total = 0;
        for (const r of st.routes) if (r.when === null) total += r.weight;
        const cum = new Float64Array(st.routes.length);
        let acc = 0;
        st.routes.forEach((r, i) => {
          if (r.when === null && total > 0) acc += r.weight / total;
          cum[i] = acc;
        });
        this.branchWeightCum[s] = cum;
        const sel = st.selection;
        if (sel) {
          const rules = {
            randomProbability: sel.randomProbability,
            cargoMask: sel.cargoMask,
            channelMask: sel.channelMask,
          };
          this.selection[s] = policies.xraySelection(st.id, sel.policy, rules, sel.module, sel.params);
        }
      }
    }
  }

  /** Rank of truck t in the line of stage s (0 unless the line is ordered by its call-forward policy). */
  priorityOf(t: number, s: number): number {
    const cf = this.callForward[s];
    return cf === null || cf === undefined ? 0 : cf.rank(t);
  }

  /** Service time of truck t at server stage s, ms: the cargo class's distribution plus matching adders. */
  serviceMs(trucks: TruckPool, t: number, s: number): number {
    const st = this.cfg[s]!;
    assert(st.type === "server", "service time of a non-server");
    const cargo = trucks.cargo[t] as number;
    const dists = this.services[s]!;
    let d = (dists[cargo] ?? dists[0]!).sample();
    const adders = this.adders[s]!;
    if (adders.length > 0) {
      const dir = trucks.direction[t] as number;
      const ch = trucks.channel[t] as number;
      const fl = trucks.flags[t] as number;
      for (let i = 0; i < adders.length; i++) {
        const a = adders[i]!;
        const cfgA = st.adders[i]!;
        const u = a.rng.next();
        if (matches(cfgA.when, dir, cargo, ch, fl) && u < cfgA.probability) d += a.dist.sample();
      }
    }
    return roundMs(d);
  }

  /** Duration of a delay stage, ms. */
  delayMs(s: number): number {
    return roundMs((this.delays[s] as Distribution).sample());
  }

  /** The stage a branch sends truck t to: one uniform draw per truck, whatever the rule. */
  route(trucks: TruckPool, t: number, s: number): number {
    const st = this.cfg[s]!;
    assert(st.type === "branch", "route on a non-branch");
    const u = (this.branchRng[s] as Xor4096).next();
    const sel = this.selection[s];
    if (sel) return (st.routes[sel.select(t, u) ? 0 : 1] as { next: number }).next;
    const dir = trucks.direction[t] as number;
    const cargo = trucks.cargo[t] as number;
    const ch = trucks.channel[t] as number;
    const fl = trucks.flags[t] as number;
    const cum = this.branchWeightCum[s]!;
    let fallback = -1;
    for (let i = 0; i < st.routes.length; i++) {
      const r = st.routes[i]!;
      if (r.when !== null) {
        if (matches(r.when, dir, cargo, ch, fl)) return r.next;
      } else if (u < (cum[i] as number)) return r.next;
      else fallback = r.next;
    }
    assert(fallback >= 0, `branch ${st.id}: no route for a truck`);
    return fallback;
  }
}
