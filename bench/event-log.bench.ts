/**
 * Cost of the per-truck event log: one baseline replication (province scope) run with the log off and on,
 * alternating over rounds in one process (the machine is shared, so medians of interleaved rounds), then the
 * time and size of writing it as CSV, gzipped CSV and OCEL 2.0 JSON. Writes bench/results/event-log.json.
 * Run: `node --expose-gc --import tsx bench/event-log.bench.ts [--quick] [--days 30] [--rounds 5]`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { runReplication, runReplicationWithEventLog } from "../src/runner/index.js";
import { compileScenario, loadShippedScenario } from "../src/scenario/index.js";
import { eventLogCsvChunks, eventLogOcelChunks } from "../src/stats/index.js";

/** What the benchmark measures. */
export interface EventLogBenchReport {
  scenario: string;
  horizonDays: number;
  rounds: number;
  rows: number;
  truncated: boolean;
  /** Median wall time of the replication with the log off and on, ms, and their ratio. */
  offMsMedian: number;
  onMsMedian: number;
  onOverOff: number;
  offMs: number[];
  onMs: number[];
  /** Bytes kept in memory for the log's columns. */
  logBytes: number;
  csv: { ms: number; bytes: number };
  csvGzip: { ms: number; bytes: number };
  ocel: { ms: number; bytes: number };
  node: string;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Measures the log's cost and writes the JSON report. */
export function runEventLogBench(
  options: { quick?: boolean; days?: number; rounds?: number } = {},
): EventLogBenchReport {
  const horizonDays = options.days ?? (options.quick ? 7 : 30);
  const rounds = options.rounds ?? (options.quick ? 2 : 5);
  const compiled = compileScenario(loadShippedScenario("baseline-2026q1"));
  const run = { horizonDays, warmupDays: 3 };
  const rowsMax = 5_000_000;
  const gc = (globalThis as { gc?: () => void }).gc;
  // Warm both paths once (JIT), then alternate off/on.
  runReplication(compiled, compiled.seed, 0, { horizonDays: 5, warmupDays: 1 });
  runReplicationWithEventLog(compiled, compiled.seed, 0, { horizonDays: 5, warmupDays: 1, rowsMax });
  const offMs: number[] = [];
  const onMs: number[] = [];
  let last: ReturnType<typeof runReplicationWithEventLog> | undefined;
  for (let r = 0; r < rounds; r++) {
    gc?.();
    let t0 = performance.now();
    runReplication(compiled, compiled.seed, 0, run);
    offMs.push(Math.round(performance.now() - t0));
    last = undefined;
    gc?.();
    t0 = performance.now();
    last = runReplicationWithEventLog(compiled, compiled.seed, 0, { ...run, rowsMax });
    onMs.push(Math.round(performance.now() - t0));
  }
  const log = last!.log;
  const meta = { replication: 0 };
  let t0 = performance.now();
  let csvBytes = 0;
  const parts: string[] = [];
  for (const chunk of eventLogCsvChunks(log, meta)) {
    csvBytes += Buffer.byteLength(chunk);
    parts.push(chunk);
  }
  const csvMs = performance.now() - t0;
  t0 = performance.now();
  const gz = gzipSync(parts.join(""));
  const gzMs = csvMs + (performance.now() - t0);
  parts.length = 0;
  t0 = performance.now();
  let ocelBytes = 0;
  for (const chunk of eventLogOcelChunks(log, meta)) ocelBytes += Buffer.byteLength(chunk);
  const ocelMs = performance.now() - t0;
  const logBytes = [
    log.caseId,
    log.timeMs,
    log.stage,
    log.type,
    log.direction,
    log.cargo,
    log.channel,
    log.flags,
  ].reduce((s, a) => s + a.byteLength, 0);
  const report: EventLogBenchReport = {
    scenario: compiled.name,
    horizonDays,
    rounds,
    rows: log.rows,
    truncated: log.truncated,
    offMsMedian: median(offMs),
    onMsMedian: median(onMs),
    onOverOff: Math.round((median(onMs) / median(offMs)) * 1000) / 1000,
    offMs,
    onMs,
    logBytes,
    csv: { ms: Math.round(csvMs), bytes: csvBytes },
    csvGzip: { ms: Math.round(gzMs), bytes: gz.byteLength },
    ocel: { ms: Math.round(ocelMs), bytes: ocelBytes },
    node: process.version,
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "event-log.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const arg = (name: string): number | undefined => {
    const i = process.argv.indexOf(name);
    return i >= 0 ? Number(process.argv[i + 1]) : undefined;
  };
  const days = arg("--days");
  const rounds = arg("--rounds");
  const r = runEventLogBench({
    quick: process.argv.includes("--quick"),
    ...(days === undefined ? {} : { days }),
    ...(rounds === undefined ? {} : { rounds }),
  });
  const mb = (b: number): string => (b / 1048576).toFixed(1);
  console.log(
    `${r.scenario}, ${r.horizonDays} days, ${r.rows} events${r.truncated ? " (truncated)" : ""}: log off ${r.offMsMedian} ms, ` +
      `on ${r.onMsMedian} ms (x${r.onOverOff}, medians of ${r.rounds} interleaved rounds); columns ${mb(r.logBytes)} MB; ` +
      `CSV ${mb(r.csv.bytes)} MB in ${r.csv.ms} ms, gzip ${mb(r.csvGzip.bytes)} MB in ${r.csvGzip.ms} ms, ` +
      `OCEL ${mb(r.ocel.bytes)} MB in ${r.ocel.ms} ms`,
  );
}
