/**
 * What the store says about its own durability (issue 14, item 14): a damaged file is refused with the
 * way to recover it; runs lost with a removed write-ahead log are named at the next start (they used to
 * vanish silently: 4 of 19 runs left); `synchronous` is NORMAL by default and FULL on request.
 */
import { closeSync, copyFileSync, existsSync, mkdtempSync, openSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/index.js";
import { InlineExecutor } from "../../src/runner/index.js";
import { type NewRun, SqliteRunStore, StoreDamagedError } from "../../src/store/index.js";

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-durability-"));
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function newRun(i: number): NewRun {
  return {
    scenarioName: "mm1",
    scenarioTitle: "M/M/1",
    scenarioHash: "h",
    seed: i,
    replications: 2,
    horizonDays: 2,
    warmupDays: 0,
    modelVersion: "0",
    cacheKey: `k${i}`,
    request: { scenario: "mm1" },
  };
}

describe("run store durability", () => {
  it("does not report runs a user deleted as lost at the next open", () => {
    const file = join(tempDir(), "gatesim.sqlite");
    const store = new SqliteRunStore({ filename: file });
    const ids = [0, 1, 2].map((i) => store.createRun(newRun(i)).id);
    // Removed with its rows (nothing shares its results), the newest run included.
    expect(store.deleteRun(ids[2] as string)).toBe("removed");
    expect(store.deleteRun(ids[0] as string)).toBe("removed");
    store.close();
    const reopened = new SqliteRunStore({ filename: file });
    expect(reopened.health.lost).toBeNull();
    expect(reopened.listRuns({ limit: 10 }).total).toBe(1);
    reopened.close();
  });

  it("names the runs lost with a removed WAL at the next open, once", () => {
    const dir = tempDir();
    const file = join(dir, "gatesim.sqlite");
    const first = new SqliteRunStore({ filename: file });
    for (let i = 0; i < 15; i++) first.createRun(newRun(i));
    first.close(); // checkpointed into the main file
    const second = new SqliteRunStore({ filename: file });
    const late = [15, 16, 17, 18].map((i) => second.createRun(newRun(i)).id);
    // The server dies (no checkpoint) and the -wal file is lost: copy the main file and the marks only.
    const copy = join(tempDir(), "gatesim.sqlite");
    copyFileSync(file, copy);
    copyFileSync(`${file}.marks.json`, `${copy}.marks.json`);
    expect(existsSync(`${file}-wal`)).toBe(true);
    second.close();

    const reopened = new SqliteRunStore({ filename: copy });
    expect(reopened.listRuns({ limit: 100 }).total).toBe(15);
    expect(reopened.health.lost).toMatchObject({ count: 4, ids: late });
    expect(reopened.health.lost?.message).toMatch(
      /4 run\(s\) created before the last stop are missing.*-wal\) was removed or damaged/,
    );
    reopened.close();
    // Said once: the marks follow the database again.
    const again = new SqliteRunStore({ filename: copy });
    expect(again.health.lost).toBeNull();
    again.close();
  });

  it("reports lost runs in /health (degraded) and keeps serving", async () => {
    const dir = tempDir();
    const file = join(dir, "gatesim.sqlite");
    const s = new SqliteRunStore({ filename: file });
    s.createRun(newRun(1));
    const copyDir = tempDir();
    copyFileSync(file, join(copyDir, "gatesim.sqlite"));
    copyFileSync(`${file}.marks.json`, join(copyDir, "gatesim.sqlite.marks.json"));
    s.close();
    const app = await buildApp({ dataDir: copyDir, executor: new InlineExecutor(), rateLimit: false, webRoot: false });
    try {
      const health = (await app.inject({ method: "GET", url: "/health" })).json();
      expect(health.status).toBe("degraded");
      expect(health.store).toMatchObject({ synchronous: "NORMAL", integrity: "ok", lostRuns: { count: 1 } });
      expect((await app.inject({ method: "GET", url: "/runs" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("refuses a damaged database file with the way to recover it", () => {
    const dir = tempDir();
    const file = join(dir, "gatesim.sqlite");
    const s = new SqliteRunStore({ filename: file });
    for (let i = 0; i < 200; i++) s.createRun({ ...newRun(i), request: { pad: "x".repeat(500) } });
    s.close();
    const fd = openSync(file, "r+");
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, 4096 * 3);
    closeSync(fd);
    expect(() => new SqliteRunStore({ filename: file })).toThrow(StoreDamagedError);
    expect(() => new SqliteRunStore({ filename: file })).toThrow(/is damaged .*\.recover/);
  });

  it("uses synchronous NORMAL by default and FULL on request", () => {
    const dir = tempDir();
    const normal = new SqliteRunStore({ filename: join(dir, "a.sqlite") });
    const full = new SqliteRunStore({ filename: join(dir, "b.sqlite"), synchronous: "FULL" });
    expect(normal.db.pragma("synchronous", { simple: true })).toBe(1);
    expect(full.db.pragma("synchronous", { simple: true })).toBe(2);
    expect(full.health.synchronous).toBe("FULL");
    normal.close();
    full.close();
  });
});
