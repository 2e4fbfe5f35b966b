/**
 * A worker that dies fails its run, never the server: the run becomes `failed` with the runner's code
 * and the (hash, seed, replication) to reproduce, and the next run on the same pool succeeds.
 * Fault injection is the runner's test hook (honoured only with GATESIM_TEST_HOOKS=1).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import {
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  PiscinaExecutor,
  type ReplicationExecutor,
  type ReplicationTask,
} from "../../src/runner/index.js";
import { TINY_RUN, testApp, waitForRun } from "./helpers.js";

/** A piscina pool whose replication 1 of seed 666 kills its worker thread (process.exit inside the worker). */
class CrashingExecutor implements ReplicationExecutor {
  readonly name = "crashing";
  readonly concurrency = 1;
  constructor(private readonly inner: PiscinaExecutor) {}
  run(tasks: readonly ReplicationTask[], options?: ExecutorRunOptions): Promise<ExecutorRunOutcome> {
    return this.inner.run(
      tasks.map((t) => (t.seed === 666 && t.replication === 1 ? { ...t, __crashForTest: "exit" as const } : t)),
      options,
    );
  }
  close(): Promise<void> {
    return this.inner.close();
  }
}

let app: GatesimApp;
let executor: CrashingExecutor;
const previous = process.env.GATESIM_TEST_HOOKS;

beforeAll(async () => {
  process.env.GATESIM_TEST_HOOKS = "1";
  executor = new CrashingExecutor(new PiscinaExecutor({ threads: 1, batchSize: 1 }));
  app = await testApp({ executor });
});
afterAll(async () => {
  await app.close();
  await executor.close();
  if (previous === undefined) delete process.env.GATESIM_TEST_HOOKS;
  else process.env.GATESIM_TEST_HOOKS = previous;
});

describe("worker crash", () => {
  it("fails only the run, with the code and replication to reproduce", async () => {
    const bad = (await app.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 666 } })).json();
    const failed = await waitForRun(app, bad.id);
    expect(failed).toMatchObject({
      status: "failed",
      error: {
        code: "GATESIM_ERR_WORKER_CRASHED",
        replication: { seed: 666, replication: 1, scenarioHash: expect.any(String) },
      },
    });
    expect((failed.error as { message: string }).message).toContain("replication 1");
    const res = await app.inject({ method: "GET", url: `/runs/${bad.id}/results` });
    expect(res.statusCode).toBe(409);

    expect((await app.inject({ method: "GET", url: "/health" })).statusCode).toBe(200);
    const good = (await app.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, seed: 7 } })).json();
    expect((await waitForRun(app, good.id)).status).toBe("succeeded");
  });
});
