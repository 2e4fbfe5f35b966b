/**
 * A researcher's policy module travels with the run: bit-identical results inline, on 1 and 2 pool threads
 * and on a BullMQ worker (when Redis is available), even with its own random stream and module-level state;
 * a failing policy fails its replications in the pool with the policy's code and message.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type BatchWorkerHandle,
  BullMqExecutor,
  ErrorCodes,
  experimentReport,
  GatesimError,
  InlineExecutor,
  PiscinaExecutor,
  runExperiment,
  startBatchWorker,
} from "../../src/runner/index.js";
import { acquireRedis, redisSkipReason, type TestRedis } from "../distributed/redis-fixture.js";
import { compileData, policyFolder, priorityQueueScenario } from "../scenario/policy-helpers.js";
import { withoutTiming } from "./helpers.js";

const folder = policyFolder();
afterAll(() => folder.remove());

// Random ranks from the policy's own stream, plus a module-level counter: both must be per replication.
const file = folder.write(
  "noisy.mjs",
  `let calls = 0;
export default {
  decision: "callForward",
  rank(truck, gate, ctx) { calls++; return (truck.perishable ? 0 : 1) + (calls % 2) * ctx.random(); },
};`,
);
const compiled = compileData(priorityQueueScenario({ module: file }, 1));

describe("policy modules on workers", () => {
  it("give bit-identical experiments inline and on 1 or 2 pool threads", async () => {
    const reference = await runExperiment({ compiled, replications: 6, seed: 3, executor: new InlineExecutor() });
    const expected = withoutTiming(experimentReport(reference));
    for (const threads of [1, 2]) {
      const executor = new PiscinaExecutor({ threads, batchSize: 2 });
      try {
        const r = await runExperiment({ compiled, replications: 6, seed: 3, executor });
        expect(withoutTiming(experimentReport(r)), `${threads} thread(s)`).toBe(expected);
      } finally {
        await executor.close();
      }
    }
  });

  it("a policy that throws fails its replications in the pool, naming the policy", async () => {
    const bad = folder.write(
      "bad.mjs",
      `export default { decision: "callForward", rank(truck) { if (truck.cargo === "general") throw new RangeError("no general"); return 0; } };`,
    );
    const executor = new PiscinaExecutor({ threads: 2 });
    try {
      const err = await runExperiment({
        compiled: compileData(priorityQueueScenario({ module: bad }, 1)),
        replications: 2,
        seed: 1,
        executor,
      }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(GatesimError);
      const failures = (err as GatesimError).failures;
      expect(failures).toHaveLength(2);
      expect(failures[0]?.code).toBe(ErrorCodes.POLICY_FAILED);
      expect(failures[0]?.message).toMatch(/policy "bad" \(module bad, sha256 \w+\) threw RangeError: no general/);
      // The pool is still usable.
      const ok = await runExperiment({ compiled, replications: 2, seed: 1, executor });
      expect(ok.replications).toBe(2);
    } finally {
      await executor.close();
    }
  });

  describe.skipIf(redisSkipReason() !== undefined)("on a BullMQ worker", () => {
    let redis: TestRedis;
    let worker: BatchWorkerHandle | undefined;
    beforeAll(async () => {
      redis = await acquireRedis(12);
      worker = await startBatchWorker({ redisUrl: redis.url, threads: 2, cancelPollMs: 50 });
    });
    afterAll(async () => {
      await worker?.close(1000);
      await redis?.stop();
    });

    it("gives the same experiment as inline", async () => {
      const reference = await runExperiment({ compiled, replications: 4, seed: 5, executor: new InlineExecutor() });
      const executor = new BullMqExecutor({ redisUrl: redis.url, pollMs: 200 });
      try {
        const r = await runExperiment({ compiled, replications: 4, seed: 5, executor });
        expect(withoutTiming(experimentReport(r))).toBe(withoutTiming(experimentReport(reference)));
      } finally {
        await executor.close();
      }
    });
  });
});
