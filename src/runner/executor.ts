/**
 * Executors run replication tasks somewhere (this thread, a worker pool, other machines) and hand
 * back plain-data results. Callers (`runExperiment`, `compareScenarios`, `runSweep`) only know this
 * interface, so a BullMQ executor can be added without touching them: it receives the same plain
 * tasks, runs `runReplication` on the far side, and reports through the same callbacks.
 *
 * Contract every executor keeps (one conformance suite tests them all, tests/runner/executor.case.ts):
 * - `results[i]` is the result of `tasks[i]` (or undefined if it failed or was cancelled), whatever
 *   order the work finished in, so aggregates do not depend on scheduling;
 * - a failing replication becomes a `ReplicationFailure` entry; it never rejects `run` or stops the others;
 * - after `signal` aborts, no new replication starts, running ones are asked to stop (cancel flag), and
 *   `run` resolves promptly with `cancelled: true`;
 * - `run` rejects only on misuse (closed executor) or an internal fault of the executor itself.
 *
 * Adding a BullMQ executor: group tasks into `WorkerBatch`-shaped jobs (worker.ts; the cancel flag
 * becomes a Redis key or job cancellation), run them in `gatesim worker` processes with the same
 * `runBatch`, and feed each `WorkerItem` of the replies to an `OutcomeCollector`. Register it in
 * tests/runner/executor.test.ts with `executorConformance`.
 */
import { MODEL_VERSION, type ReplicationResult } from "../model/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import { ErrorCodes, errors, type ReplicationFailure, toFailure } from "./errors.js";
import { replicationCancelled, replicationRef, runReplication } from "./replication.js";
import { applyTestHook, type CrashMode, faultForSeed } from "./test-hooks.js";

/** One replication to run: plain data, so it can cross a thread or a network boundary unchanged. */
export interface ReplicationTask {
  compiled: CompiledScenario;
  seed: number | string;
  replication: number;
  /** Measured days (default: the scenario's). */
  horizonDays?: number;
  /** Warm-up days (default: the scenario's). */
  warmupDays?: number;
  /** Event bound of the simulation. */
  stepsMax?: number;
  /**
   * Fault injection for the executor tests; honored only when the environment has
   * `GATESIM_TEST_HOOKS=1` (see test-hooks.ts), ignored otherwise.
   */
  __crashForTest?: CrashMode;
}

/** Callbacks and cancellation of one `run`. */
export interface ExecutorRunOptions {
  /** Aborting stops dispatch and raises the cancel flag that running replications poll. */
  signal?: AbortSignal;
  /** Called once per finished replication, in completion order (use `taskIndex` to place it). */
  onResult?: (result: ReplicationResult, taskIndex: number) => void;
  /** Called once per failed replication. */
  onFailure?: (failure: ReplicationFailure, taskIndex: number) => void;
  /**
   * Called when the run starts or stops waiting for something outside it (the distributed executor: no
   * worker has taken its work): `reason` says what, null when it progresses again.
   */
  onWaiting?: (reason: string | null) => void;
}

/** What a `run` produced. */
export interface ExecutorRunOutcome {
  /** By task index; undefined for failed or cancelled tasks. */
  results: (ReplicationResult | undefined)[];
  /** Failed replications (not cancelled ones), in task order. */
  failures: ReplicationFailure[];
  /** True when the signal aborted before every task finished. */
  cancelled: boolean;
  /** Tasks that produced a result. */
  completed: number;
}

/** Something that runs replication tasks (inline, piscina pool, or a distributed queue). */
export interface ReplicationExecutor {
  /** Short name for logs ("inline", "piscina", ...). */
  readonly name: string;
  /** Replications that can run at the same time. */
  readonly concurrency: number;
  /** Runs the tasks; see the module comment for the contract. */
  run(tasks: readonly ReplicationTask[], options?: ExecutorRunOptions): Promise<ExecutorRunOutcome>;
  /** Releases threads or connections; the executor cannot be used afterwards. */
  close(): Promise<void>;
  /**
   * Where replications run and whether that works now (for /health); bounded in time: each check waits at
   * most `timeoutMs` (default 1 s, so /health answers fast; `serve` waits longer at start).
   */
  health?(timeoutMs?: number): Promise<ExecutorHealth>;
}

/** What an executor says about itself for /health. */
export interface ExecutorHealth {
  /** "inline" (this thread), "pool" (worker threads here) or "redis" (gatesim worker processes). */
  kind: "inline" | "pool" | "redis";
  /** False when runs cannot progress now (Redis unreachable, no worker connected). */
  ok: boolean;
  /** One line for people: "2 threads", "redis://10.0.0.5:6379/ reachable, 3 workers"... */
  detail: string;
  /** Threads of a local pool. */
  threads?: number;
  /** Redis URL (password masked). */
  redis?: string;
  /** Workers connected to the queue (Redis). */
  workers?: number;
}

/** Collects results and failures by task index; shared by executors so they all keep the same contract. */
export class OutcomeCollector {
  /** Results by task index. */
  readonly results: (ReplicationResult | undefined)[];
  private readonly failuresByTask = new Map<number, ReplicationFailure>();
  /** Tasks that produced a result. */
  completed = 0;
  /** Set once any task was stopped by cancellation. */
  cancelled = false;

  /** Collects for these tasks, calling the run's callbacks as outcomes arrive. */
  constructor(
    private readonly tasks: readonly ReplicationTask[],
    private readonly options: ExecutorRunOptions,
  ) {
    this.results = new Array(tasks.length).fill(undefined);
  }

  /** Records a result (a result of another model version is a failure: it would mix two models in one aggregate). */
  ok(taskIndex: number, result: ReplicationResult): void {
    if (result.modelVersion !== MODEL_VERSION) {
      const t = this.tasks[taskIndex] as ReplicationTask;
      const err = errors.modelVersionMismatch(
        replicationRef(t.compiled, t.seed, t.replication),
        result.modelVersion,
        MODEL_VERSION,
      );
      this.fail(taskIndex, {
        ...replicationRef(t.compiled, t.seed, t.replication),
        code: err.code,
        message: err.message,
      });
      return;
    }
    this.results[taskIndex] = result;
    this.completed++;
    this.options.onResult?.(result, taskIndex);
  }

  /** Records a failure (cancellations are counted as cancelled, not failed). */
  fail(taskIndex: number, failure: ReplicationFailure): void {
    if (failure.code === ErrorCodes.CANCELLED) {
      this.cancelled = true;
      return;
    }
    this.failuresByTask.set(taskIndex, failure);
    this.options.onFailure?.(failure, taskIndex);
  }

  /** Records a thrown value as the failure of a task. */
  failWith(taskIndex: number, cause: unknown, crashed = false): void {
    const t = this.tasks[taskIndex] as ReplicationTask;
    this.fail(taskIndex, toFailure(replicationRef(t.compiled, t.seed, t.replication), cause, crashed));
  }

  /** The outcome, failures in task order. */
  outcome(): ExecutorRunOutcome {
    const failures = [...this.failuresByTask.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f);
    return { results: this.results, failures, cancelled: this.cancelled, completed: this.completed };
  }
}

/**
 * True when two tasks can share a batch or a job: same scenario object and settings, only the replication
 * index differs (the executors send the scenario once per batch).
 */
export function sameTemplate(a: ReplicationTask, b: ReplicationTask): boolean {
  return (
    a.compiled === b.compiled &&
    a.seed === b.seed &&
    a.horizonDays === b.horizonDays &&
    a.warmupDays === b.warmupDays &&
    a.stepsMax === b.stepsMax
  );
}

/** Runs one task in this thread (used by the inline executor and by the worker for each task of a batch). */
export function runTask(task: ReplicationTask, isCancelled: () => boolean, inWorker = false): ReplicationResult {
  applyTestHook(task.__crashForTest ?? faultForSeed(task.seed), isCancelled, inWorker);
  if (isCancelled()) throw replicationCancelled(replicationRef(task.compiled, task.seed, task.replication));
  return runReplication(task.compiled, task.seed, task.replication, {
    isCancelled,
    ...(task.horizonDays === undefined ? {} : { horizonDays: task.horizonDays }),
    ...(task.warmupDays === undefined ? {} : { warmupDays: task.warmupDays }),
    ...(task.stepsMax === undefined ? {} : { stepsMax: task.stepsMax }),
  });
}

/** Yields to the event loop so aborts and progress callbacks get a turn between inline replications. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs replications one after another in the calling thread: no thread start-up cost, and stack traces
 * point at the model. The reference executor of the determinism tests, and the fallback with 1 worker.
 * It shares the caller's thread, so an abort takes effect between two replications, not during one.
 */
export class InlineExecutor implements ReplicationExecutor {
  readonly name = "inline";
  readonly concurrency = 1;
  private closed = false;

  /** Runs the tasks in order; see ReplicationExecutor. */
  async run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    if (this.closed) throw errors.executorClosed(this.name);
    const out = new OutcomeCollector(tasks, options);
    const signal = options.signal;
    const isCancelled = () => signal?.aborted === true;
    for (let i = 0; i < tasks.length; i++) {
      if (isCancelled()) {
        out.cancelled = true;
        break;
      }
      try {
        out.ok(i, runTask(tasks[i] as ReplicationTask, isCancelled));
      } catch (cause) {
        out.failWith(i, cause);
      }
      await yieldToEventLoop();
    }
    if (isCancelled() && out.completed < tasks.length) out.cancelled = true;
    return out.outcome();
  }

  /** Nothing to release; marks the executor closed. */
  async close(): Promise<void> {
    this.closed = true;
  }

  /** Replications run in the caller's thread. */
  async health(): Promise<ExecutorHealth> {
    return { kind: "inline", ok: !this.closed, detail: "replications run in the server's own thread" };
  }
}
