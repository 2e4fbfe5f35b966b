/**
 * An experiment: N replications of one compiled scenario, aggregated with honest uncertainty.
 *
 * Determinism: replication i always runs with (seed, i); results are put in index order before
 * aggregation; sequential mode picks its next batch size from the results alone (never from the number
 * of workers). The experiment's output is therefore bit-identical inline, with 1, 2 or N workers, or
 * on other machines; only `timing` differs from one run to the next.
 */
import { MODEL_VERSION, type ReplicationResult } from "../model/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import {
  type Aggregate,
  aggregateReplications,
  buildJsonReport,
  type JsonReport,
  type MserResult,
  mser5,
  relativeHalfWidth,
  type SeriesBandKind,
  studentTQuantile,
  summarize,
  type Timing,
} from "../stats/index.js";
import { withDefaultExecutor } from "./default-executor.js";
import { errors } from "./errors.js";
import type { ReplicationExecutor, ReplicationTask } from "./executor.js";
import { type ProgressListener, ProgressTracker } from "./progress.js";

/** Minutes in a day, to turn a sampled-series index into days. */
const MINUTES_PER_DAY = 1440;

/** How the warm-up period is chosen. */
export type WarmupOption =
  /** A fixed number of days (the scenario's own when omitted). */
  | { days: number }
  /** Detected by MSER-5 on one series of a pilot replication, then applied to every replication. */
  | {
      mser5: {
        /** `daily.<name>` or `sampled.<name>` (e.g. `sampled.nh1aQueue`). */
        series: string;
        /** Pilot length in days (default: the experiment's horizon). */
        pilotDays?: number;
        /** Upper bound on the detected warm-up (default: half the horizon; always below it). */
        maxDays?: number;
      };
    };

/** Sequential mode: add replications until a KPI's 95 % half-width is small enough. */
export interface SequentialOptions {
  /** The KPI whose precision decides (e.g. `timeInSystemMinutesMean`). */
  kpi: string;
  /** Target half-width as a share of the mean (e.g. 0.05 for ±5 %). */
  relativeHalfWidth: number;
  /** Cap on the total number of replications. */
  maxReplications: number;
  /** Replications added per step; default: the estimate from the current sd, at least 2. */
  batch?: number;
}

/** Options of `runExperiment`. */
export interface ExperimentOptions {
  compiled: CompiledScenario;
  /** Replications (in sequential mode: the initial number, at least 2). */
  replications: number;
  /** Experiment seed; replication i runs with (seed, i). */
  seed: number | string;
  /** Where replications run (default: a temporary piscina pool, one thread per core; see default-executor.ts). */
  executor?: ReplicationExecutor;
  /** Warm-up: fixed days or MSER-5 detection (default: the scenario's warm-up days). */
  warmup?: WarmupOption;
  /** Simulated days, warm-up included, as the model counts them (default: the scenario's horizon). */
  horizonDays?: number;
  /** Event bound per replication. */
  stepsMax?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
  sequential?: SequentialOptions;
  /** Band of the series in the aggregate (default `ci95`). */
  seriesBand?: SeriesBandKind;
  /** Fault injection per replication index (tests only; see test-hooks.ts). */
  crashForTest?: Record<number, ReplicationTask["__crashForTest"]>;
}

/** How the warm-up was chosen. */
export interface WarmupInfo {
  method: "fixed" | "mser5";
  days: number;
  /** For MSER-5: the series, the pilot length and the raw detection. */
  series?: string;
  pilotDays?: number;
  detection?: MserResult;
}

/** How a sequential experiment ended. */
export interface SequentialInfo {
  kpi: string;
  target: number;
  achieved: number;
  stoppedBecause: "target" | "cap";
}

/** Everything an experiment produced. */
export interface ExperimentResult {
  scenario: { name: string; title: string; hash: string };
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  assumedInputs: string[];
  /** Per-replication results in replication-index order. */
  results: ReplicationResult[];
  aggregate: Aggregate;
  warmup: WarmupInfo;
  sequential?: SequentialInfo;
  /** Wall-clock figures: the only non-deterministic part. */
  timing: Timing;
}

/** Runs tasks on the executor; throws on failure or cancellation so callers only see complete data. */
export async function runTasksOrThrow(
  executor: ReplicationExecutor,
  tasks: readonly ReplicationTask[],
  tracker: ProgressTracker,
  signal: AbortSignal | undefined,
): Promise<ReplicationResult[]> {
  const outcome = await executor.run(tasks, {
    ...(signal === undefined ? {} : { signal }),
    onResult: (r) => tracker.tick(r.events),
    onFailure: () => tracker.tick(0),
    onWaiting: (reason) => tracker.waiting(reason),
  });
  if (outcome.cancelled) throw errors.cancelled(tracker.done, tracker.total);
  if (outcome.failures.length > 0) throw errors.experimentFailed(outcome.failures, tasks.length);
  return outcome.results as ReplicationResult[];
}

/** Checks that a run measures something: the model measures from `warmupDays` to `horizonDays`. */
export function assertPeriod(horizonDays: number, warmupDays: number): void {
  if (!(Number.isFinite(horizonDays) && horizonDays > 0))
    throw errors.invalidOptions(`horizon days must be > 0, got ${horizonDays}`);
  if (!(Number.isFinite(warmupDays) && warmupDays >= 0 && warmupDays < horizonDays)) {
    throw errors.invalidOptions(`warm-up days must be in [0, horizon days = ${horizonDays}), got ${warmupDays}`);
  }
}

/** Validates the integer options of an experiment. */
function assertCount(name: string, value: number, min: number): void {
  if (!Number.isSafeInteger(value) || value < min)
    throw errors.invalidOptions(`${name} must be an integer >= ${min}, got ${value}`);
}

/** The series named `daily.x` or `sampled.x` of a result, and the length of one step in days. */
function pickSeries(result: ReplicationResult, path: string): { values: number[]; stepDays: number } {
  const [kind, ...rest] = path.split(".");
  const name = rest.join(".");
  if (kind === "daily") {
    const values = result.series.daily[name];
    if (values) return { values, stepDays: 1 };
  } else if (kind === "sampled") {
    const values = result.series.sampled[name];
    if (values) return { values, stepDays: result.series.sampleStepMinutes / MINUTES_PER_DAY };
  }
  const known = [
    ...Object.keys(result.series.daily).map((n) => `daily.${n}`),
    ...Object.keys(result.series.sampled).map((n) => `sampled.${n}`),
  ];
  throw errors.invalidOptions(`warm-up series "${path}" not found; known: ${known.join(", ")}`);
}

/** Decides the warm-up days: fixed, or MSER-5 on a pilot replication (index 0, no warm-up). */
async function decideWarmup(
  options: ExperimentOptions,
  executor: ReplicationExecutor,
  signal: AbortSignal | undefined,
): Promise<WarmupInfo> {
  const compiled = options.compiled;
  const w = options.warmup;
  if (w === undefined) return { method: "fixed", days: compiled.warmupDays };
  if ("days" in w) {
    if (!(Number.isFinite(w.days) && w.days >= 0))
      throw errors.invalidOptions(`warm-up days must be >= 0, got ${w.days}`);
    return { method: "fixed", days: w.days };
  }
  const horizonDays = options.horizonDays ?? compiled.horizonDays;
  const pilotDays = w.mser5.pilotDays ?? horizonDays;
  // The model measures from warm-up to horizon, so the warm-up must leave at least part of a day to measure.
  const maxDays = Math.min(w.mser5.maxDays ?? horizonDays / 2, Math.ceil(horizonDays) - 1);
  const task: ReplicationTask = { compiled, seed: options.seed, replication: 0, horizonDays: pilotDays, warmupDays: 0 };
  if (options.stepsMax !== undefined) task.stepsMax = options.stepsMax;
  const [pilot] = await runTasksOrThrow(executor, [task], new ProgressTracker(1, undefined), signal);
  const { values, stepDays } = pickSeries(pilot as ReplicationResult, w.mser5.series);
  const detection = mser5(values);
  // Whole days keep the daily series aligned with calendar days.
  const days = Math.min(Math.ceil(detection.truncation * stepDays - 1e-9), Math.floor(maxDays));
  return { method: "mser5", days, series: w.mser5.series, pilotDays, detection };
}

/** Next batch size of a sequential experiment, from the results so far (never from the worker count). */
function nextBatch(values: number[], seq: SequentialOptions, n: number): number {
  if (seq.batch !== undefined) return seq.batch;
  const s = summarize(values);
  if (!(s.n >= 2) || s.mean === 0 || !Number.isFinite(s.sd)) return Math.max(2, n);
  // n_needed ~ (t * sd / (target * |mean|))^2, with the normal quantile's successor t at the current df.
  const t = studentTQuantile(0.975, s.n - 1);
  const needed = Math.ceil(((t * s.sd) / (seq.relativeHalfWidth * Math.abs(s.mean))) ** 2);
  return Math.max(2, needed - n);
}

/** Tasks for replication indices [from, to). */
function tasksFor(options: ExperimentOptions, warmupDays: number, from: number, to: number): ReplicationTask[] {
  const tasks: ReplicationTask[] = [];
  for (let i = from; i < to; i++) {
    const t: ReplicationTask = { compiled: options.compiled, seed: options.seed, replication: i, warmupDays };
    if (options.horizonDays !== undefined) t.horizonDays = options.horizonDays;
    if (options.stepsMax !== undefined) t.stepsMax = options.stepsMax;
    const crash = options.crashForTest?.[i];
    if (crash !== undefined) t.__crashForTest = crash;
    tasks.push(t);
  }
  return tasks;
}

/** Runs an experiment; throws `GATESIM_ERR_CANCELLED` or `GATESIM_ERR_EXPERIMENT_FAILED` rather than return partial data. */
export async function runExperiment(options: ExperimentOptions): Promise<ExperimentResult> {
  const seq = options.sequential;
  assertCount("replications", options.replications, seq === undefined ? 1 : 2);
  if (seq !== undefined) {
    assertCount("sequential.maxReplications", seq.maxReplications, options.replications);
    if (!(seq.relativeHalfWidth > 0)) throw errors.invalidOptions("sequential.relativeHalfWidth must be > 0");
    if (seq.batch !== undefined) assertCount("sequential.batch", seq.batch, 1);
  }
  if (options.executor === undefined) {
    const planned = seq?.maxReplications ?? options.replications;
    return withDefaultExecutor(undefined, planned, (executor) => runExperiment({ ...options, executor }));
  }
  const executor = options.executor;
  const started = performance.now();
  const signal = options.signal;
  assertPeriod(
    options.horizonDays ?? options.compiled.horizonDays,
    options.warmup !== undefined && "days" in options.warmup ? options.warmup.days : 0,
  );
  const warmup = await decideWarmup(options, executor, signal);
  assertPeriod(options.horizonDays ?? options.compiled.horizonDays, warmup.days);
  const tracker = new ProgressTracker(options.replications, options.onProgress);
  const results = await runTasksOrThrow(
    executor,
    tasksFor(options, warmup.days, 0, options.replications),
    tracker,
    signal,
  );
  let sequential: SequentialInfo | undefined;
  if (seq !== undefined) {
    for (;;) {
      const values = results.map((r) => r.kpis[seq.kpi]?.value ?? Number.NaN);
      if (results[0]?.kpis[seq.kpi] === undefined) {
        throw errors.invalidOptions(
          `sequential KPI "${seq.kpi}" not found; known: ${Object.keys(results[0]?.kpis ?? {}).join(", ")}`,
        );
      }
      const achieved = relativeHalfWidth(summarize(values));
      const n = results.length;
      if (achieved <= seq.relativeHalfWidth || n >= seq.maxReplications) {
        sequential = {
          kpi: seq.kpi,
          target: seq.relativeHalfWidth,
          achieved,
          stoppedBecause: achieved <= seq.relativeHalfWidth ? "target" : "cap",
        };
        break;
      }
      const add = Math.min(nextBatch(values, seq, n), seq.maxReplications - n);
      tracker.total = n + add;
      results.push(...(await runTasksOrThrow(executor, tasksFor(options, warmup.days, n, n + add), tracker, signal)));
    }
  }
  const aggregate = aggregateReplications(
    results,
    options.seriesBand === undefined ? {} : { seriesBand: options.seriesBand },
  );
  const wallMs = performance.now() - started;
  const first = results[0];
  const result: ExperimentResult = {
    scenario: { name: options.compiled.name, title: options.compiled.title, hash: options.compiled.hash },
    seed: options.seed,
    replications: results.length,
    horizonDays: first?.horizonDays ?? options.horizonDays ?? options.compiled.horizonDays,
    warmupDays: first?.warmupDays ?? warmup.days,
    modelVersion: first?.modelVersion ?? MODEL_VERSION,
    assumedInputs: [...options.compiled.assumedInputs],
    results,
    aggregate,
    warmup,
    timing: { wallMs, events: aggregate.events, eventsPerSecond: wallMs > 0 ? (aggregate.events * 1000) / wallMs : 0 },
  };
  if (sequential !== undefined) result.sequential = sequential;
  return result;
}

/** The JSON report (stats contract) of an experiment. */
export function experimentReport(result: ExperimentResult): JsonReport {
  return buildJsonReport({
    scenario: result.scenario,
    seed: result.seed,
    replications: result.replications,
    horizonDays: result.horizonDays,
    warmupDays: result.warmupDays,
    modelVersion: result.modelVersion,
    assumedInputs: result.assumedInputs,
    aggregate: result.aggregate,
    timing: result.timing,
  });
}
