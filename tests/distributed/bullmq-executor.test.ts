/**
 * The BullMQ executor against a real Redis, with an in-process batch worker (its own piscina pool):
 * the executor conformance suite, bit-identical experiments, the wire codec, `createExecutor`, and the
 * bounded errors when Redis is unreachable or no worker serves the queue. Worker processes, SIGKILL and
 * retries are in processes.test.ts. Fault injection needs GATESIM_TEST_HOOKS=1 before any pool starts.
 */
process.env.GATESIM_TEST_HOOKS = "1";

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { decode, encode } from "../../src/runner/distributed/protocol.js";
import {
  type BatchWorkerHandle,
  BullMqExecutor,
  createExecutor,
  DistributedErrorCodes,
  InlineExecutor,
  PiscinaExecutor,
  runExperiment,
  startBatchWorker,
} from "../../src/runner/index.js";
import { executorConformance } from "../runner/executor.case.js";
import { smallMm1, withoutTiming } from "../runner/helpers.js";
import { acquireRedis, freePort, redisSkipReason, type TestRedis } from "./redis-fixture.js";

const skip = redisSkipReason();
if (skip !== undefined) console.warn(`distributed tests skipped: ${skip}`);

describe.skipIf(skip !== undefined)("BullMqExecutor with an in-process worker", () => {
  let redis: TestRedis;
  let worker: BatchWorkerHandle;
  const executors: BullMqExecutor[] = [];
  const make = (options: Partial<ConstructorParameters<typeof BullMqExecutor>[0]> = {}) => {
    const e = new BullMqExecutor({ redisUrl: redis.url, pollMs: 200, ...options });
    executors.push(e);
    return e;
  };

  beforeAll(async () => {
    redis = await acquireRedis(12);
    worker = await startBatchWorker({ redisUrl: redis.url, concurrency: 2, threads: 2, cancelPollMs: 50 });
  });
  afterAll(async () => {
    await Promise.all(executors.map((e) => e.close()));
    await worker?.close(1000);
    await redis?.stop();
  });

  // The auto-batch variant is registered with the other executors in tests/runner/executor.test.ts.
  executorConformance("bullmq, batches of 3", () => make({ batchSize: 3 }), { preemptive: true });

  it("gives an experiment bit-identical to a local run (results and aggregate, timing aside)", async () => {
    const compiled = smallMm1(2);
    const local = await runExperiment({ compiled, replications: 6, seed: "det", executor: new InlineExecutor() });
    const ticks: number[] = [];
    const remote = await runExperiment({
      compiled,
      replications: 6,
      seed: "det",
      executor: make({ batchSize: 4 }),
      onProgress: (p) => ticks.push(p.done),
    });
    expect(withoutTiming(remote)).toBe(withoutTiming(local));
    expect(ticks.at(-1)).toBe(6);
  });
});

describe("wire codec", () => {
  it("keeps what JSON would lose (NaN, ±Infinity, -0, undefined entries) bit for bit", () => {
    const value = { a: Number.NaN, b: Number.POSITIVE_INFINITY, c: -0, d: [1.1, undefined, -Number.MAX_VALUE], e: "x" };
    const back = decode<typeof value>(encode(value));
    expect(Number.isNaN(back.a)).toBe(true);
    expect(back.b).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(back.c, -0)).toBe(true);
    expect(back.d).toEqual([1.1, undefined, -Number.MAX_VALUE]);
  });
});

describe("createExecutor", () => {
  it("selects BullMQ for a Redis URL, else the local pool (inline for 0 threads)", async () => {
    const b = createExecutor({ redisUrl: "redis://127.0.0.1:1" });
    const p = createExecutor({ threads: 1 });
    const i = createExecutor({ threads: 0 });
    expect([b.name, p.name, i.name]).toEqual(["bullmq", "piscina", "inline"]);
    expect(p).toBeInstanceOf(PiscinaExecutor);
    await Promise.all([b.close(), p.close(), i.close()]);
  });

  it("refuses a URL that is not redis:// or rediss://", () => {
    expect(() => createExecutor({ redisUrl: "http://x" })).toThrow(/redis:\/\/host:6379/);
  });
});

describe("Redis unreachable", () => {
  it("fails a run with GATESIM_ERR_REDIS_UNAVAILABLE naming the URL, within the bound; local runs still work", async () => {
    const port = await freePort();
    const url = `redis://:secret@127.0.0.1:${port}`;
    // A run waits for Redis as long as a running run would (redisLostMs), then fails.
    const executor = new BullMqExecutor({ redisUrl: url, connectTimeoutMs: 1000, redisLostMs: 2000 });
    const compiled = smallMm1(1);
    const started = performance.now();
    const err = await executor.run([{ compiled, seed: 1, replication: 0 }]).then(
      () => undefined,
      (e: unknown) => e as { code?: string; message?: string },
    );
    expect(performance.now() - started).toBeLessThan(5000);
    expect(err?.code).toBe(DistributedErrorCodes.REDIS_UNAVAILABLE);
    expect(err?.message).toContain(`127.0.0.1:${port}`);
    expect(err?.message).not.toContain("secret");
    await executor.close();
    const local = await runExperiment({ compiled, replications: 2, seed: 1, executor: new InlineExecutor() });
    expect(local.replications).toBe(2);
  });

  it("refuses to start a worker, with the same code", async () => {
    const port = await freePort();
    const err = await startBatchWorker({ redisUrl: `redis://127.0.0.1:${port}` }).then(
      async (w) => {
        await w.close(0);
        return undefined;
      },
      (e: unknown) => e as { code?: string },
    );
    expect(err?.code).toBe(DistributedErrorCodes.REDIS_UNAVAILABLE);
  });
});

describe.skipIf(skip !== undefined)("no worker", () => {
  it("fails a run with GATESIM_ERR_NO_WORKERS instead of waiting forever, and leaves no job behind", async () => {
    const redis = await acquireRedis(13);
    // A prefix of its own: workers of other test files on the same server must not count.
    const prefix = `gatesim-noworkers-${process.pid}`;
    const executor = new BullMqExecutor({ redisUrl: redis.url, prefix, pollMs: 100, noWorkersMs: 600 });
    try {
      const err = await executor.run([{ compiled: smallMm1(1), seed: 1, replication: 0 }]).then(
        () => undefined,
        (e: unknown) => e as { code?: string; message?: string },
      );
      expect(err?.code).toBe(DistributedErrorCodes.NO_WORKERS);
      expect(err?.message).toContain("gatesim worker");
    } finally {
      await executor.close();
      await redis.stop();
    }
  });
});
