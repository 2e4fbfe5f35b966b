/**
 * `npm run bench`: runs every benchmark in this folder, one after the other, prints a summary and leaves
 * one JSON file per benchmark under bench/results/ (plus summary.json) so two commits can be compared.
 * `npm run bench -- --quick` is a fast smoke run with smaller sizes; `--only name,name` picks benchmarks.
 */
import { existsSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";

interface BenchEntry {
  name: string;
  file: string;
  fn: string;
}

/** Benchmarks in the order they run; a missing file (a benchmark not written yet) is skipped, not failed. */
const benches: BenchEntry[] = [
  { name: "event-queue", file: "./event-queue.bench.ts", fn: "runEventQueueBench" },
  { name: "mm3", file: "./mm3.bench.ts", fn: "runMm3Bench" },
  { name: "gate-year", file: "./gate-year.bench.ts", fn: "runGateYearBench" },
  { name: "event-log", file: "./event-log.bench.ts", fn: "runEventLogBench" },
  { name: "cold-start", file: "./cold-start.bench.ts", fn: "runColdStartBench" },
  { name: "compare", file: "./compare.bench.ts", fn: "runCompareBench" },
  { name: "pool", file: "./pool.bench.ts", fn: "runPoolBench" },
  { name: "experiment", file: "./experiment.bench.ts", fn: "runExperimentBench" },
  { name: "api-load", file: "./api-load.bench.ts", fn: "runApiLoadBench" },
  { name: "distributed", file: "./distributed.bench.ts", fn: "runDistributedBench" },
  { name: "policy", file: "./policy.bench.ts", fn: "runPolicyBench" },
];

const quick = process.argv.includes("--quick");
const onlyArg = process.argv.indexOf("--only");
const only = onlyArg >= 0 ? new Set((process.argv[onlyArg + 1] ?? "").split(",")) : null;
const summary: Record<string, unknown> = {
  date: new Date().toISOString(),
  machine: { cpus: cpus().length, model: cpus()[0]?.model, node: process.version },
  quick,
};
for (const b of benches) {
  if (only && !only.has(b.name)) continue;
  if (!existsSync(new URL(b.file, import.meta.url))) {
    console.log(`- ${b.name}: not present, skipped`);
    continue;
  }
  console.log(`# ${b.name}`);
  const t0 = performance.now();
  const mod = (await import(b.file)) as Record<string, (o: { quick: boolean }) => Promise<unknown> | unknown>;
  const run = mod[b.fn];
  if (typeof run !== "function") throw new Error(`${b.file} does not export ${b.fn}()`);
  summary[b.name] = await run({ quick });
  console.log(`  (${((performance.now() - t0) / 1000).toFixed(1)} s)`);
}
writeFileSync(new URL("./results/summary.json", import.meta.url), `${JSON.stringify(summary, null, 2)}\n`);
console.log("results: bench/results/*.json");
