/**
 * The Idempotency-Key of POST requests (issue 14, item 16): a key is bound, within a scope such as
 * "POST /runs", to the hash of the request's body and the resource it created, for a day (as payment APIs
 * keep them); older keys are dropped as new ones come, so the table stays bounded. Kept in its own file,
 * beside the run table's store, like the run annotations.
 */
import type Database from "better-sqlite3";
import type { IdempotencyRecord } from "./types.js";

/**
 * Migration 2 → 3 (issue 14): unclean stops of the server while a run was running, to bound how often a
 * run that crashes the server is resumed; the lookup of a run's cache pointer, so that repeated cache hits
 * reuse one row; and the Idempotency-Key of POST requests with the resource they created.
 */
export const MIGRATION_CRASHES_AND_KEYS = `
  ALTER TABLE runs ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
  CREATE INDEX runs_by_cached_from ON runs(cached_from, seq) WHERE cached_from IS NOT NULL AND comparison_id IS NULL;
  CREATE TABLE idempotency_keys (
    scope       TEXT NOT NULL,
    key         TEXT NOT NULL,
    body_hash   TEXT NOT NULL,
    resource_id TEXT NOT NULL,
    status      INTEGER NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (scope, key)
  ) WITHOUT ROWID;
  CREATE INDEX idempotency_by_age ON idempotency_keys(created_at);
`;

/** How long an Idempotency-Key is remembered (a day, as payment APIs do). */
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;

/** Row of `idempotency_keys` as the lookup reads it. */
interface IdempotencyRow {
  body_hash: string;
  resource_id: string;
  status: number;
}

/** The idempotency keys of one database. */
export class SqliteIdempotency {
  private readonly stmt;

  /** Prepares the statements on an open, migrated database. */
  constructor(private readonly db: Database.Database) {
    this.stmt = {
      find: db.prepare<[string, string, number], IdempotencyRow>(
        "SELECT body_hash, resource_id, status FROM idempotency_keys WHERE scope = ? AND key = ? AND created_at >= ?",
      ),
      save: db.prepare(
        "INSERT OR REPLACE INTO idempotency_keys (scope, key, body_hash, resource_id, status, created_at) VALUES (?, ?, ?, ?, ?, ?)",
      ),
      purge: db.prepare("DELETE FROM idempotency_keys WHERE created_at < ?"),
    };
  }

  /** The record of a key in a scope seen within the last day. */
  find(scope: string, key: string, now: number): IdempotencyRecord | undefined {
    const row = this.stmt.find.get(scope, key, now - IDEMPOTENCY_TTL_MS);
    return row === undefined ? undefined : { bodyHash: row.body_hash, resourceId: row.resource_id, status: row.status };
  }

  /** Remembers a key with what it created; keys older than a day are dropped first. */
  save(scope: string, key: string, record: IdempotencyRecord, now: number): void {
    this.db.transaction(() => {
      this.stmt.purge.run(now - IDEMPOTENCY_TTL_MS);
      this.stmt.save.run(scope, key, record.bodyHash, record.resourceId, record.status, now);
    })();
  }
}
