/**
 * Rail terminals: loads wait for trains of a weekly timetable, load first come first served up to the train's
 * capacity, and leave as moved by rail (never lost, in the conservation check). Fixed seeds; tolerances stated.
 */
import { describe, expect, it } from "vitest";
import { DAY_MS, HOUR_MS, MINUTE_MS, simulate } from "../../src/model/index.js";
import { weeklyDepartures } from "../../src/scenario/compile-rail.js";
import { compileScenario, parseScenario, ScenarioError } from "../../src/scenario/index.js";

/** Trucks arrive (flat Poisson) straight at a rail terminal; the rest of `rail` overrides the terminal. */
function railNet(rail: Record<string, unknown>, trucksPerDay = 240, extra: Record<string, unknown> = {}) {
  return compileScenario(
    parseScenario({
      name: "rail",
      horizonDays: 10,
      warmupDays: 1,
      zones: [{ id: "rail" }],
      demand: { export: { trucksPerDay, entry: "terminal" }, import: { trucksPerDay: 24, entry: "road" } },
      stages: {
        terminal: { type: "rail", timetable: [{ departs: "00:00" }], wagons: 10, zone: "rail", ...rail },
        road: { type: "delay", minutes: 30, next: "out" },
        out: { type: "sink", crossing: true },
        ...extra,
      },
    }),
  ).config;
}

describe("rail terminals", () => {
  it("a train every 6 h with room for all: loads wait half the headway on average and nothing is lost", () => {
    const every6h = ["00:00", "06:00", "12:00", "18:00"].map((departs) => ({ departs }));
    const r = simulate(railNet({ timetable: every6h, wagons: 200 }), { seed: 1, replication: 0 });
    const k = (n: string) => r.kpis[n]!.value;
    // Poisson arrivals between departures 6 h apart wait 3 h on average (±10 % over ~2,200 loads).
    expect(k("rail.terminal.waitMinutesMean")).toBeGreaterThan(180 * 0.9);
    expect(k("rail.terminal.waitMinutesMean")).toBeLessThan(180 * 1.1);
    expect(k("rail.terminal.waitMinutesP95")).toBeLessThanOrEqual(360);
    expect(k("rail.terminal.trainsPerDay")).toBe(4);
    // 240 loads a day in 4 trains of 200: a fill of 0.3 (±15 %).
    expect(k("rail.terminal.trainFillMean")).toBeGreaterThan(0.3 * 0.85);
    expect(k("rail.terminal.trainFillMean")).toBeLessThan(0.3 * 1.15);
    expect(k("railMovedPerDay")).toBeCloseTo(k("exportArrivalsPerDay"), -1);
    expect(k("lostPerDay")).toBe(0);
    expect(k("throughputPerDay")).toBeCloseTo(k("importThroughputPerDay"), 6);
    // Moved by rail is counted in the conservation check, apart from cleared and lost.
    const c = r.conservation;
    expect(c.movedByRail).toBeGreaterThan(2000);
    expect(c.arrivals).toBe(c.cleared + c.movedByRail! + c.inSystemAtEnd + c.lost);
    expect(r.series.daily.railMoved!.length).toBe(9);
    expect(r.stages.terminal!.throughput).toBe(Math.round(k("railMovedPerDay") * 9));
  });

  it("a train takes at most its capacity, first come first loaded; the rest wait for the next", () => {
    // One train a day with 100 places for 240 loads a day: every train leaves full and the line grows.
    const r = simulate(railNet({ wagons: 50, loadsPerWagon: 2 }), { seed: 2, replication: 0 });
    expect(r.kpis["rail.terminal.trainFillMean"]!.value).toBe(1);
    expect(r.kpis["rail.terminal.loadsPerDay"]!.value).toBe(100);
    expect(r.kpis["rail.terminal.waitingLoadsMax"]!.value).toBeGreaterThan(1000);
    expect(r.conservation.holds).toBe(true);
  });

  it("loads that arrive after the cut-off wait for the next train", () => {
    const every12h = [{ departs: "00:00" }, { departs: "12:00" }];
    const none = simulate(railNet({ timetable: every12h, wagons: 500 }), { seed: 3, replication: 0 });
    const cut = simulate(railNet({ timetable: every12h, wagons: 500, cutoffMinutes: 120 }), {
      seed: 3,
      replication: 0,
    });
    // Without a cut-off the mean wait is 6 h; with 2 h, a sixth of the loads wait 12 h more: +2 h (±15 %).
    const a = none.kpis["rail.terminal.waitMinutesMean"]!.value;
    const b = cut.kpis["rail.terminal.waitMinutesMean"]!.value;
    expect(b - a).toBeGreaterThan(120 * 0.85);
    expect(b - a).toBeLessThan(120 * 1.15);
  });

  it("a full terminal sends trucks back to the road, counted as overflow", () => {
    const cfg = railNet({ wagons: 20, terminalCapacityLoads: 40, overflowTo: "road" });
    const r = simulate(cfg, { seed: 4, replication: 0 });
    expect(r.kpis["rail.terminal.waitingLoadsMax"]!.value).toBe(40);
    expect(r.kpis["rail.terminal.loadsPerDay"]!.value).toBe(20);
    // 240 arrive, 20 leave by train each day: the other ~220 go by road and cross at the sink.
    expect(r.kpis["rail.terminal.overflowPerDay"]!.value).toBeGreaterThan(200);
    expect(r.kpis.exportThroughputPerDay!.value).toBeGreaterThan(200);
    expect(r.conservation.holds).toBe(true);
  });
});

describe("rail timetables", () => {
  const base = { type: "rail" as const, wagons: 1, loadsPerWagon: 1, cutoffMinutes: 0, clockOffsetHours: 0 };

  it("compile to the departures of one week from the run's first day, on the terminal's clock", () => {
    // 2026-03-09 is a Monday; a Sunday-only 08:00 train in UTC+8 leaves at 07:00 Vietnamese time on day 6.
    const sunday = weeklyDepartures(
      { ...base, timetable: [{ departs: "08:00", days: ["sun"] }], clockOffsetHours: 1 },
      "2026-03-09",
    );
    expect(sunday).toEqual([6 * DAY_MS + 7 * HOUR_MS]);
    // Started on a Wednesday, Monday's train is on day 5; a 00:30 train in UTC+8 wraps to the previous evening.
    const wed = weeklyDepartures(
      { ...base, timetable: [{ departs: "00:30", days: ["mon"] }], clockOffsetHours: 1 },
      "2026-03-11",
    );
    expect(wed).toEqual([5 * DAY_MS - 30 * MINUTE_MS]);
    const daily = weeklyDepartures({ ...base, timetable: [{ departs: "06:00" }, { departs: "18:00" }] }, "2026-03-09");
    expect(daily.length).toBe(14);
  });

  it("a timetable without a train on some days runs fewer trains those weeks", () => {
    const weekdays = [{ departs: "10:00", days: ["mon", "tue", "wed", "thu", "fri"] }];
    const r = simulate(railNet({ timetable: weekdays, wagons: 400 }), { seed: 5, replication: 0 });
    // The calendar starts on 2026-01-05, a Monday: days 1-9 hold 7 weekdays.
    expect(r.kpis["rail.terminal.trainsPerDay"]!.value * 9).toBe(7);
  });

  it("refuses bad terminals with the field and the reason", () => {
    const bad = (rail: Record<string, unknown>) => () => railNet(rail);
    expect(bad({ terminalCapacityLoads: 10 })).toThrow(/stages\.terminal\.overflowTo.*needs overflowTo/s);
    expect(bad({ terminalCapacityLoads: 10, overflowTo: "nowhere" })).toThrow(/unknown stage "nowhere"/);
    expect(bad({ timetable: [] })).toThrow(/at least one departure/);
    expect(bad({ timetable: [{ departs: "25:00" }] })).toThrow(ScenarioError);
    expect(bad({ timetable: [{ departs: "08:00", days: ["mon", "mon"] }] })).toThrow(/lists a day twice/);
    expect(bad({ wagons: 0 })).toThrow(/stages\.terminal\.wagons/);
  });
});
