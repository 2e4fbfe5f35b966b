/** The gate model's invariants: purity, conservation, blocking that propagates upstream, the daily cap, policies. */
import { describe, expect, it } from "vitest";
import { callForwardBuiltins, policyNames, simulate } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

const baseline = () => compileScenario(loadShippedScenario("baseline-2026q1"));

describe("gate model", () => {
  it("is a pure function of (config, seed, replication)", () => {
    const c = baseline();
    const a = simulate(c.config, { seed: 7, replication: 1, horizonDays: 4, warmupDays: 1 });
    const b = simulate(c.config, { seed: 7, replication: 1, horizonDays: 4, warmupDays: 1 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    const d = simulate(c.config, { seed: 7, replication: 2, horizonDays: 4, warmupDays: 1 });
    expect(d.kpis.arrivalsPerDay!.value).not.toBe(a.kpis.arrivalsPerDay!.value);
  });

  it("keeps arrivals identical when a server is added (common random numbers)", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const more = applyOverrides(base, { "stages.xray.servers": 6 });
    const opts = { seed: 3, replication: 0, horizonDays: 5, warmupDays: 1 };
    const a = simulate(compileScenario(base).config, opts);
    const b = simulate(compileScenario(more).config, opts);
    expect(b.series.daily.arrivals).toEqual(a.series.daily.arrivals);
  });

  it("conserves trucks and reports every required KPI", () => {
    const r = simulate(baseline().config, { seed: 1, replication: 0, horizonDays: 5, warmupDays: 1 });
    expect(r.conservation.holds).toBe(true);
    for (const k of [
      "throughputPerDay",
      "exportThroughputPerDay",
      "importThroughputPerDay",
      "timeInSystemMinutesMean",
      "timeInSystemMinutesP50",
      "timeInSystemMinutesP95",
      "timeInSystemMinutesP99",
      "nh1aQueueTrucksMax",
      "nh1aQueueTrucksMean",
      "yardOccupancyMax",
      "appointmentOnTimeShare",
      "missedSlotsPerDay",
      "noShowsPerDay",
      "perishableOverThresholdShare",
      "idleTruckHoursPerDay",
      "idleCo2KgPerDay",
      "backlogEndOfDayMean",
      "backlogEndOfDayMax",
    ]) {
      expect(r.kpis[k], k).toBeDefined();
      expect(Number.isFinite(r.kpis[k]!.value), k).toBe(true);
    }
    expect(r.series.daily.arrivals!.length).toBe(4);
    expect(r.series.sampled.nh1aQueue!.length).toBe(4 * 24);
  });

  it("throws a clear error when the step bound is hit", () => {
    expect(() =>
      simulate(baseline().config, { seed: 1, replication: 0, horizonDays: 2, warmupDays: 0, stepsMax: 1000 }),
    ).toThrow(/step bound/);
  });

  it("propagates blocking: a Chinese cap fills the yard, blocks the gate, and the queue backs up onto NH1A", () => {
    const c = compileScenario(loadShippedScenario("december-2021"));
    const r = simulate(c.config, { seed: 1, replication: 0, horizonDays: 21, warmupDays: 0 });
    // The daily cap holds exactly from the cut (10 December, day 9) on.
    expect(Math.max(...r.series.daily.exportCleared!.slice(9))).toBeLessThanOrEqual(150);
    // The park yard fills to its stalls and no further; the export gate spends much of its time blocked.
    expect(r.kpis.yardOccupancyMax!.value).toBe(1500);
    expect(r.stages.parkYard!.heldMax).toBe(1500);
    expect(r.stages.exportGate!.blockedShare).toBeGreaterThan(0.3);
    expect(r.kpis.nh1aQueueTrucksMax!.value).toBeGreaterThan(1000);
    expect(r.kpis.vnQueueTrucksMax!.value).toBeGreaterThan(2000);
  });

  it("a bounded line that blocks holds the upstream server (no truck lost)", () => {
    const sc = parseScenario({
      name: "block",
      horizonDays: 3,
      demand: { export: { trucksPerDay: 2000, entry: "a" } },
      stages: {
        a: { type: "server", servers: 2, serviceMinutes: 1, next: "b" },
        b: { type: "server", servers: 1, serviceMinutes: 1, queueMax: 2, whenFull: "block", next: "out" },
        out: { type: "sink", crossing: true },
      },
    });
    const r = simulate(compileScenario(sc).config, { seed: 1, replication: 0 });
    expect(r.conservation.lost).toBe(0);
    expect(r.stages.b!.queueLengthMax).toBeLessThanOrEqual(2);
    expect(r.stages.a!.queueLengthMean).toBeGreaterThan(10);
    expect(r.conservation.holds).toBe(true);
  });

  it("has registries of named policies", () => {
    const n = policyNames();
    expect(n.callForward).toEqual(expect.arrayContaining(["fifo", "appointmentFirst", "perishablesFirst"]));
    expect(n.laneAllocation).toEqual(expect.arrayContaining(["fixed", "reversibleByQueue"]));
    expect(n.selection).toEqual(expect.arrayContaining(["channelAndCargo", "rate"]));
    expect(n.appointment).toEqual(expect.arrayContaining(["quota", "overbook"]));
    expect(typeof callForwardBuiltins.fifo?.rank).toBe("function");
  });

  it("the appointment layer reports punctuality and no-shows", () => {
    const c = compileScenario(loadShippedScenario("smart-gate-2026"));
    const r = simulate(c.config, { seed: 1, replication: 0, horizonDays: 5, warmupDays: 1 });
    expect(r.kpis.appointmentOnTimeShare!.value).toBeGreaterThan(0.6);
    expect(r.kpis.noShowsPerDay!.value).toBeGreaterThan(0);
    expect(r.conservation.holds).toBe(true);
  });
});
