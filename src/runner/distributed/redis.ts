/**
 * Redis connections of the distributed mode. BullMQ retries a lost connection forever (right for a
 * long-lived worker), so every place that must answer a person in bounded time (a run's start, its
 * watchdog) goes through `pingRedis` or `withTimeout` instead of waiting on BullMQ.
 */
import type { ConnectionOptions } from "bullmq";
import type { Redis } from "ioredis";
import { redisUnavailable } from "./protocol.js";

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

/** Resolves with `promise`, or rejects with `onTimeout()` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
    timer.unref();
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

/** Connects, PINGs and disconnects; throws `GATESIM_ERR_REDIS_UNAVAILABLE` (with the URL) within `timeoutMs`. */
export async function pingRedis(url: string, timeoutMs = REDIS_CONNECT_TIMEOUT_MS): Promise<void> {
  let client: Redis;
  try {
    client = await fastFailClient(url, timeoutMs);
  } catch (e) {
    throw redisUnavailable(url, 0, e);
  }
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
    throw redisUnavailable(url, timeoutMs, e);
  } finally {
    client.disconnect();
  }
}
