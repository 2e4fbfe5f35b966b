/**
 * The SQLite side of what planners add to runs (label, note, deletion) and of sweep records. A part of
 * `SqliteRunStore`, in its own file so the run store's core stays about runs and replications.
 */
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "./json.js";
import type { RunDeletion, SweepRecord } from "./types.js";

/** Row of `sweeps`. */
interface SweepRow {
  seq: number;
  id: string;
  label: string | null;
  scenario_name: string;
  request_json: string;
  run_ids_json: string;
  created_at: number;
}

/** A sweep record from its row. */
function toSweep(r: SweepRow): SweepRecord {
  return {
    id: r.id,
    seq: r.seq,
    label: r.label,
    scenarioName: r.scenario_name,
    request: decodeJson(r.request_json),
    runIds: JSON.parse(r.run_ids_json) as string[],
    createdAt: r.created_at,
  };
}

/** Labels, notes, deletion and sweeps on one SQLite connection (statements prepared once). */
export class SqliteAnnotations {
  private readonly db: Database.Database;
  private readonly stmt;

  /** Prepares the statements on an open, migrated database. */
  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = {
      setLabel: db.prepare("UPDATE runs SET label = ? WHERE id = ? AND deleted_at IS NULL"),
      setNote: db.prepare("UPDATE runs SET note = ? WHERE id = ? AND deleted_at IS NULL"),
      run: db.prepare<[string], { cached_from: string | null }>("SELECT cached_from FROM runs WHERE id = ?"),
      dependants: db.prepare<[string], { n: number }>("SELECT COUNT(*) AS n FROM runs WHERE cached_from = ?"),
      hide: db.prepare("UPDATE runs SET deleted_at = ? WHERE id = ?"),
      remove: db.prepare("DELETE FROM runs WHERE id = ?"),
      hidden: db.prepare<[string], { n: number }>(
        "SELECT COUNT(*) AS n FROM runs WHERE id = ? AND deleted_at IS NOT NULL",
      ),
      insertSweep: db.prepare(
        `INSERT INTO sweeps (id, label, scenario_name, request_json, run_ids_json, created_at)
         VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      getSweep: db.prepare<[string], SweepRow>("SELECT * FROM sweeps WHERE id = ? AND deleted_at IS NULL"),
      listSweeps: db.prepare<[number], SweepRow>(
        "SELECT * FROM sweeps WHERE deleted_at IS NULL ORDER BY seq DESC LIMIT ?",
      ),
      deleteSweep: db.prepare("UPDATE sweeps SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL"),
    };
  }

  /** Sets the fields given (null clears one). */
  annotate(id: string, changes: { label?: string | null; note?: string | null }): void {
    this.db.transaction(() => {
      if (changes.label !== undefined) this.stmt.setLabel.run(changes.label, id);
      if (changes.note !== undefined) this.stmt.setNote.run(changes.note, id);
    })();
  }

  /**
   * Deletes a run. A run other runs share results with (cache hits point at it) is hidden; any other
   * run is removed with its replications and report, and the original it shared results with is
   * removed too once it is hidden and nothing else points at it.
   */
  deleteRun(id: string): RunDeletion {
    return this.db.transaction((): RunDeletion => {
      const row = this.stmt.run.get(id);
      if ((this.stmt.dependants.get(id)?.n ?? 0) > 0) {
        this.stmt.hide.run(Date.now(), id);
        return "hidden";
      }
      this.stmt.remove.run(id);
      const original = row?.cached_from ?? null;
      if (
        original !== null &&
        (this.stmt.hidden.get(original)?.n ?? 0) > 0 &&
        (this.stmt.dependants.get(original)?.n ?? 0) === 0
      ) {
        this.stmt.remove.run(original);
      }
      return "removed";
    })();
  }

  /** Stores a sweep record. */
  createSweep(
    s: { id: string; label: string | null; scenarioName: string; request: unknown; runIds: string[] },
    now: number,
  ): SweepRecord {
    this.stmt.insertSweep.run(
      s.id,
      s.label,
      s.scenarioName,
      encodeJson(s.request ?? null),
      JSON.stringify(s.runIds),
      now,
    );
    return this.getSweep(s.id) as SweepRecord;
  }

  /** The sweep with this id. */
  getSweep(id: string): SweepRecord | undefined {
    const row = this.stmt.getSweep.get(id);
    return row === undefined ? undefined : toSweep(row);
  }

  /** Sweeps, newest first. */
  listSweeps(limit: number): SweepRecord[] {
    return this.stmt.listSweeps.all(limit).map(toSweep);
  }

  /** Hides a sweep record; its runs stay. */
  deleteSweep(id: string): boolean {
    return this.stmt.deleteSweep.run(Date.now(), id).changes > 0;
  }
}
