/**
 * Whole-experiment throughput: `runExperiment` on the baseline, end to end on the default pool (thread
 * start-up included, as a user of `gatesim run` pays it), in simulated truck-days per second: the
 * replications' simulated days times the trucks per day of the scenario, per wall-clock second. Also
 * simulated replication-days per second and events per second.
 * Run: `node --import tsx bench/experiment.bench.ts [--quick]`; writes bench/results/experiment.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { PiscinaExecutor, runExperiment } from "../src/runner/index.js";
import { applyOverrides, compileScenario, loadShippedScenario } from "../src/scenario/index.js";

/** Runs the benchmark and writes bench/results/experiment.json; returns the figures. */
export async function runExperimentBench(options: { quick?: boolean } = {}) {
  const quick = options.quick === true;
  const replications = quick ? 4 : 10;
  const days = quick ? 10 : 30;
  const compiled = compileScenario(
    applyOverrides(loadShippedScenario("baseline-2026q1"), { horizonDays: days, warmupDays: 3 }),
  );
  const threads = os.availableParallelism();
  const t0 = performance.now();
  const executor = new PiscinaExecutor({ threads });
  let wallMs: number;
  let result: Awaited<ReturnType<typeof runExperiment>>;
  try {
    result = await runExperiment({ compiled, replications, seed: 1, executor });
    wallMs = performance.now() - t0;
  } finally {
    await executor.close();
  }
  const arrivals = result.aggregate.conservation.arrivals;
  const replicationDays = replications * days;
  const seconds = wallMs / 1000;
  const report = {
    machine: { cpus: os.cpus().length, threads, node: process.version },
    scenario: compiled.name,
    replications,
    horizonDays: days,
    wallMs: Math.round(wallMs),
    // Simulated days x trucks per day, per wall second: the trucks the whole experiment moved per second.
    truckDaysPerSecond: Math.round((arrivals / seconds) * 10) / 10,
    trucksSimulated: arrivals,
    replicationDaysPerSecond: Math.round((replicationDays / seconds) * 100) / 100,
    eventsPerSecond: Math.round(result.timing.events / seconds),
    events: result.timing.events,
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "experiment.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runExperimentBench({ quick: process.argv.includes("--quick") });
  console.log(JSON.stringify(r, null, 2));
}
