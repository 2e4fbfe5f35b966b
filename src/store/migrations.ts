/**
 * The run store's schema and how a file gets to it: the first schema (runs, replications, reports,
 * comparisons), the migrations other features appended, and opening a file with the pragmas the store
 * relies on. Apart from the store class so that the schema can be read (and the migration tests can open
 * a file) without the run store's queries.
 *
 * The schema version is SQLite's `user_version`; migrations run in order inside one transaction, and a
 * file written by a newer gatesim is refused rather than misread.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { MIGRATION_CAPACITY_ANALYSES } from "./capacity-analyses.js";
import { type SynchronousMode, setSynchronous } from "./durability.js";
import { MIGRATION_RUN_ANNOTATIONS } from "./run-annotations.js";
import { MIGRATION_CRASHES_AND_KEYS } from "./sqlite-idempotency.js";

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
