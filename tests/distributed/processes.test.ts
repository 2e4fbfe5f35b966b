/**
 * Real processes: two `gatesim worker` processes (node bin/gatesim.js worker) on one Redis.
 * - Determinism: an experiment run through them is bit-identical to the same experiment run locally.
 * - SIGKILL: a worker killed in the middle of a batch has its batch retried by the other worker (short
 *   lock and stalled-check intervals); every replication arrives exactly once and the aggregate equals
 *   the local run's.
 * - SIGTERM: a worker stops cleanly (exit code 0).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BullMqExecutor, InlineExecutor, runExperiment } from "../../src/runner/index.js";
import { smallMm1, withoutTiming } from "../runner/helpers.js";
import { acquireRedis, redisSkipReason, spawnWorker, type TestRedis, type WorkerProcess } from "./redis-fixture.js";

const skip = redisSkipReason();

describe.skipIf(skip !== undefined)("gatesim worker processes", () => {
  let redis: TestRedis;
  const workers: WorkerProcess[] = [];
  const start = (prefix: string, extra: string[] = []) => {
    const w = spawnWorker(redis.url, ["--concurrency", "1", "--threads", "1", "--prefix", prefix, ...extra]);
    workers.push(w);
    return w;
  };

  beforeAll(async () => {
    redis = await acquireRedis(14);
  });
  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await redis?.stop();
  });

  it("runs an experiment on two workers, bit-identical to the local run; both workers take part", async () => {
    const prefix = `det-${process.pid}`;
    const a = start(prefix);
    const b = start(prefix);
    await Promise.all([a.ready, b.ready]);
    // ~0.1 s replications, one per job: while one worker runs a job, the other takes the next.
    const compiled = smallMm1(60);
    const options = { compiled, replications: 8, seed: 11 } as const;
    const local = await runExperiment({ ...options, executor: new InlineExecutor() });
    const executor = new BullMqExecutor({ redisUrl: redis.url, prefix, batchSize: 1, pollMs: 200 });
    try {
      const remote = await runExperiment({ ...options, executor });
      expect(withoutTiming(remote)).toBe(withoutTiming(local));
    } finally {
      await executor.close();
    }
    // The run ends on the last progress event, which may come before the worker's log line.
    const deadline = Date.now() + 5000;
    while (a.finished().length + b.finished().length < 8 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(a.finished().length + b.finished().length).toBe(8);
    expect(a.finished().length).toBeGreaterThan(0);
    expect(b.finished().length).toBeGreaterThan(0);
    a.child.kill("SIGTERM");
    b.child.kill("SIGTERM");
    const [ea, eb] = await Promise.all([a.exited, b.exited]);
    expect(ea.code).toBe(0);
    expect(eb.code).toBe(0);
    expect(a.stderr()).toContain("stopped:");
  }, 60_000);

  it("retries the batch of a worker killed with SIGKILL mid-batch: every replication exactly once", async () => {
    const prefix = `kill-${process.pid}`;
    const fast = ["--lock-duration", "1000", "--stalled-interval", "500"];
    const a = start(prefix, fast);
    const b = start(prefix, fast);
    await Promise.all([a.ready, b.ready]);
    // Replications of ~0.3-0.5 s, 4 per batch: a batch lasts well over a second, so the kill lands inside one.
    const compiled = smallMm1(200);
    const options = { compiled, replications: 8, seed: "kill" } as const;
    const executor = new BullMqExecutor({ redisUrl: redis.url, prefix, batchSize: 4, pollMs: 200 });
    const seen: number[] = [];
    let killed: WorkerProcess | undefined;
    try {
      const remote = await runExperiment({
        ...options,
        executor,
        onProgress: () => {
          // After the first replication: kill a worker that is inside a batch it has not finished.
          if (killed !== undefined) return;
          const victim = [a, b].find((w) => w.started().length > w.finished().length);
          if (victim === undefined) return;
          killed = victim;
          victim.child.kill("SIGKILL");
        },
      });
      remote.results.forEach((r) => {
        seen.push(r.replication);
      });
      expect(killed).toBeDefined();
      expect((await killed?.exited)?.signal).toBe("SIGKILL");
      // The survivor ran the killed worker's batch again (its last items may arrive before its log line).
      const survivor = killed === a ? b : a;
      const victimJob = killed?.started()[0];
      const deadline = Date.now() + 5000;
      while (!survivor.finished().includes(victimJob as string) && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
      }
      expect(killed?.finished()).toEqual([]);
      expect(survivor.finished()).toContain(victimJob);
      expect(survivor.finished().length).toBe(2);
      expect(seen).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      expect(remote.replications).toBe(8);
      const local = await runExperiment({ ...options, executor: new InlineExecutor() });
      expect(withoutTiming(remote)).toBe(withoutTiming(local));
    } finally {
      await executor.close();
    }
  }, 90_000);
});
