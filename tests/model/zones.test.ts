/**
 * Trucks are counted where they physically stand (issue 12, items 1 and 5): a stage's `zone` holds its
 * trucks from the moment they start there, its `queueZone` its waiting line; a waiting truck otherwise stays
 * where it is (in the stall or at the server it holds). Before, a truck moved into a stage's zone when it
 * started waiting for it, so every line was counted in the next stage's place: the park yard read 43 trucks
 * on average in december-2021 while its 1,500 stalls were 90 % taken, and 1,516 trucks in a yard of 1,500.
 */
import { describe, expect, it } from "vitest";
import { type ReplicationResult, simulate } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";

const run = (sc: ReturnType<typeof loadShippedScenario>, days: number, warmup: number): ReplicationResult =>
  simulate(compileScenario(sc).config, { seed: 2026, replication: 0, horizonDays: days, warmupDays: warmup });

describe("zones: where trucks stand", () => {
  it("december-2021: the park yard's occupancy is its stalls taken, never more than its 1,500 stalls", () => {
    // Measured after the cut of 10 December (day 9), once the yard has filled.
    const r = run(loadShippedScenario("december-2021"), 21, 12);
    const yard = r.stages.parkYard!;
    expect(yard.capacityMax).toBe(1500);
    // The yard zone holds exactly the trucks holding a stall: same time-weighted mean, same maximum.
    expect(r.kpis.yardOccupancyMean!.value).toBeCloseTo(yard.heldMean, 6);
    expect(r.kpis.yardOccupancyMax!.value).toBe(yard.heldMax);
    expect(yard.heldMax).toBeLessThanOrEqual(1500);
    // ... and the yard is nearly full (it was read as 43 trucks before).
    expect(yard.heldMean).toBeGreaterThan(1200);
    // The staging yards hold their stalls' worth at most; the NH1A queue is the roadside line and the staging yards.
    expect(r.kpis["zone.staging.trucksMax"]!.value).toBeLessThanOrEqual(r.stages.exportStaging!.capacityMax);
    expect(r.kpis.nh1aQueueTrucksMean!.value).toBeCloseTo(
      r.kpis["zone.nh1a.trucksMean"]!.value + r.kpis["zone.staging.trucksMean"]!.value,
      6,
    );
    // The Vietnamese-side queue includes the trucks waiting in yard stalls.
    expect(r.kpis.vnQueueTrucksMean!.value).toBeGreaterThan(
      r.kpis.nh1aQueueTrucksMean!.value + r.kpis.yardOccupancyMean!.value,
    );
  });

  it("smart gate at 1.5x demand: the yard never exceeds its 1,500 stalls (it read 1,516)", () => {
    const sc = applyOverrides(loadShippedScenario("smart-gate-2026"), {
      "demand.export.trucksPerDay": 675,
      "demand.import.trucksPerDay": 1830,
    });
    const r = run(sc, 21, 3);
    expect(r.kpis.yardOccupancyMax!.value).toBeLessThanOrEqual(1500);
    expect(r.stages.parkYard!.heldMax).toBeLessThanOrEqual(1500);
    expect(r.kpis.yardOccupancyMax!.value).toBe(r.stages.parkYard!.heldMax);
    for (const id of ["exportStaging", "parkYard", "icdYard"]) {
      expect(r.stages[id]!.heldMax, id).toBeLessThanOrEqual(r.stages[id]!.capacityMax);
    }
  });

  it("idling CO2 counts only creeping queues; parked truck-hours are reported apart", () => {
    const r = run(loadShippedScenario("baseline-2026q1"), 6, 1);
    const k = (n: string): number => r.kpis[n]!.value;
    const queueZones = ["nh1a", "cn", "gate", "zeroLine"];
    const parkedZones = ["yard", "staging"];
    const sum = (ids: string[]): number => ids.reduce((s, id) => s + k(`zone.${id}.truckHoursPerDay`), 0);
    expect(k("idleTruckHoursPerDay")).toBeCloseTo(sum(queueZones), 6);
    expect(k("parkedTruckHoursPerDay")).toBeCloseTo(sum(parkedZones), 6);
    expect(k("idleCo2KgPerDay")).toBeCloseTo(8 * k("idleTruckHoursPerDay"), 6);
    // Trucks spend most of their hours parked in the yard (transshipment, inspection, overnight), not idling.
    expect(k("parkedTruckHoursPerDay")).toBeGreaterThan(k("zone.gate.truckHoursPerDay"));
    expect(k("zone.yard.truckHoursPerDay")).toBeGreaterThan(0);
  });

  it("a truck waiting for a stall stands in the stage's queueZone, then in its zone; parked time never idles", () => {
    const sc = parseScenario({
      name: "zones",
      horizonDays: 2,
      zones: [
        { id: "line", kind: "queue" },
        { id: "lot", kind: "parked" },
        { id: "desk", kind: "queue" },
      ],
      demand: { export: { trucksPerDay: 96, entry: "lot" } },
      stages: {
        lot: { type: "holding", capacityTrucks: 2, queueZone: "line", zone: "lot", next: "check" },
        check: { type: "server", servers: 1, serviceMinutes: 20, zone: "desk", releases: ["lot"], next: "out" },
        out: { type: "sink", crossing: true },
      },
      kpi: { co2KgPerIdleHour: 1 },
    });
    const r = simulate(compileScenario(sc).config, { seed: 1, replication: 0 });
    const k = (n: string): number => r.kpis[n]!.value;
    // Waiting for the desk happens in the lot (the stall is held until the check starts); the line forms
    // outside the full lot.
    expect(k("zone.lot.trucksMax")).toBeLessThanOrEqual(2);
    expect(k("zone.lot.trucksMean")).toBeCloseTo(r.stages.lot!.heldMean, 6);
    expect(k("zone.desk.trucksMax")).toBe(1);
    expect(k("zone.line.trucksMean")).toBeCloseTo(r.stages.lot!.queueLengthMean, 6);
    expect(k("idleTruckHoursPerDay")).toBeCloseTo(k("zone.line.truckHoursPerDay") + k("zone.desk.truckHoursPerDay"), 9);
    expect(k("parkedTruckHoursPerDay")).toBeCloseTo(k("zone.lot.truckHoursPerDay"), 9);
  });

  it("rejects zones that do not exist or do not apply, naming the field", () => {
    const base = {
      name: "bad",
      zones: [{ id: "a", kind: "queue" }],
      demand: { export: { trucksPerDay: 10, entry: "s" } },
    };
    const issues = (stages: Record<string, unknown>, zones?: unknown[]): string => {
      try {
        parseScenario({ ...base, ...(zones ? { zones } : {}), stages });
        return "";
      } catch (e) {
        return String((e as Error).message) + JSON.stringify((e as { issues?: unknown }).issues ?? "");
      }
    };
    expect(
      issues({
        s: { type: "server", servers: 1, serviceMinutes: 1, queueZone: "nowhere", next: "o" },
        o: { type: "sink" },
      }),
    ).toMatch(/queueZone[\s\S]*unknown zone "nowhere"/);
    expect(
      issues({ s: { type: "branch", routes: [{ percent: 100, to: "o" }], zone: "a" }, o: { type: "sink" } }),
    ).toMatch(/zone/);
    expect(issues({ s: { type: "delay", minutes: 1, queueZone: "a", next: "o" }, o: { type: "sink" } })).toMatch(
      /queueZone/,
    );
    expect(
      issues({ s: { type: "delay", minutes: 1, next: "o" }, o: { type: "sink" } }, [
        { id: "a", kind: "parked", idling: true },
      ]),
    ).toMatch(/idling[\s\S]*contradicts kind "parked"/);
  });
});
