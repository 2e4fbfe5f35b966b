/**
 * The API in distributed mode (`redisUrl`, as `REDIS_URL` sets it for `gatesim serve`): a run goes to a
 * batch worker, streams one progress event per replication and reports the same figures as a local
 * run; with Redis unreachable the run fails with GATESIM_ERR_REDIS_UNAVAILABLE in bounded time while
 * the server stays up and a local server keeps running runs.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type GatesimApp, settingsFromEnv } from "../../src/api/index.js";
import { type BatchWorkerHandle, startBatchWorker } from "../../src/runner/index.js";
import { SqliteRunStore } from "../../src/store/index.js";
import { TINY_RUN, waitForRun } from "../api/helpers.js";
import { acquireRedis, freePort, redisSkipReason, type TestRedis } from "./redis-fixture.js";

const skip = redisSkipReason();
const apps: GatesimApp[] = [];

/** An app on an in-memory store, distributed when `redisUrl` is given. */
async function app(redisUrl?: string): Promise<GatesimApp> {
  const a = await buildApp({
    store: new SqliteRunStore({ filename: ":memory:" }),
    threads: 1,
    rateLimit: false,
    webRoot: false,
    ...(redisUrl === undefined ? {} : { redisUrl }),
  });
  apps.push(a);
  return a;
}

/** Strips what differs between two runs of the same experiment. */
function figures(report: Record<string, unknown>): string {
  return JSON.stringify(report, (k, v) => (k === "timing" || k === "wallMs" || k === "runId" ? undefined : v));
}

afterAll(async () => {
  await Promise.all(apps.map((a) => a.close()));
});

describe("settings", () => {
  it("reads REDIS_URL into the server settings (and refuses junk without echoing it)", () => {
    expect(settingsFromEnv({ REDIS_URL: "redis://10.0.0.5:6379" }).redisUrl).toBe("redis://10.0.0.5:6379");
    expect(settingsFromEnv({}).redisUrl).toBeUndefined();
    expect(() => settingsFromEnv({ REDIS_URL: "10.0.0.5:6379-secret" })).toThrow(/REDIS_URL/);
    expect(() => settingsFromEnv({ REDIS_URL: "10.0.0.5:6379-secret" })).not.toThrow(/secret/);
  });
});

describe("API with Redis unreachable", () => {
  it("fails the run with GATESIM_ERR_REDIS_UNAVAILABLE in bounded time; the server stays up; local runs work", async () => {
    const port = await freePort();
    const a = await app(`redis://127.0.0.1:${port}`);
    const started = Date.now();
    const created = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    // The run waits for Redis as long as a running run would (15 s), saying so, then fails.
    let waiting: unknown = null;
    while (waiting === null && Date.now() - started < 10_000) {
      waiting = (await a.inject({ method: "GET", url: `/runs/${created.id}` })).json().waitingFor;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(waiting).toMatch(/^waiting for Redis at redis:\/\/127\.0\.0\.1/);
    const run = await waitForRun(a, created.id, 30_000);
    expect(Date.now() - started).toBeLessThan(25_000);
    expect(run.status).toBe("failed");
    expect(run.error).toMatchObject({ code: "GATESIM_ERR_REDIS_UNAVAILABLE" });
    expect(String((run.error as { message: string }).message)).toContain(`127.0.0.1:${port}`);
    expect((await a.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    const local = await app();
    const ok = (await local.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    expect((await waitForRun(local, ok.id)).status).toBe("succeeded");
  });
});

describe.skipIf(skip !== undefined)("API on Redis with a batch worker", () => {
  let redis: TestRedis;
  let worker: BatchWorkerHandle;
  beforeAll(async () => {
    redis = await acquireRedis(15);
    worker = await startBatchWorker({ redisUrl: redis.url, threads: 1, concurrency: 2 });
  });
  afterAll(async () => {
    await Promise.all(apps.map((a) => a.close()));
    apps.length = 0;
    await worker?.close(1000);
    await redis?.stop();
  });

  it("runs through the worker, streams per-replication progress, and reports what a local run reports", async () => {
    const a = await app(redis.url);
    const created = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    const progress: number[] = [];
    const unsubscribe = a.gatesim.service.subscribe(created.id, (e) => {
      if (e.type === "progress") progress.push(e.done);
    });
    const run = await waitForRun(a, created.id);
    unsubscribe();
    expect(run).toMatchObject({ status: "succeeded", progress: { done: 3, total: 3 } });
    expect(progress).toEqual([1, 2, 3]);
    const remote = (await a.inject({ method: "GET", url: `/runs/${created.id}/results` })).json();

    const local = await app();
    const lc = (await local.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    await waitForRun(local, lc.id);
    const expected = (await local.inject({ method: "GET", url: `/runs/${lc.id}/results` })).json();
    expect(figures(remote)).toBe(figures(expected));
  });
});
