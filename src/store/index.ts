/**
 * Run history: the `RunStore` interface and its embedded SQLite implementation (better-sqlite3, WAL).
 * The API keeps runs, per-replication results, reports and comparisons here so that nothing is lost
 * when the server stops, gracefully or not.
 */

export {
  type CapacityAnalysisRecord,
  MIGRATION_CAPACITY_ANALYSES,
  type NewCapacityAnalysis,
  SqliteCapacityAnalyses,
} from "./capacity-analyses.js";
export {
  type LostRuns,
  StoreDamagedError,
  type StoreHealth,
  type SynchronousMode,
} from "./durability.js";
export { decodeJson, encodeJson } from "./json.js";
export * from "./policy-benchmark-store.js";
export { LABEL_LENGTH_MAX, NOTE_LENGTH_MAX } from "./run-annotations.js";
export {
  InvalidCursorError,
  MIGRATIONS,
  migrate,
  newId,
  openDatabase,
  SCHEMA_VERSION,
  SqliteRunStore,
  type SqliteRunStoreOptions,
} from "./sqlite-store.js";
export * from "./types.js";
