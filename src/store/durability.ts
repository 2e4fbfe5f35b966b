/**
 * What the run store knows about its own durability, checked when it opens:
 *
 * - `PRAGMA quick_check`: a damaged database file is refused with the way to recover it, never read as if
 *   it were whole;
 * - the marks file (`<db>.marks.json`): the highest run sequence and the ids of the latest runs, written
 *   (atomically, by rename) whenever runs are created. SQLite in WAL mode keeps recent commits in the
 *   `-wal` file until a checkpoint; if that file is deleted or damaged while the server is down, SQLite
 *   opens the database without them and says nothing (4 of 19 runs were left in the issue's test). The
 *   marks tell what was lost: the runs created before the stop that the database no longer has.
 * - `synchronous`: NORMAL (default) survives a killed process but may lose the last commits on a power
 *   loss or OS crash; FULL makes every commit durable at the cost of an fsync each
 *   (`GATESIM_SQLITE_SYNCHRONOUS=FULL`).
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import type Database from "better-sqlite3";

/** SQLite's durability settings this store offers. */
export type SynchronousMode = "NORMAL" | "FULL";

/** Runs created before the last stop that the database no longer holds. */
export interface LostRuns {
  /** How many runs (by sequence numbers the database should have reached). */
  count: number;
  /** Their ids, where the marks still list them (the latest 256 runs). */
  ids: string[];
  /** Why, in words, and what to do. */
  message: string;
}

/** The store's durability as checked at open. */
export interface StoreHealth {
  synchronous: SynchronousMode;
  /** "ok", or the first problem `PRAGMA quick_check` found (the store then refuses to open). */
  integrity: string;
  /** Runs lost since the last start, or null. */
  lost: LostRuns | null;
}

/** Ids the marks keep (the latest runs). */
const MARKED_IDS_MAX = 256;

/** The marks file's content. */
interface Marks {
  v: 1;
  seqMax: number;
  ids: string[];
}

/** A database file that fails SQLite's integrity check. */
export class StoreDamagedError extends Error {
  /** Explains the damage and the way out. */
  constructor(filename: string, problem: string) {
    super(
      `the run store ${filename} is damaged (${problem}); stop gatesim, keep a copy of the file, and recover it with \`sqlite3 ${filename} ".recover" | sqlite3 recovered.sqlite\`, or start on another data directory`,
    );
    this.name = "StoreDamagedError";
  }
}

/** Sets the durability pragma. */
export function setSynchronous(db: Database.Database, mode: SynchronousMode): void {
  db.pragma(`synchronous = ${mode}`);
}

/** Runs `PRAGMA quick_check`; throws `StoreDamagedError` on the first problem. */
export function checkIntegrity(db: Database.Database, filename: string): void {
  const rows = db.pragma("quick_check") as { quick_check: string }[];
  const first = rows[0]?.quick_check ?? "ok";
  if (first !== "ok") throw new StoreDamagedError(filename, first);
}

/**
 * The highest run sequence number the database reached: AUTOINCREMENT keeps it in `sqlite_sequence` when
 * the newest runs are deleted, and it is written in the same transaction as the runs (lost with them).
 */
function highestSeq(db: Database.Database): number {
  const inRuns = (db.prepare("SELECT COALESCE(MAX(seq), 0) AS n FROM runs").get() as { n: number }).n;
  const seq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'runs'").get() as { seq: number } | undefined;
  return Math.max(inRuns, seq?.seq ?? 0);
}

/** True when the database has a row (shown or hidden) for this run. */
function hasRun(db: Database.Database, id: string): boolean {
  return db.prepare("SELECT 1 FROM runs WHERE id = ?").get(id) !== undefined;
}

/** The marks of a database file: what it held, kept beside it. */
export class RunMarks {
  private readonly file: string;
  private marks: Marks;

  /** Reads the marks beside `filename` (none yet: empty). */
  constructor(filename: string) {
    this.file = `${filename}.marks.json`;
    this.marks = { v: 1, seqMax: 0, ids: [] };
    if (!existsSync(this.file)) return;
    try {
      const m = JSON.parse(readFileSync(this.file, "utf8")) as Partial<Marks>;
      if (m.v === 1 && Number.isSafeInteger(m.seqMax) && Array.isArray(m.ids))
        this.marks = { v: 1, seqMax: m.seqMax as number, ids: m.ids.filter((x) => typeof x === "string") };
    } catch {
      // Unreadable marks say nothing; they are rewritten at the next run.
    }
  }

  /** Compares the marks with the database: the runs it should hold and does not. */
  lostSince(db: Database.Database, filename: string): LostRuns | null {
    const seqMax = highestSeq(db);
    const ids = this.marks.ids.filter((id) => !hasRun(db, id));
    const count = Math.max(this.marks.seqMax - seqMax, ids.length);
    if (count <= 0) return null;
    const shown = ids.slice(0, 20).join(", ");
    return {
      count,
      ids,
      message: `${count} run(s) created before the last stop are missing from ${filename}${ids.length > 0 ? ` (${shown}${ids.length > 20 ? ", ..." : ""})` : ""}: its write-ahead log (${filename}-wal) was removed or damaged while the server was down. The rest of the history is intact; submit those runs again. GATESIM_SQLITE_SYNCHRONOUS=FULL makes each commit durable on disk at once`,
    };
  }

  /** Records newly created runs; writes the file atomically (a temporary file renamed over it). */
  record(runs: readonly { id: string; seq: number }[]): void {
    if (runs.length === 0) return;
    for (const r of runs) {
      this.marks.seqMax = Math.max(this.marks.seqMax, r.seq);
      this.marks.ids.push(r.id);
    }
    if (this.marks.ids.length > MARKED_IDS_MAX) this.marks.ids.splice(0, this.marks.ids.length - MARKED_IDS_MAX);
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.marks));
    renameSync(tmp, this.file);
  }

  /** Forgets runs removed on purpose (a user deleted them): only runs the database should hold stay marked. */
  forgetRemoved(db: Database.Database): void {
    const kept = this.marks.ids.filter((id) => hasRun(db, id));
    if (kept.length === this.marks.ids.length) return;
    this.marks.ids = kept;
    const tmp = `${this.file}.tmp`;
    writeFileSync(tmp, JSON.stringify(this.marks));
    renameSync(tmp, this.file);
  }

  /** Forgets lost runs once reported (they will not come back): marks follow the database again. */
  reset(db: Database.Database): void {
    const rows = db.prepare("SELECT id, seq FROM runs ORDER BY seq DESC LIMIT ?").all(MARKED_IDS_MAX) as {
      id: string;
      seq: number;
    }[];
    this.marks = { v: 1, seqMax: 0, ids: [] };
    this.record(rows.reverse());
    if (rows.length === 0) {
      writeFileSync(`${this.file}.tmp`, JSON.stringify(this.marks));
      renameSync(`${this.file}.tmp`, this.file);
    }
  }
}
