/**
 * The capacity experiment: the largest daily demand a scenario sustains, the clearance it then achieves,
 * and the stage that limits it.
 *
 * Demand of the chosen directions is scaled by a factor f (the same trucks' mix, profiles and seasons).
 * A factor is *sustainable* when unserved demand does not grow: demand (trucks intending to come) minus
 * clearances, cumulated over the measured days, whose daily slope (least squares, one per replication)
 * has a 95 % interval whose upper end stays below a tolerance (1 % of the day's demand by default).
 * Demand, not arrivals: with appointments, trucks pushed to later slots have not arrived but are not served.
 * Where the interval straddles the tolerance, more replications are added (same indices at every factor)
 * up to `replicationsMax`; if it still straddles, the mean decides and the point says so (`decidedBy`). The search doubles or halves f from 1 until it
 * brackets the boundary, then bisects (geometrically) to a relative precision. Every point runs the same
 * seed and replication indices (common random numbers), so neighbouring factors differ by demand, not by
 * resampled noise. The answer is read at the two points around the boundary:
 * - `sustainable`: the largest sustainable point (its arrivals and clearance per day, with intervals);
 * - `saturated`: the smallest unsustainable point, whose clearance is the gate's clearance capacity under
 *   that overload (what "average clearance capacity" means when the queue never empties);
 * - `bottleneck`: at the saturated point, the server stage busy with work at least 90 % of the time whose
 *   line grew most from the sustainable point (see `findBottleneck`).
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
  /** Replications per point (at least 2, for an interval); more where the interval does not decide. */
  replications: number;
  /** Most replications at one point (default 4 × `replications`): where the interval still straddles the tolerance, the mean decides. */
  replicationsMax?: number;
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

/** A server stage's use at one point (means over the replications). */
export interface StageUse {
  stage: string;
  /** Servers held (busy or blocked) over servers present. */
  utilization: number;
  /** Servers busy with work over servers present: utilization without the blocked share (see `StageResult`). */
  busyShare: number;
  /** Time-weighted mean length of the stage's line. */
  queueLengthMean: number;
}

/** One evaluated demand factor. */
export interface CapacityPoint {
  factor: number;
  /** Trucks intending to arrive per day (demand, before booking shifts and losses). */
  demandPerDay: Summary;
  /** Trucks that arrived in the network per day (demand pushed to later slots has not arrived yet). */
  arrivalsPerDay: Summary;
  throughputPerDay: Summary;
  exportThroughputPerDay: Summary;
  importThroughputPerDay: Summary;
  /**
   * Daily growth of the unserved demand (trucks that intended to come minus trucks cleared, cumulated over
   * the measured days: trucks in the network, bookings pushed to later slots, losses), trucks/day
   * (least-squares slope per replication).
   */
  unservedGrowthPerDay: Summary;
  /** The tolerance the growth's interval is held to, trucks/day. */
  growthTolerancePerDay: number;
  /**
   * The whole interval of the growth is at or below the tolerance; or, when it still straddles it after
   * `replicationsMax` replications, its mean is.
   */
  sustainable: boolean;
  /** The whole interval of the growth is above the tolerance (the backlog clearly grows). */
  overloaded: boolean;
  /** Whether the interval decided (it lies on one side of the tolerance) or, after the most replications, the mean. */
  decidedBy: "interval" | "mean";
  /** Replications run at this factor. */
  replications: number;
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
  /** Stages limiting clearance at the saturated point (see `findBottleneck`). */
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

/** Busy share of a server stage: its servers busy with work (held by a truck that finished and waits to move on is blocked, not busy). */
function busyShareOf(result: ReplicationResult, id: string): number {
  return result.stages[id]?.busyShare ?? 0;
}

/**
 * The bottleneck at the saturated point: among the server stages whose servers are busy with work at least
 * 90 % of the time (time held by a finished truck that cannot move on is not work: that stage waits for
 * another), the one whose line grew most from the sustainable point, and any other within half of that
 * growth. A stage on the path of only some trucks (quarantine, for perishables) can be busy without being
 * what limits: the queue that grows is in front of the stage that limits.
 */
export function findBottleneck(saturated: CapacityPoint, reference: CapacityPoint | null): StageUse[] {
  const before = new Map((reference?.stages ?? []).map((u) => [u.stage, u.queueLengthMean]));
  const growth = (u: StageUse): number => u.queueLengthMean - (before.get(u.stage) ?? 0);
  let candidates = saturated.stages.filter((u) => u.busyShare >= SATURATED_UTILIZATION);
  if (candidates.length === 0) {
    const top = [...saturated.stages].sort((a, b) => b.busyShare - a.busyShare)[0];
    candidates = top ? [top] : [];
  }
  const most = Math.max(0, ...candidates.map(growth));
  return candidates.filter((u) => growth(u) >= most / 2).sort((a, b) => growth(b) - growth(a));
}

function mean(xs: readonly number[]): number {
  return xs.length > 0 ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}

/** Demand per measured day, both directions. */
function dailyDemand(r: ReplicationResult): number[] {
  const e = r.series.daily.exportDemand ?? [];
  const i = r.series.daily.importDemand ?? [];
  return Array.from({ length: Math.max(e.length, i.length) }, (_, d) => (e[d] ?? 0) + (i[d] ?? 0));
}

/**
 * Unserved demand at the end of each measured day: cumulated demand minus cumulated clearances. Counting
 * demand rather than arrivals keeps bookings pushed to later slots (which have not arrived) in the backlog.
 */
function unserved(r: ReplicationResult): number[] {
  const demand = dailyDemand(r);
  const e = r.series.daily.exportCleared ?? [];
  const i = r.series.daily.importCleared ?? [];
  const out: number[] = [];
  let acc = 0;
  for (let d = 0; d < demand.length; d++) {
    acc += (demand[d] as number) - (e[d] ?? 0) - (i[d] ?? 0);
    out.push(acc);
  }
  return out;
}

function evaluate(
  results: readonly ReplicationResult[],
  factor: number,
  stages: readonly StageConfig[],
  growthShareMax: number,
): CapacityPoint {
  const kpi = (name: string): Summary => summarize(results.map((r) => r.kpis[name]?.value ?? Number.NaN));
  const arrivalsPerDay = kpi("arrivalsPerDay");
  const demandPerDay = summarize(results.map((r) => mean(dailyDemand(r))));
  const growth = summarize(results.map((r) => slope(unserved(r))));
  const tolerance = Math.max(1, growthShareMax * demandPerDay.mean);
  // Decisive when the whole interval lies on one side of the tolerance.
  const decisive = Number.isFinite(growth.ci95[0]) && (growth.ci95[1] <= tolerance || growth.ci95[0] > tolerance);
  const servers = stages.filter((st) => st.type === "server").map((st) => st.id);
  const uses: StageUse[] = servers
    .map((id) => ({
      stage: id,
      utilization: results.reduce((a, r) => a + (r.stages[id]?.utilization ?? 0), 0) / results.length,
      busyShare: results.reduce((a, r) => a + busyShareOf(r, id), 0) / results.length,
      queueLengthMean: results.reduce((a, r) => a + (r.stages[id]?.queueLengthMean ?? 0), 0) / results.length,
    }))
    .sort((a, b) => b.utilization - a.utilization);
  return {
    factor,
    demandPerDay,
    arrivalsPerDay,
    throughputPerDay: kpi("throughputPerDay"),
    exportThroughputPerDay: kpi("exportThroughputPerDay"),
    importThroughputPerDay: kpi("importThroughputPerDay"),
    unservedGrowthPerDay: growth,
    growthTolerancePerDay: tolerance,
    sustainable: decisive ? growth.ci95[1] <= tolerance : growth.mean <= tolerance,
    overloaded: decisive && growth.ci95[0] > tolerance,
    decidedBy: decisive ? "interval" : "mean",
    stages: uses,
    replications: results.length,
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
  const replicationsMax = options.replicationsMax ?? 4 * n;
  if (!Number.isSafeInteger(replicationsMax) || replicationsMax < n) {
    throw errors.invalidOptions("replicationsMax must be an integer at least equal to replications");
  }
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
    const results: ReplicationResult[] = [];
    let point: CapacityPoint;
    // Replications 0..n-1 first; while the interval straddles the tolerance, n more (same indices at every
    // factor, so the points stay paired), up to `replicationsMax`; then the mean decides.
    for (;;) {
      const tasks: ReplicationTask[] = [];
      for (let i = results.length; i < results.length + n && i < replicationsMax; i++) {
        const t: ReplicationTask = { compiled: scaled, seed: options.seed, replication: i, horizonDays, warmupDays };
        if (options.stepsMax !== undefined) t.stepsMax = options.stepsMax;
        tasks.push(t);
      }
      tracker.total += tasks.length;
      const more = await runTasksOrThrow(executor, tasks, tracker, options.signal);
      for (const r of more) events += r.events;
      results.push(...more);
      point = evaluate(results, factor, stages, growthShareMax);
      if (point.decidedBy === "interval" || results.length >= replicationsMax) break;
    }
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
      `sustainable: the upper end of the 95 % interval of the daily growth of unserved demand (demand minus ` +
      `clearances, cumulated) is at most ${(growthShareMax * 100).toFixed(1)} % of the day's demand (at least 1 truck/day); ` +
      `where the interval straddles it, up to ${replicationsMax} replications, then the mean decides`,
    sustainable: lo,
    unsustainable: hi,
    saturated,
    bottleneck: saturated ? findBottleneck(saturated, lo) : [],
    points,
    timing: { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0 },
  };
}
