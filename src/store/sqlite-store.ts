/**
 * The embedded run store: one SQLite file through better-sqlite3.
 *
 * - WAL journal with `synchronous=NORMAL` (or FULL, on request): a committed transaction survives a
 *   process kill (SIGKILL); with NORMAL a power loss can drop the last few commits, never corrupt the
 *   file. At open, the file's integrity is checked and runs lost with a removed WAL are reported
 *   (durability.ts).
 * - Each finished replication is one small transaction (row + run counter), so a killed server keeps
 *   every replication it had finished and a resumed run only computes the missing ones.
 * - This file holds the store class and its queries on runs; it composes the parts in files of their
 *   own: the schema and migrations (migrations.ts), `runs` rows and cursors (run-rows.ts), replications
 *   and reports (sqlite-replications.ts), comparisons (sqlite-comparisons.ts), labels, notes, deletion
 *   and sweeps (sqlite-annotations.ts), idempotency keys (sqlite-idempotency.ts).
 */
import type Database from "better-sqlite3";
import {
  checkIntegrity,
  type LostRuns,
  RunMarks,
  StoreDamagedError,
  type StoreHealth,
  type SynchronousMode,
} from "./durability.js";
import { encodeJson } from "./json.js";
import { openDatabase } from "./migrations.js";
import { decodeCursor, encodeCursor, newId, type RunRow, toRun } from "./run-rows.js";
import { SqliteAnnotations } from "./sqlite-annotations.js";
import { SqliteComparisons } from "./sqlite-comparisons.js";
import { SqliteIdempotency } from "./sqlite-idempotency.js";
import { SqliteReplications } from "./sqlite-replications.js";
import type {
  ComparisonRecord,
  IdempotencyRecord,
  ListRunsQuery,
  NewRun,
  NewSweep,
  ReplicationSummary,
  RunDeletion,
  RunError,
  RunPage,
  RunRecord,
  RunStore,
  StoredReplicationInput,
  SweepRecord,
} from "./types.js";

/** Re-exported from their own files, where other modules and tests import them from this path. */
export { MIGRATIONS, migrate, openDatabase, SCHEMA_VERSION } from "./migrations.js";
export { InvalidCursorError, newId } from "./run-rows.js";

/** Options of the SQLite store. */
export interface SqliteRunStoreOptions {
  /** Database file, or ":memory:" for tests. Parent folders are created. */
  filename: string;
  /** Clock (tests). */
  now?: () => number;
  /** Durability of commits (default NORMAL; see durability.ts). */
  synchronous?: SynchronousMode;
}

/** The SQLite implementation of `RunStore`. */
export class SqliteRunStore implements RunStore {
  /** The underlying connection (tests and the health check use it). */
  readonly db: Database.Database;
  private readonly now: () => number;
  private closed = false;
  private readonly stmt: ReturnType<SqliteRunStore["prepare"]>;
  private readonly annotations: SqliteAnnotations;
  private readonly idempotency: SqliteIdempotency;
  private readonly comparisons: SqliteComparisons;
  private readonly replications: SqliteReplications;

  /** What the checks at open found (integrity, runs lost since the last stop, durability). */
  readonly health: StoreHealth;
  private readonly marks: RunMarks | undefined;

  /**
   * Opens (and migrates) the database file, checks its integrity (a damaged file throws
   * `StoreDamagedError`) and compares it with its marks (runs lost with a removed WAL are in `health.lost`).
   */
  constructor(options: SqliteRunStoreOptions) {
    const synchronous = options.synchronous ?? "NORMAL";
    this.now = options.now ?? Date.now;
    let db: Database.Database | undefined;
    try {
      db = openDatabase(options.filename, synchronous);
      let lost: LostRuns | null = null;
      if (options.filename !== ":memory:") {
        checkIntegrity(db, options.filename);
        this.marks = new RunMarks(options.filename);
        lost = this.marks.lostSince(db, options.filename);
        if (lost !== null) this.marks.reset(db);
      }
      this.db = db;
      this.health = { synchronous, integrity: "ok", lost };
      this.stmt = this.prepare();
      this.annotations = new SqliteAnnotations(db);
      this.idempotency = new SqliteIdempotency(db);
      this.comparisons = new SqliteComparisons(db);
      this.replications = new SqliteReplications(db);
    } catch (e) {
      db?.close();
      // A file that is not a database, or whose pages are broken, is damage to report, not a bug.
      const code = (e as { code?: unknown }).code;
      if (code === "SQLITE_CORRUPT" || code === "SQLITE_NOTADB")
        throw new StoreDamagedError(options.filename, e instanceof Error ? e.message : String(e));
      throw e;
    }
  }

  /** Statements prepared once: better-sqlite3 compiles SQL on prepare, the hot reads must not pay it. */
  private prepare() {
    const db = this.db;
    return {
      insertRun: db.prepare(
        `INSERT INTO runs (id, status, scenario_name, scenario_title, scenario_hash, seed_json, replications, horizon_days,
           warmup_days, model_version, cache_key, cached_from, comparison_id, request_json, done, created_at, finished_at,
           label, note, sweep_id)
         VALUES (@id, @status, @scenario_name, @scenario_title, @scenario_hash, @seed_json, @replications, @horizon_days,
           @warmup_days, @model_version, @cache_key, @cached_from, @comparison_id, @request_json, @done, @created_at, @finished_at,
           @label, @note, @sweep_id)`,
      ),
      getRun: db.prepare<[string], RunRow>("SELECT * FROM runs WHERE id = ? AND deleted_at IS NULL"),
      // A plain cache hit (no name, note or sweep of its own) shares the first such pointer row still shown.
      findPointer: db.prepare<[string], RunRow>(
        `SELECT * FROM runs WHERE cached_from = ? AND comparison_id IS NULL AND deleted_at IS NULL
           AND label IS NULL AND note IS NULL AND sweep_id IS NULL ORDER BY seq ASC LIMIT 1`,
      ),
      findCached: db.prepare<[string], RunRow>(
        "SELECT * FROM runs WHERE cache_key = ? AND status = 'succeeded' AND cached_from IS NULL AND deleted_at IS NULL ORDER BY seq DESC LIMIT 1",
      ),
      unfinished: db.prepare<[], RunRow>("SELECT * FROM runs WHERE status IN ('queued','running') ORDER BY seq ASC"),
      markRunning: db.prepare(
        "UPDATE runs SET status = 'running', attempts = attempts + 1, started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued','running')",
      ),
      succeed: db.prepare(
        "UPDATE runs SET status = 'succeeded', finished_at = ?, error_json = NULL WHERE id = ? AND status IN ('queued','running')",
      ),
      end: db.prepare(
        "UPDATE runs SET status = ?, error_json = ?, finished_at = ? WHERE id = ? AND status IN ('queued','running')",
      ),
      requeue: db.prepare("UPDATE runs SET status = 'queued' WHERE id = ? AND status = 'running'"),
      countCrash: db.prepare<[string], { crashes: number }>(
        "UPDATE runs SET crashes = crashes + 1 WHERE id = ? AND status = 'running' RETURNING crashes",
      ),
    };
  }

  /** Creates a run; see RunStore. */
  createRun(run: NewRun, status: "queued" | "succeeded" = "queued"): RunRecord {
    const created = this.insertRun(run, status);
    if (!this.db.inTransaction) this.marks?.record([created]);
    return created;
  }

  /** Inserts a run row (marks are recorded by the callers, after their transaction commits). */
  private insertRun(run: NewRun, status: "queued" | "succeeded"): RunRecord {
    const id = newId("run");
    const now = this.now();
    this.stmt.insertRun.run({
      id,
      status,
      scenario_name: run.scenarioName,
      scenario_title: run.scenarioTitle,
      scenario_hash: run.scenarioHash,
      seed_json: JSON.stringify(run.seed),
      replications: run.replications,
      horizon_days: run.horizonDays,
      warmup_days: run.warmupDays,
      model_version: run.modelVersion,
      cache_key: run.cacheKey,
      cached_from: run.cachedFrom ?? null,
      comparison_id: run.comparisonId ?? null,
      request_json: encodeJson(run.request ?? null),
      done: status === "succeeded" ? run.replications : 0,
      created_at: now,
      finished_at: status === "succeeded" ? now : null,
      label: run.label ?? null,
      note: run.note ?? null,
      sweep_id: run.sweepId ?? null,
    });
    return this.getRun(id) as RunRecord;
  }

  /**
   * Creates several runs atomically (a comparison launches all of its runs or none). A plain cache hit
   * (outside a comparison or sweep, without a name or note) reuses the pointer row an earlier plain hit on
   * the same run created, so repeated identical POSTs add no rows (14,000 cached POSTs used to add 14,000).
   */
  createRuns(runs: readonly NewRun[], sweep?: NewSweep): RunRecord[] {
    const created = this.db.transaction(() => {
      const records = runs.map((r) => {
        if (r.cachedFrom === undefined) return this.insertRun(r, "queued");
        const plain = r.comparisonId === undefined && r.sweepId === undefined && r.label == null && r.note == null;
        const pointer = plain ? this.stmt.findPointer.get(r.cachedFrom) : undefined;
        return pointer === undefined ? this.insertRun(r, "succeeded") : toRun(pointer);
      });
      if (sweep !== undefined) {
        this.annotations.createSweep({ ...sweep, runIds: records.map((r) => r.id) }, this.now());
      }
      return records;
    })();
    this.marks?.record(created);
    return created;
  }

  /** See RunStore. */
  findIdempotent(scope: string, key: string, now: number): IdempotencyRecord | undefined {
    return this.idempotency.find(scope, key, now);
  }

  /** See RunStore. Keys older than a day are dropped as new ones come (bounded table). */
  saveIdempotent(scope: string, key: string, record: IdempotencyRecord, now: number): void {
    this.idempotency.save(scope, key, record, now);
  }

  /** The run with this id. */
  getRun(id: string): RunRecord | undefined {
    const row = this.stmt.getRun.get(id);
    return row === undefined ? undefined : toRun(row);
  }

  /** A page of runs, newest first. The cursor is the last row's `seq`, so pages are stable under inserts. */
  listRuns(query: ListRunsQuery): RunPage {
    const where: string[] = ["deleted_at IS NULL"];
    const params: (string | number)[] = [];
    if (query.status !== undefined) {
      where.push("status = ?");
      params.push(query.status);
    }
    if (query.scenario !== undefined) {
      where.push("scenario_name = ?");
      params.push(query.scenario);
    }
    const filter = where.length === 0 ? "" : `WHERE ${where.join(" AND ")}`;
    const total = (this.db.prepare(`SELECT COUNT(*) AS n FROM runs ${filter}`).get(...params) as { n: number }).n;
    const pageWhere = [...where];
    const pageParams = [...params];
    let offset = 0;
    if (query.cursor !== undefined) {
      pageWhere.push("seq < ?");
      pageParams.push(decodeCursor(query.cursor));
    } else if (query.offset !== undefined) {
      offset = query.offset;
    }
    const pageFilter = pageWhere.length === 0 ? "" : `WHERE ${pageWhere.join(" AND ")}`;
    // One row more than asked tells whether a next page exists without a second query.
    const rows = this.db
      .prepare(`SELECT * FROM runs ${pageFilter} ORDER BY seq DESC LIMIT ? OFFSET ?`)
      .all(...pageParams, query.limit + 1, offset) as RunRow[];
    const more = rows.length > query.limit;
    const items = rows.slice(0, query.limit).map(toRun);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last !== undefined ? encodeCursor(last.seq) : null, total };
  }

  /** See RunStore. */
  findCachedRun(cacheKey: string): RunRecord | undefined {
    const row = this.stmt.findCached.get(cacheKey);
    return row === undefined ? undefined : toRun(row);
  }

  /** See RunStore. */
  listUnfinishedRuns(): RunRecord[] {
    return this.stmt.unfinished.all().map(toRun);
  }

  /** See RunStore. */
  markRunning(id: string, now: number): void {
    this.stmt.markRunning.run(now, id);
  }

  /** Stores one replication and the run's counter in one transaction; a duplicate index is ignored. */
  saveReplication(runId: string, result: StoredReplicationInput): number {
    return this.replications.save(runId, result, this.now());
  }

  /** See RunStore. */
  storedReplicationIndices(runId: string): number[] {
    return this.replications.indices(runId);
  }

  /** See RunStore. */
  getReplicationResults(runId: string, options: { series?: boolean } = {}): unknown[] {
    return this.replications.results(runId, options);
  }

  /** See RunStore. */
  getReplicationSummaries(runId: string): ReplicationSummary[] {
    return this.replications.summaries(runId);
  }

  /** See RunStore. */
  finishRun(id: string, report: unknown, now: number): void {
    this.db.transaction(() => {
      this.replications.saveReport(id, report, now);
      this.stmt.succeed.run(now, id);
    })();
  }

  /** See RunStore. */
  endRun(id: string, status: "failed" | "cancelled" | "interrupted", error: RunError | null, now: number): void {
    this.stmt.end.run(status, error === null ? null : JSON.stringify(error), now, id);
  }

  /** See RunStore. */
  requeueRun(id: string): void {
    this.stmt.requeue.run(id);
  }

  /** See RunStore. */
  countCrash(id: string): number {
    return this.stmt.countCrash.get(id)?.crashes ?? 0;
  }

  /** See RunStore. */
  getReport(runId: string): unknown | undefined {
    return this.replications.getReport(runId);
  }

  /** See RunStore. */
  createComparison(c: { runIds: string[]; request: unknown; id?: string }): ComparisonRecord {
    return this.comparisons.create(c, this.now());
  }

  /** See RunStore. */
  getComparison(id: string): ComparisonRecord | undefined {
    return this.comparisons.get(id);
  }

  /** See RunStore. */
  endComparison(
    id: string,
    status: "succeeded" | "failed",
    report: unknown | null,
    error: RunError | null,
    now: number,
  ): void {
    this.comparisons.end(id, status, report, error, now);
  }

  /** See RunStore. */
  annotateRun(id: string, changes: { label?: string | null; note?: string | null }): RunRecord | undefined {
    this.annotations.annotate(id, changes);
    return this.getRun(id);
  }

  /** See RunStore. */
  deleteRun(id: string): RunDeletion | undefined {
    if (this.getRun(id) === undefined) return undefined;
    const outcome = this.annotations.deleteRun(id);
    // A removed run is not lost: the marks that detect a lost WAL must not name it at the next start.
    if (outcome === "removed") this.marks?.forgetRemoved(this.db);
    return outcome;
  }

  /** See RunStore. */
  createSweep(s: NewSweep & { runIds: string[] }): SweepRecord {
    return this.annotations.createSweep(s, this.now());
  }

  /** See RunStore. */
  getSweep(id: string): SweepRecord | undefined {
    return this.annotations.getSweep(id);
  }

  /** See RunStore. */
  listSweeps(limit: number): SweepRecord[] {
    return this.annotations.listSweeps(limit);
  }

  /** See RunStore. */
  deleteSweep(id: string): boolean {
    return this.annotations.deleteSweep(id);
  }

  /** Runs a function in one transaction (for callers that must change several records together). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  /** Closes the database; WAL content is checkpointed into the main file by SQLite on close. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }
}
