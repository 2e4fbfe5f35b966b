/**
 * Scenario comparison under common random numbers: every scenario runs replications 0..n-1 with the
 * same seed, so replication i of A and of B draw their arrivals (and every other named stream) from the
 * same sequences. The per-replication differences B_i - A_i then carry the effect of the change with
 * little of the noise, and their Student-t interval says whether the change matters.
 */
import { MODEL_VERSION, type ReplicationResult } from "../model/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import {
  type Aggregate,
  aggregateReplications,
  type CompareReport,
  kpiDifferences,
  reportKpis,
  type Timing,
} from "../stats/index.js";
import { withDefaultExecutor } from "./default-executor.js";
import { errors } from "./errors.js";
import type { ReplicationExecutor, ReplicationTask } from "./executor.js";
import { assertPeriod, runTasksOrThrow } from "./experiment.js";
import { type ProgressListener, ProgressTracker } from "./progress.js";
import { traceMark } from "./trace.js";

/** Options of `compareScenarios`. */
export interface CompareOptions {
  replications: number;
  seed: number | string;
  /** Where replications run (default: a temporary piscina pool, one thread per core). */
  executor?: ReplicationExecutor;
  /** Simulated days (warm-up included) for every scenario (default: the first scenario's horizon). */
  horizonDays?: number;
  /** Warm-up days for every scenario (default: the first scenario's). Shared so the pairs measure the same period. */
  warmupDays?: number;
  stepsMax?: number;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/** One scenario's side of a comparison. */
export interface ComparedScenario {
  scenario: { name: string; title: string; hash: string };
  results: ReplicationResult[];
  aggregate: Aggregate;
}

/** What `compareScenarios` returns: each scenario's results, and the report with paired differences. */
export interface CompareResult {
  scenarios: ComparedScenario[];
  report: CompareReport;
}

/**
 * One scenario's side: the report needs only its scalar figures, so their aggregate is computed without
 * the series (the series bands were most of the aggregation's time: about 0.3 s a scenario for 20
 * replications of 30 days, measured); the full `aggregate`, series bands included, is computed on first
 * read, from the same results, so it is what `aggregateReplications(results)` gives.
 */
function comparedSide(
  c: CompiledScenario,
  results: ReplicationResult[],
): { side: ComparedScenario; scalars: Aggregate } {
  let full: Aggregate | undefined;
  const side = { scenario: { name: c.name, title: c.title, hash: c.hash }, results } as ComparedScenario;
  Object.defineProperty(side, "aggregate", {
    enumerable: true,
    get: () => {
      full ??= aggregateReplications(results);
      return full;
    },
  });
  return { side, scalars: aggregateReplications(results, { series: false }) };
}

/** Runs every scenario with common random numbers and compares each against the first. */
export async function compareScenarios(
  compiled: readonly CompiledScenario[],
  options: CompareOptions,
): Promise<CompareResult> {
  if (compiled.length < 2) throw errors.invalidOptions("a comparison needs at least two scenarios");
  if (!Number.isSafeInteger(options.replications) || options.replications < 2) {
    throw errors.invalidOptions("a paired comparison needs at least 2 replications");
  }
  const reference = compiled[0] as CompiledScenario;
  const horizonDays = options.horizonDays ?? reference.horizonDays;
  const warmupDays = options.warmupDays ?? reference.warmupDays;
  assertPeriod(horizonDays, warmupDays);
  const n = options.replications;
  if (options.executor === undefined) {
    return withDefaultExecutor(undefined, options.replications * compiled.length, (executor) =>
      compareScenarios(compiled, { ...options, executor }),
    );
  }
  const executor = options.executor;
  const started = performance.now();
  // One executor run for all scenarios keeps the pool busy across scenario boundaries; tasks stay grouped
  // by scenario so the pool can batch them.
  const tasks: ReplicationTask[] = [];
  for (const c of compiled) {
    for (let i = 0; i < n; i++) {
      const t: ReplicationTask = { compiled: c, seed: options.seed, replication: i, horizonDays, warmupDays };
      if (options.stepsMax !== undefined) t.stepsMax = options.stepsMax;
      tasks.push(t);
    }
  }
  const tracker = new ProgressTracker(tasks.length, options.onProgress);
  traceMark("replications-start", { tasks: tasks.length });
  const all = await runTasksOrThrow(executor, tasks, tracker, options.signal);
  traceMark("replications-done");
  const sides = compiled.map((c, s) => comparedSide(c, all.slice(s * n, (s + 1) * n)));
  const scenarios = sides.map((x) => x.side);
  const scalars = sides.map((x) => x.scalars);
  const ref = scenarios[0] as ComparedScenario;
  const refScalars = scalars[0] as Aggregate;
  const differences = scenarios.slice(1).map((b, i) => ({
    scenario: b.scenario.name,
    against: ref.scenario.name,
    kpis: kpiDifferences(
      { results: ref.results, kpis: refScalars.kpis },
      { results: b.results, kpis: (scalars[i + 1] as Aggregate).kpis },
    ),
  }));
  const wallMs = performance.now() - started;
  const events = scalars.reduce((s, x) => s + x.events, 0);
  const timing: Timing = { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0 };
  const first = ref.results[0];
  const report: CompareReport = {
    seed: options.seed,
    replications: n,
    horizonDays: first?.horizonDays ?? horizonDays,
    warmupDays: first?.warmupDays ?? warmupDays,
    modelVersion: first?.modelVersion ?? MODEL_VERSION,
    reference: ref.scenario.name,
    scenarios: scenarios.map((s, i) => ({
      scenario: s.scenario,
      kpis: reportKpis(scalars[i] as Aggregate),
      conservation: (scalars[i] as Aggregate).conservation,
    })),
    differences,
    timing,
  };
  return { scenarios, report };
}
