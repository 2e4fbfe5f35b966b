/**
 * Redis faults (issue 14, items 4, 6, 7, 8), each against a throwaway redis-server of its own:
 * - restarted empty mid-run: the lost jobs are found and resubmitted; the run completes, bit-identical to
 *   a local one (it used to hang forever);
 * - gone long enough to fail the run, then back with its jobs (persistence): no job of that run executes
 *   (a worker discards them: the run's heartbeat has expired) and none is left in Redis;
 * - no worker: the API shows the run waiting for a worker, /health says so, and a worker that comes
 *   later completes it;
 * - a results copy per replication: events carry no results, and nothing of a run stays in Redis;
 * - refused credentials and failed TLS are told apart from no answer; workers log a lost Redis at warn.
 */
process.env.GATESIM_TEST_HOOKS = "1";

import { Redis } from "ioredis";
import { afterAll, describe, expect, it } from "vitest";
import { buildApp, type GatesimApp } from "../../src/api/index.js";
import {
  type BatchWorkerHandle,
  BullMqExecutor,
  DistributedErrorCodes,
  InlineExecutor,
  pingRedis,
  runExperiment,
  startBatchWorker,
} from "../../src/runner/index.js";
import { SqliteRunStore } from "../../src/store/index.js";
import { TINY_RUN, waitForRun } from "../api/helpers.js";
import { smallMm1, withoutTiming } from "../runner/helpers.js";
import { hasRedisServer, type RedisServer, startRedisServer } from "./redis-fixture.js";

const skip = !hasRedisServer();
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

/** A Redis of this test's own, stopped after the file. */
async function ownRedis(options: Parameters<typeof startRedisServer>[0] = {}): Promise<RedisServer> {
  const r = await startRedisServer(options);
  cleanup.push(() => r.stop());
  return r;
}

/** An in-process worker with fast lock settings whose log lines are kept. */
async function worker(url: string, logs: string[] = []): Promise<BatchWorkerHandle> {
  const w = await startBatchWorker({
    redisUrl: url,
    threads: 1,
    concurrency: 1,
    lockDurationMs: 1000,
    stalledIntervalMs: 500,
    cancelPollMs: 50,
    log: (level, event) => logs.push(`${level} ${event}`),
  });
  cleanup.push(() => w.close(0));
  return w;
}

/** Jobs of the default queue that could still run. */
async function runnableJobs(url: string): Promise<number> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const [w, a, d, p] = await Promise.all([
      client.llen("gatesim:batches:wait"),
      client.llen("gatesim:batches:active"),
      client.zcard("gatesim:batches:delayed"),
      client.zcard("gatesim:batches:prioritized"),
    ]);
    return w + a + d + p;
  } finally {
    client.disconnect();
  }
}

describe.skipIf(skip)("Redis faults", () => {
  it("restarted empty mid-run: lost jobs are resubmitted and the run completes, identical to a local run", async () => {
    const redis = await ownRedis();
    await worker(redis.url);
    const executor = new BullMqExecutor({ redisUrl: redis.url, batchSize: 1, pollMs: 200 });
    cleanup.push(() => executor.close());
    const compiled = smallMm1(40);
    const options = { compiled, replications: 6, seed: "restart" } as const;
    let restart: Promise<unknown> | undefined;
    const remote = await runExperiment({
      ...options,
      executor,
      onProgress: (p) => {
        if (restart === undefined && p.done >= 1)
          restart = redis.kill().then(() => startRedisServer({ port: redis.port, dir: redis.dir }));
      },
    });
    await restart;
    expect(restart).toBeDefined();
    const local = await runExperiment({ ...options, executor: new InlineExecutor() });
    expect(withoutTiming(remote)).toBe(withoutTiming(local));
  }, 120_000);

  it("a run failed by a dead Redis leaves no job that runs when Redis comes back with its data", async () => {
    const redis = await ownRedis({ persistence: true });
    const executor = new BullMqExecutor({
      redisUrl: redis.url,
      batchSize: 1,
      pollMs: 200,
      redisLostMs: 1500,
      aliveTtlMs: 1500,
      noWorkersMs: 0,
    });
    cleanup.push(() => executor.close());
    const tasks = [0, 1, 2, 3].map((replication) => ({ compiled: smallMm1(2), seed: 5, replication }));
    const outcome = executor.run(tasks).then(
      () => undefined,
      (e: unknown) => e as { code?: string },
    );
    // No worker yet: the four jobs wait. Then Redis dies with them on disk.
    const deadline = Date.now() + 10_000;
    while ((await runnableJobs(redis.url)) < 4 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await redis.kill();
    expect((await outcome)?.code).toBe(DistributedErrorCodes.REDIS_UNAVAILABLE);
    await startRedisServer({ port: redis.port, dir: redis.dir, persistence: true });
    const logs: string[] = [];
    const late = await worker(redis.url, logs);
    const clean = Date.now() + 15_000;
    while ((await runnableJobs(redis.url)) > 0 && Date.now() < clean) await new Promise((r) => setTimeout(r, 100));
    expect(await runnableJobs(redis.url)).toBe(0);
    expect(late.stats.replications).toBe(0);
    expect(logs.filter((l) => l.includes("batch started"))).toEqual([]);
  }, 60_000);

  it("leaves nothing of a finished run in Redis, and no result in the event stream", async () => {
    const redis = await ownRedis();
    await worker(redis.url);
    const executor = new BullMqExecutor({ redisUrl: redis.url, batchSize: 2, pollMs: 200 });
    cleanup.push(() => executor.close());
    const run = await runExperiment({ compiled: smallMm1(5), replications: 4, seed: 3, executor });
    expect(run.replications).toBe(4);
    const client = new Redis(redis.url);
    try {
      await new Promise((r) => setTimeout(r, 500)); // the cleanup runs as the run ends
      expect(await client.keys("gatesim:results:*")).toEqual([]);
      expect(await client.keys("gatesim:alive:*")).toEqual([]);
      expect(await runnableJobs(redis.url)).toBe(0);
      const events = (await client.xrange("gatesim:batches:events", "-", "+")) as [string, string[]][];
      expect(events.length).toBeGreaterThan(0);
      const largest = Math.max(...events.map(([, fields]) => fields.join("").length));
      expect(largest).toBeLessThan(600); // a result is tens of kB: none rides on an event
    } finally {
      client.disconnect();
    }
  }, 60_000);

  it("shows a run waiting for a worker in the API and /health, and completes it when one comes", async () => {
    const redis = await ownRedis();
    const app: GatesimApp = await buildApp({
      store: new SqliteRunStore({ filename: ":memory:" }),
      redisUrl: redis.url,
      rateLimit: false,
      webRoot: false,
    });
    cleanup.push(() => app.close());
    const created = (await app.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    let view = created;
    const deadline = Date.now() + 10_000;
    while (view.waitingFor == null && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 100));
      view = (await app.inject({ method: "GET", url: `/runs/${created.id}` })).json();
    }
    expect(view).toMatchObject({ status: "running", waitingFor: expect.stringMatching(/^waiting for a worker/) });
    const health = (await app.inject({ method: "GET", url: "/health" })).json();
    expect(health).toMatchObject({
      status: "degraded",
      runs: { running: 1, waitingForWorker: 1 },
      executor: { kind: "redis", ok: false, workers: 0 },
    });
    await worker(redis.url);
    const done = await waitForRun(app, created.id, 30_000);
    expect(done).toMatchObject({ status: "succeeded", waitingFor: null });
    const after = (await app.inject({ method: "GET", url: "/health" })).json();
    expect(after).toMatchObject({ status: "ok", executor: { kind: "redis", ok: true, workers: 1 } });
  }, 60_000);

  it("tells refused credentials and a failed TLS handshake apart from no answer", async () => {
    const redis = await ownRedis({ password: "s3cret" });
    const code = (url: string) =>
      pingRedis(url, 2000).then(
        () => "ok",
        (e: unknown) => (e as { code?: string; message?: string }).code,
      );
    expect(await code(redis.url)).toBe("ok");
    expect(await code(`redis://:wrong@127.0.0.1:${redis.port}`)).toBe(DistributedErrorCodes.REDIS_AUTH);
    expect(await code(`redis://127.0.0.1:${redis.port}`)).toBe(DistributedErrorCodes.REDIS_AUTH);
    expect(await code(`rediss://:s3cret@127.0.0.1:${redis.port}`)).toBe(DistributedErrorCodes.REDIS_TLS);
    const err = await pingRedis(`redis://:wrong@127.0.0.1:${redis.port}`, 2000).catch((e: Error) => e);
    expect(String((err as Error).message)).not.toContain("wrong");
  });

  it("stops a worker in bounded time when Redis is gone (it used to hang on SIGTERM)", async () => {
    const redis = await ownRedis();
    const logs: string[] = [];
    const w = await worker(redis.url, logs);
    await redis.kill();
    const started = Date.now();
    await w.close(200);
    expect(Date.now() - started).toBeLessThan(8000);
  }, 30_000);

  it("makes workers log a lost Redis, and its return, at warn level", async () => {
    const redis = await ownRedis();
    const logs: string[] = [];
    await worker(redis.url, logs);
    await redis.kill();
    const deadline = Date.now() + 10_000;
    while (!logs.some((l) => l.startsWith("warn lost the connection")) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 50));
    expect(logs).toContain("warn lost the connection to Redis; retrying");
    await startRedisServer({ port: redis.port, dir: redis.dir });
    const back = Date.now() + 15_000;
    while (!logs.includes("warn connected to Redis again") && Date.now() < back)
      await new Promise((r) => setTimeout(r, 50));
    expect(logs).toContain("warn connected to Redis again");
  }, 40_000);
});
