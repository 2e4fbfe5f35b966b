/** The SQLite run store: schema migrations, runs, replications, reports, paging, cache lookups, durability. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { decodeJson, encodeJson, type NewRun, SCHEMA_VERSION, SqliteRunStore } from "../../src/store/index.js";

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-store-"));
  dirs.push(dir);
  return join(dir, "sub", "gatesim.sqlite");
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newRun(over: Partial<NewRun> = {}): NewRun {
  return {
    scenarioName: "mm1",
    scenarioTitle: "M/M/1",
    scenarioHash: "h1",
    seed: 42,
    replications: 3,
    horizonDays: 2,
    warmupDays: 0,
    modelVersion: "0.1.0",
    cacheKey: "k1",
    request: { scenario: "mm1" },
    ...over,
  };
}

function replication(i: number, value = i * 1.5) {
  return {
    replication: i,
    kpis: { waitMinutesMean: { value, unit: "minutes" }, empty: { value: Number.NaN, unit: "minutes" } },
    events: 100 + i,
    conservation: { holds: true },
    series: { daily: { x: [1, Number.POSITIVE_INFINITY] } },
  };
}

describe("SqliteRunStore", () => {
  it("creates the schema at the current user_version, in WAL mode, and refuses a newer file", () => {
    const file = tempFile();
    const store = new SqliteRunStore({ filename: file });
    expect(store.db.pragma("user_version", { simple: true })).toBe(SCHEMA_VERSION);
    expect(store.db.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(store.db.pragma("synchronous", { simple: true })).toBe(1); // NORMAL
    store.close();
    const raw = new Database(file);
    raw.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    raw.close();
    expect(() => new SqliteRunStore({ filename: file })).toThrow(/newer than this gatesim understands/);
  });

  it("stores a run through its lifecycle and keeps it across a reopen", () => {
    const file = tempFile();
    let t = 1000;
    const store = new SqliteRunStore({ filename: file, now: () => t });
    const run = store.createRun(newRun({ seed: "abc" }));
    expect(run).toMatchObject({
      status: "queued",
      seed: "abc",
      done: 0,
      attempts: 0,
      createdAt: 1000,
      cachedFrom: null,
    });
    store.markRunning(run.id, 1100);
    expect(store.saveReplication(run.id, replication(1))).toBe(1);
    expect(store.saveReplication(run.id, replication(0))).toBe(2);
    // Idempotent by (run, index): a replayed result does not double count.
    expect(store.saveReplication(run.id, replication(0, 99))).toBe(2);
    expect(store.storedReplicationIndices(run.id)).toEqual([0, 1]);
    store.close();

    const again = new SqliteRunStore({ filename: file, now: () => t });
    expect(again.getRun(run.id)).toMatchObject({ status: "running", done: 2, attempts: 1, startedAt: 1100 });
    expect(again.listUnfinishedRuns().map((r) => r.id)).toEqual([run.id]);
    const results = again.getReplicationResults(run.id) as ReturnType<typeof replication>[];
    expect(results.map((r) => r.replication)).toEqual([0, 1]);
    // Non-finite numbers survive the round trip (plain JSON would have made them null).
    expect(results[0]?.kpis.empty.value).toBeNaN();
    expect(results[0]?.series.daily.x[1]).toBe(Number.POSITIVE_INFINITY);
    expect(results[0]?.kpis.waitMinutesMean.value).toBe(0);
    expect(again.getReplicationSummaries(run.id)[1]).toMatchObject({
      replication: 1,
      events: 101,
      conservationHolds: true,
    });
    again.saveReplication(run.id, replication(2));
    t = 2000;
    again.finishRun(run.id, { kpis: { a: { mean: Number.NaN } } }, t);
    const done = again.getRun(run.id);
    expect(done).toMatchObject({ status: "succeeded", done: 3, finishedAt: 2000 });
    expect((again.getReport(run.id) as { kpis: { a: { mean: number } } }).kpis.a.mean).toBeNaN();
    // A final status never changes again.
    again.endRun(run.id, "failed", { code: "X", message: "late" }, 3000);
    expect(again.getRun(run.id)?.status).toBe("succeeded");
    expect(again.listUnfinishedRuns()).toEqual([]);
    again.close();
  });

  it("finds only original succeeded runs by cache key", () => {
    const store = new SqliteRunStore({ filename: ":memory:" });
    const a = store.createRun(newRun({ cacheKey: "same" }));
    expect(store.findCachedRun("same")).toBeUndefined();
    store.finishRun(a.id, {}, 1);
    expect(store.findCachedRun("same")?.id).toBe(a.id);
    const hit = store.createRun(newRun({ cacheKey: "same", cachedFrom: a.id }), "succeeded");
    expect(hit).toMatchObject({ status: "succeeded", cachedFrom: a.id, done: 3 });
    expect(store.findCachedRun("same")?.id).toBe(a.id);
    store.close();
  });

  it("pages newest first with a stable cursor, offset and filters", () => {
    const store = new SqliteRunStore({ filename: ":memory:" });
    const ids = Array.from(
      { length: 7 },
      (_, i) => store.createRun(newRun({ scenarioName: i % 2 === 0 ? "even" : "odd" })).id,
    );
    const p1 = store.listRuns({ limit: 3 });
    expect(p1.total).toBe(7);
    expect(p1.items.map((r) => r.id)).toEqual([ids[6], ids[5], ids[4]]);
    // A run inserted between pages does not shift the next page.
    store.createRun(newRun());
    const p2 = store.listRuns({ limit: 3, cursor: p1.nextCursor as string });
    expect(p2.items.map((r) => r.id)).toEqual([ids[3], ids[2], ids[1]]);
    const p3 = store.listRuns({ limit: 3, cursor: p2.nextCursor as string });
    expect(p3.items.map((r) => r.id)).toEqual([ids[0]]);
    expect(p3.nextCursor).toBeNull();
    expect(store.listRuns({ limit: 2, offset: 1, scenario: "even" }).items.map((r) => r.id)).toEqual([ids[4], ids[2]]);
    store.endRun(ids[0] as string, "cancelled", null, 5);
    expect(store.listRuns({ limit: 10, status: "cancelled" }).items.map((r) => r.id)).toEqual([ids[0]]);
    expect(() => store.listRuns({ limit: 3, cursor: "bogus" })).toThrow(/not a cursor/);
    store.close();
  });

  it("creates several runs atomically and keeps comparisons", () => {
    const store = new SqliteRunStore({ filename: ":memory:", now: () => 7 });
    const runs = store.createRuns([
      newRun({ comparisonId: "cmp_x" }),
      newRun({ comparisonId: "cmp_x", cachedFrom: undefined }),
    ]);
    expect(runs.map((r) => r.comparisonId)).toEqual(["cmp_x", "cmp_x"]);
    expect(() => store.createRuns([newRun(), newRun({ replications: 0 })])).toThrow();
    expect(store.listRuns({ limit: 10 }).total).toBe(2);
    const c = store.createComparison({ id: "cmp_x", runIds: runs.map((r) => r.id), request: { runs: [] } });
    expect(c).toMatchObject({ id: "cmp_x", status: "running", report: null });
    store.endComparison("cmp_x", "succeeded", { d: Number.NaN }, null, 9);
    const back = store.getComparison("cmp_x");
    expect(back).toMatchObject({ status: "succeeded", finishedAt: 9 });
    expect((back?.report as { d: number } | undefined)?.d).toBeNaN();
    store.close();
  });

  it("encodes only non-finite numbers specially", () => {
    const value = { a: [1, Number.NaN, Number.NEGATIVE_INFINITY], b: "NaN", c: { $num: 1 } };
    const back = decodeJson(encodeJson(value)) as typeof value;
    expect(back.a[1]).toBeNaN();
    expect(back.a[2]).toBe(Number.NEGATIVE_INFINITY);
    expect(back.b).toBe("NaN");
    expect(back.c).toEqual({ $num: 1 });
  });
});
