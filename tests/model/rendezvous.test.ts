/**
 * Demand shared across scenarios (no-shows are extra bookings, not fewer trucks), the transshipment
 * rendezvous with partner trucks of the other country, and ICD pick-up. Seeds are fixed; tolerances are stated.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/model/index.js";
import {
  applyOverrides,
  compileScenario,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
} from "../../src/scenario/index.js";

const opts = { seed: 11, replication: 0, horizonDays: 8, warmupDays: 1 };

describe("demand and no-shows", () => {
  const base = simulate(compileScenario(loadShippedScenario("baseline-2026q1")).config, opts);
  const smart = simulate(compileScenario(loadShippedScenario("smart-gate-2026")).config, opts);

  it("baseline and smart gate see the same trucks each day, by direction (common random numbers)", () => {
    expect(smart.series.daily.exportDemand).toEqual(base.series.daily.exportDemand);
    expect(smart.series.daily.importDemand).toEqual(base.series.daily.importDemand);
    expect(base.series.daily.exportDemand!.length).toBe(7);
    expect(Math.min(...base.series.daily.exportDemand!)).toBeGreaterThan(300);
    // Booked trucks arrive around their slot, so only trucks near midnight may shift day: totals agree to 1 %.
    const total = (r: typeof base, k: string) => r.kpis[k]!.value;
    for (const k of ["exportArrivalsPerDay", "importArrivalsPerDay"]) {
      expect(Math.abs(total(smart, k) / total(base, k) - 1), k).toBeLessThan(0.01);
    }
  });

  it("no-shows take slots without removing trucks: they come on top of the arrivals", () => {
    const booked = smart.kpis.arrivalsPerDay!.value * 0.9;
    const noShows = smart.kpis.noShowsPerDay!.value;
    // 5 % of bookings are no-shows: no-shows / booked arrivals ≈ 0.05 / 0.95 (±30 % over 7 days of ~1,500 bookings/day).
    expect(noShows / booked).toBeGreaterThan((0.05 / 0.95) * 0.7);
    expect(noShows / booked).toBeLessThan((0.05 / 0.95) * 1.3);
    expect(smart.kpis.appointmentOnTimeShare!.value).toBeGreaterThan(0.6);
    expect(smart.kpis.missedSlotsPerDay).toBeDefined();
    // The smart gate clears what the baseline clears (same trucks), within 2 %.
    const ratio = smart.kpis.throughputPerDay!.value / base.kpis.throughputPerDay!.value;
    expect(Math.abs(ratio - 1)).toBeLessThan(0.02);
  });

  it("a higher no-show rate pushes bookings to later slots but never changes demand", () => {
    const sc = applyOverrides(loadShippedScenario("smart-gate-2026"), {
      "demand.import.appointment.noShowPercent": 30,
    });
    const r = simulate(compileScenario(sc).config, opts);
    expect(r.series.daily.importDemand).toEqual(base.series.daily.importDemand);
    expect(r.kpis.noShowsPerDay!.value).toBeGreaterThan(3 * smart.kpis.noShowsPerDay!.value);
    expect(() =>
      applyOverrides(loadShippedScenario("smart-gate-2026"), { "demand.import.appointment.noShowPercent": 100 }),
    ).toThrow(ScenarioError);
  });
});

/** A one-direction network: trucks arrive at a yard and go straight to the docks. */
function dockNet(rendezvous: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return compileScenario(
    parseScenario({
      name: "docks",
      horizonDays: 4,
      demand: { export: { trucksPerDay: 240, entry: "gate", transshipPercent: 100 } },
      stages: {
        gate: { type: "server", servers: 10, serviceMinutes: 1, next: "docks" },
        docks: { type: "server", servers: 50, serviceMinutes: 30, rendezvous, dwellLimitHours: 2, next: "out" },
        out: { type: "sink", crossing: true },
        ...extra,
      },
    }),
  ).config;
}

describe("transshipment rendezvous", () => {
  it("a transfer starts only when both trucks are there; both leave when it ends", () => {
    // Partners arrive exactly 2 h after the loaded truck: every truck waits ~2 h, then 30 min of transfer.
    const r = simulate(dockNet({ partnerArrivalMinutes: 120 }), { seed: 1, replication: 0 });
    expect(r.conservation.holds).toBe(true);
    expect(r.kpis.timeInSystemMinutesP50!.value).toBeGreaterThan(149);
    expect(r.kpis.timeInSystemMinutesMax!.value).toBeLessThan(160);
    expect(r.kpis.loadedWaitForPartnerMinutesMean!.value).toBeCloseTo(119, 0);
    expect(r.kpis.partnerWaitMinutesMean!.value).toBeLessThan(1);
    expect(r.kpis.transshipPartnersPerDay!.value).toBeGreaterThan(200);
    // Both limits are in force: the loaded truck (2 h) is over, the partner (no limit) is not.
    expect(r.kpis.transshipDwellViolationsPerDay!.value).toBeCloseTo(r.kpis.transshipPartnersPerDay!.value, 0);
    expect(r.kpis.partnerDwellLimitExceededPerDay!.value).toBe(0);
  });

  it("early partners wait in a finite yard; a full yard makes them wait outside, in order", () => {
    // Partners come at once (dispatched at arrival), loaded trucks take 3 h to reach the docks.
    const cfg = dockNet(
      { partnerArrivalMinutes: 0, partnerYardStalls: 5, partnerDwellLimitHours: 2 },
      { gate: { type: "delay", minutes: 180, next: "docks" } },
    );
    const r = simulate(cfg, { seed: 2, replication: 0 });
    expect(r.conservation.holds).toBe(true);
    expect(r.kpis.partnerYardTrucksMax!.value).toBe(5);
    expect(r.kpis.partnerOutsideTrucksMax!.value).toBeGreaterThan(10);
    expect(r.kpis.partnerWaitMinutesMean!.value).toBeCloseTo(180, 0);
    expect(r.kpis.loadedWaitForPartnerMinutesMean!.value).toBe(0);
    // Partners waited 3 h from arrival to the end of the transfer: all over their 2 h limit.
    expect(r.kpis.partnerDwellLimitExceededPerDay!.value).toBeCloseTo(r.kpis.transshipPartnersPerDay!.value, 0);
  });

  it("a loaded truck lost on the way releases its partner (no stall leaks, conservation holds)", () => {
    const cfg = dockNet(
      { partnerArrivalMinutes: { type: "exponential", mean: 60 }, partnerYardStalls: 3 },
      {
        gate: {
          type: "branch",
          routes: [
            { percent: 50, to: "rail" },
            { percent: 50, to: "walk" },
          ],
        },
        walk: { type: "delay", minutes: 30, next: "docks" },
        rail: { type: "sink", lost: true },
      },
    );
    const r = simulate(cfg, { seed: 3, replication: 0 });
    expect(r.conservation.holds).toBe(true);
    expect(r.kpis.partnersUnmatchedPerDay!.value).toBeGreaterThan(50);
    expect(r.kpis.transshipPartnersPerDay!.value).toBeGreaterThan(80);
    expect(r.kpis.partnerYardTrucksMax!.value).toBeLessThanOrEqual(3);
  });

  it("the baseline counts partner waits and dwell violations, and rejects two rendezvous stages", () => {
    const r = simulate(compileScenario(loadShippedScenario("baseline-2026q1")).config, opts);
    expect(r.kpis.transshipPartnersPerDay!.value).toBeGreaterThan(700);
    expect(r.kpis.partnerYardTrucksMax!.value).toBeLessThanOrEqual(400);
    expect(r.series.sampled.partnerYard!.length).toBe(7 * 24);
    expect(() =>
      applyOverrides(loadShippedScenario("baseline-2026q1"), {
        "stages.inspection.rendezvous": { partnerArrivalMinutes: 10 },
      }),
    ).toThrow(/only one stage may have a rendezvous/);
  });
});

describe("ICD pick-up", () => {
  it("containers leave the ICD only when a domestic truck picks them up; a closed pick-up fills the ICD", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const r = simulate(compileScenario(base).config, opts);
    expect(r.stages.icdPickup!.throughput).toBeGreaterThan(0);
    const closed = applyOverrides(base, { "stages.icdPickup.servers": 0, "stages.icdYard.capacityTrucks": 150 });
    const c = simulate(compileScenario(closed).config, opts);
    expect(c.stages.icdPickup!.throughput).toBe(0);
    expect(c.kpis["zone.icd.trucksMax"]!.value).toBe(150);
    // A full ICD blocks unloading: stored imports stay in the park yard, which holds more than with pick-ups.
    expect(c.kpis.yardOccupancyMean!.value).toBeGreaterThan(r.kpis.yardOccupancyMean!.value);
    expect(c.conservation.holds).toBe(true);
  });
});
