/**
 * Capacity over time in the scenario format: dated changes, weekly schedules, seasons' opening hours,
 * breakdowns and pools are validated with a path and a reason, and compile to the schedules a planner
 * means (checked on the compiled kernel schedule, hour by hour); scenarios that use none of it compile
 * exactly as before.
 */
import { describe, expect, it } from "vitest";
import { CapacitySchedule } from "../../src/kernel/index.js";
import { DAY_MS, HOUR_MS, type ServerStageConfig } from "../../src/model/index.js";
import { compileScenario, parseScenario, ScenarioError, scenarioJsonSchema } from "../../src/scenario/index.js";

type Data = Record<string, unknown> & { stages: Record<string, Record<string, unknown>> };

/** Monday 9 March 2026: day 6 of the run is a Sunday. */
const base = (): Data => ({
  name: "cap",
  calendar: { startDate: "2026-03-09" },
  openingHours: [{ from: "07:00", to: "22:00" }],
  demand: { export: { trucksPerDay: 100, entry: "gate" } },
  stages: {
    gate: { type: "server", servers: 4, serviceMinutes: 5, next: "cn" },
    cn: { type: "server", servers: 2, clockOffsetHours: 1, serviceMinutes: 3, next: "out" },
    out: { type: "sink", crossing: true },
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

const stage = (data: Data, id: string): ServerStageConfig =>
  compileScenario(parseScenario(data)).config.stages.find((s) => s.id === id) as ServerStageConfig;

/** Capacity of a compiled stage at day d, hour h (VN clock). */
const capAt = (st: ServerStageConfig, d: number, h: number): number =>
  new CapacitySchedule(st.schedule).capacityAt(d * DAY_MS + h * HOUR_MS);

describe("dated changes", () => {
  it("change servers and hours from a date on, at midnight of the stage's clock", () => {
    const d = base();
    d.stages.gate!.changes = [{ date: "2026-03-14", servers: 2, hours: [{ from: "08:00", to: "17:00" }] }];
    d.stages.cn!.changes = [{ day: 3, servers: 1 }];
    const gate = stage(d, "gate");
    expect(capAt(gate, 4, 12)).toBe(4);
    expect(capAt(gate, 4, 21.5)).toBe(4);
    expect(capAt(gate, 5, 7.5)).toBe(0);
    expect(capAt(gate, 5, 12)).toBe(2);
    expect(capAt(gate, 5, 17.5)).toBe(0);
    expect(capAt(gate, 29, 12)).toBe(2);
    const cn = stage(d, "cn");
    // 07:00-22:00 in UTC+8 is 06:00-21:00 on the Vietnamese clock; the change holds from day 3, 00:00 CN time.
    expect(capAt(cn, 2, 6.5)).toBe(2);
    expect(capAt(cn, 3, 6.5)).toBe(1);
    expect(cn.schedule.changes![0]!.fromMs).toBe(3 * DAY_MS - HOUR_MS);
  });

  it("change a daily cap from a date on, and lift it with none", () => {
    const d = base();
    d.stages.cn!.changes = [
      { date: "2026-03-12", dailyCapTrucks: 150 },
      { date: "2026-03-20", dailyCapTrucks: "none" },
    ];
    const cn = stage(d, "cn");
    expect(cn.dailyCapTrucks).toBe(Number.POSITIVE_INFINITY);
    expect(cn.dailyCapChanges).toEqual([
      { fromMs: 3 * DAY_MS - HOUR_MS, trucks: 150 },
      { fromMs: 11 * DAY_MS - HOUR_MS, trucks: Number.POSITIVE_INFINITY },
    ]);
    // The schedule itself does not change.
    expect(cn.schedule.changes).toBeUndefined();
  });

  it("change a yard's stalls from a date on", () => {
    const d = base();
    d.stages.yard = { type: "holding", capacityTrucks: 100, changes: [{ day: 4, capacityTrucks: 900 }], next: "out" };
    const yard = compileScenario(parseScenario(d)).config.stages.find((s) => s.id === "yard")!;
    if (yard.type !== "holding") throw new Error("holding expected");
    const sched = new CapacitySchedule(yard.schedule);
    expect(sched.capacityAt(4 * DAY_MS - 1)).toBe(100);
    expect(sched.capacityAt(4 * DAY_MS)).toBe(900);
  });

  it("refuses changes out of order, with both or neither of day and date, or changing nothing", () => {
    const d = base();
    d.stages.gate!.changes = [
      { date: "2026-03-14", servers: 2 },
      { date: "2026-03-12", servers: 3 },
      { day: 3, date: "2026-03-20", servers: 1 },
      { day: 30 },
    ];
    const issues = issuesOf(d);
    expect(issues).toContainEqual({ path: "stages.gate.changes.1", message: expect.stringMatching(/ascending/) });
    expect(issues).toContainEqual({ path: "stages.gate.changes.2", message: expect.stringMatching(/exactly one/) });
    expect(issues).toContainEqual({ path: "stages.gate.changes.3", message: expect.stringMatching(/changes nothing/) });
    const bad = base();
    bad.stages.gate!.changes = [{ date: "14/03/2026", dailyCapTrucks: -5 }];
    const paths = issuesOf(bad).map((i) => i.path);
    expect(paths).toContain("stages.gate.changes.0.date");
    expect(paths.some((p) => p.startsWith("stages.gate.changes.0.dailyCapTrucks"))).toBe(true);
  });
});

describe("weekly schedules", () => {
  it("closes a stage on Sundays and shortens Saturdays, in the stage's own clock", () => {
    const d = base();
    d.stages.gate!.weekdays = { sat: { hours: [{ from: "07:00", to: "12:00" }] }, sun: { hours: "closed" } };
    d.stages.cn!.weekdays = { sun: { servers: 1 } };
    const gate = stage(d, "gate");
    expect(gate.schedule.periodMs).toBe(7 * DAY_MS);
    expect(capAt(gate, 4, 12)).toBe(4); // Friday
    expect(capAt(gate, 5, 11.5)).toBe(4); // Saturday
    expect(capAt(gate, 5, 12.5)).toBe(0);
    expect(capAt(gate, 6, 12)).toBe(0); // Sunday
    expect(capAt(gate, 7, 12)).toBe(4); // Monday again
    expect(capAt(gate, 13, 12)).toBe(0); // next Sunday
    const cn = stage(d, "cn");
    expect(capAt(cn, 5, 20.5)).toBe(2); // Saturday 21:30 in China
    expect(capAt(cn, 6, 6.5)).toBe(1); // Sunday 07:30 in China
    expect(capAt(cn, 7, 6.5)).toBe(2);
  });

  it("the scenario's weekday hours apply to stages on the default hours only", () => {
    const d = base();
    d.openingHoursByWeekday = { sun: "closed" };
    d.stages.road = { type: "server", servers: 3, hours: "24h", serviceMinutes: 1, next: "out" };
    const cfg = compileScenario(parseScenario(d)).config;
    const st = (id: string) => cfg.stages.find((s) => s.id === id) as ServerStageConfig;
    expect(capAt(st("gate"), 6, 12)).toBe(0);
    expect(capAt(st("cn"), 6, 12)).toBe(0);
    expect(capAt(st("road"), 6, 12)).toBe(3);
    expect(capAt(st("gate"), 5, 12)).toBe(4);
  });

  it("a week whose days are all the same compiles to the daily profile (same hash as without)", () => {
    const d = base();
    const plain = compileScenario(parseScenario(d)).hash;
    d.stages.gate!.weekdays = { sun: { servers: 4 } };
    expect(compileScenario(parseScenario(d)).hash).toBe(plain);
  });
});

describe("seasons' opening hours", () => {
  it("extend the hours of stages on the default hours during the window only", () => {
    const d = base();
    d.seasons = [
      { name: "catch-up", from: "2026-03-16", to: "2026-03-20", openingHours: [{ from: "07:00", to: "23:00" }] },
    ];
    d.stages.road = {
      type: "server",
      servers: 3,
      hours: [{ from: "06:00", to: "20:00" }],
      serviceMinutes: 1,
      next: "out",
    };
    const gate = stage(d, "gate");
    expect(capAt(gate, 6, 22.5)).toBe(0);
    expect(capAt(gate, 7, 22.5)).toBe(4);
    expect(capAt(gate, 11, 22.5)).toBe(4);
    expect(capAt(gate, 12, 22.5)).toBe(0);
    expect(capAt(stage(d, "road"), 8, 21)).toBe(0); // own hours: not extended
    const listed = base();
    listed.seasons = [{ name: "x", from: "2026-03-16", to: "2026-03-16", openingHours: "24h", stages: ["cn"] }];
    expect(capAt(stage(listed, "cn"), 7, 2)).toBe(2);
    expect(capAt(stage(listed, "gate"), 7, 2)).toBe(0);
  });
});

describe("breakdowns and pools", () => {
  it("compile breakdowns in ms, units defaulting to the servers", () => {
    const d = base();
    d.stages.gate!.breakdowns = [{ hoursBetweenFailures: { type: "exponential", mean: 48 }, repairMinutes: 90 }];
    expect(stage(d, "gate").breakdowns).toEqual([
      {
        name: "",
        units: 4,
        upMs: { type: "exponential", mean: 48 * HOUR_MS },
        repairMs: { type: "deterministic", value: 90 * 60_000 },
      },
    ]);
    expect(stage(base(), "gate").breakdowns).toBeUndefined();
    d.stages.gate!.breakdowns = [
      { units: 2, hoursBetweenFailures: 48, repairMinutes: 90, whenDown: { extraMinutes: 2 } },
    ];
    expect(stage(d, "gate").breakdowns![0]!.extraMs).toEqual({ type: "deterministic", value: 120_000 });
    d.stages.gate!.breakdowns = [
      { name: "lanes", hoursBetweenFailures: 96, repairMinutes: 60 },
      { name: "cameras", hoursBetweenFailures: 24, repairMinutes: 30, whenDown: { extraMinutes: 2 } },
    ];
    expect(stage(d, "gate").breakdowns!.map((b) => [b.name, b.units, b.extraMs !== undefined])).toEqual([
      ["lanes", 4, false],
      ["cameras", 4, true],
    ]);
    d.stages.gate!.breakdowns = [
      { name: "lanes", hoursBetweenFailures: 96, repairMinutes: 60 },
      { hoursBetweenFailures: 24, repairMinutes: 30 },
      { name: "lanes", hoursBetweenFailures: 24, repairMinutes: 30 },
    ];
    expect(issuesOf(d).map((i) => i.path)).toEqual(["stages.gate.breakdowns.1.name", "stages.gate.breakdowns.2.name"]);
    d.stages.gate!.breakdowns = [{ hoursBetweenFailures: 48, repairMinutes: 90, whenDown: "slow" }];
    expect(issuesOf(d)).toEqual([{ path: "stages.gate.breakdowns.0.whenDown", message: expect.any(String) }]);
  });

  it("compile pools with their schedule and the stages' priority", () => {
    const d = base();
    d.pools = { officers: { servers: 5, weekdays: { sun: { servers: 2 } }, priority: ["cn"] } };
    d.stages.gate!.pool = "officers";
    delete d.stages.gate!.servers;
    d.stages.cn!.pool = "officers";
    const cfg = compileScenario(parseScenario(d)).config;
    expect(cfg.pools).toHaveLength(1);
    expect(cfg.pools![0]!.priorityStages).toEqual([1]);
    const officers = new CapacitySchedule(cfg.pools![0]!.schedule);
    expect(officers.capacityAt(5 * DAY_MS + 12 * HOUR_MS)).toBe(5);
    expect(officers.capacityAt(6 * DAY_MS + 12 * HOUR_MS)).toBe(2);
    expect(officers.capacityAt(6 * DAY_MS + 23 * HOUR_MS)).toBe(0);
    const gate = cfg.stages[0] as ServerStageConfig;
    expect(gate.pool).toBe(0);
    expect(capAt(gate, 0, 12)).toBeGreaterThanOrEqual(1_000_000); // no desks of its own to run out of
    expect(compileScenario(parseScenario(base())).config.pools).toBeUndefined();
  });

  it("refuse what cannot work, naming the field", () => {
    const d = base();
    delete d.stages.gate!.servers;
    d.stages.cn!.pool = "nobody";
    d.stages.cn!.breakdowns = [{ hoursBetweenFailures: 0, repairMinutes: 30 }];
    d.stages.zero = {
      type: "server",
      servers: 0,
      serviceMinutes: 1,
      breakdowns: [{ hoursBetweenFailures: 5, repairMinutes: 5 }],
      next: "out",
    };
    d.stages.extra = {
      type: "server",
      pool: "crew",
      serviceMinutes: 1,
      breakdowns: [{ hoursBetweenFailures: 5, repairMinutes: 5 }],
      next: "out",
    };
    d.pools = {
      crew: { servers: 2, priority: ["gate"], changes: [{ day: 2, dailyCapTrucks: 5 }] },
      out: { servers: 1 },
    };
    const issues = issuesOf(d);
    const at = (path: string) => issues.find((i) => i.path === path)?.message ?? "";
    expect(at("stages.gate.servers")).toMatch(/required \(unless the stage uses a pool\)/);
    expect(at("stages.cn.pool")).toMatch(/unknown pool "nobody"; known: crew, out/);
    expect(at("stages.cn.breakdowns.0.hoursBetweenFailures")).toMatch(/more than 0/);
    expect(at("stages.extra.breakdowns")).toMatch(/servers of the stage's own/);
    expect(at("stages.zero.breakdowns.0.units")).toMatch(/give units/);
    expect(at("pools.crew.priority.0")).toMatch(/"gate" is not a stage that uses this pool; those are: extra/);
    expect(at("pools.crew.changes.0.dailyCapTrucks")).toMatch(/no daily cap/);
    expect(at("pools.out")).toMatch(/id of a stage/);
  });

  it("are in the JSON Schema", () => {
    const text = JSON.stringify(scenarioJsonSchema());
    for (const key of ["breakdowns", "hoursBetweenFailures", "pools", "openingHoursByWeekday", "weekdays", "changes"]) {
      expect(text).toContain(`"${key}"`);
    }
  });
});
