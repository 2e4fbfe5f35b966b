/**
 * The embedded run store: one SQLite file through better-sqlite3.
 *
 * - WAL journal with `synchronous=NORMAL` (or FULL, on request): a committed transaction survives a
 *   process kill (SIGKILL); with NORMAL a power loss can drop the last few commits, never corrupt the
 *   file. At open, the file's integrity is checked and runs lost with a removed WAL are reported
 *   (durability.ts).
 * - Each finished replication is one small transaction (row + run counter), so a killed server keeps
 *   every replication it had finished and a resumed run only computes the missing ones.
 * - The schema version is SQLite's `user_version`; migrations run in order inside one transaction, and
 *   a file written by a newer gatesim is refused rather than misread.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATION_CAPACITY_ANALYSES } from "./capacity-analyses.js";
import {
  checkIntegrity,
  type LostRuns,
  RunMarks,
  StoreDamagedError,
  type StoreHealth,
  type SynchronousMode,
  setSynchronous,
} from "./durability.js";
import { decodeJson, encodeJson } from "./json.js";
import { MIGRATION_RUN_ANNOTATIONS } from "./run-annotations.js";
import { SqliteAnnotations } from "./sqlite-annotations.js";
import { MIGRATION_CRASHES_AND_KEYS, SqliteIdempotency } from "./sqlite-idempotency.js";
import type {
  ComparisonRecord,
  ComparisonStatus,
  IdempotencyRecord,
  ListRunsQuery,
  NewRun,
  ReplicationSummary,
  RunDeletion,
  RunError,
  RunPage,
  RunRecord,
  RunStatus,
  RunStore,
  StoredReplicationInput,
  SweepRecord,
} from "./types.js";

/** Schema migrations; entry i brings `user_version` from i to i + 1. Never edit a shipped entry: append. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE runs (
    seq            INTEGER PRIMARY KEY AUTOINCREMENT,
    id             TEXT NOT NULL UNIQUE,
    status         TEXT NOT NULL CHECK (status IN ('queued','running','succeeded','failed','cancelled','interrupted')),
    scenario_name  TEXT NOT NULL,
    scenario_title TEXT NOT NULL,
    scenario_hash  TEXT NOT NULL,
    seed_json      TEXT NOT NULL,
    replications   INTEGER NOT NULL CHECK (replications > 0),
    horizon_days   REAL NOT NULL,
    warmup_days    REAL NOT NULL,
    model_version  TEXT NOT NULL,
    cache_key      TEXT NOT NULL,
    cached_from    TEXT REFERENCES runs(id),
    comparison_id  TEXT,
    request_json   TEXT NOT NULL,
    done           INTEGER NOT NULL DEFAULT 0,
    attempts       INTEGER NOT NULL DEFAULT 0,
    created_at     INTEGER NOT NULL,
    started_at     INTEGER,
    finished_at    INTEGER,
    error_json     TEXT
  );
  CREATE INDEX runs_by_status ON runs(status, seq);
  CREATE INDEX runs_by_scenario ON runs(scenario_name, seq);
  CREATE INDEX runs_cache ON runs(cache_key, seq) WHERE status = 'succeeded' AND cached_from IS NULL;
  CREATE TABLE replications (
    run_id      TEXT NOT NULL REFERENCES runs(id) ON DELETE CASCADE,
    idx         INTEGER NOT NULL CHECK (idx >= 0),
    kpis_json   TEXT NOT NULL,
    events      INTEGER NOT NULL,
    holds       INTEGER NOT NULL,
    result_json TEXT NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (run_id, idx)
  ) WITHOUT ROWID;
  CREATE TABLE reports (
    run_id      TEXT PRIMARY KEY REFERENCES runs(id) ON DELETE CASCADE,
    report_json TEXT NOT NULL,
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE comparisons (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    status       TEXT NOT NULL CHECK (status IN ('running','succeeded','failed')),
    run_ids_json TEXT NOT NULL,
    request_json TEXT NOT NULL,
    report_json  TEXT,
    error_json   TEXT,
    created_at   INTEGER NOT NULL,
    finished_at  INTEGER
  );
  `,
  MIGRATION_RUN_ANNOTATIONS,
  MIGRATION_CRASHES_AND_KEYS,
  MIGRATION_CAPACITY_ANALYSES,
];

/** Schema version this code writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

/** A random id with a readable prefix (`run_…`, `cmp_…`); 72 random bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString("base64url")}`;
}

/** Row of `runs` as SQLite returns it. */
interface RunRow {
  seq: number;
  id: string;
  status: RunStatus;
  scenario_name: string;
  scenario_title: string;
  scenario_hash: string;
  seed_json: string;
  replications: number;
  horizon_days: number;
  warmup_days: number;
  model_version: string;
  cache_key: string;
  cached_from: string | null;
  comparison_id: string | null;
  request_json: string;
  done: number;
  attempts: number;
  crashes: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  error_json: string | null;
  label: string | null;
  note: string | null;
  sweep_id: string | null;
}

/** Row of `comparisons`. */
interface ComparisonRow {
  id: string;
  status: ComparisonStatus;
  run_ids_json: string;
  request_json: string;
  report_json: string | null;
  error_json: string | null;
  created_at: number;
  finished_at: number | null;
}

/** A run record from its row. */
function toRun(r: RunRow): RunRecord {
  return {
    id: r.id,
    seq: r.seq,
    status: r.status,
    scenarioName: r.scenario_name,
    scenarioTitle: r.scenario_title,
    scenarioHash: r.scenario_hash,
    seed: JSON.parse(r.seed_json) as number | string,
    replications: r.replications,
    horizonDays: r.horizon_days,
    warmupDays: r.warmup_days,
    modelVersion: r.model_version,
    cacheKey: r.cache_key,
    cachedFrom: r.cached_from,
    comparisonId: r.comparison_id,
    label: r.label,
    note: r.note,
    sweepId: r.sweep_id,
    request: decodeJson(r.request_json),
    done: r.done,
    attempts: r.attempts,
    crashes: r.crashes,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as RunError),
  };
}

/** A comparison record from its row. */
function toComparison(r: ComparisonRow): ComparisonRecord {
  return {
    id: r.id,
    status: r.status,
    runIds: JSON.parse(r.run_ids_json) as string[],
    request: decodeJson(r.request_json),
    report: r.report_json === null ? null : decodeJson(r.report_json),
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as RunError),
    createdAt: r.created_at,
    finishedAt: r.finished_at,
  };
}

/** Options of the SQLite store. */
export interface SqliteRunStoreOptions {
  /** Database file, or ":memory:" for tests. Parent folders are created. */
  filename: string;
  /** Clock (tests). */
  now?: () => number;
  /** Durability of commits (default NORMAL; see durability.ts). */
  synchronous?: SynchronousMode;
}

/** Opens the database, sets the pragmas and migrates; exported for the migration tests. */
export function openDatabase(filename: string, synchronous: SynchronousMode = "NORMAL"): Database.Database {
  if (filename !== ":memory:") mkdirSync(dirname(filename), { recursive: true });
  const db = new Database(filename);
  db.pragma("journal_mode = WAL");
  setSynchronous(db, synchronous);
  db.pragma("foreign_keys = ON");
  // A second process (a CLI reading history) may hold the lock briefly; wait instead of failing.
  db.pragma("busy_timeout = 5000");
  migrate(db);
  return db;
}

/** Brings the schema to `SCHEMA_VERSION`; refuses a file from a newer version. */
export function migrate(db: Database.Database): void {
  const version = db.pragma("user_version", { simple: true }) as number;
  if (version > SCHEMA_VERSION) {
    throw new Error(
      `run store schema version ${version} is newer than this gatesim understands (${SCHEMA_VERSION}); upgrade gatesim or use another data directory`,
    );
  }
  if (version === SCHEMA_VERSION) return;
  db.transaction(() => {
    for (let v = version; v < SCHEMA_VERSION; v++) db.exec(MIGRATIONS[v] as string);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
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
      insertReplication: db.prepare(
        `INSERT OR IGNORE INTO replications (run_id, idx, kpis_json, events, holds, result_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?, ?)`,
      ),
      countReplications: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM replications WHERE run_id = ?"),
      setDone: db.prepare("UPDATE runs SET done = ? WHERE id = ?"),
      indices: db.prepare<[string], { idx: number }>("SELECT idx FROM replications WHERE run_id = ? ORDER BY idx"),
      results: db.prepare<[string], { result_json: string }>(
        "SELECT result_json FROM replications WHERE run_id = ? ORDER BY idx",
      ),
      resultsWithoutSeries: db.prepare<[string], { result_json: string }>(
        "SELECT json_remove(result_json, '$.series') AS result_json FROM replications WHERE run_id = ? ORDER BY idx",
      ),
      summaries: db.prepare<[string], { idx: number; kpis_json: string; events: number; holds: number }>(
        "SELECT idx, kpis_json, events, holds FROM replications WHERE run_id = ? ORDER BY idx",
      ),
      insertReport: db.prepare("INSERT OR REPLACE INTO reports (run_id, report_json, created_at) VALUES (?, ?, ?)"),
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
      getReport: db.prepare<[string], { report_json: string }>("SELECT report_json FROM reports WHERE run_id = ?"),
      insertComparison: db.prepare(
        "INSERT INTO comparisons (id, status, run_ids_json, request_json, created_at) VALUES (?, 'running', ?, ?, ?)",
      ),
      getComparison: db.prepare<[string], ComparisonRow>("SELECT * FROM comparisons WHERE id = ?"),
      endComparison: db.prepare(
        "UPDATE comparisons SET status = ?, report_json = ?, error_json = ?, finished_at = ? WHERE id = ? AND status = 'running'",
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
  createRuns(runs: readonly NewRun[]): RunRecord[] {
    const created = this.db.transaction(() =>
      runs.map((r) => {
        if (r.cachedFrom === undefined) return this.insertRun(r, "queued");
        const plain = r.comparisonId === undefined && r.sweepId === undefined && r.label == null && r.note == null;
        const pointer = plain ? this.stmt.findPointer.get(r.cachedFrom) : undefined;
        return pointer === undefined ? this.insertRun(r, "succeeded") : toRun(pointer);
      }),
    )();
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
    return this.db.transaction(() => {
      const kpis: Record<string, number> = {};
      for (const [name, k] of Object.entries(result.kpis)) kpis[name] = k.value;
      this.stmt.insertReplication.run(
        runId,
        result.replication,
        encodeJson(kpis),
        result.events,
        result.conservation.holds ? 1 : 0,
        encodeJson(result),
        this.now(),
      );
      const n = (this.stmt.countReplications.get(runId) as { n: number }).n;
      this.stmt.setDone.run(n, runId);
      return n;
    })();
  }

  /** See RunStore. */
  storedReplicationIndices(runId: string): number[] {
    return this.stmt.indices.all(runId).map((r) => r.idx);
  }

  /** See RunStore. */
  getReplicationResults(runId: string, options: { series?: boolean } = {}): unknown[] {
    const stmt = options.series === false ? this.stmt.resultsWithoutSeries : this.stmt.results;
    return stmt.all(runId).map((r) => decodeJson(r.result_json));
  }

  /** See RunStore. */
  getReplicationSummaries(runId: string): ReplicationSummary[] {
    return this.stmt.summaries.all(runId).map((r) => ({
      replication: r.idx,
      kpis: decodeJson(r.kpis_json) as Record<string, number>,
      events: r.events,
      conservationHolds: r.holds === 1,
    }));
  }

  /** See RunStore. */
  finishRun(id: string, report: unknown, now: number): void {
    this.db.transaction(() => {
      this.stmt.insertReport.run(id, encodeJson(report), now);
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
    const row = this.stmt.getReport.get(runId);
    return row === undefined ? undefined : decodeJson(row.report_json);
  }

  /** See RunStore. */
  createComparison(c: { runIds: string[]; request: unknown; id?: string }): ComparisonRecord {
    const id = c.id ?? newId("cmp");
    this.stmt.insertComparison.run(id, JSON.stringify(c.runIds), encodeJson(c.request ?? null), this.now());
    return this.getComparison(id) as ComparisonRecord;
  }

  /** See RunStore. */
  getComparison(id: string): ComparisonRecord | undefined {
    const row = this.stmt.getComparison.get(id);
    return row === undefined ? undefined : toComparison(row);
  }

  /** See RunStore. */
  endComparison(
    id: string,
    status: "succeeded" | "failed",
    report: unknown | null,
    error: RunError | null,
    now: number,
  ): void {
    this.stmt.endComparison.run(
      status,
      report === null ? null : encodeJson(report),
      error === null ? null : JSON.stringify(error),
      now,
      id,
    );
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
  createSweep(s: {
    id: string;
    label: string | null;
    scenarioName: string;
    request: unknown;
    runIds: string[];
  }): SweepRecord {
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

/** Opaque page cursor from a row's `seq`. */
function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString("base64url");
}

/** Row `seq` from a cursor; throws `InvalidCursorError` on anything else. */
function decodeCursor(cursor: string): number {
  const text = Buffer.from(cursor, "base64url").toString();
  const m = /^s(\d{1,15})$/.exec(text);
  if (m === null) throw new InvalidCursorError(cursor);
  return Number(m[1]);
}

/** A list cursor that this store did not issue. */
export class InvalidCursorError extends Error {
  /** Keeps the cursor text for the message. */
  constructor(cursor: string) {
    super(`cursor ${JSON.stringify(cursor.slice(0, 40))} is not a cursor issued by this server`);
    this.name = "InvalidCursorError";
  }
}
