/**
 * Calibration: run the shipped scenarios that the calibration targets name, and set each simulated KPI
 * (mean and 95 % interval) beside the reported range, with the scenario hash and seed that reproduce it.
 */
import type { ReplicationResult } from "../model/index.js";
import {
  type CalibrationRow,
  calibrationTargets,
  capacityTargets,
  compareToTargets,
  compileScenario,
  listShippedScenarios,
  loadShippedScenario,
} from "../scenario/index.js";
import { summarize, type Timing } from "../stats/index.js";
import { runCapacity } from "./capacity.js";
import { withDefaultExecutor } from "./default-executor.js";
import type { ReplicationExecutor } from "./executor.js";
import { runExperiment } from "./experiment.js";
import type { ProgressListener } from "./progress.js";

/** Options of `runCalibration`. */
export interface CalibrationOptions {
  replications: number;
  /** Experiment seed (default: each scenario's own seed from its file). */
  seed?: number | string;
  /** Where replications run (default: a temporary piscina pool, one thread per core). */
  executor?: ReplicationExecutor;
  /** Simulated days (default: each scenario's horizon). */
  horizonDays?: number;
  /** Also run the capacity experiment for the targets that are capacities (default true; it takes longest). */
  capacity?: boolean;
  /** Called with the scenario name before each scenario's progress reports. */
  onScenario?: (name: string) => void;
  onProgress?: ProgressListener;
  signal?: AbortSignal;
}

/** A calibration row with the reproduction data and the interval of the simulated mean. */
export interface CalibrationReportRow extends CalibrationRow {
  scenarioHash: string;
  seed: number | string;
  ci95: [number, number];
}

/** What `gatesim calibrate` prints. */
export interface CalibrationReport {
  replications: number;
  rows: CalibrationReportRow[];
  /** Target scenarios that are not shipped (their rows are left out). */
  missingScenarios: string[];
  timing: Timing;
}

/** Runs every calibration scenario that is shipped and compares to the targets. */
export async function runCalibration(options: CalibrationOptions): Promise<CalibrationReport> {
  if (options.executor === undefined) {
    return withDefaultExecutor(undefined, options.replications, (executor) => runCalibration({ ...options, executor }));
  }
  const started = performance.now();
  const shipped = new Set(listShippedScenarios().map((s) => s.name));
  const names = [...new Set(calibrationTargets.map((t) => t.scenario))];
  const executor = options.executor;
  const resultsByScenario: Record<string, ReplicationResult[]> = {};
  const meta = new Map<string, { hash: string; seed: number | string }>();
  const missingScenarios: string[] = [];
  let events = 0;
  for (const name of names) {
    if (!shipped.has(name)) {
      missingScenarios.push(name);
      continue;
    }
    const compiled = compileScenario(loadShippedScenario(name));
    const seed = options.seed ?? compiled.seed;
    options.onScenario?.(name);
    const result = await runExperiment({
      compiled,
      replications: options.replications,
      seed,
      executor,
      ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
      ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
      ...(options.signal === undefined ? {} : { signal: options.signal }),
    });
    resultsByScenario[name] = result.results;
    meta.set(name, { hash: compiled.hash, seed });
    events += result.timing.events;
  }
  const rows: CalibrationReportRow[] = compareToTargets(resultsByScenario)
    .filter((r) => meta.has(r.scenario))
    .map((r) => {
      const m = meta.get(r.scenario) as { hash: string; seed: number | string };
      const s = summarize((resultsByScenario[r.scenario] ?? []).map((x) => x.kpis[r.kpi]?.value ?? Number.NaN));
      return { ...r, scenarioHash: m.hash, seed: m.seed, ci95: s.ci95 };
    });
  if (options.capacity !== false) {
    for (const t of capacityTargets) {
      if (!shipped.has(t.scenario)) {
        if (!missingScenarios.includes(t.scenario)) missingScenarios.push(t.scenario);
        continue;
      }
      const compiled = compileScenario(loadShippedScenario(t.scenario));
      const seed = options.seed ?? compiled.seed;
      options.onScenario?.(`${t.scenario} (capacity)`);
      const report = await runCapacity({
        compiled,
        replications: Math.max(2, Math.min(4, options.replications)),
        seed,
        executor,
        ...(options.onProgress === undefined ? {} : { onProgress: options.onProgress }),
        ...(options.signal === undefined ? {} : { signal: options.signal }),
      });
      events += report.timing.events;
      const s = report.saturated?.throughputPerDay;
      const mean = s?.mean ?? Number.NaN;
      rows.push({
        id: t.id,
        description: t.description,
        scenario: t.scenario,
        kpi: t.kpi,
        unit: t.unit,
        source: t.source,
        reportedLow: t.low,
        reportedHigh: t.high,
        simulatedMean: mean,
        replications: report.saturated?.replications ?? 0,
        inRange: Number.isFinite(mean) && mean >= t.low && mean <= t.high,
        scenarioHash: compiled.hash,
        seed,
        ci95: s ? s.ci95 : [Number.NaN, Number.NaN],
      });
    }
  }
  const wallMs = performance.now() - started;
  return {
    replications: options.replications,
    rows,
    missingScenarios,
    timing: { wallMs, events, eventsPerSecond: wallMs > 0 ? (events * 1000) / wallMs : 0 },
  };
}
