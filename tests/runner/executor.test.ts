/**
 * Executors: the conformance suite on inline and on piscina pools; worker crashes (process.exit, out of
 * memory) fail only their replication and the pool keeps working. Fault injection needs
 * GATESIM_TEST_HOOKS=1, set before any pool starts (workers copy the environment at spawn).
 */
process.env.GATESIM_TEST_HOOKS = "1";

import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BatchWorkerHandle,
  BullMqExecutor,
  ErrorCodes,
  InlineExecutor,
  OutcomeCollector,
  PiscinaExecutor,
  type ReplicationTask,
  runReplication,
  startBatchWorker,
  workerSpec,
} from "../../src/runner/index.js";
import { acquireRedis, redisSkipReason, type TestRedis } from "../distributed/redis-fixture.js";
import { executorConformance } from "./executor.case.js";
import { smallMm1 } from "./helpers.js";

executorConformance("inline", () => new InlineExecutor(), { preemptive: false });
executorConformance("piscina, 2 threads, auto batches", () => new PiscinaExecutor({ threads: 2 }), {
  preemptive: true,
});
executorConformance("piscina, 1 thread, batches of 3", () => new PiscinaExecutor({ threads: 1, batchSize: 3 }), {
  preemptive: true,
});

// The distributed executor: Redis from REDIS_URL (database 11) or a throwaway redis-server, and one
// in-process batch worker with its own 2-thread pool. Worker processes and SIGKILL: tests/distributed.
describe.skipIf(redisSkipReason() !== undefined)("BullMQ executor on Redis", () => {
  let redis: TestRedis;
  let worker: BatchWorkerHandle | undefined;
  beforeAll(async () => {
    redis = await acquireRedis(11);
    worker = await startBatchWorker({ redisUrl: redis.url, threads: 2, cancelPollMs: 50 });
  });
  afterAll(async () => {
    await worker?.close(1000);
    await redis?.stop();
  });
  executorConformance(
    "bullmq, 1 worker x 2 threads, auto batches",
    () => new BullMqExecutor({ redisUrl: redis.url, pollMs: 200 }),
    { preemptive: true },
  );
});

describe("PiscinaExecutor crash isolation", () => {
  const pool = new PiscinaExecutor({ threads: 2, batchSize: 4, resourceLimits: { maxOldGenerationSizeMb: 64 } });
  afterAll(async () => {
    await pool.close();
  });
  const compiled = smallMm1(1);
  const tasks = (n: number): ReplicationTask[] =>
    Array.from({ length: n }, (_, i) => ({ compiled, seed: 9, replication: i }));

  it("fails only the replication whose worker called process.exit, and keeps the pool working", async () => {
    const ts = tasks(8);
    (ts[5] as ReplicationTask).__crashForTest = "exit";
    const out = await pool.run(ts);
    expect(out.completed).toBe(7);
    expect(out.failures).toHaveLength(1);
    expect(out.failures[0]?.code).toBe(ErrorCodes.WORKER_CRASHED);
    expect(out.failures[0]?.replication).toBe(5);
    expect(out.failures[0]?.message).toMatch(/worker crashed.*exited with code/);
    expect(out.failures[0]?.message).toContain(compiled.hash);
    const again = await pool.run(tasks(4));
    expect(again.completed).toBe(4);
  });

  it("fails only the replication whose worker ran out of memory", async () => {
    const ts = tasks(3);
    (ts[1] as ReplicationTask).__crashForTest = "oom";
    const out = await pool.run(ts);
    expect(out.completed).toBe(2);
    expect(out.failures[0]?.code).toBe(ErrorCodes.WORKER_CRASHED);
    expect(out.failures[0]?.replication).toBe(1);
  });

  it("rejects use after close", async () => {
    const p = new PiscinaExecutor({ threads: 1 });
    await p.close();
    await expect(p.run(tasks(1))).rejects.toMatchObject({ code: ErrorCodes.EXECUTOR_CLOSED });
  });
});

describe("PiscinaExecutor automatic batches", () => {
  // The pool's threads start lazily enough for these pure sizing checks; close() stops them.
  const pools: PiscinaExecutor[] = [];
  const pool = (threads: number, batchSize?: number) => {
    const p = new PiscinaExecutor(batchSize === undefined ? { threads } : { threads, batchSize });
    pools.push(p);
    return p;
  };
  afterAll(async () => {
    await Promise.all(pools.map((p) => p.close()));
  });

  it("sends one replication per batch until a worker has reported its time", () => {
    expect(pool(2).batchSizeFor(400, undefined)).toBe(1);
  });

  it("packs tiny replications up to 8 per batch and keeps long ones alone", () => {
    const p = pool(2);
    expect(p.batchSizeFor(400, 0.5)).toBe(8);
    expect(p.batchSizeFor(400, 5)).toBe(5);
    expect(p.batchSizeFor(400, 250)).toBe(1);
  });

  it("never leaves a thread with less than a quarter of its share in one batch (load balance)", () => {
    const p = pool(2);
    expect(p.batchSizeFor(24, 0.5)).toBe(3);
    expect(p.batchSizeFor(5, 0.5)).toBe(1);
  });

  it("keeps a fixed batch size when one is given", () => {
    expect(pool(2, 3).batchSizeFor(400, undefined)).toBe(3);
    expect(pool(2, 3).batchSizeFor(2, 250)).toBe(3);
  });
});

describe("OutcomeCollector", () => {
  it("refuses a result of another model version (stale worker code must not mix into an aggregate)", () => {
    const compiled = smallMm1(0.5);
    const task: ReplicationTask = { compiled, seed: 1, replication: 0 };
    const collector = new OutcomeCollector([task], {});
    collector.ok(0, { ...runReplication(compiled, 1, 0), modelVersion: "0.0.0-stale" });
    const out = collector.outcome();
    expect(out.completed).toBe(0);
    expect(out.failures[0]?.code).toBe(ErrorCodes.MODEL_VERSION_MISMATCH);
    expect(out.failures[0]?.message).toContain("0.0.0-stale");
  });
});

describe("workerSpec", () => {
  it("runs the default worker through its ESM entry (a CommonJS-transpiled model is 1.8x slower)", () => {
    const spec = workerSpec();
    expect(spec.filename).toMatch(/worker-entry\.mjs$/);
    // Inherited, not re-parsed: a worker's execArgv refuses V8 options (tests/cli/compare-start.test.ts).
    expect(spec.execArgv).toBeUndefined();
  });

  it("loads the model in a pool thread as ES modules, not CommonJS", async () => {
    const spec = workerSpec();
    const pool = new Piscina({ filename: spec.filename, minThreads: 1, maxThreads: 1 });
    try {
      expect(await pool.run(null, { name: "describeRuntime" })).toEqual({ moduleFormat: "esm", classFields: "assign" });
    } finally {
      await pool.destroy();
    }
  });

  it("compiles class fields by assignment in a process started outside the project (bin/gatesim.js's loader)", () => {
    // tsx would otherwise look for tsconfig.json in the working directory and miss useDefineForClassFields.
    const registerUrl = new URL("../../src/runner/register-tsx.mjs", import.meta.url).href;
    const workerUrl = new URL("../../src/runner/worker.ts", import.meta.url).href;
    const script = [
      `const { registerTsx } = await import(${JSON.stringify(registerUrl)});`,
      "registerTsx();",
      `const { describeRuntime } = await import(${JSON.stringify(workerUrl)});`,
      "process.stdout.write(JSON.stringify(describeRuntime()));",
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
      cwd: tmpdir(),
      encoding: "utf8",
    });
    expect(JSON.parse(out)).toEqual({ moduleFormat: "esm", classFields: "assign" });
  });

  it("adds tsx's loader for an explicit .ts worker when execArgv lacks it (vitest, bin/gatesim.js)", () => {
    const spec = workerSpec(fileURLToPath(new URL("../../src/runner/worker.ts", import.meta.url)));
    expect(spec.filename).toMatch(/worker\.ts$/);
    if (!process.execArgv.some((a) => a.includes("tsx"))) {
      expect(spec.execArgv?.at(-2)).toBe("--import");
      expect(spec.execArgv?.at(-1)).toMatch(/^file:\/\/.*tsx\/dist\/loader\.mjs$/);
    }
  });
});
