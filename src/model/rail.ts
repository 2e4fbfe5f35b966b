/**
 * Rail terminals: the Đồng Đăng railway as a way around the road gate. A truck diverted to rail brings its
 * load to a terminal, gives back everything it held upstream, and the load waits for a train of a weekly
 * timetable. Each train takes the loads that reached the terminal by its cut-off, first come first loaded, up
 * to its wagons' capacity, and they leave the road network as moved by rail: counted apart from cleared and
 * from lost, and in the conservation check. A truck that finds a bounded terminal full goes back to the road.
 * Waiting loads are kept in a ring per terminal (ids and arrival times), so nothing is made per load.
 */
import { assert, Histogram, Priority, type Simulation, Tally, TimeWeighted } from "../kernel/index.js";
import { DAY_MS, MINUTE_MS, type RailStageConfig, type StageConfig } from "./config.js";
import type { Network } from "./network.js";
import type { Measures } from "./observers/measures.js";
import type { StageResult } from "./result.js";
import { TimedRing } from "./ring.js";
import type { TruckPool } from "./trucks.js";

const WEEK_MS = 7 * DAY_MS;

/** One terminal's state and statistics. */
class Terminal {
  readonly cfg: RailStageConfig;
  readonly stage: number;
  /** Waiting loads: truck ids and arrival times, first come first loaded. */
  readonly waiting = new TimedRing();
  /** Index of the next departure in the weekly list, and the start of its week (ms). */
  nextDeparture = 0;
  weekStartMs = 0;
  readonly waitingTw = new TimeWeighted(0, 0);
  readonly waitMs = new Tally();
  readonly waitHist = new Histogram();
  readonly fill = new Tally();
  readonly waitingSeries: number[] = [];
  readonly movedByDir = new Float64Array(2);
  trains = 0;
  overflow = 0;

  constructor(cfg: RailStageConfig, stage: number) {
    this.cfg = cfg;
    this.stage = stage;
  }

  push(t: number, now: number): void {
    this.waiting.push(t, now);
    this.waitingTw.update(this.waiting.length, now);
  }

  /** Time of the next departure (advances the weekly index). */
  takeDeparture(): number {
    const list = this.cfg.departuresWeekMs;
    const t = this.weekStartMs + (list[this.nextDeparture] as number);
    this.nextDeparture++;
    if (this.nextDeparture === list.length) {
      this.nextDeparture = 0;
      this.weekStartMs += WEEK_MS;
    }
    return t;
  }
}

/** Every rail terminal of a replication. */
export class Rail {
  /** Loads moved by rail since the start (all time: the conservation check). */
  movedAll = 0;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly network: Network;
  private readonly horizonMs: number;
  private readonly terminals: Terminal[] = [];
  /** Terminal index of each stage (-1 for other stages). */
  private readonly terminalOf: Int32Array;
  private readonly evDepart: number;
  private dayMoved = 0;
  /** Loads moved by rail on each measured day. */
  readonly dailyMoved: number[] = [];

  /** The rail terminals of a model, or null when it has none. */
  static create(
    sim: Simulation,
    stages: readonly StageConfig[],
    trucks: TruckPool,
    measures: Measures,
    network: Network,
    horizonMs: number,
  ): Rail | null {
    return stages.some((st) => st.type === "rail") ? new Rail(sim, stages, trucks, measures, network, horizonMs) : null;
  }

  private constructor(
    sim: Simulation,
    stages: readonly StageConfig[],
    trucks: TruckPool,
    measures: Measures,
    network: Network,
    horizonMs: number,
  ) {
    this.sim = sim;
    this.trucks = trucks;
    this.measures = measures;
    this.network = network;
    this.horizonMs = horizonMs;
    this.terminalOf = new Int32Array(stages.length).fill(-1);
    this.evDepart = sim.defineEvent("trainDepart", (i) => this.onDepart(i));
    stages.forEach((st, s) => {
      if (st.type !== "rail") return;
      assert(st.departuresWeekMs.length > 0, `rail stage ${st.id}: empty timetable`);
      assert(st.trainCapacityLoads > 0, `rail stage ${st.id}: trains need capacity`);
      this.terminalOf[s] = this.terminals.length;
      const term = new Terminal(st, s);
      this.terminals.push(term);
      this.scheduleNext(term);
    });
  }

  private scheduleNext(term: Terminal): void {
    const t = term.takeDeparture();
    if (t <= this.horizonMs)
      this.sim.scheduleAt(t, this.evDepart, this.terminalOf[term.stage] as number, Priority.normal);
  }

  /**
   * Truck t reached rail terminal s: it parks its load there (true; the caller then gives back what the
   * truck holds on the road), or goes back to the road when the terminal is full (false).
   */
  arrive(t: number, s: number): boolean {
    const term = this.terminals[this.terminalOf[s] as number] as Terminal;
    const net = this.network;
    if (term.waiting.length >= term.cfg.terminalCapacityLoads) {
      if (this.measures.measuring) term.overflow++;
      net.enter(t, term.cfg.overflow);
      return false;
    }
    term.push(t, this.sim.now);
    return true;
  }

  /** A train of terminal i departs with the loads that were there by its cut-off, up to its capacity. */
  private onDepart(i: number): void {
    const term = this.terminals[i] as Terminal;
    const now = this.sim.now;
    const cfg = term.cfg;
    const m = this.measures;
    const tr = this.trucks;
    const latest = now - cfg.cutoffMs;
    let loaded = 0;
    const line = term.waiting;
    while (loaded < cfg.trainCapacityLoads && line.length > 0) {
      const arrived = line.firstTime();
      if (arrived > latest) break;
      const t = line.firstValue();
      line.shift();
      loaded++;
      this.movedAll++;
      m.notCrossed--;
      if (m.measuring) {
        term.movedByDir[tr.direction[t] as number]!++;
        term.waitMs.add(now - arrived);
        term.waitHist.add(now - arrived);
        m.completed[term.stage]!++;
        this.dayMoved++;
      }
      this.network.exits.leaveNetwork(t);
    }
    term.waitingTw.update(line.length, now);
    if (m.measuring) {
      term.trains++;
      term.fill.add(loaded / cfg.trainCapacityLoads);
    }
    this.scheduleNext(term);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    for (const term of this.terminals) {
      term.waitingTw.reset(now);
      term.waitMs.reset();
      term.waitHist.reset();
      term.fill.reset();
      term.waitingSeries.length = 0;
      term.movedByDir.fill(0);
      term.trains = 0;
      term.overflow = 0;
    }
    this.dayMoved = 0;
    this.dailyMoved.length = 0;
  }

  /** Closes a day of the daily series. */
  endOfDay(record: boolean): void {
    if (record) this.dailyMoved.push(this.dayMoved);
    this.dayMoved = 0;
  }

  /** Records the loads waiting at each terminal (one sampling step). */
  sample(): void {
    for (const term of this.terminals) term.waitingSeries.push(term.waiting.length);
  }

  /** Loads moved by rail in the measured period, by direction (0 export, 1 import). */
  movedMeasured(dir: number): number {
    let n = 0;
    for (const term of this.terminals) n += term.movedByDir[dir] as number;
    return n;
  }

  /** The rail KPIs: per terminal and in total (loads per day, trains and their fill, the wait for a train). */
  report(k: (name: string, value: number, unit: string) => void, days: number, now: number): void {
    let waitSum = 0;
    let waitCount = 0;
    const hist = new Histogram();
    let overflow = 0;
    const min = (x: number): number => x / MINUTE_MS;
    for (const term of this.terminals) {
      const id = term.cfg.id;
      const moved = (term.movedByDir[0] as number) + (term.movedByDir[1] as number);
      k(`rail.${id}.loadsPerDay`, moved / days, "loads/day");
      k(`rail.${id}.trainsPerDay`, term.trains / days, "trains/day");
      k(`rail.${id}.trainFillMean`, term.fill.mean, "share");
      k(`rail.${id}.waitMinutesMean`, min(term.waitMs.mean), "minutes");
      k(`rail.${id}.waitMinutesP95`, min(term.waitHist.quantile(0.95)), "minutes");
      k(`rail.${id}.waitingLoadsMean`, term.waitingTw.mean(now), "loads");
      k(`rail.${id}.waitingLoadsMax`, term.waitingTw.max, "loads");
      k(`rail.${id}.overflowPerDay`, term.overflow / days, "trucks/day");
      waitSum += term.waitMs.sum;
      waitCount += term.waitMs.count;
      hist.merge(term.waitHist);
      overflow += term.overflow;
    }
    const exp = this.movedMeasured(0);
    const imp = this.movedMeasured(1);
    k("railMovedPerDay", (exp + imp) / days, "loads/day");
    k("exportRailMovedPerDay", exp / days, "loads/day");
    k("importRailMovedPerDay", imp / days, "loads/day");
    k("railWaitMinutesMean", waitCount > 0 ? min(waitSum / waitCount) : 0, "minutes");
    k("railWaitMinutesP95", min(hist.quantile(0.95)), "minutes");
    k("railOverflowPerDay", overflow / days, "trucks/day");
  }

  /** The figures of rail stage s in the stage table (utilization = mean train fill). */
  stageResult(s: number, now: number): Partial<StageResult> {
    const term = this.terminals[this.terminalOf[s] as number] as Terminal;
    const h = term.waitHist;
    return {
      utilization: term.fill.mean,
      waitMinutesMean: term.waitMs.mean / MINUTE_MS,
      waitMinutesP50: h.count > 0 ? h.quantile(0.5) / MINUTE_MS : 0,
      waitMinutesP95: h.count > 0 ? h.quantile(0.95) / MINUTE_MS : 0,
      waitMinutesMax: h.count > 0 ? h.max / MINUTE_MS : 0,
      queueLengthMean: term.waitingTw.mean(now),
      queueLengthMax: term.waitingTw.max,
      throughput: (term.movedByDir[0] as number) + (term.movedByDir[1] as number),
    };
  }

  /** Sampled series of loads waiting, one per terminal. */
  series(out: Record<string, number[]>): void {
    for (const term of this.terminals) out[`rail.${term.cfg.id}.waiting`] = term.waitingSeries;
  }
}
