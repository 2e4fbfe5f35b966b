/**
 * Future-event-list benchmark: the classic hold model. Prefill N events, then repeat "pop the least,
 * push one at popped time + increment" and report hold operations per second.
 *
 * Every (queue, N, distribution) runs in its own child process (bench/event-queue/hold-worker.ts) so JIT
 * feedback from one queue never shapes another; each process warms up, times several rounds of a fixed
 * number of operations and reports the median. Increments are pre-generated from one seeded sequence, so
 * every queue pops exactly the same times; the workers' checksums of popped times must agree.
 *
 * Run: node --import tsx bench/event-queue.bench.ts [--quick] [--repeat K] [--queues a,b] [--n 100,10000]
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { createEventQueue, queueImplementations } from "../src/kernel/event-queue/index.js";
import { DISTS, type Dist } from "./event-queue/increments.js";

/** Peer libraries measured alongside ours (time-only keys: no priority, no FIFO tie order). */
export const PEER_QUEUES = ["flatqueue", "flatqueue-fixed", "heap-js", "fastpriorityqueue", "tinyqueue"] as const;

/** Options of {@link runEventQueueBench}. */
export interface EventQueueBenchOptions {
  /** Smoke run: fewer and shorter rounds. */
  quick?: boolean;
  /** Queue names to run (ours by implementation name, peers by package name); default all. */
  queues?: string[];
  /** Pending-event counts; default 100, 10,000 and 1,000,000. */
  ns?: number[];
  /** Increment distributions; default all. */
  dists?: Dist[];
  /** Runs of the whole matrix (interleaved); the spread of ratios across them is reported. */
  repeats?: number;
  /** Where to write the JSON; `null` to skip writing. */
  out?: string | null;
  /** Progress and table output; default console.log. */
  log?: (line: string) => void;
}

/** One measured (queue, N, distribution) cell, aggregated over repeats. */
export interface EventQueueBenchRow {
  queue: string;
  /** True for the implementation behind `createEventQueue`. */
  isDefault: boolean;
  /** True for our implementations (priority + FIFO ties), false for peers. */
  ours: boolean;
  n: number;
  dist: Dist;
  /** Median over repeats of each process's median-of-rounds hold operations per second. */
  opsPerSec: number;
  /** Every process's median, one per repeat. */
  runs: number[];
  /** Median over repeats of (this queue / flatqueue) measured in the same repeat. */
  ratioToFlatqueue: number;
  /** Smallest and largest per-repeat ratio to flatqueue. */
  ratioToFlatqueueRange: [number, number];
  /** Median over repeats of (this queue / heap-js). */
  ratioToHeapJs: number;
  /** Median over repeats of (this queue / the fixed-capacity flatqueue). */
  ratioToFlatqueueFixed: number;
}

/** Everything the benchmark measured, as written to bench/results/event-queue.json. */
export interface EventQueueBenchResult {
  machine: { cpus: number; model: string | undefined; node: string };
  date: string;
  quick: boolean;
  settings: { opsPerRound: number; rounds: number; warmupOps: number; repeats: number };
  defaultQueue: string;
  rows: EventQueueBenchRow[];
  /** Cells whose checksum of popped times disagreed with the others (should be empty). */
  checksumMismatches: string[];
}

const WORKER = fileURLToPath(new URL("./event-queue/hold-worker.ts", import.meta.url));

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** Runs one worker process and parses its JSON line. */
function runWorker(
  queue: string,
  n: number,
  dist: Dist,
  ops: number,
  rounds: number,
  warm: number,
): { opsPerSec: number; checksum: number } {
  const res = spawnSync(
    process.execPath,
    ["--import", "tsx", WORKER, queue, String(n), dist, String(ops), String(rounds), String(warm)],
    { encoding: "utf8", maxBuffer: 1 << 20 },
  );
  if (res.status !== 0) throw new Error(`hold worker ${queue} ${n} ${dist} failed: ${res.stderr}`);
  const line = res.stdout.trim().split("\n").pop() ?? "";
  return JSON.parse(line) as { opsPerSec: number; checksum: number };
}

/** Runs the benchmark matrix, prints a table and writes bench/results/event-queue.json. */
export async function runEventQueueBench(options: EventQueueBenchOptions = {}): Promise<EventQueueBenchResult> {
  const log = options.log ?? ((s: string) => console.log(s));
  const quick = options.quick ?? false;
  const repeats = options.repeats ?? 1;
  const ns = options.ns ?? [100, 10_000, 1_000_000];
  const dists = options.dists ?? [...DISTS];
  const defaultImpl = queueImplementations.find((i) => i.factory === createEventQueue)?.name ?? "?";
  const allQueues = [...queueImplementations.map((i) => i.name), ...PEER_QUEUES];
  const queues = options.queues ?? allQueues;
  for (const must of ["flatqueue", "heap-js", "flatqueue-fixed"]) if (!queues.includes(must)) queues.push(must);
  const settings = quick
    ? { opsPerRound: 500_000, rounds: 3, warmupOps: 500_000, repeats }
    : { opsPerRound: 2_000_000, rounds: 5, warmupOps: 1_000_000, repeats };

  const ours = new Set(queueImplementations.map((i) => i.name));
  const samples = new Map<string, number[]>();
  const checksums = new Map<string, Map<number, string[]>>();
  const ratio = new Map<string, { fq: number[]; hj: number[]; fqf: number[] }>();
  const cell = (q: string, n: number, d: string) => `${q}|${n}|${d}`;

  for (let rep = 0; rep < repeats; rep++) {
    for (const dist of dists) {
      for (const n of ns) {
        // Queues of one cell run back to back (rotated per repeat) so their ratios share the machine's mood.
        const order = queues.map((_, i) => queues[(i + rep) % queues.length]!);
        const got = new Map<string, number>();
        for (const q of order) {
          const r = runWorker(q, n, dist, settings.opsPerRound, settings.rounds, settings.warmupOps);
          got.set(q, r.opsPerSec);
          const key = cell(q, n, dist);
          samples.set(key, [...(samples.get(key) ?? []), r.opsPerSec]);
          const byN = checksums.get(`${n}|${dist}`) ?? new Map<number, string[]>();
          byN.set(r.checksum, [...(byN.get(r.checksum) ?? []), q]);
          checksums.set(`${n}|${dist}`, byN);
          log(`  ${dist.padEnd(7)} n=${String(n).padEnd(7)} ${q.padEnd(18)} ${(r.opsPerSec / 1e6).toFixed(2)} Mops/s`);
        }
        for (const q of order) {
          const key = cell(q, n, dist);
          const x = ratio.get(key) ?? { fq: [], hj: [], fqf: [] };
          x.fq.push(got.get(q)! / got.get("flatqueue")!);
          x.hj.push(got.get(q)! / got.get("heap-js")!);
          x.fqf.push(got.get(q)! / got.get("flatqueue-fixed")!);
          ratio.set(key, x);
        }
      }
    }
  }

  const rows: EventQueueBenchRow[] = [];
  for (const dist of dists) {
    for (const n of ns) {
      for (const q of queues) {
        const key = cell(q, n, dist);
        const runs = samples.get(key) ?? [];
        const r = ratio.get(key)!;
        rows.push({
          queue: q,
          isDefault: q === defaultImpl,
          ours: ours.has(q),
          n,
          dist,
          opsPerSec: Math.round(median(runs)),
          runs: runs.map(Math.round),
          ratioToFlatqueue: +median(r.fq).toFixed(3),
          ratioToFlatqueueRange: [+Math.min(...r.fq).toFixed(3), +Math.max(...r.fq).toFixed(3)],
          ratioToHeapJs: +median(r.hj).toFixed(3),
          ratioToFlatqueueFixed: +median(r.fqf).toFixed(3),
        });
      }
    }
  }
  const checksumMismatches: string[] = [];
  for (const [nd, byChecksum] of checksums) {
    if (byChecksum.size > 1) checksumMismatches.push(`${nd}: ${JSON.stringify([...byChecksum.values()])}`);
  }

  log("");
  log(`hold model, median Mops/s (ratio to flatqueue${repeats > 1 ? " [min..max over repeats]" : ""}); * = default`);
  for (const dist of dists) {
    log(`\n${dist}`);
    log(`${"queue".padEnd(20)}${ns.map((n) => `n=${n}`.padStart(28)).join("")}`);
    for (const q of queues) {
      const cells = ns.map((n) => {
        const row = rows.find((x) => x.queue === q && x.n === n && x.dist === dist)!;
        const range = repeats > 1 ? ` [${row.ratioToFlatqueueRange[0]}..${row.ratioToFlatqueueRange[1]}]` : "";
        return `${(row.opsPerSec / 1e6).toFixed(2)} (${row.ratioToFlatqueue.toFixed(2)}x${range})`.padStart(28);
      });
      log(`${(q === defaultImpl ? `${q} *` : q).padEnd(20)}${cells.join("")}`);
    }
  }
  if (checksumMismatches.length > 0) log(`\nCHECKSUM MISMATCH (queues popped different times): ${checksumMismatches}`);

  const cpu = cpus();
  const result: EventQueueBenchResult = {
    machine: { cpus: cpu.length, model: cpu[0]?.model, node: process.version },
    date: new Date().toISOString(),
    quick,
    settings,
    defaultQueue: defaultImpl,
    rows,
    checksumMismatches,
  };
  const out =
    options.out === undefined ? fileURLToPath(new URL("./results/event-queue.json", import.meta.url)) : options.out;
  if (out !== null) {
    mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
    writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
    log(`\nwrote ${out}`);
  }
  return result;
}

/** Parses `--flag value` lists from the command line. */
function argList(name: string): string[] | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? "").split(",").filter(Boolean) : undefined;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const repeat = argList("--repeat");
  await runEventQueueBench({
    quick: process.argv.includes("--quick"),
    repeats: repeat ? Number(repeat[0]) : 1,
    queues: argList("--queues"),
    ns: argList("--n")?.map(Number),
    dists: argList("--dists") as Dist[] | undefined,
  });
}
