/**
 * Comparisons of stored runs under common random numbers. Runs with the same seed and replication
 * count drew the same arrival and service streams replication by replication, so the paired
 * differences B_i - A_i carry the effect of the change with little of the noise (stats' kpiDifferences).
 * The report has the shape of the runner's `CompareReport`, so the CLI and the API print the same thing.
 */
import { aggregateReplications, type CompareReport, kpiDifferences, reportKpis } from "../stats/index.js";
import type { ComparisonRecord, RunError, RunRecord, RunStore } from "../store/index.js";
import { apiErrors } from "./errors.js";

/** Empty series for results read without them (aggregation then gives empty bands). */
const NO_SERIES = { sampleStepMinutes: 0, daily: {}, sampled: {}, stageStepMinutes: 0, stages: {} };

/** The run whose stored results a run uses (itself, or the original of a cache hit). */
export function resultsRunId(run: RunRecord): string {
  return run.cachedFrom ?? run.id;
}

/** Checks that runs can be paired; throws a 400/409 naming the run and the field that differs. */
export function assertPairable(runs: readonly RunRecord[]): void {
  const ref = runs[0];
  if (ref === undefined || runs.length < 2) throw apiErrors.comparisonInvalid("a comparison needs at least two runs");
  const seen = new Set<string>();
  runs.forEach((r, i) => {
    if (seen.has(r.id))
      throw apiErrors.comparisonInvalid(`runs.${i}: run ${r.id} is listed twice`, 400, [
        { path: `runs.${i}`, message: "listed twice" },
      ]);
    seen.add(r.id);
    if (r.status !== "succeeded") {
      throw apiErrors.comparisonInvalid(
        `runs.${i}: run ${r.id} is ${r.status}; only succeeded runs can be compared`,
        409,
        [{ path: `runs.${i}`, message: `run is ${r.status}` }],
      );
    }
    for (const field of ["seed", "replications", "horizonDays", "warmupDays", "modelVersion"] as const) {
      if (r[field] !== ref[field]) {
        throw apiErrors.comparisonInvalid(
          `runs.${i}: ${field} is ${JSON.stringify(r[field])} but ${JSON.stringify(ref[field])} in the reference run ${ref.id}; paired differences need equal ${field}`,
          400,
          [{ path: `runs.${i}`, message: `${field} differs from the reference run` }],
        );
      }
    }
  });
}

/** Labels for the scenarios: the scenario name, made unique with the run id when two runs share it. */
function labels(runs: readonly RunRecord[]): string[] {
  const counts = new Map<string, number>();
  for (const r of runs) counts.set(r.scenarioName, (counts.get(r.scenarioName) ?? 0) + 1);
  return runs.map((r) => ((counts.get(r.scenarioName) ?? 0) > 1 ? `${r.scenarioName}@${r.id}` : r.scenarioName));
}

/** The paired-comparison report of succeeded, pairable runs (the first is the reference). */
export function compareRuns(store: RunStore, runs: readonly RunRecord[]): CompareReport & { runs: string[] } {
  assertPairable(runs);
  const started = performance.now();
  const names = labels(runs);
  type Results = Parameters<typeof aggregateReplications>[0];
  const sides = runs.map((r, i) => {
    // KPIs only: the series of up to 16 runs would not fit the server's memory bound together.
    const results = (store.getReplicationResults(resultsRunId(r), { series: false }) as Results).map((x) => ({
      ...x,
      series: NO_SERIES,
    }));
    return { run: r, name: names[i] as string, results, aggregate: aggregateReplications(results) };
  });
  const ref = sides[0] as (typeof sides)[number];
  // Pairing is by replication index: results come back from the store in index order.
  const differences = sides.slice(1).map((b) => ({
    scenario: b.name,
    against: ref.name,
    kpis: kpiDifferences(
      { results: ref.results, kpis: ref.aggregate.kpis },
      { results: b.results, kpis: b.aggregate.kpis },
    ),
  }));
  const wallMs = performance.now() - started;
  const events = sides.reduce((s, x) => s + x.aggregate.events, 0);
  const first = ref.run;
  return {
    seed: first.seed,
    replications: first.replications,
    horizonDays: first.horizonDays,
    warmupDays: first.warmupDays,
    modelVersion: first.modelVersion,
    reference: ref.name,
    scenarios: sides.map((s) => ({
      scenario: { name: s.name, title: s.run.scenarioTitle, hash: s.run.scenarioHash },
      kpis: reportKpis(s.aggregate),
      conservation: s.aggregate.conservation,
    })),
    differences,
    runs: runs.map((r) => r.id),
    timing: { wallMs, events, eventsPerSecond: 0 },
  };
}

/**
 * Brings a stored comparison up to date: once all its runs have succeeded the report is computed and
 * stored; if one of them ended otherwise, the comparison fails naming it. Done on read, so it needs no
 * background work and survives restarts.
 */
export function refreshComparison(store: RunStore, c: ComparisonRecord, now: number): ComparisonRecord {
  if (c.status !== "running") return c;
  const runs = c.runIds.map((id) => store.getRun(id));
  const missing = runs.indexOf(undefined);
  if (missing >= 0) {
    store.endComparison(
      c.id,
      "failed",
      null,
      { code: "GATESIM_ERR_RUN_NOT_FOUND", message: `run ${c.runIds[missing]} is missing` },
      now,
    );
    return store.getComparison(c.id) as ComparisonRecord;
  }
  const present = runs as RunRecord[];
  const bad = present.find((r) => r.status === "failed" || r.status === "cancelled" || r.status === "interrupted");
  if (bad !== undefined) {
    const error: RunError = {
      code: "GATESIM_ERR_COMPARISON_RUN_FAILED",
      message: `run ${bad.id} (${bad.scenarioName}) is ${bad.status}${bad.error ? `: ${bad.error.message}` : ""}`,
    };
    store.endComparison(c.id, "failed", null, error, now);
    return store.getComparison(c.id) as ComparisonRecord;
  }
  if (present.every((r) => r.status === "succeeded")) {
    store.endComparison(c.id, "succeeded", compareRuns(store, present), null, now);
    return store.getComparison(c.id) as ComparisonRecord;
  }
  return c;
}
