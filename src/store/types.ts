/**
 * The run store's interface: what the API needs to keep runs, per-replication results, reports and
 * comparisons across restarts. The SQLite implementation is the embedded default; the interface keeps
 * the service testable and leaves room for another engine without touching `api/`.
 *
 * Results are held as plain JSON-able data (the runner's `ReplicationResult`, the stats JSON report);
 * the store reads only the few fields it indexes, so it does not depend on the model's shape.
 */
import type { StoreHealth } from "./durability.js";

/** Lifecycle of a run. `interrupted` is final: the server stopped and the run could not be resumed. */
export const RUN_STATUSES = ["queued", "running", "succeeded", "failed", "cancelled", "interrupted"] as const;

/** One of the run statuses. */
export type RunStatus = (typeof RUN_STATUSES)[number];

/** Statuses after which a run never changes again. */
export const FINAL_STATUSES: ReadonlySet<RunStatus> = new Set(["succeeded", "failed", "cancelled", "interrupted"]);

/** Why a run failed or was interrupted, with what it takes to reproduce the failing replication alone. */
export interface RunError {
  /** Stable code, e.g. `GATESIM_ERR_WORKER_CRASHED`. */
  code: string;
  message: string;
  /** The replication to rerun alone, when one replication is the cause. */
  replication?: { scenarioHash: string; seed: number | string; replication: number };
}

/** What a new run is created with. */
export interface NewRun {
  scenarioName: string;
  scenarioTitle: string;
  scenarioHash: string;
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  /** Hash of everything that determines the results (see the API's cache); equal keys give equal results. */
  cacheKey: string;
  /** The request as received (scenario reference or inline scenario, overrides): enough to rebuild the run. */
  request: unknown;
  /** For a cache hit: the succeeded run whose results this run shares. */
  cachedFrom?: string;
  /** Comparison that launched this run, if any. */
  comparisonId?: string;
  /** The planner's name for the run. */
  label?: string | null;
  /** The planner's note on the run. */
  note?: string | null;
  /** Sweep that launched this run, if any. */
  sweepId?: string;
}

/** A stored run. Times are epoch milliseconds. */
export interface RunRecord {
  id: string;
  /** Insertion order; the list cursor. */
  seq: number;
  status: RunStatus;
  scenarioName: string;
  scenarioTitle: string;
  scenarioHash: string;
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  cacheKey: string;
  /** The run whose stored results this one shares (a cache hit), or null. */
  cachedFrom: string | null;
  comparisonId: string | null;
  /** The planner's name for the run, or null. */
  label: string | null;
  /** The planner's note on the run, or null. */
  note: string | null;
  /** Sweep that launched this run, or null. */
  sweepId: string | null;
  request: unknown;
  /** Replications stored so far. */
  done: number;
  /** How many times the run was started (above 1 after a resume). */
  attempts: number;
  /** How many times a server stopped without a clean shutdown while the run was running. */
  crashes: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: RunError | null;
}

/** Filters and paging of `listRuns`. Newest first. */
export interface ListRunsQuery {
  limit: number;
  /** Opaque cursor from a previous page (`nextCursor`). */
  cursor?: string;
  /** Rows to skip (used when no cursor is given). */
  offset?: number;
  status?: RunStatus;
  scenario?: string;
}

/** One page of runs. */
export interface RunPage {
  items: RunRecord[];
  /** Cursor of the next page, or null on the last page. */
  nextCursor: string | null;
  /** Runs matching the filters (all pages). */
  total: number;
}

/** The part of a replication result the store indexes; the whole object is stored as JSON. */
export interface StoredReplicationInput {
  replication: number;
  kpis: Record<string, { value: number; unit: string }>;
  events: number;
  conservation: { holds: boolean };
}

/** Per-replication figures, cheap to list (the full result stays in the store). */
export interface ReplicationSummary {
  replication: number;
  kpis: Record<string, number>;
  events: number;
  conservationHolds: boolean;
}

/** Status of a comparison. */
export type ComparisonStatus = "running" | "succeeded" | "failed";

/** A stored comparison of runs. */
export interface ComparisonRecord {
  id: string;
  status: ComparisonStatus;
  runIds: string[];
  request: unknown;
  report: unknown | null;
  error: RunError | null;
  createdAt: number;
  finishedAt: number | null;
}

/** What an Idempotency-Key is bound to: the request's body hash and the resource it created. */
export interface IdempotencyRecord {
  bodyHash: string;
  resourceId: string;
  /** HTTP status of the creating answer. */
  status: number;
}

/** A stored sweep: a grid of overrides over one scenario, one run per point. */
export interface SweepRecord {
  id: string;
  seq: number;
  label: string | null;
  scenarioName: string;
  /** The request as received (scenario, base overrides, grid, experiment settings). */
  request: unknown;
  /** One run per grid point, in grid order. */
  runIds: string[];
  createdAt: number;
}

/** What happened to a deleted run. */
export type RunDeletion =
  /** Removed with its replications and report. */
  | "removed"
  /** Hidden from the history; its stored results stay because other runs (cache hits) share them. */
  | "hidden";

/** A sweep's record before its runs exist (their ids are added when they are written). */
export interface NewSweep {
  id: string;
  label: string | null;
  scenarioName: string;
  request: unknown;
}

/** Where runs, replications, reports and comparisons are kept. */
export interface RunStore {
  /** What the checks at open found (integrity, runs lost since the last stop, durability setting). */
  readonly health?: StoreHealth;
  /** Creates a run (status `queued`, or `succeeded` at once for a cache hit). */
  createRun(run: NewRun, status?: "queued" | "succeeded"): RunRecord;
  /**
   * Creates several runs in one transaction (all or none). A plain cache hit (outside a comparison or
   * sweep, without a name or note) returns the existing pointer row of an earlier plain hit on the same run,
   * if there is one, instead of adding a row. With `sweep`, the sweep's record (holding the new runs'
   * ids) is written in the same transaction: a sweep and its runs exist together or not at all.
   */
  createRuns(runs: readonly NewRun[], sweep?: NewSweep): RunRecord[];
  /** The record of an Idempotency-Key in a scope (e.g. "POST /runs") seen within the last day. */
  findIdempotent(scope: string, key: string, now: number): IdempotencyRecord | undefined;
  /** Remembers an Idempotency-Key with what it created. */
  saveIdempotent(scope: string, key: string, record: IdempotencyRecord, now: number): void;
  getRun(id: string): RunRecord | undefined;
  listRuns(query: ListRunsQuery): RunPage;
  /** The original succeeded run with this cache key (never a cache pointer), newest first. */
  findCachedRun(cacheKey: string): RunRecord | undefined;
  /** Runs left `queued` or `running` (a previous server stopped), oldest first. */
  listUnfinishedRuns(): RunRecord[];
  /** Marks a run running and counts an attempt. */
  markRunning(id: string, now: number): void;
  /** Stores one finished replication at once (idempotent by (run, index)); returns the new count. */
  saveReplication(runId: string, result: StoredReplicationInput): number;
  /** Replication indices already stored for a run. */
  storedReplicationIndices(runId: string): number[];
  /**
   * Full results in replication-index order; `series: false` leaves out the series (the bulk of a result),
   * for readers of KPIs only, such as comparisons.
   */
  getReplicationResults(runId: string, options?: { series?: boolean }): unknown[];
  /** Per-replication KPI values in replication-index order. */
  getReplicationSummaries(runId: string): ReplicationSummary[];
  /** Stores the report and marks the run succeeded, in one transaction. */
  finishRun(id: string, report: unknown, now: number): void;
  /** Sets a final non-success status (failed, cancelled, interrupted) with its error. */
  endRun(id: string, status: "failed" | "cancelled" | "interrupted", error: RunError | null, now: number): void;
  /** Puts a run back to `queued` (a graceful stop that will resume). */
  requeueRun(id: string): void;
  /** Counts an unclean stop of the server while the run was `running`; returns the run's count (0 if not running). */
  countCrash(id: string): number;
  getReport(runId: string): unknown | undefined;
  createComparison(c: { runIds: string[]; request: unknown; id?: string }): ComparisonRecord;
  getComparison(id: string): ComparisonRecord | undefined;
  /** Records the end of a comparison. */
  endComparison(
    id: string,
    status: "succeeded" | "failed",
    report: unknown | null,
    error: RunError | null,
    now: number,
  ): void;
  /** Sets or clears (null) a run's label and note; undefined fields are left as they are. */
  annotateRun(id: string, changes: { label?: string | null; note?: string | null }): RunRecord | undefined;
  /** Deletes a finished run (see `RunDeletion`); undefined when no such run. */
  deleteRun(id: string): RunDeletion | undefined;
  createSweep(s: NewSweep & { runIds: string[] }): SweepRecord;
  getSweep(id: string): SweepRecord | undefined;
  /** Sweeps, newest first. */
  listSweeps(limit: number): SweepRecord[];
  /** Removes a sweep record (its runs stay in the history); false when no such sweep. */
  deleteSweep(id: string): boolean;
  /** Closes the database (idempotent). */
  close(): void;
}
