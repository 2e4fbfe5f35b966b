/**
 * What the dashboard needs around runs: labels and notes (on launch and later), the overrides in the
 * run record, the inputs a run used, a check before launch (calendar, estimate, every problem at once),
 * the figures of a cancelled run's finished replications, deletion, and the store migration that adds
 * these columns to an older file.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { MIGRATIONS, SCHEMA_VERSION, SqliteRunStore } from "../../src/store/index.js";
import { GatedExecutor, TINY_RUN, testApp, until, waitForRun } from "./helpers.js";

const apps: GatesimApp[] = [];
async function app(options: Parameters<typeof testApp>[0] = {}): Promise<GatesimApp> {
  const a = await testApp(options);
  apps.push(a);
  return a;
}
afterEach(async () => {
  for (const a of apps.splice(0)) await a.close();
});

describe("run labels, notes and overrides", () => {
  it("keeps the label, note and overrides of a run and shows them in every view of it", async () => {
    const a = await app();
    const body = { ...TINY_RUN, overrides: { "stages.station.servers": 2 }, label: "Two servers", note: "why not" };
    const created = (await a.inject({ method: "POST", url: "/runs", payload: body })).json();
    expect(created).toMatchObject({
      label: "Two servers",
      note: "why not",
      overrides: { "stages.station.servers": 2 },
      scenarioRef: "mm1",
      number: expect.any(Number),
    });
    await waitForRun(a, created.id);
    const listed = (await a.inject({ method: "GET", url: "/runs" })).json().items[0];
    expect(listed).toMatchObject({ id: created.id, label: "Two servers", overrides: { "stages.station.servers": 2 } });

    const patched = await a.inject({ method: "PATCH", url: `/runs/${created.id}`, payload: { label: "Renamed" } });
    expect(patched.statusCode).toBe(200);
    expect(patched.json()).toMatchObject({ label: "Renamed", note: "why not" });
    const cleared = await a.inject({ method: "PATCH", url: `/runs/${created.id}`, payload: { note: null } });
    expect(cleared.json()).toMatchObject({ label: "Renamed", note: null });
    const bad = await a.inject({ method: "PATCH", url: `/runs/${created.id}`, payload: { label: "", extra: 1 } });
    expect(bad.statusCode).toBe(400);
    expect((await a.inject({ method: "PATCH", url: "/runs/run_nope", payload: { label: "x" } })).statusCode).toBe(404);
  });

  it("a label does not change the cache: an identical request is answered from the stored run", async () => {
    const a = await app();
    const first = (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, label: "A" } })).json();
    await waitForRun(a, first.id);
    const second = await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, label: "B" } });
    expect(second.statusCode).toBe(200);
    expect(second.json()).toMatchObject({ cached: true, cachedFrom: first.id, label: "B" });
  });

  it("serves the inputs a run used: changes with the scenario's values, assumed inputs as used, the calendar", async () => {
    const a = await app();
    const payload = {
      scenario: "tet-peak",
      overrides: { "stages.exportGate.servers": 7 },
      replications: 1,
      horizonDays: 1,
      warmupDays: 0,
    };
    const created = (await a.inject({ method: "POST", url: "/runs", payload })).json();
    const inputs = (await a.inject({ method: "GET", url: `/runs/${created.id}/inputs` })).json();
    expect(inputs.changes).toEqual([{ path: "stages.exportGate.servers", value: 7, was: 4 }]);
    const gate = inputs.assumed.find((x: { path: string }) => x.path === "stages.exportGate.servers");
    expect(gate).toMatchObject({ value: 7, changed: true });
    const unchanged = inputs.assumed.find((x: { path: string }) => x.path === "stages.exportGate.serviceMinutes");
    expect(unchanged).toMatchObject({ changed: false, value: { type: "lognormal", mean: 6, cv: 0.5 } });
    expect(inputs.scenario.stages.exportGate.servers).toBe(7);
    expect(inputs.calendar).toMatchObject({
      startDate: "2026-01-19",
      measuredFrom: "2026-01-19",
      measuredTo: "2026-01-19",
    });
    expect(inputs.calendar.seasons.map((s: { name: string }) => s.name)).toContain("tet-2026");
    await waitForRun(a, created.id);
  });
});

describe("checking a run before launching it", () => {
  it("gives the scenario's own horizon as a calendar window and an estimate, and runs nothing", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor });
    const res = await a.inject({
      method: "POST",
      url: "/runs/check",
      payload: { scenario: "tet-peak", replications: 4 },
    });
    expect(res.statusCode).toBe(200);
    const check = res.json();
    expect(check.calendar).toMatchObject({
      startDate: "2026-01-19",
      measuredFrom: "2026-01-22",
      measuredTo: "2026-03-31",
      horizonDays: 72,
      warmupDays: 3,
    });
    expect(check.trucksPerDay).toBeCloseTo(1670, 0);
    expect(check.estimate.basis).toBe("default");
    expect(check.estimate.seconds).toBeGreaterThan(0);
    expect(check.estimate.low).toBeLessThan(check.estimate.seconds);
    expect(check.estimate.high).toBeGreaterThan(check.estimate.seconds);
    expect(executor.started).toBe(0);
    expect((await a.inject({ method: "GET", url: "/runs" })).json().total).toBe(0);
  });

  it("lists every problem of a request at once, each with its path", async () => {
    const a = await app();
    const res = await a.inject({
      method: "POST",
      url: "/runs/check",
      payload: {
        scenario: "smart-gate-2026",
        overrides: { "stages.exportGate.servers": -1, "demand.export.trucksPerDay": -5 },
      },
    });
    expect(res.statusCode).toBe(400);
    const paths = res.json().details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(
      expect.arrayContaining(["overrides.stages.exportGate.servers", "overrides.demand.export.trucksPerDay"]),
    );
  });

  it("bases the estimate on this server's finished runs once there are some", async () => {
    const a = await app();
    const run = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    await waitForRun(a, run.id);
    const check = (await a.inject({ method: "POST", url: "/runs/check", payload: TINY_RUN })).json();
    expect(check.estimate).toMatchObject({ basis: "history", samples: 1 });
    expect(check.cachedFrom).toBe(run.id);
  });
});

describe("a cancelled run's finished replications, and deletion", () => {
  it("serves the figures of the replications a cancelled run finished, then deletes the run", async () => {
    const executor = new GatedExecutor();
    const a = await app({ executor });
    const run = (await a.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, replications: 4 } })).json();
    expect((await a.inject({ method: "GET", url: `/runs/${run.id}/partial-results` })).statusCode).toBe(409);
    executor.release(2);
    await until(() => a.gatesim.store.getRun(run.id)?.done === 2);
    expect((await a.inject({ method: "DELETE", url: `/runs/${run.id}` })).statusCode).toBe(409);
    await a.inject({ method: "POST", url: `/runs/${run.id}/cancel` });
    const ended = await waitForRun(a, run.id);
    expect(ended.status).toBe("cancelled");
    const partial = (await a.inject({ method: "GET", url: `/runs/${run.id}/partial-results` })).json();
    expect(partial.partial).toEqual({ done: 2, total: 4, status: "cancelled" });
    expect(partial.replications).toBe(2);
    expect(partial.kpis.throughputPerDay.n).toBe(2);

    const del = await a.inject({ method: "DELETE", url: `/runs/${run.id}` });
    expect(del.json()).toEqual({ id: run.id, deleted: "removed" });
    expect((await a.inject({ method: "GET", url: `/runs/${run.id}` })).statusCode).toBe(404);
    expect((await a.inject({ method: "GET", url: "/runs" })).json().total).toBe(0);
    expect(a.gatesim.store.getReplicationResults(run.id)).toEqual([]);
  });

  it("hides a run whose results a cache hit shares, and removes both once the hit is deleted", async () => {
    const a = await app();
    const original = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    await waitForRun(a, original.id);
    const hit = (await a.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    expect(hit.cachedFrom).toBe(original.id);
    expect((await a.inject({ method: "DELETE", url: `/runs/${original.id}` })).json().deleted).toBe("hidden");
    expect((await a.inject({ method: "GET", url: `/runs/${original.id}` })).statusCode).toBe(404);
    // The hit still reads the shared results.
    expect((await a.inject({ method: "GET", url: `/runs/${hit.id}/results` })).statusCode).toBe(200);
    expect((await a.inject({ method: "GET", url: "/runs" })).json().items.map((r: { id: string }) => r.id)).toEqual([
      hit.id,
    ]);
    expect((await a.inject({ method: "DELETE", url: `/runs/${hit.id}` })).json().deleted).toBe("removed");
    expect(a.gatesim.store.getReplicationResults(original.id)).toEqual([]);
  });
});

describe("store migration", () => {
  it("upgrades a file of schema version 1 in place: its runs get empty labels and notes", () => {
    const dir = mkdtempSync(join(tmpdir(), "gatesim-migrate-"));
    try {
      const file = join(dir, "gatesim.sqlite");
      const db = new Database(file);
      db.exec(MIGRATIONS[0] as string);
      db.pragma("user_version = 1");
      db.prepare(
        `INSERT INTO runs (id, status, scenario_name, scenario_title, scenario_hash, seed_json, replications, horizon_days,
          warmup_days, model_version, cache_key, request_json, created_at) VALUES
          ('run_old', 'succeeded', 'mm1', 'M/M/1', 'h', '1', 2, 2, 0, '0.2.0', 'k', '{"scenario":"mm1"}', 1)`,
      ).run();
      db.close();
      const store = new SqliteRunStore({ filename: file });
      expect(SCHEMA_VERSION).toBeGreaterThanOrEqual(2);
      expect(store.getRun("run_old")).toMatchObject({ label: null, note: null, sweepId: null });
      store.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
