/**
 * One run of the BullMQ executor, from its jobs' submission to its end, whatever the end:
 *
 * - Heartbeat. The run's alive key is set before its jobs are added and refreshed at every poll; workers
 *   discard jobs of a run without one. When the run ends (success, failure, cancellation, a dead Redis)
 *   or its process dies, no job of it will still execute.
 * - Results. Workers write each replication's item once into the run's results hash and announce it with
 *   a small progress event; this side reads the item (HGET) and places it by task index at most once.
 *   A completion reads the batch's items again (HMGET), so a lost announcement costs nothing.
 * - Lost jobs. The poll looks up open jobs (a slice per tick); a job missing from Redis (restarted empty,
 *   flushed, evicted) or completed without its items is resubmitted under its id, at most
 *   `RESUBMITS_MAX` times per job, after which the run fails with `GATESIM_ERR_REDIS_JOBS_LOST`.
 * - Waiting. With no worker connected the run reports "waiting for a worker" (`onWaiting`) and fails with
 *   `GATESIM_ERR_NO_WORKERS` after `noWorkersMs`; with Redis silent for `redisLostMs` it fails with
 *   `GATESIM_ERR_REDIS_UNAVAILABLE`.
 * - End. The alive key and the results are deleted, the cancel key is raised and the run's jobs are
 *   removed; if Redis does not answer then, the executor retries later (the heartbeat expires anyway).
 */
import type { Job, JobsOptions, Queue } from "bullmq";
import type { Redis } from "ioredis";
import { ErrorCodes } from "../errors.js";
import type { ExecutorRunOptions, OutcomeCollector, ReplicationTask } from "../executor.js";
import type { WorkerItem } from "../worker.js";
import {
  aliveKey,
  type BatchJobData,
  type BatchReturn,
  batchJobId,
  cancelKey,
  DistributedError,
  decode,
  isWorkerItem,
  jobsLost,
  noWorkers,
  redactUrl,
  redisUnavailable,
  resultField,
  resultsKey,
} from "./protocol.js";
import { withTimeout } from "./redis.js";

/** Resubmissions of one job before the run fails: a Redis that keeps losing jobs is not worth waiting for. */
export const RESUBMITS_MAX = 3;
/** Open jobs looked up per poll (the poll is a safety net, not the normal path). */
const POLL_JOBS_MAX = 64;

/** A job of a run: the task indices it covers. */
export interface BatchState {
  taskIndices: number[];
  settled: boolean;
  resubmits: number;
}

/** What a run needs of its executor. */
export interface RunContext {
  queue: Queue<BatchJobData, BatchReturn>;
  control: Redis;
  redisUrl: string;
  prefix: string;
  attempts: number;
  pollMs: number;
  redisLostMs: number;
  noWorkersMs: number;
  /** Life of the heartbeat key (refreshed every poll). */
  aliveTtlMs: number;
  /** Removes the run from the executor's event routing. */
  detach(runId: string): void;
  /** Cleans the run's keys and jobs now, or later if Redis does not answer. */
  cleanup(runId: string, jobIds: string[]): void;
}

/** A run in flight; resolves through `done` with the outcome, or rejects with a `DistributedError`. */
export class DistributedRun {
  private readonly placed: Uint8Array;
  private placedCount = 0;
  private finished = false;
  private polling = false;
  private pollCursor = 0;
  private lastAnswerAt = Date.now();
  private workersSeenAt = Date.now();
  private workersCheckedAt = 0;
  private waiting: string | null = null;
  private timer: NodeJS.Timeout | undefined;
  private resolve!: () => void;
  private reject!: (e: unknown) => void;
  /** Settles when the run ends. */
  readonly done: Promise<void>;

  /** Prepares the run; `start` submits it. */
  constructor(
    private readonly ctx: RunContext,
    readonly runId: string,
    private readonly tasks: readonly ReplicationTask[],
    private readonly batches: BatchState[],
    private readonly jobs: { name: string; data: BatchJobData; opts: JobsOptions }[],
    private readonly out: OutcomeCollector,
    private readonly options: ExecutorRunOptions,
  ) {
    this.placed = new Uint8Array(tasks.length);
    this.done = new Promise<void>((res, rej) => {
      this.resolve = res;
      this.reject = rej;
    });
    this.done.catch(() => {});
  }

  /** Sets the heartbeat, adds the jobs and starts polling. */
  start(): void {
    const signal = this.options.signal;
    signal?.addEventListener("abort", this.onAbort, { once: true });
    this.timer = setInterval(() => void this.tick(), this.ctx.pollMs);
    const { queue, control } = this.ctx;
    const submit = async () => {
      await control.set(aliveKey(this.runId, this.ctx.prefix), "1", "PX", this.ctx.aliveTtlMs);
      await queue.addBulk(this.jobs);
    };
    withTimeout(submit(), this.ctx.redisLostMs, () => redisUnavailable(this.ctx.redisUrl, this.ctx.redisLostMs)).then(
      () => {
        if (signal?.aborted === true) this.onAbort();
      },
      (e: unknown) => this.finish(e instanceof DistributedError ? e : redisUnavailable(this.ctx.redisUrl, 0, e)),
    );
  }

  /** A worker announced replication `k` of a batch: read it from the results hash. */
  onProgress(batchIndex: number, data: unknown): void {
    const k = (data as { k?: unknown } | null)?.k;
    const batch = this.batches[batchIndex];
    if (this.finished || batch === undefined || typeof k !== "number" || batch.taskIndices[k] === undefined) return;
    this.ctx.control.hget(resultsKey(this.runId, this.ctx.prefix), resultField(batchIndex, k)).then(
      (text) => {
        if (text !== null) this.placeEncoded(batch.taskIndices[k] as number, text);
      },
      () => {}, // the completion, or the poll, reads it again
    );
  }

  /** A job completed: read all its items; resubmit it if some are missing (it was discarded, or results were lost). */
  onCompleted(batchIndex: number): void {
    const batch = this.batches[batchIndex];
    if (this.finished || batch === undefined || batch.settled) return;
    const fields = batch.taskIndices.map((_, k) => resultField(batchIndex, k));
    this.ctx.control.hmget(resultsKey(this.runId, this.ctx.prefix), ...fields).then(
      (texts) => {
        if (this.finished || batch.settled) return;
        texts.forEach((t, k) => {
          if (t !== null) this.placeEncoded(batch.taskIndices[k] as number, t);
        });
        if (batch.taskIndices.every((i) => this.placed[i] === 1)) {
          batch.settled = true;
          return;
        }
        // Discarded (the heartbeat was lost with a restarted Redis) or its results were lost: run it again.
        void this.resubmit(batchIndex);
      },
      () => {}, // Redis trouble: the poll comes back to this job
    );
  }

  /** A job failed after its attempts: its replications fail as crashed. */
  onFailed(batchIndex: number, reason: string): void {
    const batch = this.batches[batchIndex];
    if (this.finished || batch === undefined || batch.settled) return;
    batch.settled = true;
    const cause = new Error(`batch job failed after ${this.ctx.attempts} attempt(s): ${reason}`);
    for (const taskIndex of batch.taskIndices) {
      if (this.finished || this.placed[taskIndex] === 1) continue;
      this.placed[taskIndex] = 1;
      this.placedCount++;
      this.out.failWith(taskIndex, cause, true);
    }
    if (this.placedCount === this.tasks.length) this.finish();
  }

  /** Places one decoded item (first one wins; replications are pure, so later copies are equal). */
  private placeEncoded(taskIndex: number, text: string): void {
    if (this.finished || this.placed[taskIndex] === 1) return;
    let item: unknown;
    try {
      item = decode<unknown>(text);
    } catch {
      return;
    }
    if (!isWorkerItem(item)) return;
    const w = item as WorkerItem;
    // A worker only cancels replications of a run that was cancelled: that run no longer listens.
    if (!w.ok && w.failure.code === ErrorCodes.CANCELLED) return;
    this.placed[taskIndex] = 1;
    this.placedCount++;
    if (w.ok) this.out.ok(taskIndex, w.result);
    else this.out.fail(taskIndex, w.failure);
    if (this.placedCount === this.tasks.length) this.finish();
  }

  /** Adds a job again under its id (removing what is left of it first); bounded per job. */
  private async resubmit(batchIndex: number): Promise<void> {
    const batch = this.batches[batchIndex];
    const job = this.jobs[batchIndex];
    if (batch === undefined || job === undefined || this.finished) return;
    // Every item already arrived (its job aged out of Redis before its completion was seen): nothing to redo.
    if (batch.taskIndices.every((i) => this.placed[i] === 1)) {
      batch.settled = true;
      return;
    }
    batch.resubmits++;
    if (batch.resubmits > RESUBMITS_MAX) {
      const lost = this.batches.filter((b) => b.resubmits > 0).length;
      this.finish(jobsLost(this.ctx.redisUrl, lost, RESUBMITS_MAX));
      return;
    }
    const id = batchJobId(this.runId, batchIndex);
    try {
      await this.ctx.queue.remove(id);
      await this.ctx.control.set(aliveKey(this.runId, this.ctx.prefix), "1", "PX", this.ctx.aliveTtlMs);
      await this.ctx.queue.add(job.name, job.data, job.opts);
    } catch {
      batch.resubmits--; // Redis trouble, not a lost job: the next poll tries again
    }
  }

  /** Says whether the run waits for something outside it. */
  private setWaiting(reason: string | null): void {
    if (reason === this.waiting) return;
    this.waiting = reason;
    this.options.onWaiting?.(reason);
  }

  /** The poll: heartbeat, Redis watchdog, workers, and a slice of open jobs. */
  private async tick(): Promise<void> {
    if (this.polling || this.finished) return;
    this.polling = true;
    const { queue, control, pollMs, redisUrl } = this.ctx;
    try {
      const t = pollMs * 2;
      await withTimeout(
        control.set(aliveKey(this.runId, this.ctx.prefix), "1", "PX", this.ctx.aliveTtlMs),
        t,
        () => new Error("Redis does not answer"),
      );
      this.lastAnswerAt = Date.now();
      if (this.waiting?.startsWith("Redis") === true) this.setWaiting(null);
      const now = this.lastAnswerAt;
      if (now - this.workersCheckedAt >= Math.min(5000, Math.max(pollMs, this.ctx.noWorkersMs / 2 || 5000))) {
        this.workersCheckedAt = now;
        // CLIENT LIST may be disabled (some hosted Redis): then assume workers rather than fail runs.
        const n = await withTimeout(queue.getWorkersCount(), t, () => new Error("slow")).catch(() => 1);
        if (n > 0) {
          this.workersSeenAt = Date.now();
          this.setWaiting(null);
        } else {
          this.setWaiting(
            `waiting for a worker: no gatesim worker is connected to Redis at ${redactUrl(redisUrl)} (start one with \`gatesim worker --redis URL\`)`,
          );
          if (this.ctx.noWorkersMs > 0 && Date.now() - this.workersSeenAt > this.ctx.noWorkersMs) {
            this.finish(noWorkers(redisUrl, Date.now() - this.workersSeenAt));
            return;
          }
        }
      }
      const open = this.batches.map((b, i) => ({ b, i })).filter(({ b }) => !b.settled);
      const slice = open.slice(this.pollCursor % Math.max(1, open.length)).slice(0, POLL_JOBS_MAX);
      this.pollCursor += slice.length;
      for (const { i } of slice) {
        if (this.finished) break;
        const job = (await withTimeout(queue.getJob(batchJobId(this.runId, i)), t, () => new Error("slow"))) as
          | Job<BatchJobData, BatchReturn>
          | undefined;
        if (job === undefined) {
          // Not in Redis at all: restarted empty, flushed or evicted. The same id runs again.
          await this.resubmit(i);
        } else if (job.finishedOn !== undefined) {
          if (job.failedReason !== undefined && job.failedReason !== "" && job.returnvalue == null)
            this.onFailed(i, job.failedReason);
          else this.onCompleted(i);
        }
      }
    } catch {
      const silent = Date.now() - this.lastAnswerAt;
      if (silent > this.ctx.redisLostMs) {
        this.finish(redisUnavailable(redisUrl, this.ctx.redisLostMs, new Error("lost during a run")));
      } else if (silent > 2 * pollMs) {
        this.setWaiting(
          `Redis at ${redactUrl(redisUrl)} does not answer; the run fails if it stays silent ${Math.round(this.ctx.redisLostMs / 1000)} s`,
        );
      }
    } finally {
      this.polling = false;
    }
  }

  /** Abort: stop listening and clean up (workers stop their replications on the cancel key). */
  private readonly onAbort = (): void => {
    if (this.finished) return;
    this.out.cancelled = true;
    this.finish();
  };

  /** Ends the run once: detaches, schedules the cleanup, settles `done`. */
  private finish(error?: unknown): void {
    if (this.finished) return;
    this.finished = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    this.options.signal?.removeEventListener("abort", this.onAbort);
    this.ctx.detach(this.runId);
    // A failure is the last word; "no longer waiting" would read as if the run went on.
    if (error === undefined) this.setWaiting(null);
    this.ctx.cleanup(
      this.runId,
      this.batches.map((_, i) => batchJobId(this.runId, i)),
    );
    if (error !== undefined) {
      this.reject(error);
      return;
    }
    if (this.options.signal?.aborted === true && this.out.completed < this.tasks.length) this.out.cancelled = true;
    this.resolve();
  }
}

/** Deletes a run's keys, raises its cancel key and removes its jobs; rejects if Redis does not answer in time. */
export async function cleanRun(
  queue: Queue<BatchJobData, BatchReturn>,
  control: Redis,
  prefix: string,
  runId: string,
  jobIds: readonly string[],
): Promise<void> {
  await withTimeout(
    (async () => {
      await control
        .multi()
        .set(cancelKey(runId, prefix), "1", "EX", 3600)
        .del(aliveKey(runId, prefix), resultsKey(runId, prefix))
        .exec();
      // remove() refuses a job a worker holds (it stops on the cancel key and completes, then ages out).
      await Promise.allSettled(jobIds.map((id) => queue.remove(id)));
    })(),
    5000,
    () => new Error("Redis did not answer the cleanup"),
    true,
  );
}
