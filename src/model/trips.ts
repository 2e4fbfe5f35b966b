/**
 * The other trucks of a transshipment on the roads. A Chinese partner called for an export load drives in
 * through Youyi Guan's release and the specialized road before it reaches the yard; a Vietnamese partner of an
 * import load comes along NH1A; after the transfer the emptied truck drives home (a Chinese one over the
 * specialized road and the Chinese side's empty-truck lane). Each such trip is a truck of its own in the pool
 * (flag `trip`), passing real stages in order, so it takes lanes, road places and opening hours from the loads
 * and shows in the zones it passes; it is no arrival, never crosses, and is not counted in the system.
 */
import { assert, type Simulation, Tally, TimeWeighted } from "../kernel/index.js";
import { MINUTE_MS, type StageConfig, TruckFlag } from "./config.js";
import type { Network } from "./network.js";
import { TruckEvent } from "./observers/event-log.js";
import type { Measures } from "./observers/measures.js";
import type { TruckPool } from "./trucks.js";

/** Routes by index: partner of an export load, of an import load, then the emptied truck of each. */
const ROUTE_NAMES = ["partnerOfExport", "partnerOfImport", "emptyAfterExport", "emptyAfterImport"] as const;

/** The trips of a replication's rendezvous. */
export class Trips {
  /** Trip trucks on the road now (not in the system's truck counts). */
  live = 0;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly network: Network;
  private readonly stages: readonly StageConfig[];
  private readonly routes: Int32Array[];
  /** 1 at server stages (read per leg: a stage config's `type` is a megamorphic load). */
  private readonly isServer: Uint8Array;
  /** Cargo index of a truck with no load: one past the classes (stages serve it with their own distribution). */
  private readonly noCargo: number;
  private readonly onPartnerAtYard: (loaded: number) => void;
  readonly liveTw = new TimeWeighted(0, 0);
  private readonly started = new Float64Array(4);
  private readonly durationMs = [new Tally(), new Tally(), new Tally(), new Tally()];
  /** Trip trucks that completed each stage (measured period), and the stages some route passes. */
  private readonly perStage: Float64Array;
  private readonly routeStages: number[];
  /** Partners that reached the yard after their loaded truck had left. */
  private unmatched = 0;
  readonly series: number[] = [];

  constructor(
    sim: Simulation,
    stages: readonly StageConfig[],
    cargoClasses: number,
    partnerRoutes: number[][],
    emptyRoutes: number[][],
    trucks: TruckPool,
    measures: Measures,
    network: Network,
    onPartnerAtYard: (loaded: number) => void,
  ) {
    this.sim = sim;
    this.stages = stages;
    this.trucks = trucks;
    this.measures = measures;
    this.network = network;
    this.noCargo = cargoClasses;
    this.onPartnerAtYard = onPartnerAtYard;
    this.routes = [0, 1, 2, 3].map((r) => Int32Array.from((r < 2 ? partnerRoutes[r] : emptyRoutes[r - 2]) ?? []));
    for (const route of this.routes) {
      assert(route.length < 256, "a trip route has at most 255 stages");
      for (const s of route) {
        const type = stages[s]?.type;
        assert(type === "server" || type === "delay", `trip route through stage ${s} of type ${type}`);
      }
    }
    this.isServer = Uint8Array.from(stages, (st) => (st.type === "server" ? 1 : 0));
    this.perStage = new Float64Array(stages.length);
    this.routeStages = [...new Set(this.routes.flatMap((r) => [...r]))].sort((a, b) => a - b);
  }

  /** Whether route r (see `ROUTE_NAMES`) has stages to drive. */
  has(r: number): boolean {
    return (this.routes[r] as Int32Array).length > 0;
  }

  /** A truck sets off on route r in direction `dir`; `mate` is the loaded truck it drives to (-1: none). */
  start(r: number, mate: number, dir: number): number {
    const tr = this.trucks;
    const now = this.sim.now;
    const p = tr.allocate();
    tr.direction[p] = dir;
    tr.cargo[p] = this.noCargo;
    tr.channel[p] = -1;
    tr.flags[p] = TruckFlag.trip;
    tr.source[p] = -1;
    tr.arrivalMs[p] = now;
    tr.mate[p] = mate;
    tr.leg[p] = r << 8;
    this.live++;
    this.liveTw.update(this.live, now);
    if (this.measures.measuring) this.started[r]!++;
    const first = (this.routes[r] as Int32Array)[0] as number;
    const log = this.network.log;
    if (log !== null) log.record(tr, p, first, TruckEvent.trip, now);
    this.network.enter(p, first);
    return p;
  }

  /** Trip truck p finished stage s: on to the route's next stage, or the trip is over. */
  legDone(p: number, s: number): void {
    const tr = this.trucks;
    const leg = tr.leg[p] as number;
    const r = leg >> 8;
    const pos = leg & 255;
    const route = this.routes[r] as Int32Array;
    if (this.measures.measuring) this.perStage[s]!++;
    // A truck that finished at a server keeps it until the next stage lets it in (blocking, as any truck).
    if (this.isServer[s] === 1) tr.heldServer[p] = s;
    if (pos + 1 < route.length) {
      tr.leg[p] = leg + 1;
      this.network.enter(p, route[pos + 1] as number);
      return;
    }
    const now = this.sim.now;
    const mate = tr.mate[p] as number;
    if (this.measures.measuring) this.durationMs[r]!.add(now - (tr.arrivalMs[p] as number));
    this.live--;
    this.liveTw.update(this.live, now);
    this.network.exits.leaveNetwork(p);
    if (r < 2) {
      if (mate >= 0) this.onPartnerAtYard(mate);
      else if (this.measures.measuring) this.unmatched++;
    }
  }

  /** The loaded truck of partner trip p left the network: the partner drives on, to nobody. */
  orphan(p: number): void {
    this.trucks.mate[p] = -1;
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    this.liveTw.reset(now);
    this.started.fill(0);
    for (const d of this.durationMs) d.reset();
    this.perStage.fill(0);
    this.unmatched = 0;
    this.series.length = 0;
  }

  /** Records the trip trucks on the road (one sampling step). */
  sample(): void {
    this.series.push(this.live);
  }

  /** KPIs of the trips: trucks a day on each route, trip times, trip trucks on the roads, per stage passed. */
  report(k: (name: string, value: number, unit: string) => void, days: number, now: number): void {
    ROUTE_NAMES.forEach((name, r) => {
      if (!this.has(r)) return;
      k(`trips.${name}.perDay`, (this.started[r] as number) / days, "trucks/day");
      k(`trips.${name}.minutesMean`, this.durationMs[r]!.mean / MINUTE_MS, "minutes");
    });
    k("trips.onRoadTrucksMean", this.liveTw.mean(now), "trucks");
    k("trips.onRoadTrucksMax", this.liveTw.max, "trucks");
    k("trips.partnersToNobodyPerDay", this.unmatched / days, "trucks/day");
    for (const s of this.routeStages) {
      k(`trips.stage.${this.stages[s]!.id}.perDay`, (this.perStage[s] as number) / days, "trucks/day");
    }
  }
}
