/**
 * The event logs computed lately, kept so a second look at the same replication (the replay's next day,
 * a reload, a download after the replay) does not simulate it again. A replication's log is a pure
 * function of the run (its scenario, seed, horizon, model version: a run id names them all) and its index,
 * so an entry never goes stale while its run exists (the route checks the run before it asks the cache).
 * Bounded in entries and in bytes of the logs' typed columns; the least recently used goes first, and a
 * log larger than the whole byte bound is not kept.
 */
import type { EventLogData } from "../runner/index.js";

/** Bounds of the cache. */
export interface EventLogCacheLimits {
  /** Most logs kept. */
  entriesMax: number;
  /** Most bytes of typed columns kept over all logs. */
  bytesMax: number;
}

/** Default bounds: 8 logs, 64 MiB (about 2.5 million events at ~26 bytes each). */
export const EVENT_LOG_CACHE_DEFAULTS: EventLogCacheLimits = { entriesMax: 8, bytesMax: 64 * 1024 * 1024 };

interface Entry {
  log: EventLogData;
  /** The bound on rows the log was computed with. */
  rowsMax: number;
  bytes: number;
}

/** Bytes held by a log's typed columns. */
export function eventLogBytes(log: EventLogData): number {
  return [log.caseId, log.timeMs, log.stage, log.type, log.direction, log.cargo, log.channel, log.flags].reduce(
    (sum, column) => sum + column.byteLength,
    0,
  );
}

/** A least-recently-used cache of event logs by run and replication. */
export class EventLogCache {
  readonly #entries = new Map<string, Entry>();
  #bytes = 0;

  constructor(readonly limits: EventLogCacheLimits = EVENT_LOG_CACHE_DEFAULTS) {}

  /** Logs kept now, and their bytes. */
  get size(): { entries: number; bytes: number } {
    return { entries: this.#entries.size, bytes: this.#bytes };
  }

  /**
   * The log of replication `index` of run `runId` as a request bounded by `rowsMax` would get it: the one
   * computed with the same bound, or one that was not cut and has no more rows than asked for.
   */
  get(runId: string, index: number, rowsMax: number): EventLogData | undefined {
    const key = `${runId}/${index}`;
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    const fits = entry.rowsMax === rowsMax || (!entry.log.truncated && entry.log.rows <= rowsMax);
    if (!fits) return undefined;
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry.log;
  }

  /** Keeps a log computed with bound `rowsMax` (replacing the run's replication's), evicting the oldest. */
  set(runId: string, index: number, rowsMax: number, log: EventLogData): void {
    const key = `${runId}/${index}`;
    this.#drop(key);
    const bytes = eventLogBytes(log);
    if (bytes > this.limits.bytesMax || this.limits.entriesMax < 1) return;
    while (this.#entries.size >= this.limits.entriesMax || this.#bytes + bytes > this.limits.bytesMax) {
      const oldest = this.#entries.keys().next().value as string;
      this.#drop(oldest);
    }
    this.#entries.set(key, { log, rowsMax, bytes });
    this.#bytes += bytes;
  }

  #drop(key: string): void {
    const entry = this.#entries.get(key);
    if (entry === undefined) return;
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }
}
