/**
 * Transients: per-stage series over the measured period, so that an outage, a closure or a surge can be
 * seen hour by hour. For every server and holding stage, each step gives the time-weighted mean over the
 * step of its line length, its servers (or stalls) busy, its servers blocked, and its servers in force.
 * The step is one hour unless the measured period is longer than `STAGE_SERIES_POINTS_MAX` hours; then it
 * is the smallest of 2, 3, 4, 6, 8, 12 or 24 hours that keeps every series within that many points, so a
 * result stays bounded whatever the horizon. Values are differences of the resources' running areas, read
 * by one monitor event per step: nothing is added to the path of a truck.
 */
import { doubleFromTheStart, Priority, type Resource, type Simulation } from "../../kernel/index.js";
import { HOUR_MS } from "../config.js";
import type { Stages } from "../stages.js";
import type { StageFigures } from "./stage-figures.js";

/** Most points of one stage series. */
export const STAGE_SERIES_POINTS_MAX = 744;
/** Candidate steps, hours. */
const STEP_HOURS = [1, 2, 3, 4, 6, 8, 12, 24];
/** Figures per stage, in the order of the area snapshots. */
const FIGURES = ["queue", "busy", "blocked", "servers"] as const;

/** The step of the stage series for a measured period, ms. */
export function stageSeriesStepMs(measuredMs: number): number {
  for (const h of STEP_HOURS) if (Math.ceil(measuredMs / (h * HOUR_MS)) <= STAGE_SERIES_POINTS_MAX) return h * HOUR_MS;
  return 24 * HOUR_MS * Math.ceil(measuredMs / (24 * HOUR_MS * STAGE_SERIES_POINTS_MAX));
}

/** Per-stage series of one replication. */
export class StageSeries {
  readonly stepMs: number;
  /** Series by `<stage id>.<figure>`. */
  readonly series: Record<string, number[]> = {};
  private readonly sim: Simulation;
  private readonly stages: Stages;
  private readonly figures: StageFigures;
  private readonly horizonMs: number;
  /** Stage indices with a resource, and their series in `FIGURES` order. */
  private readonly watched: number[] = [];
  private readonly out: number[][][] = [];
  /** Areas at the previous step, 4 per watched stage. */
  private readonly prev: Float64Array;
  private lastMs: number;
  private readonly evSample: number;

  constructor(sim: Simulation, stages: Stages, figures: StageFigures, warmupMs: number, horizonMs: number) {
    this.sim = sim;
    this.stages = stages;
    this.figures = figures;
    this.horizonMs = horizonMs;
    this.stepMs = stageSeriesStepMs(horizonMs - warmupMs);
    for (let s = 0; s < stages.n; s++) {
      if (stages.resources[s] === null) continue;
      this.watched.push(s);
      const lists = FIGURES.map(() => [] as number[]);
      FIGURES.forEach((f, i) => {
        this.series[`${stages.cfg[s]!.id}.${f}`] = lists[i]!;
      });
      this.out.push(lists);
    }
    this.prev = new Float64Array(this.watched.length * FIGURES.length);
    this.lastMs = warmupMs;
    // Times pass 2^31 ms: see kernel/mutable-fields.ts.
    doubleFromTheStart(this, ["lastMs"]);
    this.evSample = sim.defineEvent("stageSample", () => this.onSample());
    if (warmupMs + this.stepMs <= horizonMs) sim.scheduleAt(warmupMs + this.stepMs, this.evSample, 0, Priority.monitor);
  }

  /** The areas restart at the end of the warm-up (the resources and figures reset then). */
  reset(now: number): void {
    this.prev.fill(0);
    this.lastMs = now;
  }

  private onSample(): void {
    this.record(this.sim.now);
    const next = this.sim.now + this.stepMs;
    if (next <= this.horizonMs) this.sim.scheduleAt(next, this.evSample, 0, Priority.monitor);
  }

  /** Appends one point per figure: the mean over [last step, now]. */
  private record(now: number): void {
    const dt = now - this.lastMs;
    if (dt <= 0) return;
    const resources = this.stages.resources;
    for (let w = 0; w < this.watched.length; w++) {
      const s = this.watched[w]!;
      const res = resources[s] as Resource;
      const blocked = this.figures.blockedTw.areaUntil(s, now);
      this.point(w, 0, res.queueLength.areaUntil(now), dt);
      this.point(w, 1, res.busyServers.areaUntil(now) - blocked, dt);
      this.point(w, 2, blocked, dt);
      this.point(w, 3, res.capacityInForce.areaUntil(now), dt);
    }
    this.lastMs = now;
  }

  /** One point of figure f of watched stage w from its running area (rounded to 0.001). */
  private point(w: number, f: number, area: number, dt: number): void {
    const k = w * FIGURES.length + f;
    const v = (area - (this.prev[k] as number)) / dt;
    this.prev[k] = area;
    this.out[w]![f]!.push(Math.round(v * 1000) / 1000);
  }

  /** Closes the series at the horizon (a last, shorter step when the period is not a whole number of steps). */
  finish(now: number): void {
    this.record(now);
  }
}
