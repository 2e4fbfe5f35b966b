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
/** Protocol version: a worker refuses jobs of another version instead of misreading them. */
export const PROTOCOL_VERSION = 1;
/** Events kept in the queue's event stream: bounds Redis memory (results ride on progress events). */
export const EVENTS_MAX_LEN = 2000;
/** Largest job: a worker sizes its pool's queue for `concurrency` jobs of at most this many replications. */
export const JOB_REPLICATIONS_MAX = 64;

/** The cancel key of a run: set by the caller on abort, polled by workers while they run its batches. */
export function cancelKey(runId: string, prefix: string = KEY_PREFIX): string {
  return `${prefix}:cancel:${runId}`;
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

/** A job's progress event: one finished replication, by its position in the batch. */
export interface ItemProgress {
  /** Position in the batch (0-based). */
  k: number;
  /** `WorkerItem`, encoded. */
  item: string;
}

/** A job's return value: every replication of the batch in batch order (`WorkerItem[]`, encoded). */
export interface BatchReturn {
  items: string;
  /** Worker that ran it (logs and the bench's split). */
  worker: string;
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

/** Redis at `url` did not answer within `waitedMs`. */
export function redisUnavailable(url: string, waitedMs: number, cause?: unknown): DistributedError {
  const why = cause instanceof Error && cause.message !== "" ? `: ${cause.message}` : "";
  return new DistributedError(
    DistributedErrorCodes.REDIS_UNAVAILABLE,
    `Redis at ${redactUrl(url)} is unavailable (no answer within ${waitedMs} ms${why}); start it or fix REDIS_URL / --redis, or run without them to use this machine only (${DistributedErrorCodes.REDIS_UNAVAILABLE})`,
    cause,
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
