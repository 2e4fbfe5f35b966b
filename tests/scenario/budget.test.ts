/**
 * The scenario budget (issue 14, items 1, 2 and 15): every input that sizes a replication's memory has a
 * documented bound, checked when a scenario is validated (file, CLI or API), with the field's path.
 */
import { describe, expect, it } from "vitest";
import { runReplication } from "../../src/runner/index.js";
import {
  checkScenarioBudget,
  SCENARIO_BUDGET,
  sampledSeriesCount,
  sampledValuesPerReplication,
} from "../../src/scenario/budget.js";
import {
  applyOverrides,
  compileScenario,
  listShippedScenarios,
  loadScenarioFile,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
} from "../../src/scenario/index.js";

/** The issues of a scenario after overrides, or [] when it is accepted. */
function issuesOf(name: string, overrides: Record<string, unknown>): { path: string; message: string }[] {
  try {
    applyOverrides(loadShippedScenario(name), overrides);
    return [];
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
}

describe("scenario budget", () => {
  it("accepts every shipped scenario", () => {
    for (const s of listShippedScenarios()) expect(checkScenarioBudget(loadScenarioFile(s.file))).toEqual([]);
  });

  it("counts the sampled series every shipped scenario's replications record (rail, parcels, trips, zones)", () => {
    for (const s of listShippedScenarios()) {
      const sc = loadScenarioFile(s.file);
      const result = runReplication(compileScenario(sc), 1, 0, { horizonDays: 1, warmupDays: 0 });
      expect({ name: s.name, series: sampledSeriesCount(sc) }).toEqual({
        name: s.name,
        series: Object.keys(result.series.sampled).length,
      });
    }
  });

  it("refuses a sample step that would record millions of values (the request that killed the server)", () => {
    const issues = issuesOf("mm1", { "kpi.sampleStepMinutes": 1 / 60_000, horizonDays: 30 });
    expect(issues).toHaveLength(1);
    expect(issues[0]?.path).toBe("kpi.sampleStepMinutes");
    expect(issues[0]?.message).toMatch(/at most 250,000 sampled values.*use a step of at least \d+ minutes/);
  });

  it("accepts a year sampled every hour and 30 days sampled every minute", () => {
    expect(issuesOf("baseline-2026q1", { horizonDays: 366, "kpi.sampleStepMinutes": 60 })).toEqual([]);
    expect(issuesOf("mm1", { horizonDays: 30, "kpi.sampleStepMinutes": 1 })).toEqual([]);
    const sc = applyOverrides(loadShippedScenario("mm1"), { horizonDays: 30, "kpi.sampleStepMinutes": 1 });
    // Two series: trucks in the system and the Vietnamese-side queue (mm1 has no zones, rendezvous, rail or parcels).
    expect(sampledValuesPerReplication(sc)).toBe(86_400);
  });

  it("refuses trucksInSystemMax over 4,000,000 (the request that drove the server to 4.8 GiB)", () => {
    const issues = issuesOf("mm1", {
      trucksInSystemMax: 2_000_000_000,
      "demand.export.trucksPerDay": 1e9,
    });
    expect(issues).toEqual([
      { path: "trucksInSystemMax", message: "at most 4,000,000 trucks in the system at once, got 2,000,000,000" },
    ]);
    expect(issuesOf("mm1", { trucksInSystemMax: SCENARIO_BUDGET.trucksInSystemMax })).toEqual([]);
  });

  it("bounds the horizon, stages, routes, zones, windows, names and empirical points, each with its path", () => {
    expect(issuesOf("mm1", { horizonDays: 5000, "kpi.sampleStepMinutes": 1440 })[0]?.path).toBe("horizonDays");
    expect(issuesOf("mm1", { name: "x".repeat(200) })[0]).toEqual({
      path: "name",
      message: "at most 128 characters, got 200",
    });
    const zones = Array.from({ length: 40 }, (_, i) => ({ id: `z${i}` }));
    expect(issuesOf("mm1", { zones, "kpi.sampleStepMinutes": 1440 }).map((i) => i.path)).toContain("zones");
    const routes = Array.from({ length: 80 }, (_, i) => ({ percent: i === 0 ? 100 : 0, to: "station" }));
    const branchy = issuesOf("mm1", {
      "demand.export.entry": "split",
      "stages.split": { type: "branch", routes },
    });
    expect(branchy.map((i) => i.path)).toContain("stages.split.routes");
    const windows = Array.from({ length: 100 }, () => ({ day: 0, hours: 1, servers: 1, daily: true }));
    const daily = issuesOf("mm1", {
      horizonDays: 3000,
      "kpi.sampleStepMinutes": 1440,
      "stages.station.capacityWindows": windows,
    });
    expect(daily.map((i) => i.path)).toEqual(["stages"]);
    const many = Array.from({ length: 10_001 }, (_, i) => i);
    const empirical = issuesOf("mm1", {
      "stages.station.serviceMinutes": { type: "empirical", values: many, weights: many.map(() => 1) },
    });
    expect(empirical.map((i) => i.path)).toEqual(["stages.station.serviceMinutes.values"]);
    const stages: Record<string, unknown> = { done: { type: "sink" } };
    for (let i = 0; i < 300; i++)
      stages[`s${i}`] = { type: "delay", minutes: 1, next: i === 299 ? "done" : `s${i + 1}` };
    const big = () => parseScenario({ name: "big", demand: { export: { trucksPerDay: 1, entry: "s0" } }, stages });
    expect(big).toThrow(/stages: at most 256 stages, got 301/);
  });

  it("bounds breakdown units, appointment slots and pools (capacity over time and booking)", () => {
    const units = issuesOf("equipment-breakdowns", {
      "stages.xray.breakdowns": [
        { name: "a", units: 10_000, hoursBetweenFailures: 48, repairMinutes: 60 },
        { name: "b", units: 10_000, hoursBetweenFailures: 48, repairMinutes: 60 },
        { name: "c", units: 10, hoursBetweenFailures: 48, repairMinutes: 60 },
      ],
    });
    expect(units).toEqual([
      { path: "stages", message: expect.stringMatching(/at most 20,000 failing units over all stages, got 20,0\d\d/) },
    ]);
    // The schema bounds the slots searched (horizonHours / slotMinutes); the booking ring also spans the lead.
    const slots = issuesOf("fruit-season-booking", {
      "demand.export.appointment.slotMinutes": 0.01,
      "demand.export.appointment.horizonHours": 1,
      "demand.export.appointment.leadMinutes": 10_080,
    });
    expect(slots.map((i) => i.path)).toEqual(["demand.export.appointment.slotMinutes"]);
    expect(slots[0]?.message).toMatch(/slots ahead/);
    expect(issuesOf("fruit-season-booking", { "demand.export.appointment.slotMinutes": 1 })).toEqual([]);
    const pools = Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`p${i}`, { servers: 1 }]));
    expect(issuesOf("shared-officers", { pools }).map((i) => i.path)).toContain("pools");
  });
});
