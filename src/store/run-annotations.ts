/**
 * What planners add to runs and sweeps: a name (label), a note, deletion from the history, and sweep
 * records (a grid of runs). Kept in its own migration, appended to `MIGRATIONS`, so the run table's
 * original shape stays untouched and older files upgrade in place.
 */

/**
 * Migration 1 → 2: run label and note, soft deletion (a run whose stored results other runs still share
 * is hidden instead of removed), the sweep a run belongs to, and the sweeps table.
 */
export const MIGRATION_RUN_ANNOTATIONS = `
  ALTER TABLE runs ADD COLUMN label TEXT;
  ALTER TABLE runs ADD COLUMN note TEXT;
  ALTER TABLE runs ADD COLUMN deleted_at INTEGER;
  ALTER TABLE runs ADD COLUMN sweep_id TEXT;
  CREATE INDEX runs_by_sweep ON runs(sweep_id, seq) WHERE sweep_id IS NOT NULL;
  CREATE TABLE sweeps (
    seq          INTEGER PRIMARY KEY AUTOINCREMENT,
    id           TEXT NOT NULL UNIQUE,
    label        TEXT,
    scenario_name TEXT NOT NULL,
    request_json TEXT NOT NULL,
    run_ids_json TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    deleted_at   INTEGER
  );
`;

/** Longest label and note accepted (the API schema says the same). */
export const LABEL_LENGTH_MAX = 120;
/** Longest note accepted. */
export const NOTE_LENGTH_MAX = 2000;
