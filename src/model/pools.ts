/**
 * Staff shared by several stages: customs officers who review both e-dossiers (yellow channel) and X-ray
 * images, crews that work across docks. A truck at a stage that uses a pool needs one of the stage's own
 * servers (its desk, review station or dock) and then one member of the pool, for the whole service; the
 * member is given back when the service ends (a finished truck that is blocked downstream keeps its desk,
 * not the officer). A stage without servers of its own has desks for everyone: its trucks wait only in
 * the pool's line. The pool's line is one line across its stages, first come first served, or by the
 * stages' order of priority (image review before document review, so scanners are not held up).
 */
import { CapacitySchedule, type HandOvers, RequestStatus, Resource, type Simulation, Tally } from "../kernel/index.js";
import type { ModelConfig } from "./config.js";
import { HandOverKind } from "./stages.js";
import type { TruckPool } from "./trucks.js";

/** The pools of a replication and the stages that use them. */
export class Pools {
  /** One resource per pool (its members on duty over time, and its line). */
  readonly resources: Resource[] = [];
  readonly ids: string[] = [];
  /** Pool used by each stage, or -1. */
  readonly poolOf: Int32Array;
  /** Waiting class of each stage in its pool's line (lower first; 0 for every stage of a FIFO pool). */
  private readonly rank: Int32Array;
  /** Wait for a member per stage in the measured period, ms (null for stages without a pool). */
  readonly waitByStage: (Tally | null)[];
  private readonly trucks: TruckPool;
  private readonly sim: Simulation;
  private readonly begin: (t: number, s: number) => void;

  /**
   * The pools of a model, or null when it has none. A member freed for a waiting truck is handed over
   * through `handOvers` (kind `HandOverKind.poolMember`, run by the network, which calls `granted`).
   */
  static create(
    sim: Simulation,
    cfg: ModelConfig,
    trucks: TruckPool,
    handOvers: HandOvers,
    begin: (t: number, s: number) => void,
  ): Pools | null {
    return cfg.pools && cfg.pools.length > 0 ? new Pools(sim, cfg, trucks, handOvers, begin) : null;
  }

  private constructor(
    sim: Simulation,
    cfg: ModelConfig,
    trucks: TruckPool,
    handOvers: HandOvers,
    begin: (t: number, s: number) => void,
  ) {
    this.sim = sim;
    this.trucks = trucks;
    this.begin = begin;
    const n = cfg.stages.length;
    this.poolOf = new Int32Array(n).fill(-1);
    this.rank = new Int32Array(n);
    this.waitByStage = new Array<Tally | null>(n).fill(null);
    const pools = cfg.pools ?? [];
    for (const p of pools) {
      const prioritized = p.priorityStages.length > 0;
      this.ids.push(p.id);
      this.resources.push(
        new Resource(sim, {
          name: `pool:${p.id}`,
          schedule: new CapacitySchedule(p.schedule),
          discipline: prioritized ? "priority" : "fifo",
          handOvers,
        }),
      );
    }
    cfg.stages.forEach((st, s) => {
      if (st.type !== "server" || st.pool === undefined) return;
      const p = pools[st.pool]!;
      this.poolOf[s] = st.pool;
      const i = p.priorityStages.indexOf(s);
      this.rank[s] = p.priorityStages.length > 0 ? (i >= 0 ? i : p.priorityStages.length) : 0;
      this.waitByStage[s] = new Tally();
    });
  }

  /**
   * Truck t, holding a server of stage s, asks the stage's pool for a member: true when it got one now
   * (the caller starts the service), false when it waits (the service starts when a member is handed to it).
   */
  seize(t: number, s: number): boolean {
    const p = this.poolOf[s] as number;
    const status = this.resources[p]!.request(t, HandOverKind.poolMember, this.rank[s] as number);
    if (status === RequestStatus.granted) {
      this.waitByStage[s]!.add(0);
      return true;
    }
    this.trucks.poolSinceMs[t] = this.sim.now;
    return false;
  }

  /** A member was handed to waiting truck t (inside the call that freed it): its service starts. */
  granted(t: number): void {
    const s = this.trucks.stage[t] as number;
    this.waitByStage[s]!.add(this.sim.now - (this.trucks.poolSinceMs[t] as number));
    this.begin(t, s);
  }

  /** The service of a truck at stage s ended: its member goes back to the pool. */
  release(s: number): void {
    this.resources[this.poolOf[s] as number]!.release();
  }

  /** Restarts the measured figures at the end of the warm-up. */
  reset(nowMs: number): void {
    for (const r of this.resources) r.resetStats(nowMs);
    for (const w of this.waitByStage) w?.reset();
  }

  /** KPIs per pool (busy share of the members on duty, waits, line) and the wait per stage that uses it. */
  report(
    k: (name: string, value: number, unit: string) => void,
    stageIds: readonly string[],
    nowMs: number,
    days: number,
  ): void {
    const minutes = (ms: number): number => ms / 60_000;
    this.resources.forEach((r, p) => {
      const id = this.ids[p]!;
      k(`pool.${id}.utilization`, r.utilization(nowMs), "share");
      k(`pool.${id}.membersOnDutyMean`, r.capacityInForce.mean(nowMs), "members");
      k(`pool.${id}.waitMinutesMean`, minutes(r.waitMs.mean), "minutes");
      k(`pool.${id}.queueLengthMean`, r.queueLength.mean(nowMs), "trucks");
      k(`pool.${id}.queueLengthMax`, r.queueLength.max, "trucks");
      k(`pool.${id}.servicesPerDay`, r.releases / days, "trucks/day");
    });
    this.waitByStage.forEach((w, s) => {
      if (w === null) return;
      k(`pool.${this.ids[this.poolOf[s] as number]!}.${stageIds[s]!}.waitMinutesMean`, minutes(w.mean), "minutes");
    });
  }
}
