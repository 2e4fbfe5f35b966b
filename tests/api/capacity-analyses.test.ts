/**
 * Capacity analyses over the API (issue 16, "the capacity answer"; issue 12's experiment): launched as a
 * stored resource (202), answered with exactly what `runCapacity` gives for the same settings, followed
 * point by point while it runs, cancelled with its points kept, bounded (limits, a queue of its own,
 * one at a time), and kept across a restart (started again with the same answer, or marked interrupted
 * with the reason). M/M/1 at ρ = 0.8: the boundary lies near 1.25 × its demand.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, type GatesimApp } from "../../src/api/index.js";
import { InlineExecutor, runCapacity } from "../../src/runner/index.js";
import { compileScenario, loadShippedScenario } from "../../src/scenario/index.js";
import { openDatabase, SqliteCapacityAnalyses } from "../../src/store/index.js";
import { GatedExecutor, testApp, until } from "./helpers.js";

const BODY = { scenario: "mm1", replications: 2, horizonDays: 8, warmupDays: 1, seed: 3 } as const;

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

async function app(options: Parameters<typeof testApp>[0] = {}): Promise<GatesimApp> {
  const a = await testApp(options);
  cleanup.push(() => a.close());
  await a.ready();
  return a;
}

/** An analysis as GET answers it (JSON read by the tests). */
// biome-ignore lint/suspicious/noExplicitAny: test code reading arbitrary JSON answers
type View = Record<string, any>;

/** Polls an analysis until its status is final. */
async function waitFinal(a: GatesimApp, id: string, timeoutMs = 60_000): Promise<View> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const view = (await a.inject({ method: "GET", url: `/capacity-analyses/${id}` })).json();
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(view.status)) return view;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${view.status}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The report without its wall-clock timing (the only non-deterministic part). */
const untimed = (r: Record<string, unknown>) => ({ ...r, timing: null });

describe("capacity analyses over the API", () => {
  it("answers with exactly what runCapacity gives for the same settings, and shows it in the list", async () => {
    const a = await app();
    const res = await a.inject({ method: "POST", url: "/capacity-analyses", payload: { ...BODY, label: "M/M/1" } });
    expect(res.statusCode).toBe(202);
    const created = res.json();
    expect(res.headers.location).toBe(`/capacity-analyses/${created.id}`);
    expect(created).toMatchObject({
      status: expect.stringMatching(/queued|running/),
      label: "M/M/1",
      scenario: { name: "mm1", ref: "mm1" },
      settings: { replications: 2, horizonDays: 8, warmupDays: 1, seed: 3, direction: "both", precision: 0.02 },
    });
    const done = await waitFinal(a, created.id);
    expect(done.status).toBe("succeeded");
    const direct = await runCapacity({
      compiled: compileScenario(loadShippedScenario("textbook/mm1")),
      replications: 2,
      seed: 3,
      horizonDays: 8,
      warmupDays: 1,
      executor: new InlineExecutor(),
    });
    // Over HTTP NaN becomes null: compare through JSON.
    expect(untimed(done.report)).toEqual(untimed(JSON.parse(JSON.stringify(direct))));
    expect(done.report.sustainable.factor).toBeGreaterThan(1);
    expect(done.report.saturated.factor).toBeLessThan(1.6);
    expect(done.report.bottleneck[0].stage).toBe("station");
    expect(done.progress).toMatchObject({ pointsDone: direct.points.length, pointsEstimated: direct.points.length });
    expect(done.points.map((p: { factor: number }) => p.factor)).toEqual(direct.points.map((p) => p.factor));
    const list = (await a.inject({ method: "GET", url: "/capacity-analyses" })).json();
    expect(list.items.map((x: { id: string }) => x.id)).toEqual([created.id]);
    expect(list.items[0]).toMatchObject({ status: "succeeded", points: [], report: null });
    // Finished: it can be deleted, not cancelled.
    expect((await a.inject({ method: "POST", url: `/capacity-analyses/${created.id}/cancel` })).statusCode).toBe(409);
    expect((await a.inject({ method: "DELETE", url: `/capacity-analyses/${created.id}` })).statusCode).toBe(200);
    expect((await a.inject({ method: "GET", url: `/capacity-analyses/${created.id}` })).statusCode).toBe(404);
  }, 60_000);

  it("shows its points as they are evaluated, and a cancel keeps them", async () => {
    const gated = new GatedExecutor();
    const a = await app({ executor: gated });
    const { id } = (await a.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json();
    gated.release(4); // the first two points (factor 1, then 2)
    let view: View = {};
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      view = (await a.inject({ method: "GET", url: `/capacity-analyses/${id}` })).json();
      if (view.progress.pointsDone === 2) break;
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(view).toMatchObject({ status: "running", progress: { replicationsDone: 4, pointsDone: 2 } });
    expect(view.progress.pointsEstimated).toBeGreaterThan(2);
    expect(view.points.map((p: { factor: number }) => p.factor)).toEqual([1, 2]);
    expect(view.progress.bracket).toEqual({ sustainableFactor: 1, unsustainableFactor: 2 });
    // A running analysis cannot be deleted; it can be cancelled, and its points stay.
    expect((await a.inject({ method: "DELETE", url: `/capacity-analyses/${id}` })).statusCode).toBe(409);
    expect((await a.inject({ method: "POST", url: `/capacity-analyses/${id}/cancel` })).statusCode).toBe(200);
    const end = await waitFinal(a, id, 10_000);
    expect(end).toMatchObject({ status: "cancelled", report: null, progress: { pointsDone: 2 } });
  });

  it("refuses what it cannot do, naming the field, and bounds its queue", async () => {
    const gated = new GatedExecutor();
    const a = await app({ executor: gated });
    const post = (payload: unknown) =>
      a.inject({ method: "POST", url: "/capacity-analyses", payload: payload as object });
    for (const [payload, status, path] of [
      [{ ...BODY, replications: 1 }, 400, "replications"],
      [{ ...BODY, replications: 21 }, 400, "replications"],
      [{ ...BODY, horizonDays: 61 }, 400, "horizonDays"],
      [{ ...BODY, horizonDays: 3, warmupDays: 1 }, 400, "warmupDays"],
      [{ ...BODY, direction: "sideways" }, 400, "direction"],
      [{ ...BODY, precision: 0 }, 400, "precision"],
      [{ ...BODY, growthShare: 0.5 }, 400, "growthShare"],
      [{ ...BODY, replication: 3 }, 400, ""],
      [{ ...BODY, overrides: { "stages.station.servers": -1 } }, 400, "overrides"],
    ] as const) {
      const res = await post(payload);
      expect(res.statusCode, JSON.stringify(payload)).toBe(status);
      expect(res.json().code).toMatch(/^GATESIM_ERR_/);
      expect(JSON.stringify(res.json().details ?? res.json().message)).toContain(path);
    }
    expect((await post({ ...BODY, scenario: "nowhere" })).statusCode).toBe(404);
    expect((await a.inject({ method: "GET", url: "/capacity-analyses/cap_nothing" })).statusCode).toBe(404);
    expect((await a.inject({ method: "POST", url: "/capacity-analyses/cap_nothing/cancel" })).statusCode).toBe(404);
    // One runs, eight wait, the tenth is refused with Retry-After.
    const ids: string[] = [];
    for (let i = 0; i < 9; i++) ids.push((await post(BODY)).json().id);
    const full = await post(BODY);
    expect(full.statusCode).toBe(429);
    expect(full.headers["retry-after"]).toBeDefined();
    const second = (await a.inject({ method: "GET", url: `/capacity-analyses/${ids[1]}` })).json();
    expect(second).toMatchObject({ status: "queued", queuePosition: 1 });
    // A queued analysis is cancelled at once.
    const cancelled = (await a.inject({ method: "POST", url: `/capacity-analyses/${ids[8]}/cancel` })).json();
    expect(cancelled.status).toBe("cancelled");
  });
});

describe("capacity analyses across a restart", () => {
  function tempDir(): string {
    const dir = mkdtempSync(join(tmpdir(), "gatesim-capacity-"));
    cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }
  async function fileApp(dataDir: string, executor: GatedExecutor | InlineExecutor, resumeOnStart = true) {
    const a = await buildApp({ dataDir, executor, rateLimit: false, webRoot: false, resumeOnStart });
    cleanup.push(() => a.close());
    await a.ready();
    return a;
  }

  it("starts an analysis stopped gracefully again, with the answer of an uninterrupted one", async () => {
    const dataDir = tempDir();
    const gated = new GatedExecutor();
    const first = await fileApp(dataDir, gated);
    const { id } = (await first.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json();
    gated.release(2);
    await until(() => gated.started >= 3);
    await first.close();
    const second = await fileApp(dataDir, new InlineExecutor());
    const done = await waitFinal(second, id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 2 });
    const fresh = (await second.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json();
    const expected = await waitFinal(second, fresh.id);
    expect(untimed(done.report)).toEqual(untimed(expected.report));
  }, 60_000);

  it("takes up an analysis a killed server left running, or marks it interrupted with the reason", async () => {
    const dataDir = tempDir();
    const first = await fileApp(dataDir, new GatedExecutor());
    const a = (await first.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json().id as string;
    const b = (await first.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json().id as string;
    await first.close();
    // As after SIGKILL: the rows say running (the process never got to put them back).
    const db = openDatabase(join(dataDir, "gatesim.sqlite"));
    const table = new SqliteCapacityAnalyses(db);
    table.markRunning(a);
    table.markRunning(b);
    db.close();
    const second = await fileApp(dataDir, new InlineExecutor(), false);
    for (const id of [a, b]) {
      const view = (await second.inject({ method: "GET", url: `/capacity-analyses/${id}` })).json();
      expect(view.status).toBe("interrupted");
      expect(view.error.message).toMatch(/server stopped while the analysis was running.*launch it again/);
    }
    const dataDir2 = tempDir();
    const third = await fileApp(dataDir2, new GatedExecutor());
    const c = (await third.inject({ method: "POST", url: "/capacity-analyses", payload: BODY })).json().id as string;
    await third.close();
    const db2 = openDatabase(join(dataDir2, "gatesim.sqlite"));
    new SqliteCapacityAnalyses(db2).markRunning(c);
    db2.close();
    const fourth = await fileApp(dataDir2, new InlineExecutor());
    expect((await waitFinal(fourth, c)).status).toBe("succeeded");
  }, 60_000);
});
