/**
 * Year benchmark of the gate model: the baseline at province scope for 30 and 365 simulated days, one
 * replication each, reporting wall time, events/s, trucks/s and peak memory; writes bench/results/gate-year.json.
 * Run: `node --expose-gc --import tsx bench/gate-year.bench.ts`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compileScenario, loadShippedScenario, runCompiled } from "../src/scenario/index.js";

/** One measured run. */
export interface GateYearRun {
  horizonDays: number;
  wallSeconds: number;
  events: number;
  eventsPerSecond: number;
  trucks: number;
  trucksPerSecond: number;
  rssPeakMb: number;
  heapUsedPeakMb: number;
  heapUsedAfterMb: number;
}

function mb(x: number): number {
  return Math.round((x / 1048576) * 10) / 10;
}

function runOnce(horizonDays: number): GateYearRun {
  const compiled = compileScenario(loadShippedScenario("baseline-2026q1"));
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  let rssPeak = process.memoryUsage().rss;
  let heapPeak = process.memoryUsage().heapUsed;
  const poll = (): void => {
    const m = process.memoryUsage();
    if (m.rss > rssPeak) rssPeak = m.rss;
    if (m.heapUsed > heapPeak) heapPeak = m.heapUsed;
  };
  // The run is synchronous, so memory is sampled through the cancel hook the kernel polls every 65,536 events.
  const t0 = process.hrtime.bigint();
  const r = runCompiled(compiled, 0, compiled.seed, {
    horizonDays,
    warmupDays: 3,
    isCancelled: () => {
      poll();
      return false;
    },
  });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  poll();
  const heapBefore = process.memoryUsage().heapUsed;
  gc?.();
  return {
    horizonDays,
    wallSeconds: Math.round(wall * 1000) / 1000,
    events: r.events,
    eventsPerSecond: Math.round(r.events / wall),
    trucks: r.conservation.arrivals,
    trucksPerSecond: Math.round(r.conservation.arrivals / wall),
    rssPeakMb: mb(rssPeak),
    heapUsedPeakMb: mb(heapPeak),
    heapUsedAfterMb: mb(gc ? process.memoryUsage().heapUsed : heapBefore),
  };
}

/** Runs the 30- and 365-day benchmark and writes the JSON report; returns it too. */
export function runGateYearBench(): { runs: GateYearRun[]; gcExposed: boolean; node: string } {
  const runs = [runOnce(30), runOnce(365)];
  const report = { runs, gcExposed: typeof (globalThis as { gc?: unknown }).gc === "function", node: process.version };
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "gate-year.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const report = runGateYearBench();
  for (const r of report.runs) {
    console.log(
      `${r.horizonDays} days: ${r.wallSeconds} s, ${r.events} events (${r.eventsPerSecond}/s), ${r.trucks} trucks ` +
        `(${r.trucksPerSecond}/s), peak RSS ${r.rssPeakMb} MB, peak heap ${r.heapUsedPeakMb} MB`,
    );
  }
}
