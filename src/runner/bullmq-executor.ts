import type { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import { PendingCleanups } from "./bullmq-cleanups.js";
import { batchJobData, batchTasks, newRunId, parseJobId } from "./bullmq-jobs.js";
import { DistributedRun } from "./distributed/distributed-run.js";
import {
  ALIVE_TTL_MS,
  type BatchJobData,
  type BatchReturn,
  batchJobId,
  checkPrefix,
  DistributedErrorCodes,
  EVENTS_MAX_LEN,
  JOB_REPLICATIONS_MAX,
  KEY_PREFIX,
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

/** The executor's Redis objects, created on the first run. */
interface Connected {
  queue: Queue<BatchJobData, BatchReturn>;
  events: QueueEvents;
  /** Cancel keys and the watchdog's pings. */
  control: Redis;
}

/** Closes a BullMQ object, or drops its connection if Redis does not let it close within 3 s. */
function closeOrDrop(o: { close(): Promise<void>; disconnect(): Promise<void> }): Promise<void> {
  const timedOut = () => new Error("close timed out");
  return withTimeout(o.close(), 3000, timedOut, true).catch(() =>
    withTimeout(o.disconnect(), 1000, timedOut, true).catch(() => {}),
  );
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
  private readonly cleanups: PendingCleanups;
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
    this.cleanups = new PendingCleanups(this.prefix, () => this.connected);
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
    const batches = batchTasks(tasks, this.batchSize);
    const jobs = batches.map((batch, i) => ({
      name: "batch",
      data: batchJobData(runId, i, batch, tasks),
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
        cleanup: (id, jobIds) => this.cleanups.clean(id, jobIds),
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
    this.cleanups.stop();
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
    await this.cleanups.flush(queue, control);
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
