/**
 * Shared pieces of the API tests: an app on an in-memory store, a controllable executor (replications
 * wait for the test to release them, so queue, cancel and progress tests do not depend on timing), and
 * small waits.
 */
import { type BuildAppOptions, buildApp, type GatesimApp } from "../../src/api/index.js";
import {
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  InlineExecutor,
  type ReplicationExecutor,
  type ReplicationTask,
} from "../../src/runner/index.js";
import { SqliteRunStore } from "../../src/store/index.js";

/** A tiny, fast run request: M/M/1 for a few simulated days. */
export const TINY_RUN = { scenario: "mm1", replications: 3, horizonDays: 2, warmupDays: 0 } as const;

/**
 * Runs tasks inline, but each replication first waits for `release()` (or `releaseAll()`): tests decide
 * when work finishes. Honours the abort signal like a real executor.
 */
export class GatedExecutor implements ReplicationExecutor {
  readonly name = "gated";
  readonly concurrency = 1;
  private readonly inner = new InlineExecutor();
  private waiters: (() => void)[] = [];
  private credits = 0;
  private open = false;
  /** Replications started so far. */
  started = 0;

  /** Lets `n` more replications finish. */
  release(n = 1): void {
    this.credits += n;
    this.flush();
  }

  /** Lets every replication finish from now on. */
  releaseAll(): void {
    this.open = true;
    this.flush();
  }

  private flush(): void {
    while (this.waiters.length > 0 && (this.open || this.credits > 0)) {
      if (!this.open) this.credits--;
      (this.waiters.shift() as () => void)();
    }
  }

  private gate(signal: AbortSignal | undefined): Promise<void> {
    if (this.open || signal?.aborted) return Promise.resolve();
    if (this.credits > 0) {
      this.credits--;
      return Promise.resolve();
    }
    return new Promise((resolve) => {
      this.waiters.push(resolve);
      signal?.addEventListener("abort", () => resolve(), { once: true });
    });
  }

  /** Runs the tasks one at a time after each passes the gate. */
  async run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    const results: ExecutorRunOutcome["results"] = new Array(tasks.length).fill(undefined);
    const failures: ExecutorRunOutcome["failures"] = [];
    let completed = 0;
    let cancelled = false;
    for (let i = 0; i < tasks.length; i++) {
      this.started++;
      await this.gate(options.signal);
      if (options.signal?.aborted) {
        cancelled = true;
        break;
      }
      const out = await this.inner.run([tasks[i] as ReplicationTask], {
        onResult: (r) => options.onResult?.(r, i),
        onFailure: (f) => options.onFailure?.(f, i),
      });
      results[i] = out.results[0];
      failures.push(...out.failures);
      if (out.results[0] !== undefined) completed++;
    }
    return { results, failures, cancelled, completed };
  }

  async close(): Promise<void> {
    this.releaseAll();
  }
}

/** An app on a fresh in-memory store with the given executor (inline by default) and no rate limit. */
export async function testApp(options: BuildAppOptions = {}): Promise<GatesimApp> {
  return buildApp({
    store: new SqliteRunStore({ filename: ":memory:" }),
    executor: new InlineExecutor(),
    rateLimit: false,
    webRoot: false,
    ...options,
  });
}

/** Polls `GET /runs/:id` until its status is final (or the timeout), returning the run. */
export async function waitForRun(app: GatesimApp, id: string, timeoutMs = 30_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: "GET", url: `/runs/${id}` });
    const run = res.json() as Record<string, unknown>;
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(run.status as string)) return run;
    if (Date.now() > deadline) throw new Error(`run ${id} still ${String(run.status)} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Waits until `predicate` holds (polling every 5 ms). */
export async function until(predicate: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((r) => setTimeout(r, 5));
  }
}
