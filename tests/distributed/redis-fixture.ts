/**
 * Redis for the distributed tests and the bench: `REDIS_URL` when set (CI's `.ci/run` starts one on
 * 127.0.0.1:6399), with a database of its own per test file so files running in parallel never share
 * a queue; otherwise a throwaway `redis-server` on a free loopback port in a temp directory. Tests skip,
 * with the reason, when neither exists.
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The project root. */
export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));

/** True when `redis-server` is on PATH. */
export function hasRedisServer(): boolean {
  return spawnSync("redis-server", ["--version"], { stdio: "ignore" }).status === 0;
}

/** Why the Redis tests are skipped, or undefined when they can run. */
export function redisSkipReason(): string | undefined {
  if (process.env.REDIS_URL?.trim()) return undefined;
  if (hasRedisServer()) return undefined;
  return "neither REDIS_URL is set nor redis-server is on PATH (apt-get install redis-server, or export REDIS_URL)";
}

/** A free TCP port on 127.0.0.1 (nothing listens on it once this resolves). */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once("error", rej);
    srv.listen(0, "127.0.0.1", () => {
      const addr = srv.address();
      const port = typeof addr === "object" && addr !== null ? addr.port : 0;
      srv.close(() => res(port));
    });
  });
}

/** A Redis for one test file. */
export interface TestRedis {
  /** URL of the database this file owns. */
  url: string;
  /** Same server, another database (e.g. a queue with no worker on it). */
  urlForDb(db: number): string;
  /** Stops the server if we started it. */
  stop(): Promise<void>;
}

/** Replaces the database of a Redis URL. */
function withDb(url: string, db: number): string {
  const u = new URL(url);
  u.pathname = `/${db}`;
  return u.toString();
}

/** Waits for PING on a port. */
async function waitForPong(port: number, timeoutMs: number, password?: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const auth = password === undefined ? [] : ["-a", password, "--no-auth-warning"];
    const r = spawnSync("redis-cli", ["-h", "127.0.0.1", "-p", String(port), ...auth, "ping"], { encoding: "utf8" });
    if (r.stdout?.includes("PONG")) return;
    if (Date.now() > deadline) throw new Error(`redis-server on port ${port} did not answer within ${timeoutMs} ms`);
    await new Promise((r2) => setTimeout(r2, 20));
  }
}

/** Options of a throwaway redis-server. */
export interface RedisServerOptions {
  /** Port (default: a free one). */
  port?: number;
  /** Folder for its files (default: a new temp folder, removed by `stop`). */
  dir?: string;
  /** Append-only file persistence (default off: a restart comes back empty). */
  persistence?: boolean;
  /** requirepass. */
  password?: string;
}

/** A throwaway redis-server. */
export interface RedisServer {
  url: string;
  port: number;
  dir: string;
  /** Stops it (SIGTERM) and removes its folder. */
  stop(): Promise<void>;
  /** Kills it (SIGKILL) and waits until the port is free; its folder stays (for a restart with persistence). */
  kill(): Promise<void>;
}

/** Starts a throwaway redis-server on loopback (daemonized; no persistence unless asked). */
export async function startRedisServer(options: RedisServerOptions = {}): Promise<RedisServer> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), "gatesim-redis-"));
  const port = options.port ?? (await freePort());
  const persistence =
    options.persistence === true ? ["--appendonly", "yes", "--appendfsync", "always"] : ["--appendonly", "no"];
  execFileSync("redis-server", [
    "--daemonize",
    "yes",
    "--bind",
    "127.0.0.1",
    "--port",
    String(port),
    "--save",
    "",
    ...persistence,
    ...(options.password === undefined ? [] : ["--requirepass", options.password]),
    "--dir",
    dir,
    "--logfile",
    join(dir, "redis.log"),
    "--pidfile",
    join(dir, "redis.pid"),
  ]);
  await waitForPong(port, 5000, options.password);
  const pid = () => {
    try {
      const n = Number(readFileSync(join(dir, "redis.pid"), "utf8").trim());
      return Number.isSafeInteger(n) && n > 0 ? n : undefined;
    } catch {
      return undefined;
    }
  };
  const stop = async () => {
    await end("SIGTERM");
    rmSync(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 50 });
  };
  const kill = () => end("SIGKILL");
  const end = async (signal: NodeJS.Signals) => {
    const p = pid();
    if (p === undefined) return;
    try {
      process.kill(p, signal);
    } catch {
      return;
    }
    const deadline = Date.now() + 5000;
    for (;;) {
      try {
        process.kill(p, 0);
      } catch {
        break;
      }
      if (Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    rmSync(join(dir, "redis.pid"), { force: true });
  };
  const auth = options.password === undefined ? "" : `:${options.password}@`;
  return { url: `redis://${auth}127.0.0.1:${port}`, port, dir, stop, kill };
}

/**
 * A Redis for a test file: `REDIS_URL` with database `db` (flushed first, when it is on loopback), or
 * a server of our own.
 */
export async function acquireRedis(db: number): Promise<TestRedis> {
  const base = process.env.REDIS_URL?.trim();
  if (base) {
    const url = withDb(base, db);
    const host = new URL(url).hostname;
    if (host === "127.0.0.1" || host === "localhost") {
      const port = new URL(url).port || "6379";
      spawnSync("redis-cli", ["-h", host, "-p", port, "-n", String(db), "flushdb"], { stdio: "ignore" });
    }
    return { url, urlForDb: (d) => withDb(base, d), stop: async () => {} };
  }
  const own = await startRedisServer();
  return { url: withDb(own.url, 0), urlForDb: (d) => withDb(own.url, d), stop: own.stop };
}

/** A `gatesim worker` process (the real CLI). */
export interface WorkerProcess {
  child: ReturnType<typeof spawn>;
  /** Everything the process wrote on stderr so far. */
  stderr(): string;
  /** Resolves once it printed its ready line. */
  ready: Promise<void>;
  /** Resolves with the exit code or signal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Jobs it logged as started / finished (from its info logs). */
  started(): string[];
  finished(): string[];
}

/** Starts `node bin/gatesim.js worker --redis URL ...args` with info logs on stderr. */
export function spawnWorker(url: string, args: string[], env: Record<string, string> = {}): WorkerProcess {
  const child = spawn(process.execPath, [join(ROOT, "bin/gatesim.js"), "worker", "--redis", url, ...args], {
    cwd: ROOT,
    env: { ...process.env, GATESIM_LOG_LEVEL: "info", ...env },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  let onReady: () => void = () => {};
  const ready = new Promise<void>((res, rej) => {
    onReady = res;
    child.once("exit", (code) => rej(new Error(`worker exited (${code}) before ready: ${err}`)));
  });
  ready.catch(() => {});
  child.stderr?.setEncoding("utf8").on("data", (d: string) => {
    err += d;
    if (err.includes(" ready on ")) onReady();
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((res) => {
    child.once("exit", (code, signal) => res({ code, signal }));
  });
  const jobsLogged = (event: string) =>
    err
      .split("\n")
      .filter((l) => l.includes(`"msg":"${event}"`))
      .map((l) => (JSON.parse(l) as { job: string }).job);
  return {
    child,
    stderr: () => err,
    ready,
    exited,
    started: () => jobsLogged("batch started"),
    finished: () => jobsLogged("batch finished"),
  };
}
