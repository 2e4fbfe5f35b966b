/**
 * Busy, blocked and idle shares of every server stage (issue 12, item 2). A server held by a truck that
 * finished and cannot move on is blocked, not busy: before, december-2021 showed its export gate 100 %
 * "utilized" while a full yard kept it from working most of the time.
 */
import { describe, expect, it } from "vitest";
import { GateModel, simulate } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

describe("stage shares", () => {
  it("a saturated tandem with one stall between stations: A is busy 1/3, blocked 2/3 of the time", () => {
    // A (1 min) feeds a one-stall yard B, freed when the truck starts at C (3 min). Saturated: C never idles,
    // B is always full, so A serves one truck in 1 min and then holds it 2 min until C takes the next one.
    const sc = parseScenario({
      name: "blocking-tandem",
      horizonDays: 2,
      warmupDays: 0.5,
      demand: { export: { trucksPerDay: 1440, entry: "a" } },
      stages: {
        a: { type: "server", servers: 1, serviceMinutes: 1, next: "b" },
        b: { type: "holding", capacityTrucks: 1, next: "c" },
        c: { type: "server", servers: 1, serviceMinutes: 3, releases: ["b"], next: "out" },
        out: { type: "sink", crossing: true },
      },
    });
    const r = simulate(compileScenario(sc).config, { seed: 5, replication: 0 });
    const a = r.stages.a!;
    expect(a.busyShare).toBeCloseTo(1 / 3, 2);
    expect(a.blockedShare).toBeCloseTo(2 / 3, 2);
    expect(a.idleShare).toBeLessThan(0.001);
    expect(a.utilization).toBeCloseTo(a.busyShare + a.blockedShare, 12);
    const c = r.stages.c!;
    expect(c.busyShare).toBeGreaterThan(0.999);
    expect(c.blockedShare).toBe(0);
    // The yard's one stall is always taken.
    expect(r.stages.b!.busyShare).toBeGreaterThan(0.999);
    // The hourly series agree: A blocked ~2/3 of a server every hour.
    const blocked = r.series.stages["a.blocked"]!;
    expect(blocked.length).toBe(36);
    for (const v of blocked.slice(1)) expect(v).toBeCloseTo(2 / 3, 1);
  });

  it("december-2021: after the cut the export gate is mostly blocked by the full yard, not busy", () => {
    const c = compileScenario(loadShippedScenario("december-2021"));
    // The cut comes on 10 December (day 9); days 12-21 are measured, once the yard has filled.
    const r = simulate(c.config, { seed: 2026, replication: 0, horizonDays: 21, warmupDays: 12 });
    const gate = r.stages.exportGate!;
    expect(gate.utilization).toBeGreaterThan(0.99);
    expect(gate.blockedShare).toBeGreaterThan(0.5);
    expect(gate.busyShare).toBeLessThan(0.5);
  });

  it("partner trips hold servers too: the policies' blocked-server count never goes negative (it read -3,023)", () => {
    // Trip trucks (partners driving to the docks, empties going home) keep the server they finished at like any
    // truck; the count the policies' state view reads was decremented for them without being incremented.
    for (const name of ["baseline-2026q1", "december-2021"]) {
      const opts = { seed: 1, replication: 0, horizonDays: 12, warmupDays: 1 };
      const m = new GateModel(compileScenario(loadShippedScenario(name)).config, opts);
      m.run(opts);
      const counted = Array.from(m.network.stages.blockedServers);
      expect(Math.min(...counted)).toBeGreaterThanOrEqual(0);
      // At the horizon every finished truck still holding its server is a blocked server of the observers too.
      expect(counted).toEqual(Array.from(m.obs.figures.blocked));
    }
  });

  it("every server stage of every shipped scenario: busy + blocked + idle = 1, each in [0, 1]", () => {
    for (const name of ["baseline-2026q1", "december-2021", "smart-gate-2026", "fruit-season"]) {
      const c = compileScenario(loadShippedScenario(name));
      const r = simulate(c.config, { seed: 1, replication: 0, horizonDays: 6, warmupDays: 1 });
      for (const [id, s] of Object.entries(r.stages)) {
        if (s.capacityMean === 0) continue;
        for (const v of [s.busyShare, s.blockedShare, s.idleShare]) {
          expect(v, `${name}/${id}`).toBeGreaterThanOrEqual(-1e-12);
          expect(v, `${name}/${id}`).toBeLessThanOrEqual(1 + 1e-12);
        }
        expect(s.busyShare + s.blockedShare + s.idleShare, `${name}/${id}`).toBeCloseTo(1, 9);
        expect(s.heldMax, `${name}/${id}`).toBeLessThanOrEqual(s.capacityMax);
      }
    }
  });

  it("an M/M/1 never blocks, and its wait quantiles follow the exponential waiting time", () => {
    const sc = parseScenario({
      name: "mm1-quantiles",
      horizonDays: 60,
      warmupDays: 2,
      demand: { export: { trucksPerDay: 1152, entry: "s" } },
      stages: {
        s: { type: "server", servers: 1, serviceMinutes: { type: "exponential", mean: 1 }, next: "o" },
        o: { type: "sink", crossing: true },
      },
    });
    const r = simulate(compileScenario(sc).config, { seed: 3, replication: 0 });
    const s = r.stages.s!;
    expect(s.blockedShare).toBe(0);
    // rho = 0.8: P(W > w) = rho·exp(-(mu - lambda) w), so the p95 wait is ln(0.8 / 0.05) / 0.2 = 13.86 min.
    expect(s.waitMinutesP95).toBeGreaterThan(12.5);
    expect(s.waitMinutesP95).toBeLessThan(15.2);
    // P(W = 0) = 0.2 < 0.5 < P(W ≤ w50): w50 = ln(0.8 / 0.5) / 0.2 = 2.35 min.
    expect(s.waitMinutesP50).toBeGreaterThan(1.9);
    expect(s.waitMinutesP50).toBeLessThan(2.8);
    expect(s.waitMinutesMax).toBeGreaterThan(s.waitMinutesP95);
  });
});
