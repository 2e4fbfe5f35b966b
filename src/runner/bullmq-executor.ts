/**
 * The distributed executor: replications run in `gatesim worker` processes on any number of machines,
 * through one BullMQ queue on Redis. Selected by `REDIS_URL` / `--redis URL` (see `createExecutor`).
 *
 * - Batches. Tasks are grouped, like the piscina executor does, into batches of consecutive
 *   replications sharing a scenario and settings; one batch is one job of the queue `batches`
 *   (key prefix `gatesim`). Its data is a `WorkerBatch` without the thread-local cancel flag, encoded
 *   with the structured-clone serializer (protocol.ts), so NaN, ±Infinity and -0 survive Redis.
 * - Job ids are `<runId>-b<batchIndex>`: adding a job twice is a no-op, and a retried job (a stalled
 *   lock after its worker died, or a failed attempt; `attempts` 3) keeps its id. Each replication's
 *   item is placed by task index at most once, so a batch run twice never counts a replication twice,
 *   and since a replication is a pure function of (scenario, seed, index) the copy that wins is the same.
 * - Progress. A worker publishes every finished replication as a job progress event (`{k, item}`);
 *   `QueueEvents` brings it here and `onResult` fires at once (the API's server-sent events keep their
 *   per-replication ticks). The job's return value repeats the whole batch, so an event lost in the
 *   stream (trimmed, or sent before our listener was ready) is recovered at completion; a slow poll of
 *   the outstanding jobs recovers a lost completion event too.
 * - Cancellation. On abort the cancel key `gatesim:cancel:<runId>` is set (workers poll it and stop
 *   their replications), waiting jobs of the run are removed, and `run` resolves without waiting for
 *   the workers: later events of the run are ignored.
 * - Redis down. The start of a run PINGs Redis with a bound (`GATESIM_ERR_REDIS_UNAVAILABLE`, naming
 *   the URL); during a run, a watchdog rejects the run when Redis has not answered for `redisLostMs`.
 *   Nothing of this process is left waiting on a dead connection, so a server stays up.
 */
import { randomBytes } from "node:crypto";
import type { Job, Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { MODEL_VERSION } from "../model/index.js";
import {
  type BatchJobData,
  type BatchPayload,
  type BatchReturn,
  batchJobId,
  cancelKey,
  checkPrefix,
  DistributedError,
  decode,
  EVENTS_MAX_LEN,
  encode,
  type ItemProgress,
  isWorkerItem,
  JOB_REPLICATIONS_MAX,
  KEY_PREFIX,
  noWorkers,
  PROTOCOL_VERSION,
  protocolError,
  QUEUE_NAME,
  redisUnavailable,
} from "./distributed/protocol.js";
import {
  bullConnection,
  clientReady,
  controlClient,
  pingRedis,
  REDIS_CONNECT_TIMEOUT_MS,
  withTimeout,
} from "./distributed/redis.js";
import { ErrorCodes, errors } from "./errors.js";
import {
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  InlineExecutor,
  OutcomeCollector,
  type ReplicationExecutor,
  type ReplicationTask,
  sameTemplate,
} from "./executor.js";
import { PiscinaExecutor } from "./piscina-executor.js";
import type { WorkerItem } from "./worker.js";

/** Options of the BullMQ executor. */
export interface BullMqExecutorOptions {
  /** `redis://[:password@]host:port[/db]` (or `rediss://` for TLS). */
  redisUrl: string;
  /** Replications per job, or "auto" (default): several jobs per worker for load balance, at most 8 per job. */
  batchSize?: number | "auto";
  /** Attempts of a job whose worker threw or died (default 3). */
  attempts?: number;
  /** Bound on reaching Redis at the start of a run (default 3 s). */
  connectTimeoutMs?: number;
  /** A run fails with `GATESIM_ERR_REDIS_UNAVAILABLE` when Redis has not answered for this long (default 15 s). */
  redisLostMs?: number;
  /** Interval of the poll that recovers lost completion events and watches Redis (default 1 s). */
  pollMs?: number;
  /** Key prefix of the queue (default "gatesim"); workers must use the same (`gatesim worker --prefix`). */
  prefix?: string;
  /** A run fails with `GATESIM_ERR_NO_WORKERS` when no worker is connected for this long (default 60 s; 0: wait forever). */
  noWorkersMs?: number;
  /** Advertised concurrency (the real one is the sum of the workers' pools; default 1). */
  concurrency?: number;
}

/** Largest automatic job: beyond this, progress gets coarse and a dead worker costs a long rerun. */
const AUTO_BATCH_MAX = 8;
/** Outstanding jobs polled per tick (the poll is a safety net, not the normal path). */
const POLL_JOBS_MAX = 64;

/** A job of a run: the task indices it covers. */
interface BatchState {
  taskIndices: number[];
  settled: boolean;
}

/** One `run` in progress, as the event router sees it. */
interface RunState {
  onProgress(batchIndex: number, data: unknown): void;
  onCompleted(batchIndex: number, returnvalue: unknown): void;
  onFailed(batchIndex: number, reason: string): void;
}

/** The executor's Redis objects, created on the first run. */
interface Connected {
  queue: Queue<BatchJobData, BatchReturn>;
  events: QueueEvents;
  /** Cancel keys and the watchdog's pings. */
  control: Redis;
}

/** A fresh run id: time-ordered (readable in Redis) and unique across callers. */
function newRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(5).toString("hex")}`;
}

/** Splits a job id into (run id, batch index), or undefined for a foreign job. */
function parseJobId(jobId: string | undefined): { runId: string; batchIndex: number } | undefined {
  if (jobId === undefined) return undefined;
  const at = jobId.lastIndexOf("-b");
  if (at <= 0) return undefined;
  const batchIndex = Number(jobId.slice(at + 2));
  if (!Number.isSafeInteger(batchIndex) || batchIndex < 0) return undefined;
  return { runId: jobId.slice(0, at), batchIndex };
}

/** Replication executor on a BullMQ queue served by `gatesim worker` processes. */
export class BullMqExecutor implements ReplicationExecutor {
  readonly name = "bullmq";
  readonly concurrency: number;
  /** The Redis URL (with its password, if any: never log it; use `redactUrl`). */
  readonly redisUrl: string;
  private readonly batchSize: number | "auto";
  private readonly attempts: number;
  private readonly connectTimeoutMs: number;
  private readonly redisLostMs: number;
  private readonly pollMs: number;
  private readonly noWorkersMs: number;
  private readonly prefix: string;
  private readonly runs = new Map<string, RunState>();
  private connected: Promise<Connected> | undefined;
  private closed = false;

  /** Checks the options; connects lazily, on the first run. */
  constructor(options: BullMqExecutorOptions) {
    if (typeof options.redisUrl !== "string" || !/^rediss?:\/\//.test(options.redisUrl)) {
      throw errors.invalidOptions(`a Redis URL looks like redis://host:6379, got ${JSON.stringify(options.redisUrl)}`);
    }
    const bs = options.batchSize ?? "auto";
    if (bs !== "auto" && !(Number.isSafeInteger(bs) && bs >= 1 && bs <= JOB_REPLICATIONS_MAX)) {
      throw errors.invalidOptions(`batchSize must be "auto" or an integer in [1, ${JOB_REPLICATIONS_MAX}], got ${bs}`);
    }
    this.redisUrl = options.redisUrl;
    this.batchSize = bs;
    this.attempts = Math.max(1, options.attempts ?? 3);
    this.connectTimeoutMs = options.connectTimeoutMs ?? REDIS_CONNECT_TIMEOUT_MS;
    this.redisLostMs = options.redisLostMs ?? 15_000;
    this.pollMs = options.pollMs ?? 1000;
    this.noWorkersMs = options.noWorkersMs ?? 60_000;
    try {
      this.prefix = checkPrefix(options.prefix ?? KEY_PREFIX);
    } catch (e) {
      throw errors.invalidOptions(e instanceof Error ? e.message : String(e));
    }
    this.concurrency = options.concurrency ?? 1;
  }

  /** Connects the queue and its event listener once (again after a failure). */
  private connect(): Promise<Connected> {
    this.connected ??= (async () => {
      const { Queue, QueueEvents } = await import("bullmq");
      const queue = new Queue<BatchJobData, BatchReturn>(QUEUE_NAME, {
        connection: bullConnection(this.redisUrl),
        prefix: this.prefix,
        streams: { events: { maxLen: EVENTS_MAX_LEN } },
      });
      const events = new QueueEvents(QUEUE_NAME, { connection: bullConnection(this.redisUrl), prefix: this.prefix });
      // Connection errors are retried by ioredis and judged by our watchdog; unhandled they would crash us.
      const control = await controlClient(this.redisUrl);
      queue.on("error", () => {});
      events.on("error", () => {});
      events.on("progress", ({ jobId, data }) => {
        const id = parseJobId(jobId);
        if (id !== undefined) this.runs.get(id.runId)?.onProgress(id.batchIndex, data);
      });
      events.on("completed", ({ jobId, returnvalue }) => {
        const id = parseJobId(jobId);
        if (id !== undefined) this.runs.get(id.runId)?.onCompleted(id.batchIndex, returnvalue);
      });
      events.on("failed", ({ jobId, failedReason }) => {
        const id = parseJobId(jobId);
        if (id !== undefined) this.runs.get(id.runId)?.onFailed(id.batchIndex, failedReason);
      });
      try {
        await withTimeout(
          Promise.all([queue.waitUntilReady(), events.waitUntilReady(), clientReady(control)]),
          this.connectTimeoutMs,
          () => redisUnavailable(this.redisUrl, this.connectTimeoutMs),
        );
      } catch (e) {
        control.disconnect();
        await Promise.allSettled([queue.close(), events.close()]);
        throw e;
      }
      return { queue, events, control };
    })();
    this.connected.catch(() => {
      this.connected = undefined;
    });
    return this.connected;
  }

  /** Replications per job for `n` tasks. */
  private sizeFor(n: number): number {
    if (this.batchSize !== "auto") return this.batchSize;
    return Math.max(1, Math.min(AUTO_BATCH_MAX, Math.floor(n / 16)));
  }

  /** Groups consecutive compatible tasks into jobs. */
  private batches(tasks: readonly ReplicationTask[]): BatchState[] {
    const size = this.sizeFor(tasks.length);
    const out: BatchState[] = [];
    let current: BatchState | undefined;
    for (let i = 0; i < tasks.length; i++) {
      const t = tasks[i] as ReplicationTask;
      const head = current === undefined ? undefined : (tasks[current.taskIndices[0] as number] as ReplicationTask);
      if (current === undefined || head === undefined || current.taskIndices.length >= size || !sameTemplate(head, t)) {
        current = { taskIndices: [], settled: false };
        out.push(current);
      }
      current.taskIndices.push(i);
    }
    return out;
  }

  /** The job data of a batch. */
  private jobData(
    runId: string,
    batchIndex: number,
    batch: BatchState,
    tasks: readonly ReplicationTask[],
  ): BatchJobData {
    const first = tasks[batch.taskIndices[0] as number] as ReplicationTask;
    const { compiled, seed, horizonDays, warmupDays, stepsMax } = first;
    const payload: BatchPayload = {
      template: { compiled, seed },
      replications: batch.taskIndices.map((i) => (tasks[i] as ReplicationTask).replication),
    };
    if (horizonDays !== undefined) payload.template.horizonDays = horizonDays;
    if (warmupDays !== undefined) payload.template.warmupDays = warmupDays;
    if (stepsMax !== undefined) payload.template.stepsMax = stepsMax;
    for (const i of batch.taskIndices) {
      const crash = (tasks[i] as ReplicationTask).__crashForTest;
      if (crash !== undefined) {
        payload.crashes ??= {};
        payload.crashes[(tasks[i] as ReplicationTask).replication] = crash;
      }
    }
    return {
      v: PROTOCOL_VERSION,
      runId,
      batchIndex,
      count: batch.taskIndices.length,
      modelVersion: MODEL_VERSION,
      payload: encode(payload),
    };
  }

  /** Runs the tasks on the workers; see ReplicationExecutor for the contract. Rejects with `GATESIM_ERR_REDIS_UNAVAILABLE`. */
  async run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    if (this.closed) throw errors.executorClosed(this.name);
    const out = new OutcomeCollector(tasks, options);
    const signal = options.signal;
    if (tasks.length === 0) return out.outcome();
    if (signal?.aborted === true) {
      out.cancelled = true;
      return out.outcome();
    }
    // Bounded: a dead Redis is reported in seconds, with its URL, instead of BullMQ's endless reconnects.
    await pingRedis(this.redisUrl, this.connectTimeoutMs);
    const { queue, control } = await this.connect();
    const runId = newRunId();
    const batches = this.batches(tasks);
    const placed = new Uint8Array(tasks.length);
    let placedCount = 0;

    return new Promise<ExecutorRunOutcome>((resolve, reject) => {
      let finished = false;
      let poll: NodeJS.Timeout | undefined;
      let lastAnswerAt = Date.now();
      let polling = false;
      let pollCursor = 0;
      let workersSeenAt = Date.now();
      let workersCheckedAt = 0;

      const finish = (error?: unknown) => {
        if (finished) return;
        finished = true;
        this.runs.delete(runId);
        if (poll !== undefined) clearInterval(poll);
        signal?.removeEventListener("abort", onAbort);
        if (error !== undefined) {
          // Leave no orphan work behind: a worker that comes later must not run a failed run's jobs.
          void abandon().catch(() => {});
          reject(error);
          return;
        }
        if (signal?.aborted === true && out.completed < tasks.length) out.cancelled = true;
        resolve(out.outcome());
      };

      const place = (taskIndex: number, item: WorkerItem) => {
        if (finished || placed[taskIndex] === 1) return;
        if (!item.ok && item.failure.code === ErrorCodes.CANCELLED && signal?.aborted !== true) {
          // A worker only cancels a replication of a cancelled run; anything else is a bug worth seeing.
          return;
        }
        placed[taskIndex] = 1;
        placedCount++;
        if (item.ok) out.ok(taskIndex, item.result);
        else out.fail(taskIndex, item.failure);
        if (placedCount === tasks.length) finish();
      };

      const failRest = (batch: BatchState, cause: unknown) => {
        for (const taskIndex of batch.taskIndices) {
          if (finished || placed[taskIndex] === 1) continue;
          placed[taskIndex] = 1;
          placedCount++;
          out.failWith(taskIndex, cause, true);
        }
        if (placedCount === tasks.length) finish();
      };

      const decodeItem = (text: unknown): WorkerItem => {
        if (typeof text !== "string") throw protocolError("an item is not encoded text");
        const item = decode<unknown>(text);
        if (!isWorkerItem(item)) throw protocolError("an item is not a replication outcome");
        return item;
      };

      const completed = (batchIndex: number, returnvalue: unknown) => {
        const batch = batches[batchIndex];
        if (batch === undefined || batch.settled || finished) return;
        batch.settled = true;
        try {
          const ret = returnvalue as Partial<BatchReturn> | null;
          if (typeof ret?.items !== "string") throw protocolError("a batch reply lacks its items");
          const items = decode<unknown>(ret.items);
          if (!Array.isArray(items)) throw protocolError("a batch reply's items are not a list");
          batch.taskIndices.forEach((taskIndex, k) => {
            const item = items[k];
            if (isWorkerItem(item)) place(taskIndex, item);
          });
          // Anything still missing (a cancelled item of a run that was not cancelled, a short reply) fails.
          failRest(batch, protocolError(`worker reply of batch ${batchIndex} misses replications`));
        } catch (e) {
          failRest(batch, e);
        }
      };

      const state: RunState = {
        onProgress: (batchIndex, data) => {
          const batch = batches[batchIndex];
          const p = data as Partial<ItemProgress> | null;
          if (batch === undefined || typeof p?.k !== "number") return;
          const taskIndex = batch.taskIndices[p.k];
          if (taskIndex === undefined) return;
          try {
            place(taskIndex, decodeItem(p.item));
          } catch {
            // The completion repeats every item; a bad progress event is only a lost tick.
          }
        },
        onCompleted: completed,
        onFailed: (batchIndex, reason) => {
          const batch = batches[batchIndex];
          if (batch === undefined || batch.settled || finished) return;
          batch.settled = true;
          failRest(batch, new Error(`batch job failed after ${this.attempts} attempt(s): ${reason}`));
        },
      };

      /** Raises the cancel key workers poll and drops the jobs no worker took yet (bounded). */
      const abandon = () => {
        const pending = batches
          .map((b, i) => ({ b, i }))
          .filter(({ b }) => !b.settled)
          .map(({ i }) => batchJobId(runId, i));
        const work = (async () => {
          await control.set(cancelKey(runId, this.prefix), "1", "EX", 3600);
          await Promise.allSettled(pending.map((id) => queue.remove(id)));
        })();
        return withTimeout(work, 2000, () => new Error("cancel timed out"));
      };

      const onAbort = () => {
        if (finished) return;
        out.cancelled = true;
        abandon()
          .catch(() => {})
          .finally(() => finish());
      };

      const tick = async () => {
        if (polling || finished) return;
        polling = true;
        try {
          const open = batches.map((b, i) => ({ b, i })).filter(({ b }) => !b.settled);
          const slice = open.slice(pollCursor % Math.max(1, open.length)).slice(0, POLL_JOBS_MAX);
          pollCursor += slice.length;
          await withTimeout(control.ping(), this.pollMs * 2, () => new Error("ping timed out"));
          lastAnswerAt = Date.now();
          if (this.noWorkersMs > 0 && lastAnswerAt - workersCheckedAt >= Math.min(5000, this.noWorkersMs / 2)) {
            workersCheckedAt = lastAnswerAt;
            // CLIENT LIST may be disabled (some hosted Redis): then assume workers rather than fail runs.
            const n = await withTimeout(queue.getWorkersCount(), this.pollMs * 2, () => new Error("slow")).catch(
              () => 1,
            );
            if (n > 0) workersSeenAt = Date.now();
            else if (Date.now() - workersSeenAt > this.noWorkersMs) {
              finish(noWorkers(this.redisUrl, Date.now() - workersSeenAt));
              return;
            }
          }
          for (const { i } of slice) {
            if (finished) break;
            const job = (await withTimeout(
              queue.getJob(batchJobId(runId, i)),
              this.pollMs * 2,
              () => new Error("slow"),
            )) as Job<BatchJobData, BatchReturn> | undefined;
            if (job === undefined || job.finishedOn === undefined) continue;
            if (job.failedReason !== undefined && job.failedReason !== "" && job.returnvalue == null) {
              state.onFailed(i, job.failedReason);
            } else {
              completed(i, job.returnvalue);
            }
          }
        } catch {
          if (Date.now() - lastAnswerAt > this.redisLostMs) {
            finish(redisUnavailable(this.redisUrl, this.redisLostMs, new Error("lost during a run")));
          }
        } finally {
          polling = false;
        }
      };

      this.runs.set(runId, state);
      signal?.addEventListener("abort", onAbort, { once: true });
      poll = setInterval(() => void tick(), this.pollMs);
      const jobs = batches.map((batch, i) => ({
        name: "batch",
        data: this.jobData(runId, i, batch, tasks),
        opts: {
          jobId: batchJobId(runId, i),
          attempts: this.attempts,
          // Results are read from events or, if an event was lost, from the job: keep finished jobs a while.
          removeOnComplete: { age: 3600, count: 5000 },
          removeOnFail: { age: 24 * 3600 },
        },
      }));
      withTimeout(queue.addBulk(jobs), this.redisLostMs, () => redisUnavailable(this.redisUrl, this.redisLostMs)).then(
        () => {
          if (signal?.aborted === true) onAbort();
        },
        (e: unknown) => finish(e instanceof DistributedError ? e : redisUnavailable(this.redisUrl, 0, e)),
      );
    });
  }

  /** Closes the Redis connections; the executor cannot be used afterwards. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const c = this.connected;
    this.connected = undefined;
    if (c === undefined) return;
    try {
      const { queue, events, control } = await c;
      control.disconnect();
      await Promise.allSettled([
        withTimeout(queue.close(), 3000, () => new Error("close timed out")),
        withTimeout(events.close(), 3000, () => new Error("close timed out")),
      ]);
    } catch {
      // Never connected: nothing to close.
    }
  }
}

/** Options of `createExecutor`. */
export interface CreateExecutorOptions {
  /** A Redis URL selects the distributed executor; otherwise replications run on this machine. */
  redisUrl?: string | undefined;
  /** Local threads (0 = inline in this thread; default: available cores). Ignored with a Redis URL. */
  threads?: number | undefined;
  /** Options of the BullMQ executor beyond the URL. */
  bullmq?: Omit<BullMqExecutorOptions, "redisUrl">;
}

/**
 * The executor for a command or server: BullMQ on Redis when a URL is given (workers elsewhere do
 * the work), else a local piscina pool (inline for 0 threads). The caller closes it.
 */
export function createExecutor(options: CreateExecutorOptions = {}): ReplicationExecutor {
  const url = options.redisUrl?.trim();
  if (url !== undefined && url !== "") return new BullMqExecutor({ ...options.bullmq, redisUrl: url });
  if (options.threads === 0) return new InlineExecutor();
  return new PiscinaExecutor(options.threads === undefined ? {} : { threads: options.threads });
}
