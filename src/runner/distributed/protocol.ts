/**
 * The wire protocol between a `BullMqExecutor` (the caller) and `gatesim worker` processes: queue and
 * key names, job ids, the job data and reply shapes, and the codec that carries them through Redis.
 *
 * The codec is V8's structured-clone serializer (the one `postMessage` uses between piscina threads), as
 * base64 text. JSON would turn NaN, ±Infinity and -0 into null or 0 (an unbounded capacity in a compiled
 * scenario, an empty tally's mean in a result), so a distributed run would not be bit-identical to a
 * local one; the structured-clone bytes are exactly what the thread boundary already carries.
 */
import { deserialize, serialize } from "node:v8";
import type { ReplicationTask } from "../executor.js";
import type { WorkerBatch, WorkerItem } from "../worker.js";

/** Default key prefix of every gatesim key in Redis (BullMQ's own default is "bull"); callers and
 * workers with another prefix form a separate cluster on the same Redis. */
export const KEY_PREFIX = "gatesim";
/** The one queue of replication batches (BullMQ queue names cannot contain ":"). */
export const QUEUE_NAME = "batches";
/**
 * Protocol version: a worker refuses jobs of another version instead of misreading them. Version 2 keeps
 * each result once, in the run's results hash, instead of in progress events, the job's progress and its
 * return value (three to four copies in Redis), and has the run's heartbeat key.
 */
export const PROTOCOL_VERSION = 2;
/** Events kept in the queue's event stream (small notices: results are in the run's results hash). */
export const EVENTS_MAX_LEN = 2000;
/**
 * Life of a run's heartbeat key: the caller refreshes it every poll; a worker discards (without running)
 * a job whose run has no heartbeat, so the work of a run that ended, or whose caller died, never runs.
 */
export const ALIVE_TTL_MS = 10_000;
/**
 * Life of a run's results hash after its last write: the caller reads each result as it is announced and
 * deletes the hash when the run ends; this bounds what a caller that died leaves behind.
 */
export const RESULTS_TTL_S = 600;
/** Largest job: a worker sizes its pool's queue for `concurrency` jobs of at most this many replications. */
export const JOB_REPLICATIONS_MAX = 64;

/** The cancel key of a run: set by the caller on abort, polled by workers while they run its batches. */
export function cancelKey(runId: string, prefix: string = KEY_PREFIX): string {
  return `${prefix}:cancel:${runId}`;
}

/** The heartbeat key of a run (see `ALIVE_TTL_MS`). */
export function aliveKey(runId: string, prefix: string = KEY_PREFIX): string {
  return `${prefix}:alive:${runId}`;
}

/** The results hash of a run: field `<batch>:<k>` holds the encoded `WorkerItem` of that replication. */
export function resultsKey(runId: string, prefix: string = KEY_PREFIX): string {
  return `${prefix}:results:${runId}`;
}

/** Field of one replication's result in the results hash. */
export function resultField(batchIndex: number, k: number): string {
  return `${batchIndex}:${k}`;
}

/** Checks a key prefix (letters, digits, "-", "_", "."; BullMQ forbids nothing else that matters here). */
export function checkPrefix(prefix: string): string {
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(prefix))
    throw new Error(`a queue prefix is 1-64 of A-Z a-z 0-9 _ . -, got ${JSON.stringify(prefix)}`);
  return prefix;
}

/** Job id of batch `batchIndex` of run `runId`: adding it twice is a no-op, and a retry keeps it. */
export function batchJobId(runId: string, batchIndex: number): string {
  return `${runId}-b${batchIndex}`;
}

/** What a batch job carries, before encoding: a `WorkerBatch` without its thread-local cancel flag. */
export interface BatchPayload {
  template: WorkerBatch["template"];
  replications: number[];
  crashes?: Record<number, ReplicationTask["__crashForTest"]>;
}

/** The data of a batch job as stored in Redis. */
export interface BatchJobData {
  v: typeof PROTOCOL_VERSION;
  runId: string;
  batchIndex: number;
  /** Replications in the batch (readable without decoding, for dashboards and logs). */
  count: number;
  /** Model version of the caller (a worker of another version still runs; the caller refuses its results). */
  modelVersion: string;
  /** `BatchPayload`, encoded. */
  payload: string;
}

/** A job's progress event: replication `k` of the batch is in the results hash (the item is not repeated). */
export interface ItemProgress {
  /** Position in the batch (0-based). */
  k: number;
}

/** A job's return value: a receipt; the items are in the results hash. */
export interface BatchReturn {
  /** Items written to the results hash. */
  n: number;
  /** Worker that ran it (logs and the bench's split). */
  worker: string;
  /** True when the worker did not run it: its run had no heartbeat (ended, or its caller died). */
  discarded?: boolean;
}

/** Encodes a value with the structured-clone serializer, as base64 text. */
export function encode(value: unknown): string {
  return serialize(value).toString("base64");
}

/** Decodes `encode`'s text. */
export function decode<T>(text: string): T {
  return deserialize(Buffer.from(text, "base64")) as T;
}

/** True when a value looks like a decoded `WorkerItem` (the network is an edge: check before use). */
export function isWorkerItem(value: unknown): value is WorkerItem {
  if (typeof value !== "object" || value === null) return false;
  const v = value as { ok?: unknown; result?: unknown; failure?: unknown };
  if (v.ok === true) return typeof v.result === "object" && v.result !== null;
  if (v.ok === false) return typeof v.failure === "object" && v.failure !== null;
  return false;
}

/** The URL with its password masked, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password !== "") u.password = "***";
    return u.toString();
  } catch {
    return url.replace(/\/\/[^@/]*@/, "//***@");
  }
}

/** Stable codes of the distributed mode (the runner's codes pass through unchanged). */
export const DistributedErrorCodes = {
  /** Redis could not be reached (or stopped answering) within the bound. */
  REDIS_UNAVAILABLE: "GATESIM_ERR_REDIS_UNAVAILABLE",
  /** No `gatesim worker` was connected to the queue for too long while a run waited. */
  NO_WORKERS: "GATESIM_ERR_NO_WORKERS",
  /** A job's data or reply did not have the expected shape (version skew, foreign writer). */
  PROTOCOL: "GATESIM_ERR_PROTOCOL",
  /** Redis refused the credentials in the URL (wrong or missing password, unknown user). */
  REDIS_AUTH: "GATESIM_ERR_REDIS_AUTH",
  /** The TLS handshake with Redis failed (rediss:// to a plain server, an untrusted certificate...). */
  REDIS_TLS: "GATESIM_ERR_REDIS_TLS",
  /** Jobs of a run vanished from Redis (restarted without persistence, flushed, evicted) more often than resubmitted. */
  JOBS_LOST: "GATESIM_ERR_REDIS_JOBS_LOST",
} as const;

/** An error of the distributed mode, with a stable code. */
export class DistributedError extends Error {
  /** Stable code, e.g. `GATESIM_ERR_REDIS_UNAVAILABLE`. */
  readonly code: (typeof DistributedErrorCodes)[keyof typeof DistributedErrorCodes];

  /** Use `redisUnavailable` / `protocolError` rather than this constructor. */
  constructor(code: DistributedError["code"], message: string, cause?: unknown) {
    super(message, cause === undefined ? undefined : { cause });
    this.name = "DistributedError";
    this.code = code;
  }
}

/** What went wrong reaching Redis: no answer, refused credentials, or a failed TLS handshake. */
export function classifyRedisError(cause: unknown): "auth" | "tls" | "unavailable" {
  const text = cause instanceof Error ? `${(cause as { code?: unknown }).code ?? ""} ${cause.message}` : String(cause);
  if (/WRONGPASS|NOAUTH|invalid password|invalid username-password|AUTH .*without any password/i.test(text))
    return "auth";
  if (
    /ERR_SSL|SSL routines|TLS|certificate|self[- ]signed|EPROTO|wrong version number|packet length too long/i.test(text)
  )
    return "tls";
  return "unavailable";
}

/**
 * Redis at `url` could not be used: refused credentials (`GATESIM_ERR_REDIS_AUTH`), a failed TLS handshake
 * (`GATESIM_ERR_REDIS_TLS`), or no answer within `waitedMs` (`GATESIM_ERR_REDIS_UNAVAILABLE`).
 */
export function redisUnavailable(url: string, waitedMs: number, cause?: unknown): DistributedError {
  const why = cause instanceof Error && cause.message !== "" ? `: ${cause.message}` : "";
  const where = redactUrl(url);
  const kind = classifyRedisError(cause);
  if (kind === "auth") {
    return new DistributedError(
      DistributedErrorCodes.REDIS_AUTH,
      `Redis at ${where} refused the credentials${why}; check the password in the URL (redis://:PASSWORD@host:6379) against the server's requirepass (${DistributedErrorCodes.REDIS_AUTH})`,
      cause,
    );
  }
  if (kind === "tls") {
    return new DistributedError(
      DistributedErrorCodes.REDIS_TLS,
      `the TLS handshake with Redis at ${where} failed${why}; rediss:// needs a Redis with TLS enabled (use redis:// for a plain one) and a certificate this machine trusts (${DistributedErrorCodes.REDIS_TLS})`,
      cause,
    );
  }
  const closed = /Connection is closed|ECONNRESET|socket hang up/i.test(why)
    ? "; it closed the connection without answering (a TLS-only Redis reached with redis://? then use rediss://)"
    : "";
  return new DistributedError(
    DistributedErrorCodes.REDIS_UNAVAILABLE,
    `Redis at ${where} is unavailable (no answer within ${waitedMs} ms${why})${closed}; start it or fix REDIS_URL / --redis, or run without them to use this machine only (${DistributedErrorCodes.REDIS_UNAVAILABLE})`,
    cause,
  );
}

/** Jobs of a run disappeared from Redis more times than they were resubmitted. */
export function jobsLost(url: string, batches: number, resubmits: number): DistributedError {
  return new DistributedError(
    DistributedErrorCodes.JOBS_LOST,
    `${batches} job(s) of this run vanished from Redis at ${redactUrl(url)} and were resubmitted ${resubmits} time(s) without completing: Redis is being restarted without persistence, flushed, or evicts keys (set maxmemory-policy noeviction) (${DistributedErrorCodes.JOBS_LOST})`,
  );
}

/** No worker served the queue for `waitedMs`. */
export function noWorkers(url: string, waitedMs: number): DistributedError {
  return new DistributedError(
    DistributedErrorCodes.NO_WORKERS,
    `no gatesim worker has been connected to Redis at ${redactUrl(url)} for ${Math.round(waitedMs / 1000)} s: start one with \`gatesim worker --redis URL\` (on this or another machine), or run without REDIS_URL / --redis to use this machine only (${DistributedErrorCodes.NO_WORKERS})`,
  );
}

/** A malformed job or reply. */
export function protocolError(message: string): DistributedError {
  return new DistributedError(DistributedErrorCodes.PROTOCOL, `distributed protocol error: ${message}`);
}
