/**
 * E-commerce parcels: Poisson counts per step, the sorting line at its rate and hours, packing into truckloads
 * that leave when full or at a cut-off, and the trucks carrying their parcels across the border. Fixed seeds;
 * each tolerance is stated next to its assertion.
 */
import { describe, expect, it } from "vitest";
import { RandomStreams } from "../../src/kernel/index.js";
import { simulate } from "../../src/model/index.js";
import { logGamma, poisson } from "../../src/model/poisson.js";
import { compileScenario, parseScenario } from "../../src/scenario/index.js";

/** Parcels packed into export trucks that drive 30 min to the border; `parcels` overrides the flow. */
function parcelNet(parcels: Record<string, unknown>) {
  return compileScenario(
    parseScenario({
      name: "parcels",
      horizonDays: 8,
      warmupDays: 1,
      cargoClasses: [{ id: "general" }, { id: "ecommerce" }],
      demand: { import: { trucksPerDay: 10, entry: "road" } },
      parcels: {
        parcelsPerDay: 48_000,
        line: { parcelsPerHour: 4_000 },
        parcelsPerTruck: 1_000,
        entry: "road",
        truck: { cargo: "ecommerce" },
        ...parcels,
      },
      stages: {
        road: { type: "delay", minutes: 30, next: "border" },
        border: { type: "sink", crossing: true },
      },
    }),
  ).config;
}

describe("Poisson counts", () => {
  it("have the mean and variance of their parameter, small and large (PTRS above 10)", () => {
    const rng = new RandomStreams(1, 0).stream("poisson");
    for (const mean of [0.5, 3, 9.9, 10, 40, 700, 25_000]) {
      const n = 20_000;
      let s = 0;
      let s2 = 0;
      let bad = 0;
      for (let i = 0; i < n; i++) {
        const k = poisson(rng, mean);
        if (!Number.isInteger(k) || k < 0) bad++;
        s += k;
        s2 += k * k;
      }
      expect(bad).toBe(0);
      const m = s / n;
      const v = s2 / n - m * m;
      // The sample mean is within 4 standard errors; the variance within 6 % (its SE is about 1 % here).
      expect(Math.abs(m - mean)).toBeLessThan(4 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.06);
    }
    expect(poisson(rng, 0)).toBe(0);
    expect(logGamma(11)).toBeCloseTo(Math.log(3_628_800), 10);
    expect(logGamma(3.5)).toBeCloseTo(Math.log(3.32335097044784), 10);
  });
});

describe("the parcel flow", () => {
  it("sorts at the line's rate, fills trucks and carries the parcels across the border", () => {
    const r = simulate(parcelNet({}), { seed: 1, replication: 0 });
    const k = (n: string) => r.kpis[n]!.value;
    // 48,000 a day (±2 %: ~330,000 Poisson parcels), half the line's 96,000 a day.
    expect(Math.abs(k("parcels.arrivedPerDay") / 48_000 - 1)).toBeLessThan(0.02);
    expect(Math.abs(k("parcels.lineUtilization") - 0.5)).toBeLessThan(0.02);
    expect(Math.abs(k("parcels.sortedPerDay") / k("parcels.arrivedPerDay") - 1)).toBeLessThan(0.01);
    // A line with spare capacity sorts within two 5-minute steps; trucks leave full, about 48 a day.
    expect(k("parcels.lineWaitMinutesMean")).toBeLessThan(10);
    expect(k("parcels.lineWaitMinutesP95")).toBeLessThan(10);
    expect(k("parcels.truckFillMean")).toBe(1);
    expect(Math.abs(k("parcels.trucksPerDay") - 48)).toBeLessThan(2);
    // Filling a truck of 1,000 at 2,000 an hour takes 30 min: a parcel waits about 15 min for its truck.
    expect(k("parcels.toTruckMinutesMean")).toBeGreaterThan(15);
    expect(k("parcels.toTruckMinutesMean")).toBeLessThan(30);
    // Every shipped parcel crosses 30 min later with its truck; the trucks are export arrivals of the model.
    expect(Math.abs(k("parcels.crossedPerDay") / k("parcels.shippedPerDay") - 1)).toBeLessThan(0.01);
    expect(Math.abs(k("exportArrivalsPerDay") - k("parcels.trucksPerDay"))).toBeLessThan(0.2);
    expect(k("parcels.backlogEndOfDayMax")).toBeLessThan(1_000 + 2_000);
    expect(r.series.daily.parcelsArrived!.length).toBe(7);
    expect(r.conservation.holds).toBe(true);
  });

  it("an overloaded line sorts exactly its capacity and the backlog grows day by day", () => {
    const r = simulate(parcelNet({ line: { parcelsPerHour: 1_500 } }), { seed: 2, replication: 0 });
    expect(r.kpis["parcels.sortedPerDay"]!.value).toBe(36_000);
    expect(r.kpis["parcels.lineUtilization"]!.value).toBeCloseTo(1, 9);
    const bl = r.series.daily.parcelsBacklog!;
    // 12,000 more arrive than are sorted each day (±10 % for the Poisson noise of a day).
    for (let d = 1; d < bl.length; d++) {
      expect(bl[d]! - bl[d - 1]!).toBeGreaterThan(12_000 * 0.9);
      expect(bl[d]! - bl[d - 1]!).toBeLessThan(12_000 * 1.1);
    }
    expect(r.kpis["parcels.lineWaitMinutesP95"]!.value).toBeGreaterThan(r.kpis["parcels.lineWaitMinutesMean"]!.value);
  });

  it("a line open 12 hours a day sorts at most half a day's capacity; a cut-off sends partly filled trucks", () => {
    const half = simulate(parcelNet({ line: { parcelsPerHour: 3_000, hours: [{ from: "08:00", to: "20:00" }] } }), {
      seed: 3,
      replication: 0,
    });
    expect(half.kpis["parcels.sortedPerDay"]!.value).toBe(36_000);
    const cutoff = simulate(parcelNet({ parcelsPerTruck: 100_000, cutoffs: ["18:00"] }), { seed: 4, replication: 0 });
    // One truck a day, at 18:00, with the day's parcels: far from full.
    expect(cutoff.kpis["parcels.trucksPerDay"]!.value).toBe(1);
    expect(cutoff.kpis["parcels.truckFillMean"]!.value).toBeGreaterThan(0.4);
    expect(cutoff.kpis["parcels.truckFillMean"]!.value).toBeLessThan(0.56);
    // A parcel waits for the daily truck half a day on average (±10 %).
    expect(Math.abs(cutoff.kpis["parcels.toTruckMinutesMean"]!.value / 720 - 1)).toBeLessThan(0.1);
  });

  it("a dated peak multiplies the parcel demand on its days only", () => {
    const r = simulate(parcelNet({ peaks: [{ name: "11.11", from: "2026-01-08", to: "2026-01-09", factor: 3 }] }), {
      seed: 5,
      replication: 0,
    });
    // Calendar from 2026-01-05: days 3 and 4 carry three times the parcels (each day within ±3 %).
    const a = r.series.daily.parcelsArrived!;
    for (const [d, f] of [
      [0, 1],
      [1, 1],
      [2, 3],
      [3, 3],
      [4, 1],
    ] as const) {
      expect(Math.abs(a[d]! / (48_000 * f) - 1)).toBeLessThan(0.03);
    }
  });

  it("refuses bad parcel flows with the field and the reason", () => {
    expect(() => parcelNet({ entry: "nowhere" })).toThrow(/parcels\.entry.*unknown stage "nowhere"/s);
    expect(() => parcelNet({ truck: { cargo: "fruit" } })).toThrow(/parcels\.truck\.cargo/);
    expect(() => parcelNet({ truck: { channelPercent: { green: 50, yellow: 10, red: 10 } } })).toThrow(/100 %/);
    expect(() => parcelNet({ parcelsPerTruck: 0 })).toThrow(/parcels\.parcelsPerTruck/);
    expect(() => parcelNet({ line: { parcelsPerHour: -1 } })).toThrow(/parcels\.line\.parcelsPerHour/);
    expect(() => parcelNet({ cutoffs: ["18:00", "18:00"] })).toThrow(/lists a time twice/);
  });
});
