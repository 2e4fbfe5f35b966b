/**
 * The report a finished run stores: its stored replications (in index order) aggregated into the stats
 * JSON report, with the scenario's identity, the run's settings and its wall time. Apart from the run
 * service so that the service file holds a run's life and this file what a run's result says.
 */
import type { CompiledScenario } from "../scenario/index.js";
import { aggregateReplications, buildJsonReport, type JsonReport } from "../stats/index.js";
import type { RunRecord, RunStore } from "../store/index.js";

/** The JSON report of `run` from its stored replications, finished at `now`; and the run's wall time. */
export function finishedRunReport(
  store: RunStore,
  run: RunRecord,
  compiled: CompiledScenario,
  now: number,
): { report: JsonReport; wallMs: number } {
  const results = store.getReplicationResults(run.id) as Parameters<typeof aggregateReplications>[0];
  const aggregate = aggregateReplications(results);
  const wallMs = now - (run.startedAt ?? now);
  const report = buildJsonReport({
    scenario: { name: compiled.name, title: compiled.title, hash: compiled.hash },
    seed: run.seed,
    replications: run.replications,
    horizonDays: results[0]?.horizonDays ?? run.horizonDays,
    warmupDays: results[0]?.warmupDays ?? run.warmupDays,
    modelVersion: results[0]?.modelVersion ?? run.modelVersion,
    assumedInputs: compiled.assumedInputs,
    aggregate,
    timing: {
      wallMs,
      events: aggregate.events,
      eventsPerSecond: wallMs > 0 ? (aggregate.events * 1000) / wallMs : 0,
    },
  });
  return { report, wallMs };
}
