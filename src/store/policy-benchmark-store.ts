/**
 * Stored policy benchmarks (`POST /policy-benchmarks`): the request, the status with progress, and the
 * leaderboard once done. Kept in the run store's SQLite file, in a table of their own created on first use
 * (`CREATE TABLE IF NOT EXISTS`, outside the run store's numbered migrations, which other features append
 * to), or in memory when the run store is not SQLite. A benchmark left unfinished by a stopped server is
 * marked `interrupted` at the next start (it is not resumed: post it again).
 */
import type Database from "better-sqlite3";
import { newId } from "./run-rows.js";

/** Lifecycle of a benchmark. */
export type PolicyBenchmarkStatus = "queued" | "running" | "succeeded" | "failed" | "cancelled" | "interrupted";

/** A stored benchmark. Times are epoch milliseconds. */
export interface PolicyBenchmarkRecord {
  id: string;
  status: PolicyBenchmarkStatus;
  /** The request as received. */
  request: unknown;
  done: number;
  total: number;
  createdAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: { code: string; message: string } | null;
  /** The leaderboard (plain JSON) once succeeded. */
  result: unknown;
}

/** Where benchmarks are kept. */
export interface PolicyBenchmarkStore {
  create(request: unknown, now: number): PolicyBenchmarkRecord;
  get(id: string): PolicyBenchmarkRecord | undefined;
  /** Newest first. */
  list(limit: number): PolicyBenchmarkRecord[];
  start(id: string, now: number): void;
  progress(id: string, done: number, total: number): void;
  finish(
    id: string,
    status: PolicyBenchmarkStatus,
    result: unknown,
    error: PolicyBenchmarkRecord["error"],
    now: number,
  ): void;
  /** Marks benchmarks a previous process left queued or running as interrupted; returns how many. */
  interruptUnfinished(now: number): number;
}

interface Row {
  id: string;
  status: PolicyBenchmarkStatus;
  request_json: string;
  done: number;
  total: number;
  created_at: number;
  started_at: number | null;
  finished_at: number | null;
  error_json: string | null;
  result_json: string | null;
}

function fromRow(r: Row): PolicyBenchmarkRecord {
  return {
    id: r.id,
    status: r.status,
    request: JSON.parse(r.request_json) as unknown,
    done: r.done,
    total: r.total,
    createdAt: r.created_at,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    error: r.error_json === null ? null : (JSON.parse(r.error_json) as PolicyBenchmarkRecord["error"]),
    result: r.result_json === null ? null : (JSON.parse(r.result_json) as unknown),
  };
}

/** Benchmarks in the run store's SQLite database. */
export class SqlitePolicyBenchmarkStore implements PolicyBenchmarkStore {
  private readonly db: Database.Database;

  constructor(db: Database.Database) {
    this.db = db;
    db.exec(`CREATE TABLE IF NOT EXISTS policy_benchmarks (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      id TEXT NOT NULL UNIQUE,
      status TEXT NOT NULL,
      request_json TEXT NOT NULL,
      done INTEGER NOT NULL DEFAULT 0,
      total INTEGER NOT NULL DEFAULT 0,
      created_at INTEGER NOT NULL,
      started_at INTEGER,
      finished_at INTEGER,
      error_json TEXT,
      result_json TEXT
    )`);
  }

  create(request: unknown, now: number): PolicyBenchmarkRecord {
    const id = newId("pbm");
    this.db
      .prepare("INSERT INTO policy_benchmarks (id, status, request_json, created_at) VALUES (?, 'queued', ?, ?)")
      .run(id, JSON.stringify(request), now);
    return this.get(id) as PolicyBenchmarkRecord;
  }

  get(id: string): PolicyBenchmarkRecord | undefined {
    const r = this.db.prepare<[string], Row>("SELECT * FROM policy_benchmarks WHERE id = ?").get(id);
    return r === undefined ? undefined : fromRow(r);
  }

  list(limit: number): PolicyBenchmarkRecord[] {
    return this.db
      .prepare<[number], Row>("SELECT * FROM policy_benchmarks ORDER BY seq DESC LIMIT ?")
      .all(limit)
      .map(fromRow);
  }

  start(id: string, now: number): void {
    this.db.prepare("UPDATE policy_benchmarks SET status = 'running', started_at = ? WHERE id = ?").run(now, id);
  }

  progress(id: string, done: number, total: number): void {
    this.db.prepare("UPDATE policy_benchmarks SET done = ?, total = ? WHERE id = ?").run(done, total, id);
  }

  finish(
    id: string,
    status: PolicyBenchmarkStatus,
    result: unknown,
    error: PolicyBenchmarkRecord["error"],
    now: number,
  ): void {
    this.db
      .prepare("UPDATE policy_benchmarks SET status = ?, result_json = ?, error_json = ?, finished_at = ? WHERE id = ?")
      .run(
        status,
        result === null ? null : JSON.stringify(result),
        error === null ? null : JSON.stringify(error),
        now,
        id,
      );
  }

  interruptUnfinished(now: number): number {
    const message = "the server stopped before this benchmark finished; post it again";
    return this.db
      .prepare(
        "UPDATE policy_benchmarks SET status = 'interrupted', finished_at = ?, error_json = ? WHERE status IN ('queued', 'running')",
      )
      .run(now, JSON.stringify({ code: "GATESIM_ERR_INTERRUPTED", message })).changes;
  }
}

/** Benchmarks in memory (a run store that is not SQLite; lost at exit). */
export class MemoryPolicyBenchmarkStore implements PolicyBenchmarkStore {
  private readonly records = new Map<string, PolicyBenchmarkRecord>();

  create(request: unknown, now: number): PolicyBenchmarkRecord {
    const r: PolicyBenchmarkRecord = {
      id: newId("pbm"),
      status: "queued",
      request: structuredClone(request),
      done: 0,
      total: 0,
      createdAt: now,
      startedAt: null,
      finishedAt: null,
      error: null,
      result: null,
    };
    this.records.set(r.id, r);
    return { ...r };
  }
  get(id: string): PolicyBenchmarkRecord | undefined {
    const r = this.records.get(id);
    return r === undefined ? undefined : { ...r };
  }
  list(limit: number): PolicyBenchmarkRecord[] {
    return [...this.records.values()].reverse().slice(0, limit);
  }
  start(id: string, now: number): void {
    this.update(id, { status: "running", startedAt: now });
  }
  progress(id: string, done: number, total: number): void {
    this.update(id, { done, total });
  }
  finish(
    id: string,
    status: PolicyBenchmarkStatus,
    result: unknown,
    error: PolicyBenchmarkRecord["error"],
    now: number,
  ): void {
    this.update(id, { status, result, error, finishedAt: now });
  }
  interruptUnfinished(): number {
    return 0;
  }
  private update(id: string, patch: Partial<PolicyBenchmarkRecord>): void {
    const r = this.records.get(id);
    if (r !== undefined) this.records.set(id, { ...r, ...patch });
  }
}
