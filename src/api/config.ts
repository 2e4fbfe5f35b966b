/**
 * Settings of the service: the bounds on work (so one client cannot make the server hang or exhaust
 * memory), the defaults of a run request, and reading them from the environment for `gatesim serve`.
 */

/** Bounds on the work the server accepts. */
export interface ServiceLimits {
  /** Largest `replications` of one run. */
  maxReplications: number;
  /** Largest `horizonDays` (measured days) of one run. */
  maxHorizonDays: number;
  /** Largest `warmupDays` of one run. */
  maxWarmupDays: number;
  /** Runs executing at the same time (they share the worker pool). */
  maxConcurrentRuns: number;
  /** Runs waiting for a slot; one more answers 429 with `Retry-After`. */
  maxQueuedRuns: number;
  /** Scenarios in one comparison. */
  maxComparisonScenarios: number;
  /** Request body limit in bytes. */
  bodyLimitBytes: number;
  /**
   * Unclean stops of the server (a crash, SIGKILL, power loss) while a run was running after which the run
   * is failed instead of resumed. A resumed run that was running at a crash runs alone, so a run that
   * crashes the server is identified and stopped after this many crashes.
   */
  maxRunCrashes: number;
  /**
   * Sampled values one run may store: replications × samples over the horizon × sampled series. A run's
   * results are aggregated in the server's memory when it ends; this bounds that (about 100 MB at the bound).
   */
  maxSampledValuesPerRun: number;
}

/** Default bounds: generous for planners, small enough that a full queue still ends within hours. */
export const DEFAULT_LIMITS: ServiceLimits = {
  maxReplications: 200,
  maxHorizonDays: 366,
  maxWarmupDays: 90,
  maxConcurrentRuns: 2,
  maxQueuedRuns: 32,
  maxComparisonScenarios: 8,
  bodyLimitBytes: 1024 * 1024,
  maxRunCrashes: 2,
  maxSampledValuesPerRun: 12_500_000,
};

/** Defaults of a run request (applied by the handler, not by the schema, so OpenAPI has one component). */
export const RUN_DEFAULTS = { replications: 10, seed: 42 } as const;

/** Per-client request rate (per IP, @fastify/rate-limit); `false` disables it (benchmarks only). */
export type RateLimitSetting = { max: number; timeWindowMs: number } | false;

/** Default rate: 600 requests a minute per client, enough for a dashboard polling several runs. */
export const DEFAULT_RATE_LIMIT: RateLimitSetting = { max: 600, timeWindowMs: 60_000 };

/** Settings of `gatesim serve` read from the environment and flags. */
export interface ServerSettings {
  host: string;
  port: number;
  dataDir: string;
  apiKeys: string[];
  /** Host names a keyless server answers besides loopback ones (`GATESIM_ALLOWED_HOSTS`). */
  allowedHosts: string[];
  limits: ServiceLimits;
  /** Worker threads of the pool (default: available parallelism). */
  threads?: number;
  /** Redis of the distributed mode: runs go to `gatesim worker` processes instead of the local pool. */
  redisUrl?: string;
  /** Durability of the run store's commits (`GATESIM_SQLITE_SYNCHRONOUS`: NORMAL, the default, or FULL). */
  sqliteSynchronous: "NORMAL" | "FULL";
  /** Sockets served at once (`GATESIM_MAX_CONNECTIONS`, default 1024); more are closed at once. */
  maxConnections: number;
}

/** A positive integer from the environment, or the default; throws naming the variable on junk. */
function envInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === "") return fallback;
  const n = Number(raw);
  if (!Number.isSafeInteger(n) || n < min)
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  return n;
}

/** `GATESIM_SQLITE_SYNCHRONOUS`: NORMAL (default) or FULL, any case; throws naming the variable on junk. */
function synchronousFromEnv(raw: string | undefined): "NORMAL" | "FULL" {
  const v = (raw ?? "").trim().toUpperCase();
  if (v === "" || v === "NORMAL") return "NORMAL";
  if (v === "FULL") return "FULL";
  throw new Error(`GATESIM_SQLITE_SYNCHRONOUS must be NORMAL or FULL, got ${JSON.stringify(raw)}`);
}

/** Comma-separated API keys or host names (blank entries dropped). */
export function parseApiKeys(raw: string | undefined): string[] {
  if (raw === undefined) return [];
  return raw
    .split(",")
    .map((k) => k.trim())
    .filter((k) => k.length > 0);
}

/**
 * Settings from the environment: `HOST` (127.0.0.1), `PORT` (8080), `GATESIM_DATA_DIR` (./data),
 * `GATESIM_API_KEYS`, `GATESIM_THREADS`, `REDIS_URL` (distributed mode), and the limits `GATESIM_MAX_REPLICATIONS`,
 * `GATESIM_MAX_HORIZON_DAYS`, `GATESIM_MAX_CONCURRENT_RUNS`, `GATESIM_MAX_QUEUED_RUNS`, `GATESIM_MAX_RUN_CRASHES`.
 */
export function settingsFromEnv(env: NodeJS.ProcessEnv = process.env): ServerSettings {
  const limits: ServiceLimits = {
    ...DEFAULT_LIMITS,
    maxReplications: envInt(env, "GATESIM_MAX_REPLICATIONS", DEFAULT_LIMITS.maxReplications),
    maxHorizonDays: envInt(env, "GATESIM_MAX_HORIZON_DAYS", DEFAULT_LIMITS.maxHorizonDays),
    maxConcurrentRuns: envInt(env, "GATESIM_MAX_CONCURRENT_RUNS", DEFAULT_LIMITS.maxConcurrentRuns),
    maxQueuedRuns: envInt(env, "GATESIM_MAX_QUEUED_RUNS", DEFAULT_LIMITS.maxQueuedRuns, 0),
    maxRunCrashes: envInt(env, "GATESIM_MAX_RUN_CRASHES", DEFAULT_LIMITS.maxRunCrashes),
  };
  const settings: ServerSettings = {
    host: env.HOST?.trim() || "127.0.0.1",
    port: envInt(env, "PORT", 8080, 0),
    dataDir: env.GATESIM_DATA_DIR?.trim() || "./data",
    apiKeys: parseApiKeys(env.GATESIM_API_KEYS),
    allowedHosts: parseApiKeys(env.GATESIM_ALLOWED_HOSTS),
    limits,
    sqliteSynchronous: synchronousFromEnv(env.GATESIM_SQLITE_SYNCHRONOUS),
    maxConnections: envInt(env, "GATESIM_MAX_CONNECTIONS", 1024),
  };
  const threads = env.GATESIM_THREADS;
  if (threads !== undefined && threads.trim() !== "") settings.threads = envInt(env, "GATESIM_THREADS", 1);
  const redisUrl = env.REDIS_URL?.trim();
  if (redisUrl !== undefined && redisUrl !== "") {
    if (!/^rediss?:\/\//.test(redisUrl))
      throw new Error(`REDIS_URL must look like redis://host:6379, got a value that does not`);
    settings.redisUrl = redisUrl;
  }
  return settings;
}

/** True for addresses only this machine can reach (the only ones allowed without API keys). */
export function isLoopbackHost(host: string): boolean {
  const h = host
    .trim()
    .toLowerCase()
    .replace(/^\[|\]$/g, "");
  return h === "localhost" || h === "::1" || /^127(\.\d{1,3}){3}$/.test(h) || h === "::ffff:127.0.0.1";
}
