/** Schema migration 2 (issue 14) on a file written by schema 1: runs kept, crash counts and keys added. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, expect, it } from "vitest";
import { MIGRATIONS, SCHEMA_VERSION, SqliteRunStore } from "../../src/store/index.js";

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

it("migrates a schema-1 file: its runs stay, with 0 crashes, and idempotency keys work", () => {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-migrate-"));
  dirs.push(dir);
  const file = join(dir, "gatesim.sqlite");
  const old = new Database(file);
  old.exec(MIGRATIONS[0] as string);
  old.pragma("user_version = 1");
  old
    .prepare(
      `INSERT INTO runs (id, status, scenario_name, scenario_title, scenario_hash, seed_json, replications, horizon_days,
         warmup_days, model_version, cache_key, request_json, created_at, attempts)
       VALUES ('run_old', 'running', 'mm1', 'M/M/1', 'h', '1', 3, 2, 0, '0', 'k', '{}', 1, 1)`,
    )
    .run();
  old.close();
  const store = new SqliteRunStore({ filename: file });
  expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
  expect(store.getRun("run_old")).toMatchObject({ status: "running", attempts: 1, crashes: 0 });
  expect(store.countCrash("run_old")).toBe(1);
  store.saveIdempotent("POST /runs", "k1", { bodyHash: "b", resourceId: "run_old", status: 202 }, 1000);
  expect(store.findIdempotent("POST /runs", "k1", 2000)).toEqual({ bodyHash: "b", resourceId: "run_old", status: 202 });
  // Forgotten after a day.
  expect(store.findIdempotent("POST /runs", "k1", 1000 + 25 * 3_600_000)).toBeUndefined();
  store.close();
});
