/**
 * The scenario format of the booking system and of balking, reneging, diversion and enforced dwell limits:
 * every bad input gets an error naming the field and the reason; good input compiles to the model's units;
 * scenarios that do not use these blocks keep their hash; the JSON Schema shows the new fields.
 */
import { describe, expect, it } from "vitest";
import type { ServerStageConfig } from "../../src/model/index.js";
import {
  compileScenario,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
  scenarioJsonSchema,
} from "../../src/scenario/index.js";

type Data = Record<string, unknown> & { stages: Record<string, Record<string, unknown>> };

const base = (): Data => ({
  name: "tiny",
  zones: [{ id: "other" }],
  demand: {
    export: {
      trucksPerDay: 100,
      entry: "gate",
      appointment: { sharePercent: 50, slotMinutes: 30, quotaPerSlot: 4, punctualitySdMinutes: 10, noShowPercent: 0 },
    },
  },
  stages: {
    gate: { type: "server", servers: 2, hours: [{ from: "07:00", to: "22:00" }], serviceMinutes: 5, next: "yard" },
    yard: { type: "holding", capacityTrucks: 10, next: "china" },
    china: { type: "server", servers: 1, serviceMinutes: 2, dailyCapTrucks: 50, clockOffsetHours: 1, next: "out" },
    out: { type: "sink", crossing: true },
    road: { type: "delay", minutes: 30, zone: "other", next: "elsewhere" },
    elsewhere: { type: "sink", divertedTo: "tanThanh" },
  },
});

function issuesOf(data: unknown): { path: string; message: string }[] {
  try {
    parseScenario(data);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues;
  }
  throw new Error("expected a ScenarioError");
}

const appointment = (d: Data) => (d.demand as { export: { appointment: Record<string, unknown> } }).export.appointment;

describe("booking system: validation", () => {
  it("accepts a full booking block and compiles it to the model's units", () => {
    const d = base();
    Object.assign(appointment(d), {
      bookFor: "china",
      quotaByTime: [{ from: "07:00", to: "10:00", quota: 9 }],
      horizonHours: 12,
      whenNoSlot: "divert",
      divertTo: [{ to: "road" }],
      graceMinutes: 15,
      whenLate: "rebook",
      quotaRule: { rule: "acceptanceBacklog", stage: "china" },
    });
    const ap = compileScenario(parseScenario(d)).config.sources[0]!.appointment!;
    expect(ap.stage).toBe(2);
    expect(ap.openSchedule).toBeNull();
    // 07:00-10:00 on the Chinese clock is 06:00-09:00 on the Vietnamese one.
    expect(ap.quotaStartsMs).toEqual([0, 6 * 3_600_000, 9 * 3_600_000]);
    expect(ap.quotas).toEqual([4, 9, 4]);
    expect(ap.horizonMs).toBe(12 * 3_600_000);
    expect(ap.graceMs).toBe(15 * 60_000);
    expect(ap.divertTo).toEqual([{ stage: 4, weight: 1 }]);
    expect(ap.quotaRule).toEqual({
      policy: "acceptanceBacklog",
      stage: 2,
      fromPercent: 70,
      toPercent: 100,
      minPercent: 25,
    });
  });

  it("defaults: slots in the scenario's opening hours, 24 h horizon, walk-ins, grace = tolerance, late lose priority", () => {
    const ap = compileScenario(parseScenario(base())).config.sources[0]!.appointment!;
    expect(ap.stage).toBe(-1);
    expect(ap.openSchedule).toEqual({ startsMs: [0], capacities: [1] }); // openingHours default "24h"
    expect(ap.horizonMs).toBe(24 * 3_600_000);
    expect(ap.whenNoSlot).toBe("walkIn");
    expect(ap.graceMs).toBe(30 * 60_000);
    expect(ap.whenLate).toBe("losePriority");
    expect(ap.quotaRule).toBeNull();
  });

  it("names the field and the reason for every bad booking input", () => {
    const d = base();
    Object.assign(appointment(d), {
      bookFor: "road",
      quotaByTime: [
        { from: "07:00", to: "10:00", quota: 9 },
        { from: "09:00", to: "11:00", quota: 5 },
      ],
      slotMinutes: 1,
      horizonHours: 500,
      whenNoSlot: "divert",
      quotaRule: { rule: "acceptanceBacklog", stage: "yard", fromPercent: 80, toPercent: 50 },
    });
    const issues = issuesOf(d);
    const at = (p: string) => issues.find((i) => i.path === p)?.message ?? "";
    expect(at("demand.export.appointment.bookFor")).toMatch(/must be a server or a holding/);
    expect(at("demand.export.appointment.quotaByTime.1")).toMatch(/overlaps/);
    expect(at("demand.export.appointment.horizonHours")).toMatch(/30000 slots; at most 20,000/);
    expect(at("demand.export.appointment.divertTo")).toMatch(/needs divertTo/);
    expect(at("demand.export.appointment.quotaRule.toPercent")).toMatch(/must exceed fromPercent/);
    expect(at("demand.export.appointment.quotaRule.stage")).toMatch(/needs a server with dailyCapTrucks/);
    const d2 = base();
    Object.assign(appointment(d2), { quotaRule: { rule: "surge", stage: "nowhere" }, horizonHours: 1000 });
    const issues2 = issuesOf(d2);
    expect(issues2.some((i) => i.path === "demand.export.appointment.horizonHours")).toBe(true);
    const d3 = base();
    Object.assign(appointment(d3), { quotaRule: { rule: "surge", stage: "nowhere" } });
    const issues3 = issuesOf(d3);
    expect(issues3.find((i) => i.path === "demand.export.appointment.quotaRule.rule")?.message).toMatch(
      /unknown policy "surge"; known: fixed, yardOccupancy, acceptanceBacklog/,
    );
    expect(issues3.find((i) => i.path === "demand.export.appointment.quotaRule.stage")?.message).toMatch(
      /unknown stage "nowhere"/,
    );
  });
});

describe("balking, reneging, diversion and dwell limits: validation", () => {
  it("compiles balking, reneging and enforced dwell limits; stages without them keep their shape", () => {
    const d = base();
    d.stages.gate!.balking = {
      rule: "expectedWait",
      aboveHours: 48,
      percent: 80,
      when: { perishable: false },
      divertTo: [
        { to: "road", percent: 75 },
        { to: "elsewhere", percent: 25 },
      ],
    };
    d.stages.gate!.reneging = { patienceHours: { type: "exponential", mean: 12 } };
    d.stages.gate!.dwellLimitHours = 24;
    d.stages.gate!.dwellLimitAction = "expel";
    const stages = compileScenario(parseScenario({ ...d, policies: { diversion: "leastLoaded" } })).config.stages;
    const gate = stages[0] as ServerStageConfig;
    expect(gate.balking).toMatchObject({
      policy: "expectedWait",
      lineTrucks: Number.POSITIVE_INFINITY,
      expectedWaitMs: 48 * 3_600_000,
      probability: 0.8,
      divertTo: [
        { stage: 4, weight: 75 },
        { stage: 5, weight: 25 },
      ],
      diversionPolicy: "leastLoaded",
    });
    expect(gate.reneging?.patienceMs).toEqual({ type: "exponential", mean: 12 * 3_600_000 });
    expect(gate.reneging?.divertTo).toEqual([]);
    expect(gate.dwellLimitAction).toBe("expel");
    expect(stages[5]).toMatchObject({ type: "sink", divertedTo: "tanThanh", lost: false });
    const china = stages[2] as ServerStageConfig;
    expect("balking" in china || "reneging" in china || "dwellLimitAction" in china).toBe(false);
  });

  it("names the field and the reason for every bad input", () => {
    const d = base();
    d.stages.gate!.balking = { rule: "lineLength", divertTo: [{ to: "nowhere", percent: 60 }, { to: "road" }] };
    d.stages.yard!.balking = { rule: "expectedWait" };
    d.stages.china!.balking = { rule: "panic", aboveTrucks: 3 };
    d.stages.china!.dwellLimitAction = "expel";
    d.stages.china!.reneging = { patienceHours: 2, divertTo: [{ to: "road", percent: 50 }] };
    d.stages.out!.divertedTo = "tanThanh";
    d.stages.gate!.rendezvous = { partnerArrivalMinutes: 0, partnerDwellLimitAction: "expel" };
    (d as Record<string, unknown>).policies = { diversion: "nearest" };
    const issues = issuesOf(d);
    const at = (p: string) => issues.find((i) => i.path === p)?.message ?? "";
    expect(at("stages.gate.balking.aboveTrucks")).toMatch(/rule lineLength needs aboveTrucks/);
    expect(at("stages.gate.balking.divertTo.0.to")).toMatch(/unknown stage "nowhere"/);
    expect(at("stages.gate.balking.divertTo")).toMatch(/percent for every stage or for none/);
    expect(at("stages.yard.balking.aboveHours")).toMatch(/rule expectedWait needs aboveHours/);
    expect(at("stages.china.balking.rule")).toMatch(/unknown policy "panic"; known: lineLength, expectedWait/);
    expect(at("stages.china.dwellLimitAction")).toMatch(/needs dwellLimitHours/);
    expect(at("stages.china.reneging.divertTo")).toMatch(/must sum to 100 %, got 50/);
    expect(at("stages.out.divertedTo")).toMatch(/neither lost nor a crossing/);
    expect(at("policies.diversion")).toMatch(/unknown policy "nearest"; known: weighted, leastLoaded/);
    expect(at("stages.gate.rendezvous.partnerDwellLimitAction")).toMatch(/needs partnerDwellLimitHours/);
  });

  it("refuses out-of-range values with the field's name", () => {
    const d = base();
    d.stages.gate!.balking = { rule: "lineLength", aboveTrucks: -1, percent: 120 };
    d.stages.gate!.reneging = { patienceHours: { type: "exponential", mean: -3 } };
    d.stages.elsewhere!.divertedTo = "Tan Thanh!";
    const paths = issuesOf(d).map((i) => i.path);
    expect(paths).toContain("stages.gate.balking.aboveTrucks");
    expect(paths).toContain("stages.gate.balking.percent");
    expect(paths.some((p) => p.startsWith("stages.gate.reneging.patienceHours"))).toBe(true);
    expect(paths).toContain("stages.elsewhere.divertedTo");
  });
});

describe("the new fields in the shipped scenarios and the JSON Schema", () => {
  it("shipped scenarios that use none of them keep the hash they had (no new config fields)", () => {
    const cfg = compileScenario(loadShippedScenario("baseline-2026q1")).config;
    for (const st of cfg.stages) {
      expect(Object.keys(st)).not.toContain("balking");
      expect(Object.keys(st)).not.toContain("reneging");
      expect(Object.keys(st)).not.toContain("divertedTo");
    }
    expect(Object.keys(cfg.kpi)).not.toContain("overnightFromMs");
  });

  it("the JSON Schema lists the booking and diversion fields", () => {
    const schema = JSON.stringify(scenarioJsonSchema());
    for (const f of ["bookFor", "quotaByTime", "horizonHours", "whenNoSlot", "whenLate", "quotaRule", "balking"]) {
      expect(schema).toContain(`"${f}"`);
    }
    for (const f of [
      "reneging",
      "patienceHours",
      "divertTo",
      "divertedTo",
      "dwellLimitAction",
      "partnerDwellLimitAction",
    ]) {
      expect(schema).toContain(`"${f}"`);
    }
  });
});
