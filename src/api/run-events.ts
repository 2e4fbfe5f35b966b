/**
 * What the run service tells about a run: the events its subscribers (SSE streams) hear, the registry of
 * those subscribers, and the codes of the run errors the service itself raises. Apart from the service
 * so that a route streaming a run, or another service failing one, needs only this short file's words.
 */
import type { FastifyBaseLogger } from "fastify";
import type { RunRecord } from "../store/index.js";

/** Something a subscriber of a run hears. */
export type RunEvent =
  | { type: "progress"; runId: string; done: number; total: number }
  | { type: "status"; run: RunRecord }
  /** The run waits for something outside it (a worker), or no longer (`reason` null). */
  | { type: "waiting"; runId: string; reason: string | null }
  /** The server is stopping: close the stream (the client reconnects to the next server). */
  | { type: "shutdown" };

/** Codes of run errors the service itself raises (the runner's codes pass through unchanged). */
export const RunErrorCodes = {
  /** The server stopped while the run was unfinished and the run was not resumed. */
  INTERRUPTED: "GATESIM_ERR_RUN_INTERRUPTED",
  /** The run took longer than the server's wall-clock bound. */
  TIMEOUT: "GATESIM_ERR_RUN_TIMEOUT",
  /** The server stopped uncleanly (crash, kill) too many times while the run was running; not resumed again. */
  CRASHED: "GATESIM_ERR_RUN_CRASHED",
  /** Writing a replication to the store failed (disk full, file removed...). */
  STORE_FAILED: "GATESIM_ERR_STORE_FAILED",
  /** A bug in the service while running (logged with its stack). */
  INTERNAL: "GATESIM_ERR_INTERNAL",
} as const;

/** Subscribers of runs' events, by run id. */
export class RunSubscribers {
  private readonly listeners = new Map<string, Set<(e: RunEvent) => void>>();
  private readonly log: FastifyBaseLogger;

  /** Logs the listeners that throw. */
  constructor(log: FastifyBaseLogger) {
    this.log = log;
  }

  /** Subscribes to a run's events; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: RunEvent) => void): () => void {
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      const s = this.listeners.get(id);
      if (s === undefined) return;
      s.delete(listener);
      if (s.size === 0) this.listeners.delete(id);
    };
  }

  /** Sends an event to a run's subscribers; a throwing listener is dropped, never the run. */
  emit(id: string, event: RunEvent): void {
    const set = this.listeners.get(id);
    if (set === undefined) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch (e) {
        this.log.warn({ err: e, runId: id }, "run event listener threw; dropped");
        set.delete(l);
      }
    }
  }

  /** Tells every subscriber that the server stops, and forgets them all. */
  shutdown(): void {
    for (const id of [...this.listeners.keys()]) this.emit(id, { type: "shutdown" });
    this.listeners.clear();
  }
}
