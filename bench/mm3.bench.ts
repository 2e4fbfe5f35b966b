/**
 * End-to-end kernel benchmark, side by side with other engines: an M/M/3 station at ρ = 0.9 for
 * 1,000,000 customers through the kernel's public API (bench/kernel/mm3-model.ts), and the same model in
 * every peer this machine can run (SimPy, simmer: bench/peers/), in the same run, interleaved over
 * several rounds (the engines' order rotates each round). Rates are model events per second with two
 * events per customer (arrival and departure) for every engine, whatever each engine schedules inside;
 * each engine's timing covers its simulation run only (the kernel after two untimed warm-up runs, so that
 * V8 has compiled it). The kernel's model and SimPy's sum the waits into their batches as customers start
 * service; simmer's are read from its monitor after the run. Every run's mean wait in queue is checked against
 * Erlang C (inside the 99.9 % batch-means interval). Ratios are taken per round between runs of the same
 * round, then summarized by median and range; nothing is divided by a figure measured elsewhere.
 *
 * Then the kernel's replications on 1 and 2 worker threads, to show that independent replications scale
 * with cores: each thread first runs one replication untimed (so V8 has compiled the model: this is the
 * steady-state throughput), and rounds alternate 1 and 2 threads (bench/scaling.ts).
 *
 * Run: node --import tsx bench/mm3.bench.ts [--quick] [--rounds N] [--no-install] [--no-parallel]
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { studentTQuantile } from "../src/stats/index.js";
import { erlangCWaitMean, MM3_ARRIVAL_RATE, MM3_SERVERS, type Mm3Run, runMm3Kernel } from "./kernel/mm3-model.js";
import { findPeers, type Peer } from "./peers/peers.js";
import { alternateRounds, round2, spread } from "./scaling.js";

/** The kernel, as a peer of the others (runs in this process, after one untimed warm-up run). */
const kernel: Peer = {
  name: "gatesim kernel",
  describe: `gatesim kernel (Node ${process.versions.node})`,
  run: async (customers, seed) => {
    // While the peers run (seconds each), this process idles and V8's memory reducer collects garbage and
    // may drop compiled code: measured right after that, the kernel ran 25-35 % slower than in the round
    // before (5.7-6.3 against 8.7 M events/s; with --no-memory-reducer 7.3-8.6). An untimed run first
    // measures every round in the steady state, as the first one is. It is of the measured size: after an
    // untimed run of 200,000 customers the later rounds still ran at 5.9-7.0 against 9.9 M events/s in the
    // first (2026-12-07, 5 rounds); with a full-size one, 8.5-9.9.
    runMm3Kernel(customers, 2_000 + seed);
    return runMm3Kernel(customers, seed);
  },
};

/** Erlang C check of one run: the closed form inside the 99.9 % batch-means interval of the mean wait. */
function checkWait(r: Mm3Run) {
  const n = r.waitBatchMeans.length;
  const m = r.waitBatchMeans.reduce((a, b) => a + b, 0) / n;
  const sd = Math.sqrt(r.waitBatchMeans.reduce((a, b) => a + (b - m) ** 2, 0) / (n - 1));
  const halfWidth = (studentTQuantile(0.9995, n - 1) * sd) / Math.sqrt(n);
  const expected = erlangCWaitMean(MM3_SERVERS, MM3_ARRIVAL_RATE);
  return {
    waitMean: +r.waitMean.toFixed(4),
    halfWidth999: +halfWidth.toFixed(4),
    erlangC: +expected.toFixed(4),
    ok: Math.abs(r.waitMean - expected) <= halfWidth,
  };
}

/** Runs `replications` M/M/3 replications split over `workers` threads; returns wall ms after all are ready. */
async function runInWorkers(workers: number, replications: number, customers: number): Promise<number> {
  const perWorker = Math.ceil(replications / workers);
  const entry = new URL("./kernel/mm3-worker.ts", import.meta.url).href;
  const registerUrl = new URL("../src/runner/register-tsx.mjs", import.meta.url).href;
  // A .ts file cannot be a worker's main script; a tiny bootstrap registers tsx's loader (with the
  // project's tsconfig, as the product's pool threads do), then imports it.
  const boot = `import(${JSON.stringify(registerUrl)}).then((m) => { m.registerTsx(); return import(${JSON.stringify(entry)}); })`;
  const threads = Array.from(
    { length: workers },
    (_, w) =>
      new Worker(boot, {
        eval: true,
        workerData: {
          from: w * perWorker,
          to: Math.min(replications, (w + 1) * perWorker),
          customers,
          warmCustomers: customers,
        },
      }),
  );
  const next = (t: Worker) =>
    new Promise<unknown>((resolve, reject) => {
      t.once("message", resolve);
      t.once("error", reject);
    });
  // Thread start-up, module loading and the JIT warm-up are not part of the measurement: wait until every
  // thread is ready.
  await Promise.all(threads.map(next));
  const t0 = performance.now();
  const done = threads.map(next);
  for (const t of threads) t.postMessage("go");
  await Promise.all(done);
  const wallMs = performance.now() - t0;
  await Promise.all(threads.map((t) => t.terminate()));
  return wallMs;
}

/** Options of {@link runMm3Bench}. */
export interface Mm3BenchOptions {
  quick?: boolean;
  /** Rounds of the side-by-side comparison (default 5, quick 2). */
  rounds?: number;
  /** Install missing peers when possible (default true). */
  install?: boolean;
  /** Also measure 1 vs 2 threads (default true). */
  parallel?: boolean;
}

/** Runs the M/M/3 benchmark and returns the JSON it writes to bench/results/mm3.json. */
export async function runMm3Bench(options: Mm3BenchOptions = {}) {
  const customers = options.quick ? 100_000 : 1_000_000;
  const rounds = options.rounds ?? (options.quick ? 2 : 5);
  const { peers, missing } = await findPeers({ install: options.install ?? true, log: (l) => console.log(l) });
  for (const m of missing) console.log(`  not run: ${m.name}: ${m.reason}`);
  const engines = [kernel, ...peers];
  // Warm-up of the JIT: two runs of the measured size (seeds 1000, 1001: not measured ones). After one
  // run of 100,000 customers the first measured round was still ~10 % slower than the next.
  for (let w = 0; w < 2; w++) runMm3Kernel(customers, 1_000 + w);
  const runs: Mm3Run[][] = engines.map(() => []);
  for (let k = 0; k < rounds; k++) {
    // Rotate the order so that no engine always runs right after another one's burst of CPU.
    for (let j = 0; j < engines.length; j++) {
      const e = (j + k) % engines.length;
      runs[e]!.push(await (engines[e] as Peer).run(customers, k + 1));
    }
  }
  const rate = (r: Mm3Run) => (2 * r.customers) / r.wallSeconds;
  const kernelRates = runs[0]!.map(rate);
  const result = {
    bench: "mm3",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, model: cpus()[0]?.model, availableParallelism: availableParallelism() },
    model: `M/M/${MM3_SERVERS}, rho = ${MM3_ARRIVAL_RATE / MM3_SERVERS}, ${customers} customers, 2 model events per customer`,
    rounds,
    engines: engines.map((e, i) => ({
      name: e.name,
      describe: e.describe,
      eventsPerSecond: spread(runs[i]!.map(rate)),
      wallSeconds: runs[i]!.map((r) => +r.wallSeconds.toFixed(3)),
      waitCheck: runs[i]!.map(checkWait),
    })),
    ratios: Object.fromEntries(
      peers.map((p, i) => [
        p.name,
        spread(
          kernelRates.map((kr, k) => kr / rate(runs[i + 1]![k]!)),
          1,
        ),
      ]),
    ),
    notRun: missing,
    parallel: undefined as unknown,
  };
  console.log(`M/M/3 ρ=0.9, ${customers} customers, ${rounds} interleaved rounds (model events/s, median [range]):`);
  for (const e of result.engines) {
    const s = e.eventsPerSecond;
    const bad = e.waitCheck.filter((c) => !c.ok).length;
    const waits = e.waitCheck.map((c) => c.waitMean).join(", ");
    console.log(
      `  ${e.describe}: ${s.median} [${s.min}–${s.max}]; mean waits ${waits} (Erlang C ${e.waitCheck[0]?.erlangC}${bad ? `, ${bad} OUTSIDE the 99.9 % interval` : ", all within 99.9 % intervals"})`,
    );
  }
  for (const [peer, r] of Object.entries(result.ratios)) {
    console.log(`  kernel / ${peer}: ${r.median}× [${r.min}–${r.max}] (per-round ratios)`);
  }
  if (options.parallel ?? true) {
    const reps = options.quick ? 4 : 8;
    const repCustomers = options.quick ? 100_000 : 400_000;
    const parallel = await alternateRounds(options.quick ? 1 : 5, (threads) =>
      runInWorkers(threads, reps, repCustomers),
    );
    result.parallel = {
      replications: reps,
      customersPerReplication: repCustomers,
      ...parallel,
      target: "speedup >= 1.8",
      meetsTarget: parallel.speedup >= 1.8,
    };
    console.log(
      `  ${reps} replications: 1 worker ${parallel.oneThreadMs} ms, 2 workers ${parallel.twoThreadsMs} ms, speed-up ${round2(parallel.speedup)}× (medians of ${parallel.rounds.length}; machine capacity ${parallel.machineParallelCapacity.before}/${parallel.machineParallelCapacity.after})`,
    );
  }
  writeFileSync(new URL("./results/mm3.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const argv = process.argv;
  const roundsAt = argv.indexOf("--rounds");
  await runMm3Bench({
    quick: argv.includes("--quick"),
    ...(roundsAt >= 0 ? { rounds: Number(argv[roundsAt + 1]) } : {}),
    install: !argv.includes("--no-install"),
    parallel: !argv.includes("--no-parallel"),
  });
}
