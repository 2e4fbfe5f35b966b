/**
 * The processes of the fault campaign and the faults it injects into them: a server process (local pool or
 * distributed), `gatesim worker` processes, a redis-server with append-only persistence, and a client that
 * survives the server's deaths (a request the dead server never answered has an unknown outcome).
 */
import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { Json } from "../api/server-process.js";
import { memoryMiB, type ServerProcess, startServerProcess } from "../api/server-process.js";
import { type RedisServer, spawnWorker, startRedisServer, type WorkerProcess } from "../distributed/redis-fixture.js";

/** An HTTP answer, or `status: 0` when the server did not answer (killed, restarting). */
export interface Answer {
  status: number;
  body: Json;
  headers: Headers | undefined;
}

/** Processes of one campaign phase. */
export class Harness {
  server: ServerProcess | undefined;
  redis: RedisServer | undefined;
  readonly workers: WorkerProcess[] = [];
  /** Largest resident memory seen per process kind, MiB. */
  readonly peakMiB = { server: 0, worker: 0 };

  constructor(
    readonly dataDir: string,
    private readonly serverEnv: Record<string, string>,
    private readonly threads: number,
  ) {}

  /** Starts Redis (with persistence, so that a restart can keep or drop its data) for a distributed phase. */
  async startRedis(): Promise<string> {
    this.redis = await startRedisServer({ persistence: true });
    return this.redis.url;
  }

  /** SIGKILLs Redis and starts it again on its port, with its data (AOF) or empty. */
  async restartRedis(keepData: boolean): Promise<void> {
    const r = this.redis as RedisServer;
    await r.kill();
    if (!keepData) {
      for (const f of readdirSync(r.dir))
        if (f.startsWith("appendonly")) rmSync(join(r.dir, f), { recursive: true, force: true });
    }
    await startRedisServer({ port: r.port, dir: r.dir, persistence: true });
  }

  /**
   * Starts the server process; a start that times out (a machine loaded by other jobs) is tried once
   * more, an exit before listening is not.
   */
  async startServer(): Promise<void> {
    const env = { GATESIM_THREADS: String(this.threads), GATESIM_TEST_HOOKS: "1", ...this.serverEnv };
    try {
      this.server = await startServerProcess(this.dataDir, env);
    } catch (e) {
      if (!String((e as Error).message).startsWith("server did not start")) throw e;
      this.server = await startServerProcess(this.dataDir, env);
    }
  }

  /** SIGKILLs the server process. */
  async killServer(): Promise<void> {
    await this.server?.kill();
    this.server = undefined;
  }

  /** Starts a worker process on the phase's Redis. */
  async startWorker(env: Record<string, string>): Promise<void> {
    const w = spawnWorker((this.redis as RedisServer).url, ["--concurrency", "1", "--threads", "1"], env);
    this.workers.push(w);
    await w.ready;
  }

  /** SIGKILLs one running worker (by index among the live ones); returns false when none runs. */
  killWorker(pick: number): boolean {
    const live = this.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null);
    const w = live[pick % Math.max(1, live.length)];
    if (w === undefined) return false;
    w.child.kill("SIGKILL");
    return true;
  }

  /** Live workers. */
  liveWorkers(): number {
    return this.workers.filter((w) => w.child.exitCode === null && w.child.signalCode === null).length;
  }

  /** Samples the processes' peak resident memory. */
  sampleMemory(): void {
    const pid = this.server?.child.pid;
    if (pid !== undefined && this.server?.child.exitCode === null) {
      try {
        this.peakMiB.server = Math.max(this.peakMiB.server, memoryMiB(pid).peak);
      } catch {
        // exited between the check and the read
      }
    }
    for (const w of this.workers) {
      if (w.child.pid === undefined || w.child.exitCode !== null || w.child.signalCode !== null) continue;
      try {
        this.peakMiB.worker = Math.max(this.peakMiB.worker, memoryMiB(w.child.pid).peak);
      } catch {
        // exited
      }
    }
  }

  /** One request; connection failures (a dead or restarting server) answer `status: 0`. */
  async call(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const s = this.server;
    if (s === undefined) return { status: 0, body: {}, headers: undefined };
    try {
      const res = await fetch(`${s.url}${path}`, {
        method,
        headers: body === undefined ? headers : { "content-type": "application/json", ...headers },
        ...(body === undefined ? {} : { body: typeof body === "string" ? body : JSON.stringify(body) }),
        signal: AbortSignal.timeout(20_000),
      });
      const text = await res.text();
      let parsed: Json = {};
      try {
        parsed = text === "" ? {} : (JSON.parse(text) as Json);
      } catch {
        parsed = { raw: text.slice(0, 200) };
      }
      return { status: res.status, body: parsed, headers: res.headers };
    } catch {
      return { status: 0, body: {}, headers: undefined };
    }
  }

  /** Stops everything this phase started. */
  async stop(): Promise<void> {
    await this.killServer();
    for (const w of this.workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await Promise.all(this.workers.map((w) => w.exited));
    await this.redis?.stop();
  }
}
