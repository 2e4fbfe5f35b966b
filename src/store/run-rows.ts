/**
 * Runs as rows of the `runs` table: the row shape, the record built from it, record ids, and the opaque
 * page cursors of the run list. Apart from the store class so that the mapping between the table and
 * `RunRecord` sits in one short file.
 */
import { randomBytes } from "node:crypto";
import { decodeJson } from "./json.js";
import type { RunError, RunRecord, RunStatus } from "./types.js";

/** A random id with a readable prefix (`run_…`, `cmp_…`); 72 random bits, URL-safe. */
export function newId(prefix: string): string {
  return `${prefix}_${randomBytes(9).toString("base64url")}`;
}

/** Row of `runs` as SQLite returns it. */
export interface RunRow {
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

/** A run record from its row. */
export function toRun(r: RunRow): RunRecord {
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

/** Opaque page cursor from a row's `seq`. */
export function encodeCursor(seq: number): string {
  return Buffer.from(`s${seq}`).toString("base64url");
}

/** Row `seq` from a cursor; throws `InvalidCursorError` on anything else. */
export function decodeCursor(cursor: string): number {
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
