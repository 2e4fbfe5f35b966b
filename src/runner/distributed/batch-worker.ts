/**
 * The far side of the BullMQ executor: a BullMQ `Worker` on the queue `batches` that hands each batch
 * to this machine's piscina pool (`PiscinaExecutor`, the very pool local runs use, running the same
 * `runBatch`), publishes every finished replication as a progress event, and returns the whole batch.
 *
 * - One pool per process, shared by the `concurrency` jobs it holds: the pool runs one replication per
 *   piscina task and its queue is sized for `concurrency` jobs of at most `JOB_REPLICATIONS_MAX`
 *   replications, so concurrent jobs interleave fairly and never overflow it.
 * - Cancellation: the run's cancel key is polled while a job runs; when raised, the local run is
 *   aborted (replications poll their flag) and the job completes with the finished items plus
 *   cancelled ones (the caller has already moved on).
 * - Death: a worker killed mid-batch stops renewing its lock; another worker's stalled-job check puts
 *   the job back to wait after `lockDurationMs`, and it reruns whole (the caller dedupes by task index).
 * - Stop (`close`): no new jobs; running ones get `graceMs` to finish, then are aborted and released
 *   back to wait (no attempt used) for another worker.
 */
import os from "node:os";
import type { Job } from "bullmq";
import { MODEL_VERSION } from "../../model/index.js";
import { toFailure } from "../errors.js";
import type { ReplicationExecutor, ReplicationTask } from "../executor.js";
import { PiscinaExecutor } from "../piscina-executor.js";
import { replicationCancelled, replicationRef } from "../replication.js";
import type { WorkerItem } from "../worker.js";
import {
  type BatchJobData,
  type BatchPayload,
  type BatchReturn,
  cancelKey,
  checkPrefix,
  decode,
  encode,
  type ItemProgress,
  JOB_REPLICATIONS_MAX,
  KEY_PREFIX,
  PROTOCOL_VERSION,
  protocolError,
  QUEUE_NAME,
  redactUrl,
} from "./protocol.js";
import { bullConnection, clientReady, controlClient, pingRedis, REDIS_CONNECT_TIMEOUT_MS } from "./redis.js";

/** Options of a batch worker. */
export interface BatchWorkerOptions {
  redisUrl: string;
  /** Jobs held at once (default 2: the pool stays fed while a finished job reports). */
  concurrency?: number;
  /** Threads of this machine's pool (default: available cores). Ignored when `executor` is given. */
  threads?: number;
  /** A pool to use instead of starting one (tests); it is not closed by `close`. */
  executor?: ReplicationExecutor;
  /** Lock of a running job; a dead worker's job is retried this long after its last renewal (default 30 s). */
  lockDurationMs?: number;
  /** Interval of the stalled-job check (default 30 s). */
  stalledIntervalMs?: number;
  /** Stalls before a job fails instead of being retried (default 2). */
  maxStalledCount?: number;
  /** Interval at which a running job checks its run's cancel key (default 250 ms). */
  cancelPollMs?: number;
  /** Key prefix of the queue (default "gatesim"; must match the callers'). */
  prefix?: string;
  /** Name in logs and replies (default `host:pid`). */
  name?: string;
  /** Where the worker says what it does (default: nothing). */
  log?: (event: string, fields: Record<string, unknown>) => void;
}

/** A started worker. */
export interface BatchWorkerHandle {
  /** `host:pid` or the given name. */
  readonly name: string;
  /** Counters since start. */
  readonly stats: { jobs: number; replications: number; released: number };
  /** Stops: no new jobs; running ones finish within `graceMs` (default 30 s) or are released to other workers. */
  close(graceMs?: number): Promise<void>;
}

/** Signal raised when a running job must be given back (worker stopping). */
class Released extends Error {}

/** Starts a worker; rejects with `GATESIM_ERR_REDIS_UNAVAILABLE` when Redis cannot be reached. */
export async function startBatchWorker(options: BatchWorkerOptions): Promise<BatchWorkerHandle> {
  const url = options.redisUrl;
  await pingRedis(url, REDIS_CONNECT_TIMEOUT_MS);
  const { Worker, WaitingError, UnrecoverableError } = await import("bullmq");
  const concurrency = options.concurrency ?? 2;
  const prefix = checkPrefix(options.prefix ?? KEY_PREFIX);
  const name = options.name ?? `${os.hostname()}:${process.pid}`;
  const log = options.log ?? (() => {});
  const cancelPollMs = options.cancelPollMs ?? 250;
  const ownPool = options.executor === undefined;
  const pool: ReplicationExecutor =
    options.executor ??
    new PiscinaExecutor({
      threads: options.threads ?? os.availableParallelism(),
      batchSize: 1,
      maxQueue: concurrency * JOB_REPLICATIONS_MAX,
    });
  const control = await controlClient(url);
  const stats = { jobs: 0, replications: 0, released: 0 };
  /** Abort controllers of running jobs, to release them on stop. */
  const running = new Set<AbortController>();
  let releasing = false;

  const processor = async (job: Job<BatchJobData, BatchReturn>, token?: string): Promise<BatchReturn> => {
    const data = job.data;
    if (data?.v !== PROTOCOL_VERSION || typeof data.payload !== "string") {
      throw new UnrecoverableError(
        protocolError(`job ${job.id} has protocol version ${String(data?.v)}, this worker speaks ${PROTOCOL_VERSION}`)
          .message,
      );
    }
    const payload = decode<BatchPayload>(data.payload);
    if (!Array.isArray(payload.replications) || typeof payload.template !== "object") {
      throw new UnrecoverableError(protocolError(`job ${job.id} has no replications`).message);
    }
    if (data.modelVersion !== MODEL_VERSION) {
      log("model version differs", { job: job.id, caller: data.modelVersion, worker: MODEL_VERSION });
    }
    const tasks: ReplicationTask[] = payload.replications.map((replication) => {
      const t: ReplicationTask = { ...payload.template, replication };
      const crash = payload.crashes?.[replication];
      if (crash !== undefined) t.__crashForTest = crash;
      return t;
    });
    const items: (WorkerItem | undefined)[] = new Array(tasks.length).fill(undefined);
    const controller = new AbortController();
    running.add(controller);
    if (releasing) controller.abort(new Released());
    const key = cancelKey(data.runId, prefix);
    let cancelled = (await control.exists(key).catch(() => 0)) === 1;
    const watch = setInterval(() => {
      control.exists(key).then(
        (n: number) => {
          if (n === 1 && !controller.signal.aborted) {
            cancelled = true;
            controller.abort();
          }
        },
        () => {},
      );
    }, cancelPollMs);
    const sends: Promise<unknown>[] = [];
    const publish = (k: number, item: WorkerItem) => {
      items[k] = item;
      const progress: ItemProgress = { k, item: encode(item) };
      sends.push(job.updateProgress(progress as unknown as object).catch(() => {}));
    };
    log("batch started", { job: job.id, replications: tasks.length, attempt: job.attemptsMade + 1 });
    try {
      for (
        let from = 0;
        from < tasks.length && !cancelled && !controller.signal.aborted;
        from += JOB_REPLICATIONS_MAX
      ) {
        const chunk = tasks.slice(from, from + JOB_REPLICATIONS_MAX);
        await pool.run(chunk, {
          signal: controller.signal,
          onResult: (result, i) => publish(from + i, { ok: true, result }),
          onFailure: (failure, i) => publish(from + i, { ok: false, failure }),
        });
      }
    } finally {
      clearInterval(watch);
      running.delete(controller);
      await Promise.all(sends);
    }
    if (!cancelled && controller.signal.reason instanceof Released) {
      // Stopping: give the job back without using an attempt; another worker reruns it whole.
      stats.released++;
      log("batch released", { job: job.id });
      await job.moveToWait(token);
      throw new WaitingError();
    }
    const reply: WorkerItem[] = items.map((item, k) => {
      if (item !== undefined) return item;
      const t = tasks[k] as ReplicationTask;
      const ref = replicationRef(t.compiled, t.seed, t.replication);
      return { ok: false, failure: toFailure(ref, replicationCancelled(ref)) };
    });
    stats.jobs++;
    stats.replications += items.filter((i) => i !== undefined).length;
    log("batch finished", { job: job.id, cancelled });
    return { items: encode(reply), worker: name };
  };

  const worker = new Worker<BatchJobData, BatchReturn>(QUEUE_NAME, processor, {
    connection: bullConnection(url),
    prefix,
    concurrency,
    name,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  worker.on("error", (e) => log("redis error", { error: e.message }));
  void worker.run().catch((e: unknown) => log("worker stopped", { error: e instanceof Error ? e.message : String(e) }));
  await Promise.all([worker.waitUntilReady(), clientReady(control)]);
  log("worker ready", { name, redis: redactUrl(url), prefix, concurrency });

  let closing: Promise<void> | undefined;
  const close = (graceMs = 30_000): Promise<void> => {
    closing ??= (async () => {
      const done = worker.close();
      const timer = setTimeout(() => {
        releasing = true;
        for (const c of running) c.abort(new Released());
      }, graceMs);
      try {
        await done;
      } finally {
        clearTimeout(timer);
        control.disconnect();
        if (ownPool) await pool.close();
      }
    })();
    return closing;
  };
  return { name, stats, close };
}
