/**
 * A replication with its per-truck event log. A replication is a pure function of (scenario, seed, index),
 * so the log of any replication of a finished run is obtained by running that replication again with the
 * log on; the result is the same (the log only observes), and the log comes back as typed columns.
 * `runEventLogInThread` does it in a worker thread, so a server stays responsive while a long replication
 * runs; the columns are transferred, not copied.
 */
import { Worker } from "node:worker_threads";
import {
  EVENT_LOG_ROWS_DEFAULT,
  EVENT_LOG_ROWS_MAX,
  EventLog,
  type EventLogData,
  type ReplicationResult,
} from "../model/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import { errors } from "./errors.js";
import { type ReplicationOptions, runReplication } from "./replication.js";

export { EVENT_LOG_ROWS_DEFAULT, EVENT_LOG_ROWS_MAX, type EventLogData };

/** Options of a replication with its event log. */
export interface EventLogRunOptions extends Omit<ReplicationOptions, "isCancelled" | "eventLog"> {
  /** Most rows kept (default 1,000,000; at most 5,000,000); later events are counted, the log marked truncated. */
  rowsMax?: number;
}

/** The log's bound, checked. */
function rowsMaxOf(options: EventLogRunOptions): number {
  const n = options.rowsMax ?? EVENT_LOG_ROWS_DEFAULT;
  if (!Number.isSafeInteger(n) || n < 1 || n > EVENT_LOG_ROWS_MAX) {
    throw errors.invalidOptions(`rowsMax must be an integer from 1 to ${EVENT_LOG_ROWS_MAX}, got ${String(n)}`);
  }
  return n;
}

/** Runs replication `index` with the event log on: its (unchanged) result and the log. */
export function runReplicationWithEventLog(
  compiled: CompiledScenario,
  seed: number | string,
  index: number,
  options: EventLogRunOptions = {},
): { result: ReplicationResult; log: EventLogData } {
  const log = new EventLog(rowsMaxOf(options));
  // The same replication as the run's (policy modules and all), with the log on.
  const result = runReplication(compiled, seed, index, { ...options, eventLog: log });
  const cfg = compiled.config;
  return {
    result,
    log: log.data({ calendar: cfg.calendar, stageIds: cfg.stages.map((s) => s.id), cargoClasses: cfg.cargoClasses }),
  };
}

/** What the event-log thread receives. */
export interface EventLogThreadInput {
  compiled: CompiledScenario;
  seed: number | string;
  index: number;
  options: EventLogRunOptions;
}

/** The thread entry: TypeScript sources register tsx first (as the pool's threads do), a build runs the .js. */
function threadEntry(): URL {
  const ts = import.meta.url.endsWith(".ts");
  return new URL(ts ? "./event-log-thread-entry.mjs" : "./event-log-thread.js", import.meta.url);
}

/** Runs `runReplicationWithEventLog` in a worker thread; `signal` stops it. */
export function runEventLogInThread(input: EventLogThreadInput, signal?: AbortSignal): Promise<EventLogData> {
  rowsMaxOf(input.options);
  return new Promise((resolve, reject) => {
    const worker = new Worker(threadEntry(), { workerData: input });
    let settled = false;
    const done = (f: () => void): void => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener("abort", onAbort);
      f();
      void worker.terminate();
    };
    const onAbort = (): void => done(() => reject(errors.invalidOptions("event log cancelled")));
    signal?.addEventListener("abort", onAbort, { once: true });
    worker.once("message", (m: { ok: true; log: EventLogData } | { ok: false; message: string }) => {
      done(() => (m.ok ? resolve(m.log) : reject(new Error(m.message))));
    });
    worker.once("error", (e) => done(() => reject(e)));
    worker.once("exit", (code) => done(() => reject(new Error(`event-log thread exited with code ${code}`))));
  });
}
