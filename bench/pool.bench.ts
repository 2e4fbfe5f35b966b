/**
 * Pool benchmark: (1) 20 replications of 30 days of the baseline on a 1-thread vs a 2-thread piscina
 * pool (target: 2 threads take at most 1/1.8 of the 1-thread time), in two regimes:
 *   - warm: each pool has already run the model (2 replications per thread with another seed), as the
 *     server's long-lived pool has after its first run: the steady-state throughput;
 *   - cold: fresh threads that have loaded the code but never run the gate model, as the first
 *     experiment of a `gatesim run`: each thread pays V8's optimizing compiler for the model (about
 *     0.7 s of compile per thread, measured with --trace-opt), which on 2 cores competes with the
 *     simulations themselves.
 *   Thread start-up is timed separately in both. Rounds alternate 1 and 2 threads (bench/scaling.ts).
 * (2) dispatch overhead per replication: tiny replications through a 1-thread pool against the same
 * replications inline (target: < 5 ms each), with one replication per task and with automatic batches.
 * Run: `node --import tsx bench/pool.bench.ts [--quick]`; writes bench/results/pool.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  InlineExecutor,
  PiscinaExecutor,
  type PiscinaExecutorOptions,
  type ReplicationExecutor,
  type ReplicationTask,
} from "../src/runner/index.js";
import { applyOverrides, type CompiledScenario, compileScenario, loadShippedScenario } from "../src/scenario/index.js";
import { alternateRounds, median } from "./scaling.js";

/** Options of the pool benchmark. */
export interface PoolBenchOptions {
  /** Smaller sizes for a smoke run. */
  quick?: boolean;
}

/** Wall time of running the tasks once; fails loudly if any replication fails. */
async function timeRun(executor: ReplicationExecutor, tasks: ReplicationTask[]): Promise<number> {
  const t0 = performance.now();
  const out = await executor.run(tasks);
  const ms = performance.now() - t0;
  if (out.completed !== tasks.length)
    throw new Error(`bench: ${tasks.length - out.completed} replication(s) failed: ${out.failures[0]?.message}`);
  return ms;
}

/** Tasks for replications 0..n-1. */
function tasksOf(compiled: CompiledScenario, n: number, seed: number | string = 1): ReplicationTask[] {
  return Array.from({ length: n }, (_, i) => ({ compiled, seed, replication: i }));
}

/**
 * Starts a pool and waits until each thread has loaded the code (a tiny replication per thread, twice
 * over); returns it with that start-up time. With `model`, each thread then also runs two replications
 * of it (another seed) so that V8 has compiled the model before the clock starts.
 */
async function startPool(
  options: PiscinaExecutorOptions,
  tiny: CompiledScenario,
  model?: CompiledScenario,
): Promise<{ pool: PiscinaExecutor; startupMs: number }> {
  const threads = options.threads ?? 1;
  const t0 = performance.now();
  const pool = new PiscinaExecutor(options);
  await pool.run(tasksOf(tiny, threads * 2, "warm"));
  const startupMs = performance.now() - t0;
  if (model) await pool.run(tasksOf(model, threads * 2, "warm"));
  return { pool, startupMs };
}

/** Runs the benchmark and writes bench/results/pool.json; returns the figures. */
export async function runPoolBench(options: PoolBenchOptions = {}) {
  const quick = options.quick === true;
  const replications = quick ? 6 : 20;
  const days = quick ? 10 : 30;
  const rounds = quick ? 1 : 5;
  const baseline = compileScenario(
    applyOverrides(loadShippedScenario("baseline-2026q1"), { horizonDays: days, warmupDays: 3 }),
  );
  const tiny = compileScenario(applyOverrides(loadShippedScenario("mm1"), { horizonDays: 0.02, warmupDays: 0 }));
  const baselineTasks = tasksOf(baseline, replications);
  const capacityIterations = quick ? 2e8 : 5e8;

  // (1) scaling, warm then cold; each measurement starts its own pool and closes it.
  const startup: Record<1 | 2, number[]> = { 1: [], 2: [] };
  const measure = (warm: boolean) => async (threads: 1 | 2) => {
    const { pool, startupMs } = await startPool({ threads }, tiny, warm ? baseline : undefined);
    startup[threads].push(startupMs);
    try {
      return await timeRun(pool, baselineTasks);
    } finally {
      await pool.close();
    }
  };
  const warm = await alternateRounds(rounds, measure(true), capacityIterations);
  const cold = await alternateRounds(rounds, measure(false), capacityIterations);

  // (2) dispatch overhead: tiny replications, 1 thread vs inline (best of 3 to damp noise on shared cores).
  const nTiny = quick ? 100 : 400;
  const tinyTasks = tasksOf(tiny, nTiny);
  const inline = new InlineExecutor();
  await timeRun(inline, tinyTasks.slice(0, 20));
  const best = async (ex: ReplicationExecutor) => {
    const times: number[] = [];
    for (let k = 0; k < 3; k++) times.push(await timeRun(ex, tinyTasks));
    return Math.min(...times);
  };
  const inlineMs = await best(inline);
  const single = await startPool({ threads: 1, batchSize: 1 }, tiny);
  const singleMs = await best(single.pool);
  await single.pool.close();
  const batched = await startPool({ threads: 1 }, tiny);
  const batchedMs = await best(batched.pool);
  await batched.pool.close();

  const result = {
    machine: { cpus: os.cpus().length, availableParallelism: os.availableParallelism(), node: process.version },
    scaling: {
      scenario: baseline.name,
      replications,
      horizonDays: days,
      target: "2 threads take at most 1/1.8 of the 1-thread time (speedup >= 1.8)",
      warm: { ...warm, meetsTarget: warm.speedup >= 1.8 },
      cold: { ...cold, meetsTarget: cold.speedup >= 1.8 },
      threadStartupMs: { one: Math.round(median(startup[1])), two: Math.round(median(startup[2])) },
    },
    dispatch: {
      replications: nTiny,
      inlineMsPerReplication: round3(inlineMs / nTiny),
      poolMsPerReplication: round3(singleMs / nTiny),
      overheadMsPerReplication: round3((singleMs - inlineMs) / nTiny),
      batchedPoolMsPerReplication: round3(batchedMs / nTiny),
      batchedOverheadMsPerReplication: round3((batchedMs - inlineMs) / nTiny),
      target: "overhead < 5 ms per replication",
      meetsTarget: (singleMs - inlineMs) / nTiny < 5,
    },
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "pool.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

/** Rounds to 3 decimals for the JSON report. */
function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runPoolBench({ quick: process.argv.includes("--quick") });
  console.log(JSON.stringify(r, null, 2));
}
