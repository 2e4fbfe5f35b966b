/**
 * Capacity that changes on dates and by weekday, through the model: a daily cap cut from a date on holds
 * exactly from that day; until the date the run is bit-identical to the run without the change (common
 * random numbers); a cap lifted on a date lets the backlog clear; a stage closed on Sundays starts no
 * service on Sundays.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/model/index.js";
import { compileScenario, parseScenario } from "../../src/scenario/index.js";

/** Monday 9 March 2026 start; a gate feeding a Chinese-side acceptance stage (UTC+8) with a cap. */
const scenario = (extra: Record<string, unknown> = {}, accept: Record<string, unknown> = {}) =>
  compileScenario(
    parseScenario({
      name: "dated",
      calendar: { startDate: "2026-03-09" },
      horizonDays: 14,
      openingHours: [{ from: "07:00", to: "22:00" }],
      demand: { export: { trucksPerDay: 600, entry: "gate" } },
      stages: {
        gate: {
          type: "server",
          servers: 4,
          serviceMinutes: { type: "exponential", mean: 4 },
          next: "accept",
          ...extra,
        },
        accept: {
          type: "server",
          servers: 3,
          clockOffsetHours: 1,
          serviceMinutes: { type: "lognormal", mean: 3, cv: 0.3 },
          next: "out",
          ...accept,
        },
        out: { type: "sink", crossing: true },
      },
    }),
  ).config;

describe("capacity over time in the model", () => {
  it("a cap cut on a date holds from that day; until then the run is the one without the cut", () => {
    const plain = scenario();
    const cut = scenario({}, { changes: [{ date: "2026-03-14", dailyCapTrucks: 200 }] });
    for (let i = 0; i < 3; i++) {
      const opts = { seed: 8, replication: i };
      const a = simulate(plain, opts);
      const b = simulate(cut, opts);
      const ca = a.series.daily.exportCleared!;
      const cb = b.series.daily.exportCleared!;
      // Until 13 March the runs are identical; from 14 March (Chinese 07:00-22:00 is 06:00-21:00 here)
      // exactly 200 a day cross, as the queue never runs dry.
      expect(cb.slice(0, 5)).toEqual(ca.slice(0, 5));
      expect(Math.max(...ca.slice(5))).toBeGreaterThan(450);
      for (const x of cb.slice(5)) expect(x).toBe(200);
      expect(b.kpis.backlogEndOfDayMax!.value).toBeGreaterThan(2000);
    }
  });

  it("a cap lifted on a date lets the backlog clear", () => {
    const cfg = scenario(
      {},
      {
        dailyCapTrucks: 300,
        changes: [{ day: 7, dailyCapTrucks: "none" }],
      },
    );
    const r = simulate(cfg, { seed: 2, replication: 0 });
    const c = r.series.daily.exportCleared!;
    for (const x of c.slice(1, 6)) expect(x).toBeLessThanOrEqual(300);
    expect(Math.max(...c.slice(7))).toBeGreaterThan(900);
    const backlog = r.series.daily.backlogEndOfDay!;
    expect(backlog[6]!).toBeGreaterThan(1500);
    expect(backlog[13]!).toBeLessThan(300);
  });

  it("servers changed from a date: the same draws until then", () => {
    const plain = scenario();
    const fewer = scenario({ changes: [{ day: 6, servers: 1 }] });
    const opts = { seed: 3, replication: 1 };
    const a = simulate(plain, opts);
    const b = simulate(fewer, opts);
    expect(b.series.daily.exportCleared!.slice(0, 6)).toEqual(a.series.daily.exportCleared!.slice(0, 6));
    expect(b.series.daily.arrivals).toEqual(a.series.daily.arrivals);
    expect(b.kpis.backlogEndOfDayMax!.value).toBeGreaterThan(a.kpis.backlogEndOfDayMax!.value + 500);
  });

  it("a gate closed on Sundays starts no service then, and Monday clears the weekend's trucks", () => {
    const cfg = scenario({ weekdays: { sun: { hours: "closed" } } });
    const r = simulate(cfg, { seed: 5, replication: 0 });
    const c = r.series.daily.exportCleared!;
    // Sunday is day 6 and 13. Only trucks that passed the gate on Saturday after the Chinese side closed
    // (21:00-22:00 VN, at most an hour of the gate's 60 an hour) cross on a Sunday.
    expect(c[6]!).toBeLessThanOrEqual(60);
    expect(c[13]!).toBeLessThanOrEqual(60);
    expect(c[5]!).toBeGreaterThan(400);
    expect(c[7]!).toBeGreaterThan(800);
  });
});
