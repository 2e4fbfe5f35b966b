/**
 * Comparisons in the run store: the `comparisons` table's rows, and creating, reading and ending a
 * comparison (its runs are ordinary runs carrying its id). A small class over the run store's
 * connection, like the annotations and idempotency keys, so the store class keeps to runs.
 */
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "./json.js";
import { newId } from "./run-rows.js";
import type { ComparisonRecord, ComparisonStatus, RunError } from "./types.js";

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

/** The comparisons of one database connection. */
export class SqliteComparisons {
  private readonly insertComparison: Database.Statement;
  private readonly getComparison: Database.Statement<[string], ComparisonRow>;
  private readonly endComparison: Database.Statement;

  /** Prepares the statements once on the run store's connection. */
  constructor(db: Database.Database) {
    this.insertComparison = db.prepare(
      "INSERT INTO comparisons (id, status, run_ids_json, request_json, created_at) VALUES (?, 'running', ?, ?, ?)",
    );
    this.getComparison = db.prepare<[string], ComparisonRow>("SELECT * FROM comparisons WHERE id = ?");
    this.endComparison = db.prepare(
      "UPDATE comparisons SET status = ?, report_json = ?, error_json = ?, finished_at = ? WHERE id = ? AND status = 'running'",
    );
  }

  /** See RunStore.createComparison. */
  create(c: { runIds: string[]; request: unknown; id?: string }, now: number): ComparisonRecord {
    const id = c.id ?? newId("cmp");
    this.insertComparison.run(id, JSON.stringify(c.runIds), encodeJson(c.request ?? null), now);
    return this.get(id) as ComparisonRecord;
  }

  /** See RunStore.getComparison. */
  get(id: string): ComparisonRecord | undefined {
    const row = this.getComparison.get(id);
    return row === undefined ? undefined : toComparison(row);
  }

  /** See RunStore.endComparison. */
  end(id: string, status: "succeeded" | "failed", report: unknown | null, error: RunError | null, now: number): void {
    this.endComparison.run(
      status,
      report === null ? null : encodeJson(report),
      error === null ? null : JSON.stringify(error),
      now,
      id,
    );
  }
}
