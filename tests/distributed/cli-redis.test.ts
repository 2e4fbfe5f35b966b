/**
 * The command line and worker processes under Redis faults (issue 14, items 5 and 7):
 * - Redis killed in the middle of `gatesim run --redis`: the command prints GATESIM_ERR_REDIS_UNAVAILABLE
 *   and exits 1 (it used to exit 13 with nothing printed, its top-level await left unsettled);
 * - no worker yet: `gatesim run` says it waits for a worker, then that it goes on when one comes;
 * - a worker killed with SIGKILL in the middle of a batch: with the default lock settings another worker
 *   takes the batch up within about 10 s (it used to take 40-59 s).
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BullMqExecutor, runExperiment } from "../../src/runner/index.js";
import { smallMm1 } from "../runner/helpers.js";
import {
  hasRedisServer,
  type RedisServer,
  ROOT,
  spawnWorker,
  startRedisServer,
  type WorkerProcess,
} from "./redis-fixture.js";

const skip = !hasRedisServer();
const cleanup: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function ownRedis(): Promise<RedisServer> {
  const r = await startRedisServer();
  cleanup.push(() => r.stop());
  return r;
}

function worker(url: string, args: string[] = []): WorkerProcess {
  const w = spawnWorker(url, ["--concurrency", "1", "--threads", "1", ...args]);
  cleanup.push(() => {
    if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
  });
  return w;
}

/** `gatesim run ...` as a process: its stderr so far and its exit. */
function cli(args: string[]) {
  const child = spawn(process.execPath, [join(ROOT, "bin/gatesim.js"), "run", ...args], {
    cwd: ROOT,
    env: { ...process.env, REDIS_URL: "" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let err = "";
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
  });
  child.stdout?.resume();
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  cleanup.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
  });
  return { child, stderr: () => err, exited };
}

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe.skipIf(skip)("gatesim run and workers under Redis faults", () => {
  it("prints GATESIM_ERR_REDIS_UNAVAILABLE and exits 1 when Redis dies mid-run", async () => {
    const redis = await ownRedis();
    const w = worker(redis.url);
    await w.ready;
    const run = cli(["mm1", "-r", "8", "--days", "300", "--redis", redis.url]);
    await until(() => w.started().length > 0, 60_000);
    await redis.kill();
    const code = await run.exited;
    expect(run.stderr()).toContain("GATESIM_ERR_REDIS_UNAVAILABLE");
    expect(run.stderr()).not.toContain("the run goes on");
    expect(code).toBe(1);
  }, 120_000);

  it("says it waits for a worker, then goes on when one comes", async () => {
    const redis = await ownRedis();
    const run = cli(["mm1", "-r", "2", "--days", "2", "--redis", redis.url]);
    await until(() => run.stderr().includes("waiting for a worker"), 60_000);
    expect(run.stderr()).toMatch(
      /gatesim: waiting for a worker: no gatesim worker is connected to Redis at redis:\/\/127\.0\.0\.1/,
    );
    worker(redis.url);
    expect(await run.exited).toBe(0);
    expect(run.stderr()).toContain("gatesim: no longer waiting; the run goes on");
  }, 120_000);

  it("has a killed worker's batch taken up by another within about 10 s (default lock settings)", async () => {
    const redis = await ownRedis();
    const a = worker(redis.url);
    const b = worker(redis.url);
    await Promise.all([a.ready, b.ready]);
    const executor = new BullMqExecutor({ redisUrl: redis.url, batchSize: 4, pollMs: 200 });
    cleanup.push(() => executor.close());
    let killedAt = 0;
    let victim: WorkerProcess | undefined;
    const run = runExperiment({
      compiled: smallMm1(200),
      replications: 8,
      seed: "recover",
      executor,
      onProgress: () => {
        if (victim !== undefined) return;
        victim = [a, b].find((w) => w.started().length > w.finished().length);
        if (victim === undefined) return;
        killedAt = Date.now();
        victim.child.kill("SIGKILL");
      },
    });
    await until(() => victim !== undefined, 60_000);
    const survivor = victim === a ? b : a;
    const job = victim?.started()[0] as string;
    await until(() => survivor.started().includes(job), 30_000);
    const resumedAfterMs = Date.now() - killedAt;
    expect((await run).replications).toBe(8);
    console.log(`killed worker's batch taken up after ${resumedAfterMs} ms`);
    expect(resumedAfterMs).toBeLessThan(12_000);
  }, 120_000);
});
