/**
 * Redis connections of the distributed mode. BullMQ retries a lost connection forever (right for a
 * long-lived worker), so every place that must answer a person in bounded time (a run's start, its
 * watchdog) goes through `pingRedis` or `withTimeout` instead of waiting on BullMQ.
 */
import { connect } from "node:net";
import type { ConnectionOptions } from "bullmq";
import type { Redis } from "ioredis";
import { classifyRedisError, redisUnavailable } from "./protocol.js";

/** Default bound on "is Redis there?" (connect + PING). */
export const REDIS_CONNECT_TIMEOUT_MS = 3000;

/** The ioredis client class, loaded on first use. */
async function redisClass(): Promise<typeof Redis> {
  return (await import("ioredis")).Redis;
}

/** Connection options for BullMQ objects: reconnect with a capped back-off, never give up. */
export function bullConnection(url: string): ConnectionOptions {
  return {
    url,
    // Required by BullMQ for workers and queue events (blocking commands).
    maxRetriesPerRequest: null,
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  };
}

/**
 * Resolves with `promise`, or rejects with `onTimeout()` after `ms`. The timer does not keep the process
 * alive, unless `keepAlive`: a caller that must end in bounded time even when nothing else is left (closing
 * connections to a dead Redis at the end of a command) needs the timer to fire, or Node would exit on an
 * empty event loop with the top-level await unsettled (exit code 13, nothing printed).
 */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error, keepAlive = false): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    if (!keepAlive) timer.unref();
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** A plain client that fails fast instead of queueing commands while disconnected. */
async function fastFailClient(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<Redis> {
  const RedisClient = await redisClass();
  const client = new RedisClient(url, {
    lazyConnect: true,
    connectTimeout: timeoutMs,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => (times > 3 ? null : 200),
  });
  // Without a listener an unreachable server would crash the process with an 'error' event.
  client.on("error", () => {});
  return client;
}

/** A long-lived plain client for small commands (cancel keys, pings): reconnects forever, but a command
 * sent while disconnected fails at once instead of waiting, so callers can bound their waits. */
export async function controlClient(url: string): Promise<Redis> {
  const RedisClient = await redisClass();
  const client = new RedisClient(url, {
    connectTimeout: REDIS_CONNECT_TIMEOUT_MS,
    maxRetriesPerRequest: 1,
    enableOfflineQueue: false,
    retryStrategy: (times: number) => Math.min(100 * 2 ** Math.min(times, 5), 2000),
  });
  client.on("error", () => {});
  return client;
}

/** Resolves when a client is connected (commands of a `controlClient` fail until then). */
export function clientReady(client: Redis): Promise<void> {
  if (client.status === "ready") return Promise.resolve();
  return new Promise((resolve) => client.once("ready", () => resolve()));
}

/**
 * Connects, PINGs and disconnects; throws within `timeoutMs` `GATESIM_ERR_REDIS_UNAVAILABLE` (no answer),
 * `GATESIM_ERR_REDIS_AUTH` (credentials refused) or `GATESIM_ERR_REDIS_TLS` (handshake failed), naming the
 * URL with its password masked. ioredis reports the real cause (WRONGPASS, a TLS alert) as an 'error'
 * event and rejects the connection with a bare "Connection is closed", so the last event is kept as the cause.
 */
export async function pingRedis(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
  let client: Redis;
  try {
    client = await fastFailClient(url, timeoutMs);
  } catch (e) {
    throw redisUnavailable(url, 0, e);
  }
  let reported: unknown;
  client.on("error", (e: unknown) => {
    // The first telling error wins over later reconnection noise.
    if (reported === undefined || classifyRedisError(reported) === "unavailable") reported = e;
  });
  try {
    await withTimeout(
      (async () => {
        await client.connect();
        const pong = await client.ping();
        if (pong !== "PONG") throw new Error(`unexpected PING reply ${JSON.stringify(pong)}`);
      })(),
      timeoutMs,
      () => new Error("timed out"),
    );
  } catch (e) {
    let cause = classifyRedisError(e) === "unavailable" && reported !== undefined ? reported : e;
    // A plain Redis never answers a TLS handshake (it waits for a command line): ask it in plain text.
    if (url.startsWith("rediss://") && classifyRedisError(cause) === "unavailable" && (await answersPlainText(url)))
      cause = new Error("the server answers plain-text Redis, not TLS (TLS handshake got no answer)");
    throw redisUnavailable(url, timeoutMs, cause);
  } finally {
    client.disconnect();
  }
}

/** True when the host and port of `url` answer a plain-text PING (with PONG or an error reply) within 1 s. */
function answersPlainText(url: string): Promise<boolean> {
  let host: string;
  let port: number;
  try {
    const u = new URL(url);
    host = u.hostname.replace(/^\[|\]$/g, "");
    port = Number(u.port || 6379);
  } catch {
    return Promise.resolve(false);
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (answer: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const timer = setTimeout(() => done(false), 1000);
    socket.once("connect", () => socket.write("PING\r\n"));
    socket.once("data", (d: Buffer) => done(/^[+-]/.test(d.toString("latin1"))));
    socket.once("error", () => done(false));
  });
}
