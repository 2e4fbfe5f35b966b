/**
 * The distributed executor: replications run in `gatesim worker` processes on any number of machines,
 * through one BullMQ queue on Redis. Selected by `REDIS_URL` / `--redis URL` (see `createExecutor`).
 *
 * - Batches. Tasks are grouped, like the piscina executor does, into batches of consecutive
 *   replications sharing a scenario and settings; one batch is one job of the queue `batches`
 *   (key prefix `gatesim`). Its data is a `WorkerBatch` without the thread-local cancel flag, encoded
 *   with the structured-clone serializer (protocol.ts), so NaN, ±Infinity and -0 survive Redis.
 * - Job ids are `<runId>-b<batchIndex>`: adding a job twice is a no-op, and a retried or resubmitted job
 *   keeps its id. Each replication's item is placed by task index at most once, so a batch run twice never
 *   counts a replication twice, and since a replication is a pure function of (scenario, seed, index) the
 *   copy that wins is the same.
 * - One run's life (heartbeat, results hash, lost jobs, waiting for workers, cleanup at any end) is
 *   `DistributedRun` (distributed/distributed-run.ts).
 * - Redis down. The start of a run PINGs Redis with a bound (`GATESIM_ERR_REDIS_UNAVAILABLE`, naming the
 *   URL; `_AUTH` for refused credentials, `_TLS` for a failed handshake); during a run, the poll fails the
 *   run when Redis has not answered for `redisLostMs`. Closing never waits on a dead Redis for more than a
 *   few seconds, so a command always ends and prints why.
 */
import { randomBytes } from "node:crypto";
import type { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { MODEL_VERSION } from "../model/index.js";
import { type BatchState, cleanRun, DistributedRun } from "./distributed/distributed-run.js";
import {
  ALIVE_TTL_MS,
  type BatchJobData,
  type BatchPayload,
  type BatchReturn,
  batchJobId,
  checkPrefix,
  DistributedErrorCodes,
  EVENTS_MAX_LEN,
  encode,
  JOB_REPLICATIONS_MAX,
  KEY_PREFIX,
  PROTOCOL_VERSION,
  QUEUE_NAME,
  redactUrl,
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
import { errors } from "./errors.js";
import {
  type ExecutorHealth,
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  InlineExecutor,
  OutcomeCollector,
  type ReplicationExecutor,
  type ReplicationTask,
  sameTemplate,
} from "./executor.js";
import { PiscinaExecutor } from "./piscina-executor.js";

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
  /** Life of a run's heartbeat key (default 10 s): its jobs are discarded this long after the run ends or its caller dies. */
  aliveTtlMs?: number;
}

/** Largest automatic job: beyond this, progress gets coarse and a dead worker costs a long rerun. */
const AUTO_BATCH_MAX = 8;
/** Interval of the retries of a cleanup that Redis did not answer (the heartbeat expires meanwhile). */
const CLEANUP_RETRY_MS = 5000;
/** How long a cleanup is retried before it is left to the heartbeat's expiry and the jobs' ageing. */
const CLEANUP_GIVE_UP_MS = 10 * 60_000;

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

/** Closes a BullMQ object, or drops its connection if Redis does not let it close within 3 s. */
function closeOrDrop(o: { close(): Promise<void>; disconnect(): Promise<void> }): Promise<void> {
  const timedOut = () => new Error("close timed out");
  return withTimeout(o.close(), 3000, timedOut, true).catch(() =>
    withTimeout(o.disconnect(), 1000, timedOut, true).catch(() => {}),
  );
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
  private readonly aliveTtlMs: number;
  private readonly prefix: string;
  private readonly runs = new Map<string, DistributedRun>();
  /** Cleanups Redis did not answer, retried until they succeed (or are given up after 10 min). */
  private readonly pendingCleanups = new Map<string, { jobIds: string[]; since: number }>();
  private cleanupTimer: NodeJS.Timeout | undefined;
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
    this.aliveTtlMs = options.aliveTtlMs ?? ALIVE_TTL_MS;
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
      events.on("completed", ({ jobId }) => {
        const id = parseJobId(jobId);
        if (id !== undefined) this.runs.get(id.runId)?.onCompleted(id.batchIndex);
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
        await Promise.allSettled([closeOrDrop(queue), closeOrDrop(events)]);
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
        current = { taskIndices: [], settled: false, resubmits: 0 };
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

  /** Runs the tasks on the workers; see ReplicationExecutor for the contract. Rejects with `GATESIM_ERR_REDIS_*`. */
  async run(tasks: readonly ReplicationTask[], options: ExecutorRunOptions = {}): Promise<ExecutorRunOutcome> {
    if (this.closed) throw errors.executorClosed(this.name);
    const out = new OutcomeCollector(tasks, options);
    const signal = options.signal;
    if (tasks.length === 0) return out.outcome();
    if (signal?.aborted === true) {
      out.cancelled = true;
      return out.outcome();
    }
    await this.waitForRedis(options);
    const { queue, control } = await this.connect();
    const runId = newRunId();
    const batches = this.batches(tasks);
    const jobs = batches.map((batch, i) => ({
      name: "batch",
      data: this.jobData(runId, i, batch, tasks),
      opts: {
        jobId: batchJobId(runId, i),
        attempts: this.attempts,
        // The caller reads items from the results hash; a finished job is only a receipt. The run removes
        // its jobs when it ends; these ages are the backstop.
        removeOnComplete: { age: 600, count: 1000 },
        removeOnFail: { age: 3600, count: 1000 },
      },
    }));
    const run = new DistributedRun(
      {
        queue,
        control,
        redisUrl: this.redisUrl,
        prefix: this.prefix,
        attempts: this.attempts,
        pollMs: this.pollMs,
        redisLostMs: this.redisLostMs,
        noWorkersMs: this.noWorkersMs,
        aliveTtlMs: this.aliveTtlMs,
        detach: (id) => this.runs.delete(id),
        cleanup: (id, jobIds) => this.cleanup(id, jobIds),
      },
      runId,
      tasks,
      batches,
      jobs,
      out,
      options,
    );
    this.runs.set(runId, run);
    run.start();
    await run.done;
    return out.outcome();
  }

  /**
   * Waits for Redis at the start of a run as long as a running run would (`redisLostMs`), saying so through
   * `onWaiting`: a Redis restarting for a second must not fail every queued run at once. Refused
   * credentials and TLS failures fail at once; waiting would not fix them.
   */
  private async waitForRedis(options: ExecutorRunOptions): Promise<void> {
    const started = Date.now();
    let waiting = false;
    for (;;) {
      try {
        await pingRedis(this.redisUrl, this.connectTimeoutMs);
        if (waiting) options.onWaiting?.(null);
        return;
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        if (code !== DistributedErrorCodes.REDIS_UNAVAILABLE) throw e;
        const waited = Date.now() - started;
        if (waited >= this.redisLostMs || options.signal?.aborted === true) {
          throw waited < this.connectTimeoutMs ? e : redisUnavailable(this.redisUrl, waited, (e as Error).cause);
        }
        waiting = true;
        options.onWaiting?.(`waiting for Redis at ${redactUrl(this.redisUrl)}: it does not answer`);
        await new Promise((r) => setTimeout(r, Math.min(500, this.redisLostMs)));
      }
    }
  }

  /** Cleans a finished run's keys and jobs; when Redis does not answer, retries later (bounded). */
  private cleanup(runId: string, jobIds: string[]): void {
    const c = this.connected;
    if (c === undefined) return;
    void c
      .then(({ queue, control }) => cleanRun(queue, control, this.prefix, runId, jobIds))
      .catch(() => {
        this.pendingCleanups.set(runId, { jobIds, since: Date.now() });
        this.cleanupTimer ??= setInterval(() => this.retryCleanups(), CLEANUP_RETRY_MS);
        this.cleanupTimer.unref();
      });
  }

  /** Retries the cleanups Redis did not answer. */
  private retryCleanups(): void {
    const c = this.connected;
    for (const [runId, { jobIds, since }] of this.pendingCleanups) {
      if (c === undefined || Date.now() - since > CLEANUP_GIVE_UP_MS) {
        this.pendingCleanups.delete(runId);
        continue;
      }
      void c
        .then(({ queue, control }) => cleanRun(queue, control, this.prefix, runId, jobIds))
        .then(() => this.pendingCleanups.delete(runId))
        .catch(() => {});
    }
    if (this.pendingCleanups.size === 0 && this.cleanupTimer !== undefined) {
      clearInterval(this.cleanupTimer);
      this.cleanupTimer = undefined;
    }
  }

  /** Redis reachability and the workers connected to the queue (bounded to about a second). */
  async health(timeoutMs = 1000): Promise<ExecutorHealth> {
    const redis = redactUrl(this.redisUrl);
    try {
      await pingRedis(this.redisUrl, timeoutMs);
    } catch (e) {
      return { kind: "redis", ok: false, redis, detail: e instanceof Error ? e.message : String(e) };
    }
    let workers: number | undefined;
    try {
      const { queue } = await withTimeout(this.connect(), timeoutMs, () => new Error("slow"));
      workers = await withTimeout(queue.getWorkersCount(), timeoutMs, () => new Error("slow"));
    } catch {
      workers = undefined;
    }
    const seen = workers === undefined ? "workers unknown" : `${workers} gatesim worker(s) connected`;
    return {
      kind: "redis",
      ok: workers !== 0,
      redis,
      ...(workers === undefined ? {} : { workers }),
      detail: `replications run on gatesim worker processes through Redis at ${redis}: reachable, ${seen}`,
    };
  }

  /** Closes the Redis connections (forcibly after 3 s: a dead Redis must not hold a command open). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    if (this.cleanupTimer !== undefined) clearInterval(this.cleanupTimer);
    const c = this.connected;
    this.connected = undefined;
    if (c === undefined) return;
    let conn: Connected;
    try {
      conn = await withTimeout(c, 3000, () => new Error("connect timed out"), true);
    } catch {
      return; // never connected: nothing to close
    }
    const { queue, events, control } = conn;
    // Cleanups still owed get one last, bounded, try.
    await Promise.allSettled(
      [...this.pendingCleanups].map(([runId, { jobIds }]) => cleanRun(queue, control, this.prefix, runId, jobIds)),
    );
    this.pendingCleanups.clear();
    control.disconnect();
    await Promise.allSettled([closeOrDrop(queue), closeOrDrop(events)]);
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
