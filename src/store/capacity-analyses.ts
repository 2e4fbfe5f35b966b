/**
 * Capacity analyses as stored resources: the request, the settings it was resolved to, the points of
 * the search as they are evaluated (so a reload or another client sees progress), and the final report
 * of the runner's capacity experiment. A table of its own, added by its own migration (appended to
 * `MIGRATIONS`), and a small class over the same SQLite connection as the run store.
 */
import type Database from "better-sqlite3";
import { decodeJson, encodeJson } from "./json.js";
import { RUN_STATUSES, type RunError, type RunStatus } from "./types.js";

/** Migration 2 → 3: the capacity analyses table. */
export const MIGRATION_CAPACITY_ANALYSES = `
  CREATE TABLE capacity_analyses (
    seq               INTEGER PRIMARY KEY AUTOINCREMENT,
    id                TEXT NOT NULL UNIQUE,
    status            TEXT NOT NULL CHECK (status IN (${RUN_STATUSES.map((s) => `'${s}'`).join(",")})),
    label             TEXT,
    scenario_name     TEXT NOT NULL,
    scenario_title    TEXT NOT NULL,
    scenario_hash     TEXT NOT NULL,
    model_version     TEXT NOT NULL,
    request_json      TEXT NOT NULL,
    settings_json     TEXT NOT NULL,
    points_json       TEXT NOT NULL DEFAULT '[]',
    replications_done INTEGER NOT NULL DEFAULT 0,
    report_json       TEXT,
    error_json        TEXT,
    attempts          INTEGER NOT NULL DEFAULT 0,
    created_at        INTEGER NOT NULL,
    started_at        INTEGER,
    finished_at       INTEGER
  );
  CREATE INDEX capacity_analyses_by_status ON capacity_analyses(status, seq);
`;

/** What a capacity analysis is created with. */
export interface NewCapacityAnalysis {
  label: string | null;
  scenarioName: string;
  scenarioTitle: string;
  scenarioHash: string;
  modelVersion: string;
  /** The request as received (scenario reference or inline scenario, overrides): enough to rebuild it. */
  request: unknown;
  /** The settings it resolved to (seed, replications, days, direction, precision, tolerance). */
  settings: unknown;
}

/** A stored capacity analysis. Times are epoch milliseconds. */
export interface CapacityAnalysisRecord extends NewCapacityAnalysis {
  id: string;
  seq: number;
  status: RunStatus;
  /** Points of the search evaluated so far (the runner's `CapacityPoint`s, in evaluation order). */
  points: unknown[];
  /** Replications finished in this attempt. */
  replicationsDone: number;
  /** The runner's `CapacityReport`, once succeeded. */
  report: unknown | null;
  error: RunError | null;
  /** Times started (above 1 after a restart resumed it). */
  attempts: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
}

/** Row of `capacity_analyses`. */
interface Row {
  seq: number;
  id: string;
  status: RunStatus;
  label: string | null;
  scenario_name: string;
  scenario_title: string;
  scenario_hash: string;
  model_version: string;
  request_json: string;
  settings_json: string;
  points_json: string;
  replications_done: number;
  report_json: string | null;
  error_json: string | null;
  attempts: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
}

function toRecord(r: Row): CapacityAnalysisRecord {
  return {
    id: r.id,
    seq: r.seq,
    status: r.status,
    label: r.label,
    scenarioName: r.scenario_name,
    scenarioTitle: r.scenario_title,
    scenarioHash: r.scenario_hash,
    modelVersion: r.model_version,
    request: decodeJson(r.request_json),
    settings: decodeJson(r.settings_json),
    points: decodeJson(r.points_json) as unknown[],
    replicationsDone: r.replications_done,
    report: r.report_json === null ? null : decodeJson(r.report_json),
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as RunError),
    attempts: r.attempts,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
  };
}

/** Capacity analyses on one SQLite connection (statements prepared once). */
export class SqliteCapacityAnalyses {
  private readonly stmt;
  private readonly now: () => number;

  /** Prepares the statements on an open, migrated database. */
  constructor(db: Database.Database, now: () => number = Date.now) {
    this.now = now;
    this.stmt = {
      insert: db.prepare(
        `INSERT INTO capacity_analyses (id, status, label, scenario_name, scenario_title, scenario_hash, model_version,
           request_json, settings_json, created_at)
         VALUES (?, 'queued', ?, ?, ?, ?, ?, ?, ?, ?)`,
      ),
      get: db.prepare<[string], Row>("SELECT * FROM capacity_analyses WHERE id = ?"),
      list: db.prepare<[number], Row>("SELECT * FROM capacity_analyses ORDER BY seq DESC LIMIT ?"),
      unfinished: db.prepare<[], Row>(
        "SELECT * FROM capacity_analyses WHERE status IN ('queued','running') ORDER BY seq ASC",
      ),
      markRunning: db.prepare(
        `UPDATE capacity_analyses SET status = 'running', attempts = attempts + 1, points_json = '[]',
           replications_done = 0, started_at = COALESCE(started_at, ?) WHERE id = ? AND status IN ('queued','running')`,
      ),
      progress: db.prepare(
        "UPDATE capacity_analyses SET points_json = ?, replications_done = ? WHERE id = ? AND status = 'running'",
      ),
      succeed: db.prepare(
        `UPDATE capacity_analyses SET status = 'succeeded', report_json = ?, points_json = ?, error_json = NULL,
           finished_at = ? WHERE id = ? AND status IN ('queued','running')`,
      ),
      end: db.prepare(
        "UPDATE capacity_analyses SET status = ?, error_json = ?, finished_at = ? WHERE id = ? AND status IN ('queued','running')",
      ),
      requeue: db.prepare("UPDATE capacity_analyses SET status = 'queued' WHERE id = ? AND status = 'running'"),
      remove: db.prepare("DELETE FROM capacity_analyses WHERE id = ? AND status NOT IN ('queued','running')"),
    };
  }

  /** Stores a new analysis, `queued`, with a fresh id. */
  create(id: string, a: NewCapacityAnalysis): CapacityAnalysisRecord {
    this.stmt.insert.run(
      id,
      a.label,
      a.scenarioName,
      a.scenarioTitle,
      a.scenarioHash,
      a.modelVersion,
      encodeJson(a.request ?? null),
      encodeJson(a.settings ?? null),
      this.now(),
    );
    return this.get(id) as CapacityAnalysisRecord;
  }

  /** The analysis with this id. */
  get(id: string): CapacityAnalysisRecord | undefined {
    const row = this.stmt.get.get(id);
    return row === undefined ? undefined : toRecord(row);
  }

  /** Analyses, newest first. */
  list(limit: number): CapacityAnalysisRecord[] {
    return this.stmt.list.all(limit).map(toRecord);
  }

  /** Analyses a previous process left `queued` or `running`, oldest first. */
  listUnfinished(): CapacityAnalysisRecord[] {
    return this.stmt.unfinished.all().map(toRecord);
  }

  /** Marks an analysis running (an attempt starts from its first point: its points are cleared). */
  markRunning(id: string): void {
    this.stmt.markRunning.run(this.now(), id);
  }

  /** Keeps the points evaluated so far and the replications done. */
  saveProgress(id: string, points: readonly unknown[], replicationsDone: number): void {
    this.stmt.progress.run(encodeJson(points), replicationsDone, id);
  }

  /** Stores the report (and its points) and marks the analysis succeeded. */
  finish(id: string, report: { points: readonly unknown[] }): void {
    this.stmt.succeed.run(encodeJson(report), encodeJson(report.points), this.now(), id);
  }

  /** Ends an analysis with a final non-success status and its reason. */
  end(id: string, status: "failed" | "cancelled" | "interrupted", error: RunError | null): void {
    this.stmt.end.run(status, error === null ? null : JSON.stringify(error), this.now(), id);
  }

  /** Puts a running analysis back to `queued` (a graceful stop: it starts again at the next start). */
  requeue(id: string): void {
    this.stmt.requeue.run(id);
  }

  /** Removes a finished analysis; false when there is no such finished analysis. */
  remove(id: string): boolean {
    return this.stmt.remove.run(id).changes > 0;
  }
}
