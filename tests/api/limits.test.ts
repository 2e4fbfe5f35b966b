/**
 * Requests that could exhaust the server or can only fail are refused with a 400 naming the field
 * (issue 14, items 1, 2, 9 and 15). On the old code each of these was accepted with 202: the first
 * killed the server process (a 1-ms sample step), the second drove it to 4.8 GiB, the others failed later.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp } from "./helpers.js";

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp();
});
afterAll(async () => {
  await app.close();
});

/** POSTs a body and returns the status and JSON answer. */
async function postJson(url: string, payload: unknown) {
  const res = await app.inject({ method: "POST", url, payload: payload as object });
  return { status: res.statusCode, body: res.json() };
}

describe("request bounds", () => {
  it("refuses the sample step that killed the server, naming the override", async () => {
    const res = await postJson("/runs", {
      scenario: "mm1",
      overrides: { "kpi.sampleStepMinutes": 1 / 60_000 },
      replications: 1,
      horizonDays: 30,
    });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe("GATESIM_ERR_SCENARIO_INVALID");
    expect(res.body.details.map((d: { path: string }) => d.path)).toEqual(["overrides.kpi.sampleStepMinutes"]);
  });

  it("refuses trucksInSystemMax of 2e9 with 1e9 trucks a day into 0-server stages", async () => {
    const scenario = {
      name: "flood",
      horizonDays: 2,
      trucksInSystemMax: 2_000_000_000,
      demand: { export: { trucksPerDay: 1e9, entry: "split" } },
      stages: {
        split: { type: "branch", routes: [0, 1, 2, 3].map((i) => ({ percent: 25, to: `s${i}` })) },
        ...Object.fromEntries(
          [0, 1, 2, 3].map((i) => [`s${i}`, { type: "server", servers: 0, serviceMinutes: 1, next: "done" }]),
        ),
        done: { type: "sink" },
      },
    };
    const res = await postJson("/runs", { scenario, replications: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      {
        path: "scenario.trucksInSystemMax",
        message: "at most 4,000,000 trucks in the system at once, got 2,000,000,000",
      },
    ]);
  });

  it("refuses a horizon that does not exceed the warm-up (a run that could only fail)", async () => {
    const res = await postJson("/runs", { scenario: "baseline-2026q1", horizonDays: 1 });
    expect(res.status).toBe(400);
    expect(res.body.details[0].path).toBe("horizonDays");
    expect(res.body.details[0].message).toMatch(/horizonDays 1 and warmupDays 3 \(the scenario's\)/);
    const cmp = await postJson("/comparisons", {
      scenarios: ["baseline-2026q1", "smart-gate-2026"],
      horizonDays: 2,
      warmupDays: 2,
    });
    expect(cmp.status).toBe(400);
    expect(cmp.body.details[0].path).toBe("horizonDays");
  });

  it("bounds the sampled values a run stores (replications × samples), naming replications", async () => {
    const res = await postJson("/runs", {
      scenario: "baseline-2026q1",
      overrides: { "kpi.sampleStepMinutes": 6 },
      // 60 days of 6-minute samples of 12 series: 172,800 values a replication (under its bound), 200 over the run's.
      horizonDays: 60,
      replications: 200,
    });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "GATESIM_ERR_LIMIT_EXCEEDED", details: [{ path: "replications" }] });
    const ok = await postJson("/runs", { scenario: "mm1", horizonDays: 2, warmupDays: 0, replications: 2 });
    expect(ok.status).toBe(202);
  });

  it("names a sweep's own fields when they are over a limit, and a point's sample step by its override", async () => {
    const grid = { "stages.station.servers": [1, 2] };
    const before = (await app.inject({ method: "GET", url: "/runs" })).json().total;
    const many = await postJson("/sweeps", { scenario: "mm1", grid, replications: 1000 });
    expect(many.status).toBe(400);
    expect(many.body.details).toEqual([{ path: "replications", message: expect.stringMatching(/at most 200/) }]);
    const tiny = await postJson("/sweeps", { scenario: "mm1", grid: { "kpi.sampleStepMinutes": [60, 1 / 60_000] } });
    expect(tiny.status).toBe(400);
    expect(tiny.body.details.map((d: { path: string }) => d.path)).toEqual(["overrides.kpi.sampleStepMinutes"]);
    expect((await app.inject({ method: "GET", url: "/runs" })).json().total).toBe(before);
  });

  it("validates networks and names in /scenarios/validate: self-routes and overlong names are 400s", async () => {
    const selfLoop = {
      name: "loop",
      demand: { export: { trucksPerDay: 10, entry: "a" } },
      stages: { a: { type: "server", servers: 1, serviceMinutes: 1, next: "a" }, done: { type: "sink" } },
    };
    const res = await postJson("/scenarios/validate", selfLoop);
    expect(res.status).toBe(400);
    expect(res.body.details).toEqual([
      { path: "body.stages.a.next", message: 'stage "a" routes to itself: its trucks would never leave it' },
    ]);
    const long = await postJson("/scenarios/validate", { ...selfLoop, name: "a".repeat(5000) });
    expect(long.body.details.map((d: { path: string }) => d.path)).toContain("body.name");
  });
});
