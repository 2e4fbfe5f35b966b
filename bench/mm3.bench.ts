/**
 * End-to-end kernel benchmark: an M/M/3 station at utilization 0.9 for 1,000,000 customers, built only on
 * the kernel's public API (tests/kernel/station.ts), reported in model events per second. Then the same
 * replications on 1 and 2 worker threads, to show that independent replications scale with cores: each
 * thread first runs one replication of the same size untimed (so V8 has compiled the model: this is the
 * steady-state throughput), and rounds alternate 1 and 2 threads (bench/scaling.ts).
 *
 * Run: node --import tsx bench/mm3.bench.ts [--quick]
 */
import { writeFileSync } from "node:fs";
import { availableParallelism, cpus } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { runMm3Once } from "./kernel/mm3-model.js";
import { alternateRounds } from "./scaling.js";

/** Reference figures measured on this machine on the same model (from the issue; not re-run here). */
export const MM3_PEERS_EVENTS_PER_SECOND = {
  "SimPy 4.1.2": 65_000,
  "simmer 4.4.6": 196_000,
  "hand-written JS prototype (callbacks)": 6_600_000,
  "hand-written JS prototype (generators)": 2_800_000,
};

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

/** Runs the M/M/3 benchmark and returns the JSON it writes to bench/results/mm3.json. */
export async function runMm3Bench(options: { quick?: boolean } = {}) {
  const customers = options.quick ? 200_000 : 1_000_000;
  runMm3Once(100_000); // warm-up of the JIT
  const rounds = options.quick ? 3 : 5;
  const rates: number[] = [];
  let events = 0;
  for (let i = 0; i < rounds; i++) {
    const r = runMm3Once(customers, i);
    events = r.events;
    rates.push(r.events / (r.wallMs / 1000));
  }
  rates.sort((a, b) => a - b);
  const eventsPerSecond = rates[Math.floor(rates.length / 2)] as number;
  const reps = options.quick ? 4 : 8;
  const repCustomers = options.quick ? 100_000 : 400_000;
  const parallel = await alternateRounds(options.quick ? 1 : 5, (threads) => runInWorkers(threads, reps, repCustomers));
  const result = {
    bench: "mm3",
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, availableParallelism: availableParallelism(), node: process.version },
    customers,
    eventsPerRun: events,
    eventsPerSecond: Math.round(eventsPerSecond),
    eventsPerSecondRounds: rates.map(Math.round),
    ratioToPeers: Object.fromEntries(
      Object.entries(MM3_PEERS_EVENTS_PER_SECOND).map(([k, v]) => [k, +(eventsPerSecond / v).toFixed(2)]),
    ),
    parallel: {
      replications: reps,
      customersPerReplication: repCustomers,
      ...parallel,
      target: "speedup >= 1.8",
      meetsTarget: parallel.speedup >= 1.8,
    },
  };
  writeFileSync(new URL("./results/mm3.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
  const r = result;
  console.log(`M/M/3 ρ=0.9, ${r.customers} customers: ${(r.eventsPerSecond / 1e6).toFixed(2)} M events/s`);
  for (const [peer, ratio] of Object.entries(r.ratioToPeers)) console.log(`  ${ratio}× ${peer}`);
  console.log(
    `  ${r.parallel.replications} replications: 1 worker ${r.parallel.oneThreadMs} ms, 2 workers ${r.parallel.twoThreadsMs} ms, speed-up ${r.parallel.speedup}× (medians of ${r.parallel.rounds.length}; machine capacity ${r.parallel.machineParallelCapacity.before}/${r.parallel.machineParallelCapacity.after})`,
  );
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  await runMm3Bench({ quick: process.argv.includes("--quick") });
}
