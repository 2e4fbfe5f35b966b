/**
 * The default executor: a piscina pool of worker threads on this machine.
 *
 * - Tasks are grouped into batches of consecutive replications of the same scenario, so the scenario
 *   is cloned to a worker once per batch rather than once per replication. Batches are cut as they are
 *   dispatched, from the replication time the workers report: about 25 ms of work per batch (so tiny
 *   replications share a clone) and never so much that a thread is left idle at the end while
 *   another finishes a long batch (load balance). Results are placed by task index, so the aggregate
 *   is bit-identical with 1, 2 or N threads.
 * - Dispatch is ours, and shared by every run on the pool: at most `threads + maxQueue` batches are in
 *   flight across all concurrent runs (the pool's own queue can never overflow, which piscina would
 *   report as "Task queue is at limit"), and runs waiting for room take turns batch by batch, so two
 *   API runs or the two sides of a comparison progress together. An abort stops dispatch at once and a
 *   huge sweep never floods memory with queued clones.
 * - Cancellation raises a SharedArrayBuffer flag that the simulations poll (`Atomics.load`), so running
 *   replications stop within one poll interval instead of having their threads terminated.
 * - A worker that dies (process.exit, out of memory) rejects its batch; the batch is split and rerun
 *   one replication at a time, so only the culprit fails (with GATESIM_ERR_WORKER_CRASHED) and piscina
 *   replaces the thread for the rest.
 */
import os from "node:os";
import { fileURLToPath } from "node:url";
import { Piscina } from "piscina";
import { errors } from "./errors.js";
import {
  type ExecutorHealth,
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  OutcomeCollector,
  type ReplicationExecutor,
  type ReplicationTask,
  sameTemplate,
} from "./executor.js";
import { traceMark, tracing } from "./trace.js";
import type { WorkerBatch, WorkerReply } from "./worker.js";

/** Options of the piscina executor. */
export interface PiscinaExecutorOptions {
  /** Worker threads (default `os.availableParallelism()`). */
  threads?: number;
  /** Batches waiting in the pool's queue beyond those running (default: `threads`). */
  maxQueue?: number;
  /**
   * Replications per batch, or "auto" (default): one until the first batch reports its time, then about
   * 25 ms of work per batch, at most 8, and at most a quarter of the remaining replications per thread.
   */
  batchSize?: number | "auto";
  /**
   * Per-thread heap limits (default `DEFAULT_WORKER_LIMITS`); an over-limit thread dies with
   * ERR_WORKER_OUT_OF_MEMORY, fails its replication and is replaced, instead of taking the process down.
   */
  resourceLimits?: { maxOldGenerationSizeMb?: number; maxYoungGenerationSizeMb?: number };
  /** Worker module (default: ./worker.ts or ./worker.js next to this file). */
  filename?: string;
}

/**
 * Heap limits of every pool thread. A replication's JS heap is small (a simulated year of the baseline:
 * under 50 MB); its big arrays are typed arrays outside the heap, bounded by the scenario budget. The
 * limit turns a runaway heap (an array growing without bound) into the death of one thread, which fails
 * one replication, long before V8 would abort the whole process on an array past its maximum length.
 */
export const DEFAULT_WORKER_LIMITS = { maxOldGenerationSizeMb: 256 } as const;

/** Largest automatic batch: beyond this, progress reports get coarse and a crash costs a long rerun. */
const AUTO_BATCH_MAX = 8;
/** Work per automatic batch, in ms of measured replication time: amortizes the clone of the scenario. */
const AUTO_BATCH_TARGET_MS = 25;

/**
 * The worker filename and the execArgv it needs (undefined: the thread inherits this process's options).
 *
 * Running from the TypeScript sources, the default worker is `worker-entry.mjs`, which registers tsx's
 * ESM loader inside the thread and imports `worker.ts` as an ES module. Not `worker.ts` itself: piscina
 * loads a worker with `require()` first, and on Node 20 the ESM hooks of `--import tsx` do not reach
 * worker threads, so only tsx's CommonJS hook applied. That transpiled the whole model to CommonJS,
 * where every imported binding is read through a getter, and the model ran 1.8x slower in the pool
 * than inline (measured: 20 baseline replications of 30 days, 8.6 s in a 1-thread pool vs 4.8 s).
 *
 * The default worker inherits the process's options. An explicit `execArgv` would be re-parsed for the
 * thread, and Node refuses V8 options there ("Initiated Worker with invalid execArgv flags"), so
 * `node --max-old-space-size=4096 bin/gatesim.js compare ...` could not start its pool; V8's options are
 * process-wide and reach the threads anyway.
 *
 * An explicit `.ts` filename (tests' fault-injection workers) gets `--import tsx` when the process lacks
 * it (under vitest, or `bin/gatesim.js`, which registers tsx through its API). Entries of
 * `process.execArgv` are never removed: that leaves dangling loaders.
 */
export function workerSpec(filename?: string): { filename: string; execArgv: string[] | undefined } {
  const isTs = import.meta.url.endsWith(".ts");
  const file = filename ?? fileURLToPath(new URL(isTs ? "./worker-entry.mjs" : "./worker.js", import.meta.url));
  const hasTsx = process.execArgv.some((a) => a.includes("tsx"));
  const execArgv = file.endsWith(".ts") && !hasTsx ? [...process.execArgv, "--import", tsxLoaderUrl()] : undefined;
  return { filename: file, execArgv };
}

/** Absolute URL of tsx's loader (its package's "." export). */
function tsxLoaderUrl(): string {
  return import.meta.resolve("tsx");
}

/** A batch in flight: the task indices it covers. */
interface Batch {
  taskIndices: number[];
}

/** A run waiting for room in the pool: `offer()` dispatches at most one batch and says whether it did. */
interface Dispatcher {
  offer(): boolean;
}

/** piscina's rejection of a task when its own queue is full (never expected: our dispatch bounds it). */
function isQueueFull(cause: unknown): boolean {
  return cause instanceof Error && /queue is at limit/i.test(cause.message);
}

/** Replication executor on a piscina worker-thread pool (the default on one machine). */
export class PiscinaExecutor implements ReplicationExecutor {
  readonly name = "piscina";
  readonly concurrency: number;
  private readonly pool: Piscina<WorkerBatch, WorkerReply>;
  private readonly maxQueue: number;
  private readonly batchSize: number | "auto";
  private closed = false;
  /** Batches in flight on the pool, over every run (at most `concurrency + maxQueue`). */
  private inFlight = 0;
  /** Runs with batches to dispatch, served in turn. */
  private readonly dispatchers: Dispatcher[] = [];
  /** Index of the run served first in the next round (round robin). */
  private turn = 0;

  /** Starts the pool (threads start eagerly, so the first run does not pay their start-up). */
  constructor(options: PiscinaExecutorOptions = {}) {
    const threads = options.threads ?? os.availableParallelism();
    if (!Number.isInteger(threads) || threads < 1)
      throw errors.invalidOptions(`threads must be a positive integer, got ${threads}`);
    this.concurrency = threads;
    this.maxQueue = options.maxQueue ?? threads;
    this.batchSize = options.batchSize ?? "auto";
    const spec = workerSpec(options.filename);
    this.pool = new Piscina<WorkerBatch, WorkerReply>({
      filename: spec.filename,
      ...(spec.execArgv === undefined ? {} : { execArgv: spec.execArgv }),
      minThreads: threads,
      maxThreads: threads,
      // Our dispatch keeps at most `threads + maxQueue` batches in the pool; piscina's own bound is set to
      // that total, so a thread being replaced (fewer running, more queued) never makes it refuse a batch.
      maxQueue: threads + this.maxQueue,
      // Workers stay alive between runs of one executor; a pool lives as long as the command or server.
      idleTimeout: 60_000,
      resourceLimits: options.resourceLimits ?? DEFAULT_WORKER_LIMITS,
    });
    // A worker dying with no task in hand is reported as a pool 'error' event: without a listener that
    // would crash the host. Tasks in hand are rejected (and handled) instead.
    this.pool.on("error", () => {});
    traceMark("pool-created", { threads });
  }

  /** Batches the pool holds at once (running plus queued), over every run. */
  private get slots(): number {
    return this.concurrency + this.maxQueue;
  }

  /** Gives free room to the waiting runs, one batch each in turn, until the pool is full or none wants more. */
  private dispatch(): void {
    while (this.inFlight < this.slots && this.dispatchers.length > 0) {
      let sent = false;
      const n = this.dispatchers.length;
      for (let k = 0; k < n && this.inFlight < this.slots; k++) {
        const d = this.dispatchers[(this.turn + k) % n] as Dispatcher;
        if (d.offer()) sent = true;
      }
      this.turn = n === 0 ? 0 : (this.turn + 1) % n;
      if (!sent) break;
    }
  }

  /**
   * Replications in the next batch, with `remaining` not yet dispatched and `msPerReplication` the mean
   * time the workers reported so far in this run (undefined before the first reply).
   */
  batchSizeFor(remaining: number, msPerReplication: number | undefined): number {
    if (this.batchSize !== "auto") return Math.max(1, Math.floor(this.batchSize));
    if (msPerReplication === undefined) return 1;
    const byTime = Math.floor(AUTO_BATCH_TARGET_MS / Math.max(msPerReplication, 1e-3));
    const byBalance = Math.floor(remaining / (this.concurrency * 4));
    return Math.max(1, Math.min(AUTO_BATCH_MAX, byTime, byBalance));
  }

  /** Runs the tasks on the pool; see ReplicationExecutor for the contract. */
  async run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    if (this.closed) throw errors.executorClosed(this.name);
    const out = new OutcomeCollector(tasks, options);
    if (tasks.length === 0) return out.outcome();
    const cancelFlag = new Int32Array(new SharedArrayBuffer(4));
    const signal = options.signal;
    // This run's batches in flight (the pool-wide count is `this.inFlight`).
    let inFlight = 0;
    // Batches are cut at dispatch: `next` is the first task not yet in a batch; `retry` holds the single
    // replications of a batch whose worker died (rerun one by one so that only the culprit fails).
    let next = 0;
    const retry: Batch[] = [];
    let reportedMs = 0;
    let reportedReplications = 0;
    const takeBatch = (): Batch | undefined => {
      const again = retry.shift();
      if (again !== undefined || next >= tasks.length) return again;
      const mean = reportedReplications > 0 ? reportedMs / reportedReplications : undefined;
      const size = this.batchSizeFor(tasks.length - next, mean);
      const head = tasks[next] as ReplicationTask;
      const batch: Batch = { taskIndices: [next++] };
      while (
        batch.taskIndices.length < size &&
        next < tasks.length &&
        sameTemplate(head, tasks[next] as ReplicationTask)
      )
        batch.taskIndices.push(next++);
      return batch;
    };

    return new Promise<ExecutorRunOutcome>((resolve) => {
      const aborted = () => signal?.aborted === true;
      const onAbort = () => {
        Atomics.store(cancelFlag, 0, 1);
        out.cancelled = true;
        retry.length = 0;
        next = tasks.length;
        settle();
      };
      let finished = false;
      const finish = () => {
        if (finished) return;
        finished = true;
        const at = this.dispatchers.indexOf(dispatcher);
        if (at >= 0) this.dispatchers.splice(at, 1);
        signal?.removeEventListener("abort", onAbort);
        if (aborted() && out.completed < tasks.length) out.cancelled = true;
        resolve(out.outcome());
      };
      /** Ends the run once nothing of it is in flight and nothing is left to send. */
      const settle = () => {
        if (inFlight === 0 && ((retry.length === 0 && next >= tasks.length) || aborted())) finish();
      };

      const send = (batch: Batch) => {
        const first = tasks[batch.taskIndices[0] as number] as ReplicationTask;
        const { compiled, seed, horizonDays, warmupDays, stepsMax } = first;
        const template: WorkerBatch["template"] = { compiled, seed };
        if (horizonDays !== undefined) template.horizonDays = horizonDays;
        if (warmupDays !== undefined) template.warmupDays = warmupDays;
        if (stepsMax !== undefined) template.stepsMax = stepsMax;
        const message: WorkerBatch = {
          template,
          replications: batch.taskIndices.map((i) => (tasks[i] as ReplicationTask).replication),
          cancelFlag,
        };
        for (const i of batch.taskIndices) {
          const crash = (tasks[i] as ReplicationTask).__crashForTest;
          if (crash !== undefined) {
            message.crashes ??= {};
            message.crashes[(tasks[i] as ReplicationTask).replication] = crash;
          }
        }
        inFlight++;
        this.inFlight++;
        if (tracing) traceMark("dispatch", { tasks: batch.taskIndices });
        const done = () => {
          inFlight--;
          this.inFlight--;
        };
        this.pool.run(message).then(
          (reply) => {
            done();
            if (tracing) {
              traceMark("batch", { ...reply.timing, elapsedMs: reply.elapsedMs, tasks: batch.taskIndices });
            }
            if (reply.elapsedMs >= 0) {
              reportedMs += reply.elapsedMs;
              reportedReplications += reply.items.length;
            }
            batch.taskIndices.forEach((taskIndex, k) => {
              const item = reply.items[k];
              if (item === undefined) out.failWith(taskIndex, new Error("worker reply is missing this replication"));
              else if (item.ok) out.ok(taskIndex, item.result);
              else out.fail(taskIndex, item.failure);
            });
            settle();
            this.dispatch();
          },
          (cause: unknown) => {
            done();
            if (aborted()) {
              out.cancelled = true;
            } else if (isQueueFull(cause)) {
              // A full pool queue is back-pressure, never a crash: the batch waits for room like any other.
              retry.unshift(batch);
            } else if (batch.taskIndices.length > 1) {
              // Rerun the batch one replication at a time so only the culprit fails (results are deterministic).
              retry.unshift(...batch.taskIndices.map((i) => ({ taskIndices: [i] })));
            } else {
              out.failWith(batch.taskIndices[0] as number, cause, true);
            }
            settle();
            this.dispatch();
          },
        );
      };

      const dispatcher: Dispatcher = {
        offer: () => {
          if (finished || aborted() || this.closed) return false;
          const batch = takeBatch();
          if (batch === undefined) return false;
          send(batch);
          return true;
        },
      };

      if (aborted()) {
        out.cancelled = true;
        finish();
        return;
      }
      signal?.addEventListener("abort", onAbort, { once: true });
      this.dispatchers.push(dispatcher);
      this.dispatch();
    });
  }

  /** The pool's threads and what they hold. */
  async health(): Promise<ExecutorHealth> {
    return {
      kind: "pool",
      ok: !this.closed,
      threads: this.concurrency,
      detail: `${this.concurrency} worker thread(s) on this machine, ${this.inFlight} batch(es) in flight`,
    };
  }

  /** Stops the threads (waits for running tasks; none run once every `run` has resolved). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.pool.close({ force: true });
  }
}
