/**
 * A run's replications and its report in the run store: one row per finished replication (its KPIs
 * apart, for the summaries, and its full result), the run's `done` counter kept in the same transaction,
 * and the report stored when the run succeeds. A small class over the run store's connection, so the
 * store class keeps to the runs themselves.
 *
 * Each finished replication is one small transaction (row + run counter), so a killed server keeps every
 * replication it had finished and a resumed run only computes the missing ones.
 */
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "./json.js";
import type { ReplicationSummary, StoredReplicationInput } from "./types.js";

/** The replications and reports of one database connection. */
export class SqliteReplications {
  private readonly db: Database.Database;
  private readonly stmt: ReturnType<typeof prepare>;

  /** Prepares the statements once on the run store's connection. */
  constructor(db: Database.Database) {
    this.db = db;
    this.stmt = prepare(db);
  }

  /** Stores one replication and the run's counter in one transaction; a duplicate index is ignored. */
  save(runId: string, result: StoredReplicationInput, now: number): number {
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
        now,
      );
      const n = (this.stmt.countReplications.get(runId) as { n: number }).n;
      this.stmt.setDone.run(n, runId);
      return n;
    })();
  }

  /** See RunStore.storedReplicationIndices. */
  indices(runId: string): number[] {
    return this.stmt.indices.all(runId).map((r) => r.idx);
  }

  /** See RunStore.getReplicationResults. */
  results(runId: string, options: { series?: boolean }): unknown[] {
    const stmt = options.series === false ? this.stmt.resultsWithoutSeries : this.stmt.results;
    return stmt.all(runId).map((r) => decodeJson(r.result_json));
  }

  /** See RunStore.getReplicationSummaries. */
  summaries(runId: string): ReplicationSummary[] {
    return this.stmt.summaries.all(runId).map((r) => ({
      replication: r.idx,
      kpis: decodeJson(r.kpis_json) as Record<string, number>,
      events: r.events,
      conservationHolds: r.holds === 1,
    }));
  }

  /** Stores (or replaces) a run's report; the caller sets the run's status in the same transaction. */
  saveReport(runId: string, report: unknown, now: number): void {
    this.stmt.insertReport.run(runId, encodeJson(report), now);
  }

  /** See RunStore.getReport. */
  getReport(runId: string): unknown | undefined {
    const row = this.stmt.getReport.get(runId);
    return row === undefined ? undefined : decodeJson(row.report_json);
  }
}

/** Statements prepared once: better-sqlite3 compiles SQL on prepare, the hot reads must not pay it. */
function prepare(db: Database.Database) {
  return {
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
    getReport: db.prepare<[string], { report_json: string }>("SELECT report_json FROM reports WHERE run_id = ?"),
  };
}
