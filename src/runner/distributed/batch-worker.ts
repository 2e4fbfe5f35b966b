/**
 * The far side of the BullMQ executor: a BullMQ `Worker` on the queue `batches` that hands each batch
 * to this machine's piscina pool (`PiscinaExecutor`, the very pool local runs use, running the same
 * `runBatch`), publishes every finished replication as a progress event, and returns the whole batch.
 *
 * - One pool per process, shared by the `concurrency` jobs it holds (the pool's dispatch is shared by
 *   concurrent runs, so concurrent jobs interleave fairly and never overflow it).
 * - Results: each finished replication is written once, to the run's results hash, then announced with a
 *   small progress event; the job returns a receipt. A result that cannot be written (Redis lost) is
 *   logged at warn level and written again at the end of the job; if that fails too the job fails and
 *   BullMQ retries it (its replications are pure, so a rerun gives the same results).
 * - Abandoned runs: a job whose run has no heartbeat key (the run ended, or its caller died) is
 *   discarded without running, and a running job stops when the heartbeat disappears or the run's
 *   cancel key is raised (both polled every `cancelPollMs`).
 * - Death: a worker killed mid-batch stops renewing its lock; another worker's stalled-job check puts
 *   the job back to wait at most `lockDurationMs` + `stalledIntervalMs` later (4 s + 4 s by default),
 *   and it reruns whole (the caller dedupes by task index).
 * - Stop (`close`): no new jobs; running ones get `graceMs` to finish, then are aborted and released
 *   back to wait (no attempt used) for another worker.
 */
import os from "node:os";
import type { Job } from "bullmq";
import { MODEL_VERSION } from "../../model/index.js";
import type { ReplicationExecutor, ReplicationTask } from "../executor.js";
import { PiscinaExecutor } from "../piscina-executor.js";
import type { WorkerItem } from "../worker.js";
import {
  aliveKey,
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
  RESULTS_TTL_S,
  redactUrl,
  resultField,
  resultsKey,
} from "./protocol.js";
import {
  bullConnection,
  clientReady,
  controlClient,
  pingRedis,
  REDIS_CONNECT_TIMEOUT_MS,
  withTimeout,
} from "./redis.js";

/** Options of a batch worker. */
export interface BatchWorkerOptions {
  redisUrl: string;
  /** Jobs held at once (default 2: the pool stays fed while a finished job reports). */
  concurrency?: number;
  /** Threads of this machine's pool (default: available cores). Ignored when `executor` is given. */
  threads?: number;
  /** A pool to use instead of starting one (tests); it is not closed by `close`. */
  executor?: ReplicationExecutor;
  /** Lock of a running job; a dead worker's job is retried this long after its last renewal (default 4 s). */
  lockDurationMs?: number;
  /** Interval of the stalled-job check (default 4 s): a dead worker's job waits at most lock + interval. */
  stalledIntervalMs?: number;
  /** Stalls before a job fails instead of being retried (default 2). */
  maxStalledCount?: number;
  /** Interval at which a running job checks its run's cancel key (default 250 ms). */
  cancelPollMs?: number;
  /** Key prefix of the queue (default "gatesim"; must match the callers'). */
  prefix?: string;
  /** Name in logs and replies (default `host:pid`). */
  name?: string;
  /** Where the worker says what it does (default: nothing); trouble (Redis lost, a result lost) is "warn". */
  log?: (level: "info" | "warn", event: string, fields: Record<string, unknown>) => void;
}

/** Default lock of a running job and interval of the stalled-job check: a dead worker's batch reruns within ~8 s. */
export const WORKER_LOCK_MS = 4000;
/** See `WORKER_LOCK_MS`. */
export const WORKER_STALLED_INTERVAL_MS = 4000;

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
    options.executor ?? new PiscinaExecutor({ threads: options.threads ?? os.availableParallelism(), batchSize: 1 });
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
    const alive = aliveKey(data.runId, prefix);
    const cancel = cancelKey(data.runId, prefix);
    const results = resultsKey(data.runId, prefix);
    // A run that ended, or whose caller died, has no heartbeat: its work must never run (no job left behind).
    const [cancelledAtStart, aliveAtStart] = await control.mget(cancel, alive);
    if (cancelledAtStart !== null || aliveAtStart === null) {
      log("warn", "batch discarded: its run ended or its caller is gone", { job: job.id });
      return { n: 0, worker: name, discarded: true };
    }
    const payload = decode<BatchPayload>(data.payload);
    if (!Array.isArray(payload.replications) || typeof payload.template !== "object") {
      throw new UnrecoverableError(protocolError(`job ${job.id} has no replications`).message);
    }
    if (data.modelVersion !== MODEL_VERSION) {
      log("warn", "model version differs", { job: job.id, caller: data.modelVersion, worker: MODEL_VERSION });
    }
    const tasks: ReplicationTask[] = payload.replications.map((replication) => {
      const t: ReplicationTask = { ...payload.template, replication };
      const crash = payload.crashes?.[replication];
      if (crash !== undefined) t.__crashForTest = crash;
      return t;
    });
    const items: (WorkerItem | undefined)[] = new Array(tasks.length).fill(undefined);
    const stored = new Uint8Array(tasks.length);
    const controller = new AbortController();
    running.add(controller);
    if (releasing) controller.abort(new Released());
    let cancelled = false;
    const watch = setInterval(() => {
      control.mget(cancel, alive).then(
        ([c, a]) => {
          if ((c !== null || a === null) && !controller.signal.aborted) {
            cancelled = true;
            controller.abort();
          }
        },
        () => {},
      );
    }, cancelPollMs);
    const sends: Promise<unknown>[] = [];
    /** Writes one result to the run's hash (once), then announces it; a failure is retried at the end. */
    const store = async (k: number): Promise<void> => {
      const item = items[k] as WorkerItem;
      try {
        await control
          .multi()
          .hset(results, resultField(data.batchIndex, k), encode(item))
          .expire(results, RESULTS_TTL_S)
          .exec();
        stored[k] = 1;
      } catch (e) {
        log("warn", "result not stored in Redis; retried at the end of the batch", {
          job: job.id,
          replication: tasks[k]?.replication,
          error: e instanceof Error ? e.message : String(e),
        });
        return;
      }
      const progress: ItemProgress = { k };
      await job.updateProgress(progress as unknown as object).catch(() => {});
    };
    const publish = (k: number, item: WorkerItem) => {
      items[k] = item;
      sends.push(store(k));
    };
    log("info", "batch started", { job: job.id, replications: tasks.length, attempt: job.attemptsMade + 1 });
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
      log("info", "batch released", { job: job.id });
      await job.moveToWait(token);
      throw new WaitingError();
    }
    if (cancelled) {
      log("info", "batch stopped: its run was cancelled or ended", { job: job.id });
      return { n: 0, worker: name, discarded: true };
    }
    // Replications stopped by cancellation have no item; every other one must be in the hash.
    const missing: Record<string, string> = {};
    items.forEach((item, k) => {
      if (item !== undefined && stored[k] === 0) missing[resultField(data.batchIndex, k)] = encode(item);
    });
    if (Object.keys(missing).length > 0) {
      try {
        await control.multi().hset(results, missing).expire(results, RESULTS_TTL_S).exec();
      } catch (e) {
        log("warn", "results lost: Redis did not take them; the batch will be retried", {
          job: job.id,
          lost: Object.keys(missing).length,
          error: e instanceof Error ? e.message : String(e),
        });
        throw new Error(`could not store ${Object.keys(missing).length} result(s) in Redis`);
      }
    }
    const n = items.filter((i) => i !== undefined).length;
    stats.jobs++;
    stats.replications += n;
    log("info", "batch finished", { job: job.id });
    return { n, worker: name };
  };

  const worker = new Worker<BatchJobData, BatchReturn>(QUEUE_NAME, processor, {
    connection: bullConnection(url),
    prefix,
    concurrency,
    name,
    lockDuration: options.lockDurationMs ?? WORKER_LOCK_MS,
    stalledInterval: options.stalledIntervalMs ?? WORKER_STALLED_INTERVAL_MS,
    maxStalledCount: options.maxStalledCount ?? 2,
    autorun: false,
  });
  // Redis lost and found again: said once each way, at warn level (BullMQ retries the connection forever).
  let redisLost = false;
  worker.on("error", (e) => {
    if (redisLost) return;
    redisLost = true;
    log("warn", "lost the connection to Redis; retrying", { redis: redactUrl(url), error: e.message });
  });
  control.on("ready", () => {
    if (!redisLost) return;
    redisLost = false;
    log("warn", "connected to Redis again", { redis: redactUrl(url) });
  });
  worker.on("failed", (job, e) => {
    if (job !== undefined) log("warn", "batch failed", { job: job.id, attempt: job.attemptsMade, error: e.message });
  });
  void worker
    .run()
    .catch((e: unknown) => log("warn", "worker stopped", { error: e instanceof Error ? e.message : String(e) }));
  await Promise.all([worker.waitUntilReady(), clientReady(control)]);
  log("info", "worker ready", { name, redis: redactUrl(url), prefix, concurrency });

  let closing: Promise<void> | undefined;
  let graceTimer: NodeJS.Timeout | undefined;
  /** Aborts the running jobs; they go back to wait for another worker (if Redis takes them). */
  const releaseNow = () => {
    releasing = true;
    for (const c of running) c.abort(new Released());
  };
  const close = (graceMs = 30_000): Promise<void> => {
    if (closing !== undefined) {
      // Asked again (a second Ctrl-C): hand the running batches back now.
      if (graceMs === 0) releaseNow();
      return closing;
    }
    closing = (async () => {
      const done = worker.close();
      graceTimer = setTimeout(releaseNow, graceMs);
      try {
        // BullMQ's close waits on Redis; a dead Redis must not keep a stopping worker alive.
        await withTimeout(done, graceMs + 5000, () => new Error("Redis did not let the worker close"), true);
      } catch (e) {
        log("warn", "stopping without Redis: running batches are left to its stalled-job check", {
          error: e instanceof Error ? e.message : String(e),
        });
        releaseNow();
        await withTimeout(worker.disconnect(), 1000, () => new Error("disconnect timed out"), true).catch(() => {});
      } finally {
        clearTimeout(graceTimer);
        control.disconnect();
        if (ownPool) await pool.close();
      }
    })();
    return closing;
  };
  return { name, stats, close };
}
