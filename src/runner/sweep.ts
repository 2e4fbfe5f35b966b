/**
 * Parameter sweeps: the cartesian product of a grid of overrides (dotted paths into the scenario
 * file, e.g. `stages.smartGate.lanes`), one compiled scenario per point, every point run with the same
 * seed and replication indices (common random numbers, so neighbouring points differ by the parameter,
 * not by resampled noise). One row per point with each KPI's mean and 95 % interval.
 */
import { MODEL_VERSION } from "../model/index.js";
import { applyOverrides, type CompiledScenario, type CompileOptions, compileScenario } from "../scenario/index.js";
import { aggregateReplications, reportKpis, type SweepReport, type SweepRow, type Timing } from "../stats/index.js";
import { withDefaultExecutor } from "./default-executor.js";
import { errors } from "./errors.js";
import type { ReplicationExecutor, ReplicationTask } from "./executor.js";
import { assertPeriod, runTasksOrThrow } from "./experiment.js";
import { type ProgressListener, ProgressTracker } from "./progress.js";

/** A parsed (not yet compiled) scenario, as `applyOverrides` takes it. */
export type SweepBaseScenario = Parameters<typeof applyOverrides>[0];

/** Options of `runSweep`. */
export interface SweepOptions {
  replications: number;
  seed: number | string;
  /** Where replications run (default: a temporary piscina pool, one thread per core). */
  executor?: ReplicationExecutor;
  /** Simulated days for every point (default: each point's scenario horizon). */
  horizonDays?: number;
  /** Warm-up days for every point (default: each point's scenario warm-up). */
  warmupDays?: number;
  stepsMax?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  /** How points are compiled (policy modules by path: the command line only). */
  compileOptions?: CompileOptions;
  /** Most points allowed (a guard against a typo exploding the grid); default 1,000. */
  pointsMax?: number;
}

/** Default bound on the number of grid points. */
export const SWEEP_POINTS_MAX_DEFAULT = 1000;

/** The cartesian product of a grid, first path varying slowest (rows read like nested loops). */
export function gridPoints(grid: Readonly<Record<string, readonly unknown[]>>): Record<string, unknown>[] {
  let points: Record<string, unknown>[] = [{}];
  for (const [path, values] of Object.entries(grid)) {
    if (values.length === 0) throw errors.invalidOptions(`grid path ${path} has no values`);
    const next: Record<string, unknown>[] = [];
    for (const p of points) for (const v of values) next.push({ ...p, [path]: v });
    points = next;
  }
  return points;
}

/** Runs every point of the grid and returns the sweep report (one row per point). */
export async function runSweep(
  base: SweepBaseScenario,
  grid: Readonly<Record<string, readonly unknown[]>>,
  options: SweepOptions,
): Promise<SweepReport> {
  if (Object.keys(grid).length === 0) throw errors.invalidOptions("a sweep needs at least one grid path");
  if (!Number.isSafeInteger(options.replications) || options.replications < 1) {
    throw errors.invalidOptions("replications must be a positive integer");
  }
  const points = gridPoints(grid);
  const pointsMax = options.pointsMax ?? SWEEP_POINTS_MAX_DEFAULT;
  if (points.length > pointsMax)
    throw errors.invalidOptions(`the grid has ${points.length} points, more than ${pointsMax}`);
  if (options.executor === undefined) {
    const total = points.length * options.replications;
    return withDefaultExecutor(undefined, total, (executor) => runSweep(base, grid, { ...options, executor }));
  }
  // Compile every point first: a bad value fails the sweep before any simulation time is spent.
  const baseCompiled = compileScenario(base, options.compileOptions);
  const compiled: CompiledScenario[] = points.map((p) =>
    compileScenario(applyOverrides(base, p as Parameters<typeof applyOverrides>[1]), options.compileOptions),
  );
  for (const c of compiled) assertPeriod(options.horizonDays ?? c.horizonDays, options.warmupDays ?? c.warmupDays);
  const n = options.replications;
  const tasks: ReplicationTask[] = [];
  for (const c of compiled) {
    for (let i = 0; i < n; i++) {
      const t: ReplicationTask = { compiled: c, seed: options.seed, replication: i };
      if (options.horizonDays !== undefined) t.horizonDays = options.horizonDays;
      if (options.warmupDays !== undefined) t.warmupDays = options.warmupDays;
      if (options.stepsMax !== undefined) t.stepsMax = options.stepsMax;
      tasks.push(t);
    }
  }
  const executor = options.executor;
  const started = performance.now();
  const tracker = new ProgressTracker(tasks.length, options.onProgress);
  const all = await runTasksOrThrow(executor, tasks, tracker, options.signal);
  let events = 0;
  const rows: SweepRow[] = compiled.map((c, k) => {
    const aggregate = aggregateReplications(all.slice(k * n, (k + 1) * n));
    events += aggregate.events;
    return {
      point: points[k] as Record<string, unknown>,
      scenarioHash: c.hash,
      kpis: reportKpis(aggregate),
      conservationHolds: aggregate.conservation.holds,
    };
  });
  const wallMs = performance.now() - started;
  const timing: Timing = { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0 };
  const first = all[0];
  return {
    base: { name: baseCompiled.name, title: baseCompiled.title, hash: baseCompiled.hash },
    grid: Object.fromEntries(Object.entries(grid).map(([k, v]) => [k, [...v]])),
    seed: options.seed,
    replications: n,
    horizonDays: first?.horizonDays ?? options.horizonDays ?? baseCompiled.horizonDays,
    warmupDays: first?.warmupDays ?? options.warmupDays ?? baseCompiled.warmupDays,
    modelVersion: first?.modelVersion ?? MODEL_VERSION,
    rows,
    timing,
  };
}
