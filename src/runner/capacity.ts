/**
 * The capacity experiment: the largest daily demand a scenario sustains, the clearance it then achieves,
 * and the stage that limits it.
 *
 * Demand of the chosen directions is scaled by a factor f (the same trucks' mix, profiles and seasons).
 * A factor is *sustainable* when the end-of-day backlog does not grow: the upper end of the 95 % interval
 * of its daily slope (least squares over the measured days, one slope per replication) stays below a
 * tolerance (1 % of the day's arrivals by default). The search doubles or halves f from 1 until it
 * brackets the boundary, then bisects (geometrically) to a relative precision. Every point runs the same
 * seed and replication indices (common random numbers), so neighbouring factors differ by demand, not by
 * resampled noise. The answer is read at the two points around the boundary:
 * - `sustainable`: the largest sustainable point (its arrivals and clearance per day, with intervals);
 * - `saturated`: the smallest unsustainable point, whose clearance is the gate's clearance capacity under
 *   that overload (what "average clearance capacity" means when the queue never empties);
 * - `bottleneck`: at the saturated point, among the server stages at least 90 % used, the one(s) with no
 *   such stage downstream of them (a stage upstream of the bottleneck looks busy only because it is held
 *   by blocked trucks).
 * This replaces calibrating "clearance capacity" against mean throughput, which equals demand whenever the
 * gate keeps up.
 */

import { createHash } from "node:crypto";
import type { ReplicationResult, StageConfig } from "../model/index.js";
import { type CompiledScenario, canonicalJson } from "../scenario/index.js";
import { type Summary, summarize, type Timing } from "../stats/index.js";
import { withDefaultExecutor } from "./default-executor.js";
import { errors } from "./errors.js";
import type { ReplicationExecutor, ReplicationTask } from "./executor.js";
import { assertPeriod, runTasksOrThrow } from "./experiment.js";
import { type ProgressListener, ProgressTracker } from "./progress.js";

/** Which demand the factor scales. */
export type CapacityDirections = "both" | "export" | "import";

/** Options of `runCapacity`. */
export interface CapacityOptions {
  compiled: CompiledScenario;
  /** Replications per point (at least 2, for an interval). */
  replications: number;
  seed: number | string;
  executor?: ReplicationExecutor;
  /** Simulated days per point, warm-up included (default: the scenario's horizon, at most 21). */
  horizonDays?: number;
  warmupDays?: number;
  directions?: CapacityDirections;
  /** Relative precision of the factor at which the search stops (default 0.02). */
  precision?: number;
  /** Largest backlog growth still called sustainable, as a share of daily arrivals (default 0.01). */
  growthShareMax?: number;
  /** Bounds of the factor searched (default 1/64 to 64). */
  factorMin?: number;
  factorMax?: number;
  stepsMax?: number;
  onProgress?: ProgressListener;
  /** Called after each evaluated point (the CLI prints them as the search goes). */
  onPoint?: (point: CapacityPoint) => void;
  signal?: AbortSignal;
}

/** A server stage's use at one point. */
export interface StageUse {
  stage: string;
  utilization: number;
}

/** One evaluated demand factor. */
export interface CapacityPoint {
  factor: number;
  arrivalsPerDay: Summary;
  throughputPerDay: Summary;
  exportThroughputPerDay: Summary;
  importThroughputPerDay: Summary;
  /** Daily growth of the end-of-day backlog, trucks/day (least-squares slope per replication). */
  backlogGrowthPerDay: Summary;
  /** The tolerance the growth's interval is held to, trucks/day. */
  growthTolerancePerDay: number;
  /** The whole interval of the growth is at or below the tolerance. */
  sustainable: boolean;
  /** The whole interval of the growth is above the tolerance (the backlog clearly grows). */
  overloaded: boolean;
  /** Server stages by utilization, highest first. */
  stages: StageUse[];
}

/** What `gatesim capacity` reports. */
export interface CapacityReport {
  scenario: { name: string; title: string; hash: string };
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  directions: CapacityDirections;
  criterion: string;
  /** The largest sustainable point found, or null when even the smallest factor tried is not sustainable. */
  sustainable: CapacityPoint | null;
  /** The smallest point found that is not sustainable (the other end of the bracket), or null. */
  unsustainable: CapacityPoint | null;
  /** The smallest point with significant backlog growth, where the clearance capacity is read, or null. */
  saturated: CapacityPoint | null;
  /** Stages limiting clearance at the saturated point (most downstream of the saturated ones). */
  bottleneck: StageUse[];
  /** Every evaluated point, by factor. */
  points: CapacityPoint[];
  timing: Timing;
}

/** Utilization at or above which a server stage counts as saturated. */
const SATURATED_UTILIZATION = 0.9;
/** Bisection steps at most (each one halves the bracket's log-width). */
const BISECTIONS_MAX = 12;

/** The scenario with the demand of the chosen directions multiplied by `factor` (and its own hash). */
export function scaleDemand(
  compiled: CompiledScenario,
  factor: number,
  directions: CapacityDirections,
): CompiledScenario {
  const config = structuredClone(compiled.config);
  for (const src of config.sources) {
    const dir = src.direction === 0 ? "export" : "import";
    if (directions === "both" || directions === dir) src.trucksPerDay *= factor;
  }
  const hash = createHash("sha256").update(canonicalJson(config)).digest("hex");
  return { ...compiled, config, hash, name: compiled.name, title: compiled.title };
}

/** Least-squares slope of a series against its index (per step), NaN with fewer than 2 points. */
export function slope(ys: readonly number[]): number {
  const n = ys.length;
  if (n < 2) return Number.NaN;
  const xMean = (n - 1) / 2;
  let yMean = 0;
  for (const y of ys) yMean += y;
  yMean /= n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (i - xMean) * ((ys[i] as number) - yMean);
    sxx += (i - xMean) * (i - xMean);
  }
  return sxy / sxx;
}

/** Stages reachable from each stage (its successors' closure), for "downstream of". */
export function downstreamSets(stages: readonly StageConfig[]): Set<number>[] {
  const next = stages.map((st): number[] => {
    if (st.type === "branch") return st.routes.map((r) => r.next);
    if (st.type === "sink") return [];
    return [st.next];
  });
  return stages.map((_, s) => {
    const seen = new Set<number>();
    const stack = [...(next[s] ?? [])];
    while (stack.length > 0) {
      const x = stack.pop() as number;
      if (x < 0 || seen.has(x)) continue;
      seen.add(x);
      stack.push(...(next[x] ?? []));
    }
    return seen;
  });
}

/** The saturated server stages with no saturated server stage downstream of them. */
export function findBottleneck(stages: readonly StageConfig[], point: CapacityPoint): StageUse[] {
  const index = new Map(stages.map((st, i) => [st.id, i]));
  const saturated = point.stages.filter((u) => u.utilization >= SATURATED_UTILIZATION);
  const satIdx = new Set(saturated.map((u) => index.get(u.stage) as number));
  const down = downstreamSets(stages);
  return saturated.filter((u) => {
    const s = index.get(u.stage) as number;
    for (const d of down[s] as Set<number>) if (d !== s && satIdx.has(d)) return false;
    return true;
  });
}

function evaluate(
  results: readonly ReplicationResult[],
  factor: number,
  stages: readonly StageConfig[],
  growthShareMax: number,
): CapacityPoint {
  const kpi = (name: string): Summary => summarize(results.map((r) => r.kpis[name]?.value ?? Number.NaN));
  const arrivalsPerDay = kpi("arrivalsPerDay");
  const growth = summarize(results.map((r) => slope(r.series.daily.backlogEndOfDay ?? [])));
  const tolerance = Math.max(1, growthShareMax * arrivalsPerDay.mean);
  const servers = stages.filter((st) => st.type === "server").map((st) => st.id);
  const uses: StageUse[] = servers
    .map((id) => ({
      stage: id,
      utilization: results.reduce((a, r) => a + (r.stages[id]?.utilization ?? 0), 0) / results.length,
    }))
    .sort((a, b) => b.utilization - a.utilization);
  return {
    factor,
    arrivalsPerDay,
    throughputPerDay: kpi("throughputPerDay"),
    exportThroughputPerDay: kpi("exportThroughputPerDay"),
    importThroughputPerDay: kpi("importThroughputPerDay"),
    backlogGrowthPerDay: growth,
    growthTolerancePerDay: tolerance,
    sustainable: Number.isFinite(growth.ci95[1]) && growth.ci95[1] <= tolerance,
    overloaded: Number.isFinite(growth.ci95[0]) && growth.ci95[0] > tolerance,
    stages: uses,
  };
}

/** Runs the capacity search (see the file comment) and returns every point and the answer. */
export async function runCapacity(options: CapacityOptions): Promise<CapacityReport> {
  const n = options.replications;
  if (!Number.isSafeInteger(n) || n < 2)
    throw errors.invalidOptions("capacity needs at least 2 replications per point");
  if (options.executor === undefined) {
    return withDefaultExecutor(undefined, n * 8, (executor) => runCapacity({ ...options, executor }));
  }
  const compiled = options.compiled;
  const horizonDays = options.horizonDays ?? Math.min(compiled.horizonDays, 21);
  const warmupDays = options.warmupDays ?? Math.min(compiled.warmupDays, horizonDays / 2);
  assertPeriod(horizonDays, warmupDays);
  if (horizonDays - warmupDays < 3) {
    throw errors.invalidOptions(
      `capacity needs at least 3 measured days to see the backlog grow, got ${horizonDays - warmupDays}`,
    );
  }
  const directions = options.directions ?? "both";
  const precision = options.precision ?? 0.02;
  const growthShareMax = options.growthShareMax ?? 0.01;
  const factorMin = options.factorMin ?? 1 / 64;
  const factorMax = options.factorMax ?? 64;
  if (!(precision > 0 && precision < 1)) throw errors.invalidOptions("precision must be in (0, 1)");
  if (!(factorMin > 0 && factorMax > factorMin)) throw errors.invalidOptions("need 0 < factorMin < factorMax");
  const stages = compiled.config.stages;
  const executor = options.executor;
  const started = performance.now();
  const tracker = new ProgressTracker(0, options.onProgress);
  const points: CapacityPoint[] = [];
  let events = 0;

  const at = async (factor: number): Promise<CapacityPoint> => {
    const scaled = scaleDemand(compiled, factor, directions);
    const tasks: ReplicationTask[] = [];
    for (let i = 0; i < n; i++) {
      const t: ReplicationTask = { compiled: scaled, seed: options.seed, replication: i, horizonDays, warmupDays };
      if (options.stepsMax !== undefined) t.stepsMax = options.stepsMax;
      tasks.push(t);
    }
    tracker.total += n;
    const results = await runTasksOrThrow(executor, tasks, tracker, options.signal);
    for (const r of results) events += r.events;
    const point = evaluate(results, factor, stages, growthShareMax);
    points.push(point);
    options.onPoint?.(point);
    return point;
  };

  let lo: CapacityPoint | null = null;
  let hi: CapacityPoint | null = null;
  const first = await at(1);
  if (first.sustainable) {
    lo = first;
    for (let f = 2; f <= factorMax; f *= 2) {
      const p = await at(f);
      if (!p.sustainable) {
        hi = p;
        break;
      }
      lo = p;
    }
  } else {
    hi = first;
    for (let f = 0.5; f >= factorMin; f /= 2) {
      const p = await at(f);
      if (p.sustainable) {
        lo = p;
        break;
      }
      hi = p;
    }
  }
  for (let k = 0; k < BISECTIONS_MAX && lo !== null && hi !== null && hi.factor / lo.factor - 1 > precision; k++) {
    const p = await at(Math.sqrt(lo.factor * hi.factor));
    if (p.sustainable) lo = p;
    else hi = p;
  }
  const overloadedAbove = (f: number): CapacityPoint | null =>
    points.filter((p) => p.overloaded && p.factor >= f).sort((a, b) => a.factor - b.factor)[0] ?? null;
  let saturated = hi ? overloadedAbove(hi.factor) : null;
  // Near the boundary the backlog's growth hides in the noise: step up until it clearly grows.
  for (let f = hi ? hi.factor * 1.1 : 0; hi !== null && f <= factorMax; f *= 1.1) {
    if (saturated !== null && saturated.factor <= f) break;
    const p = await at(f);
    if (p.overloaded) saturated = p;
  }
  points.sort((a, b) => a.factor - b.factor);
  const wallMs = performance.now() - started;
  return {
    scenario: { name: compiled.name, title: compiled.title, hash: compiled.hash },
    seed: options.seed,
    replications: n,
    horizonDays,
    warmupDays,
    directions,
    criterion:
      `sustainable: the upper end of the 95 % interval of the end-of-day backlog's daily growth is at most ` +
      `${(growthShareMax * 100).toFixed(1)} % of the day's arrivals (at least 1 truck/day)`,
    sustainable: lo,
    unsustainable: hi,
    saturated,
    bottleneck: saturated ? findBottleneck(stages, saturated) : [],
    points,
    timing: { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0 },
  };
}
