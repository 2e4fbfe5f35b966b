/**
 * Distributed scale-out on this machine: the same experiment on 1 and on 2 `gatesim worker` processes
 * (one pool thread each, so the ratio measures adding a process), against a local 1-thread run. Starts
 * its own redis-server on a free loopback port and its own worker processes, checks the distributed
 * aggregates are bit-identical to the local one, and writes `bench/results/distributed.json`.
 *
 *   node --import tsx bench/distributed.bench.ts [--quick]
 */
import { mkdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import { join } from "node:path";
import { BullMqExecutor, InlineExecutor, runExperiment } from "../src/runner/index.js";
import { applyOverrides, compileScenario, loadShippedScenario } from "../src/scenario/index.js";
import { ROOT, spawnWorker, startRedisServer, type WorkerProcess } from "../tests/distributed/redis-fixture.js";

/** What the bench measured. */
export interface DistributedBenchResult {
  scenario: string;
  horizonDays: number;
  replications: number;
  batchSize: number;
  cores: number;
  localInlineMs: number;
  oneWorkerMs: number;
  twoWorkersMs: number;
  /** oneWorkerMs / twoWorkersMs (2 = perfect scaling). */
  speedup: number;
  /** Distributed aggregates equal the local one (timing aside). */
  identical: boolean;
  node: string;
  date: string;
}

/** JSON without timing, for the identity check. */
function withoutTiming(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === "timing" || k === "wallMs" ? undefined : v));
}

/** Runs the bench; `quick` keeps it to a few seconds. */
export async function runDistributedBench({
  quick = false,
}: {
  quick?: boolean;
} = {}): Promise<DistributedBenchResult> {
  const horizonDays = quick ? 60 : 200;
  const replications = quick ? 8 : 16;
  const batchSize = 1;
  const compiled = compileScenario(applyOverrides(loadShippedScenario("mm1"), { horizonDays, warmupDays: 1 }));
  const options = { compiled, replications, seed: "bench" } as const;
  const redis = await startRedisServer();
  const workers: WorkerProcess[] = [];
  const timed = async (label: string, n: number): Promise<{ ms: number; json: string }> => {
    const prefix = `bench-${label}`;
    const started = Array.from({ length: n }, () =>
      spawnWorker(redis.url, ["--concurrency", "1", "--threads", "1", "--prefix", prefix], {
        GATESIM_LOG_LEVEL: "warn",
      }),
    );
    workers.push(...started);
    await Promise.all(started.map((w) => w.ready));
    const executor = new BullMqExecutor({ redisUrl: redis.url, prefix, batchSize, pollMs: 200 });
    try {
      // One warm-up replication per worker (JIT, pool start), not timed.
      await executor.run(Array.from({ length: n }, (_, i) => ({ compiled, seed: "warm", replication: i })));
      const t0 = performance.now();
      const result = await runExperiment({ ...options, executor });
      return { ms: performance.now() - t0, json: withoutTiming(result) };
    } finally {
      await executor.close();
      for (const w of started) w.child.kill("SIGTERM");
      await Promise.all(started.map((w) => w.exited));
    }
  };
  try {
    const t0 = performance.now();
    const local = await runExperiment({ ...options, executor: new InlineExecutor() });
    const localInlineMs = performance.now() - t0;
    const one = await timed("one", 1);
    const two = await timed("two", 2);
    const result: DistributedBenchResult = {
      scenario: "textbook/mm1",
      horizonDays,
      replications,
      batchSize,
      cores: os.availableParallelism(),
      localInlineMs: Math.round(localInlineMs),
      oneWorkerMs: Math.round(one.ms),
      twoWorkersMs: Math.round(two.ms),
      speedup: Number((one.ms / two.ms).toFixed(2)),
      identical: one.json === withoutTiming(local) && two.json === withoutTiming(local),
      node: process.version,
      date: new Date().toISOString(),
    };
    const dir = join(ROOT, "bench/results");
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "distributed.json"), `${JSON.stringify(result, null, 2)}\n`);
    return result;
  } finally {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await redis.stop();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const result = await runDistributedBench({ quick: process.argv.includes("--quick") });
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
}
