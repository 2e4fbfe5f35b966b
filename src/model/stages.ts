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
  type HandOvers,
  makeDistribution,
  type RandomStreams,
  Resource,
  roundMs,
  type Simulation,
  type Xor4096,
} from "../kernel/index.js";
import { matches } from "./conditions.js";
import type { ConditionConfig, ModelConfig, StageConfig } from "./config.js";
import type { CallForwardBinding, PolicyRuntime, SelectionBinding } from "./policies/index.js";
import type { TruckPool } from "./trucks.js";

/**
 * Stage types as small integers (`Stages.kind`). The stage configs are a union of object shapes, so reading
 * `cfg[s].type` (or `.next`, `.zone`) in the hot path is a megamorphic property load; the network reads these
 * typed columns instead.
 */
export const StageKind = { server: 0, holding: 1, delay: 2, branch: 3, sink: 4, rail: 5 } as const;

/**
 * What a truck is handed when a stage's or a pool's resource hands something over (the kinds of the
 * model's `HandOvers`, run by `Network.handOver` inside the call that freed it): a server or stall of the
 * stage it waits at, room in a full line it was blocked by, a member of a staff pool.
 */
export const HandOverKind = { start: 0, admit: 1, poolMember: 2 } as const;

/** Per-stage runtime: resources, schedules, distributions and routing, indexed by stage. */
export class Stages {
  readonly cfg: readonly StageConfig[];
  readonly n: number;
  /** `StageKind` of each stage. */
  readonly kind: Uint8Array;
  /** Next stage of each server, holding or delay stage (-1 for the others). */
  readonly next: Int32Array;
  /** `zone` and `queueZone` of each stage (-1: none). */
  readonly zone: Int32Array;
  readonly queueZone: Int32Array;
  /** 1 at crossing stages. */
  readonly crossing: Uint8Array;
  /** 1 at lost sinks. */
  readonly lostSink: Uint8Array;
  /** Dwell limit of each server stage, ms (Infinity for the others). */
  readonly dwellLimitMs: Float64Array;
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
  private readonly adders: { dist: Distribution; rng: Xor4096; when: ConditionConfig; probability: number }[][] = [];
  private readonly delays: (Distribution | null)[] = [];
  private readonly branchRng: (Xor4096 | null)[] = [];
  private readonly branchWeightCum: Float64Array[] = [];
  /** Next stage of each route of each branch. */
  private readonly routeNext: Int32Array[] = [];
  /** Condition of each route of each branch, or null for a weighted route (read without touching `cfg`). */
  private readonly routeWhen: (ConditionConfig | null)[][] = [];
  /** The X-ray selection policy of each branch with a `select:` block. */
  private readonly selection: (SelectionBinding | null)[] = [];
  /** The call-forward policy of each server or holding stage whose line is ordered by it. */
  private readonly callForward: (CallForwardBinding | null)[] = [];
  /** Mean of each server stage's service-time distribution, ms (NaN for other stages): policies read it. */
  readonly serviceMeanMs: Float64Array;
  /** Servers of each stage that finished their truck and hold it, blocked by the next stage. */
  readonly blockedServers: Int32Array;

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    handOvers: HandOvers,
    policies: PolicyRuntime,
  ) {
    this.cfg = cfg.stages;
    const n = cfg.stages.length;
    this.n = n;
    this.holdBit = new Int32Array(n).fill(-1);
    this.releaseMask = new Int32Array(n);
    this.serviceMeanMs = new Float64Array(n).fill(Number.NaN);
    this.blockedServers = new Int32Array(n);
    this.kind = Uint8Array.from(this.cfg, (st) => StageKind[st.type]);
    this.next = Int32Array.from(this.cfg, (st) => ("next" in st ? st.next : -1));
    this.zone = Int32Array.from(this.cfg, (st) => st.zone);
    this.queueZone = Int32Array.from(this.cfg, (st) => st.queueZone);
    this.crossing = Uint8Array.from(this.cfg, (st) => (st.crossing ? 1 : 0));
    this.lostSink = Uint8Array.from(this.cfg, (st) => (st.type === "sink" && st.lost ? 1 : 0));
    this.dwellLimitMs = Float64Array.from(this.cfg, (st) =>
      st.type === "server" ? st.dwellLimitMs : Number.POSITIVE_INFINITY,
    );
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
      this.routeNext.push(new Int32Array(0));
      this.routeWhen.push([]);
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
          admitKind: HandOverKind.admit,
          handOvers,
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
          return { dist: makeDistribution(a.durationMs, arng), rng: arng, when: a.when, probability: a.probability };
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
        this.routeNext[s] = Int32Array.from(st.routes, (r) => r.next);
        this.routeWhen[s] = st.routes.map((r) => r.when);
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
    if (this.kind[s] !== StageKind.server) assert(false, "service time of a non-server");
    const cargo = trucks.cargo[t] as number;
    const dists = this.services[s]!;
    const dist = dists[cargo] ?? dists[0]!;
    const adders = this.adders[s]!;
    if (adders.length === 0) return dist.sampleMs();
    // With adders the sum is rounded once (not each part), so this path keeps the fractional draws.
    let d = dist.sample();
    const dir = trucks.direction[t] as number;
    const ch = trucks.channel[t] as number;
    const fl = trucks.flags[t] as number;
    for (let i = 0; i < adders.length; i++) {
      const a = adders[i]!;
      const u = a.rng.next();
      if (matches(a.when, dir, cargo, ch, fl) && u < a.probability) d += a.dist.sample();
    }
    return roundMs(d);
  }

  /** Duration of a delay stage, ms. */
  delayMs(s: number): number {
    return (this.delays[s] as Distribution).sampleMs();
  }

  /** The stage a branch sends truck t to: one uniform draw per truck, whatever the rule. */
  route(trucks: TruckPool, t: number, s: number): number {
    if (this.kind[s] !== StageKind.branch) assert(false, "route on a non-branch");
    const u = (this.branchRng[s] as Xor4096).next();
    const next = this.routeNext[s]!;
    const sel = this.selection[s];
    if (sel) return next[sel.select(t, u) ? 0 : 1] as number;
    const dir = trucks.direction[t] as number;
    const cargo = trucks.cargo[t] as number;
    const ch = trucks.channel[t] as number;
    const fl = trucks.flags[t] as number;
    const cum = this.branchWeightCum[s]!;
    const when = this.routeWhen[s]!;
    let fallback = -1;
    for (let i = 0; i < next.length; i++) {
      const w = when[i]!;
      if (w !== null) {
        if (matches(w, dir, cargo, ch, fl)) return next[i] as number;
      } else if (u < (cum[i] as number)) return next[i] as number;
      else fallback = next[i] as number;
    }
    if (fallback < 0) assert(false, `branch ${this.cfg[s]!.id}: no route for a truck`);
    return fallback;
  }
}
