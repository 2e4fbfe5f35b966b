/**
 * Transshipment partners and emptied trucks on the roads: the partner drives its route (the other country's
 * release lane, the specialized road) to the yard, the emptied truck drives home, both take capacity from the
 * loads on the stages they pass and show in their zones, and none of them is an arrival or a crossing.
 * Fixed seeds; tolerances are stated next to each assertion.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";
import { diff, expectSignificant, paired } from "../scenario/claims.js";

/**
 * Exports (all transshipped) pass a gate and reach the docks; their Chinese partner is called at arrival and
 * drives `cnRelease` then `cnRoad` to the yard; the emptied Vietnamese truck drives `homeRoad` (60 min).
 * Imports use the same release lane and road. `rv` and `stages` override parts.
 */
function tripNet(rv: Record<string, unknown> = {}, stages: Record<string, unknown> = {}, importsPerDay = 0) {
  return compileScenario(
    parseScenario({
      name: "trips",
      horizonDays: 6,
      warmupDays: 1,
      zones: [{ id: "road" }, { id: "cn" }],
      demand: {
        export: { trucksPerDay: 240, entry: "gate", transshipPercent: 100 },
        ...(importsPerDay > 0 ? { import: { trucksPerDay: importsPerDay, entry: "cnRelease" } } : {}),
      },
      stages: {
        gate: { type: "server", servers: 20, serviceMinutes: 1, next: "docks" },
        docks: {
          type: "server",
          servers: 100,
          serviceMinutes: 30,
          rendezvous: {
            partnerArrivalMinutes: 0,
            partnerRoute: { export: ["cnRelease", "cnRoad"] },
            emptyReturn: { export: ["homeRoad"] },
            ...rv,
          },
          next: "border",
        },
        border: { type: "sink", crossing: true },
        cnRelease: { type: "server", servers: 50, serviceMinutes: 10, zone: "cn", next: "cnRoad" },
        cnRoad: { type: "delay", minutes: 30, zone: "road", next: "importOut" },
        importOut: { type: "sink", crossing: true },
        homeRoad: { type: "delay", minutes: 60, zone: "road", next: "border" },
        ...stages,
      },
    }),
  ).config;
}

describe("partner and empty trips", () => {
  it("the partner drives its route before the transfer; the emptied truck drives home; neither is a load", () => {
    const r = simulate(tripNet(), { seed: 1, replication: 0 });
    const k = (n: string) => r.kpis[n]!.value;
    // The partner sets off at the loaded truck's arrival: 10 min of release and 30 of road, then 30 of transfer.
    expect(k("trips.partnerOfExport.minutesMean")).toBeCloseTo(40, 0);
    expect(k("loadedWaitForPartnerMinutesMean")).toBeCloseTo(39, 0);
    expect(k("timeInSystemMinutesMean")).toBeCloseTo(70, 0);
    expect(k("trips.emptyAfterExport.minutesMean")).toBeCloseTo(60, 6);
    // 240 loads a day: as many partners and empties (±10 %: five days of Poisson arrivals).
    for (const n of ["trips.partnerOfExport.perDay", "trips.emptyAfterExport.perDay", "trips.stage.cnRelease.perDay"]) {
      expect(Math.abs(k(n) / 240 - 1), n).toBeLessThan(0.1);
    }
    // The road zone holds the partners' 30 min and the empties' 60 min: 240 × 90 / 1,440 ≈ 15 trucks (±15 %).
    expect(Math.abs(k("zone.road.trucksMean") / 15 - 1)).toBeLessThan(0.15);
    expect(Math.abs(k("trips.onRoadTrucksMean") / ((240 * 100) / 1440) - 1)).toBeLessThan(0.15);
    // Only the loads are arrivals, crossings and trucks in the system; the stage counts include the trips.
    expect(k("importThroughputPerDay")).toBe(0);
    expect(Math.abs(k("exportThroughputPerDay") / k("exportArrivalsPerDay") - 1)).toBeLessThan(0.01);
    expect(r.stages.cnRelease!.throughput).toBe(Math.round(k("trips.stage.cnRelease.perDay") * 5));
    expect(r.conservation.holds).toBe(true);
    expect(r.series.sampled.tripTrucksOnRoad!.length).toBe(5 * 24);
  });

  it("partners take lane capacity from the loads that use the same lane", () => {
    const opts = { seed: 2, replication: 0 };
    const lane = { cnRelease: { type: "server", servers: 2, serviceMinutes: 5, zone: "cn", next: "cnRoad" } };
    // Imports alone at 300/day on a 576/day lane, then with 240 partners a day on it (94 % busy).
    const alone = simulate(tripNet({ partnerRoute: { import: ["cnRelease"] } }, lane, 300), opts);
    const shared = simulate(tripNet({}, lane, 300), opts);
    expect(alone.kpis["trips.partnerOfExport.perDay"]).toBeUndefined();
    expect(shared.stages.cnRelease!.utilization).toBeGreaterThan(alone.stages.cnRelease!.utilization + 0.3);
    expect(shared.stages.cnRelease!.waitMinutesMean).toBeGreaterThan(4 * alone.stages.cnRelease!.waitMinutesMean);
    expect(shared.kpis.importTimeInSystemMinutesMean!.value).toBeGreaterThan(
      alone.kpis.importTimeInSystemMinutesMean!.value + 10,
    );
    // The demand is the same in both runs (common random numbers): only the partners' trips differ.
    expect(shared.series.daily.importDemand).toEqual(alone.series.daily.importDemand);
  });

  it("a loaded truck that leaves while its partner is on the road sends the partner to nobody, leak-free", () => {
    const cfg = tripNet(
      { partnerArrivalMinutes: { type: "exponential", mean: 10 }, partnerYardStalls: 5 },
      {
        // Half the loaded trucks are lost 20 min after arrival, mostly after their partner set off.
        gate: { type: "delay", minutes: 20, next: "split" },
        split: {
          type: "branch",
          routes: [
            { percent: 50, to: "lost" },
            { percent: 50, to: "docks" },
          ],
        },
        lost: { type: "sink", lost: true },
      },
    );
    const r = simulate(cfg, { seed: 3, replication: 0 });
    expect(r.conservation.holds).toBe(true);
    expect(r.kpis["trips.partnersToNobodyPerDay"]!.value).toBeGreaterThan(50);
    expect(r.kpis.partnersUnmatchedPerDay!.value).toBeGreaterThan(100);
    expect(r.kpis.partnerYardTrucksMax!.value).toBeLessThanOrEqual(5);
    // Trip trucks never pile up: at most a few hours' worth are on the road at once.
    expect(r.kpis["trips.onRoadTrucksMax"]!.value).toBeLessThan(80);
  });

  it("refuses routes through branches, unknown stages or the docks, naming the field", () => {
    const bad = (route: string[]) => () => tripNet({ partnerRoute: { export: route } });
    expect(bad(["nowhere"])).toThrow(/stages\.docks\.rendezvous\.partnerRoute\.export\.0.*unknown stage/s);
    expect(bad(["cnRelease", "border"])).toThrow(/"border" is a sink/);
    expect(bad(["docks"])).toThrow(/docks cannot be on a trip route/);
    expect(() => tripNet({ emptyReturn: { import: [] } })).toThrow(/emptyReturn\.import.*at least one stage/s);
    expect(() =>
      tripNet({}, { cnRelease: { type: "server", servers: 1, serviceMinutes: 1, queueMax: 5, next: "cnRoad" } }),
    ).toThrow(/partnerRoute\.export\.0.*turns trucks away/s);
  });
});

describe("the baseline's partners and empties on the roads", () => {
  it("load the Chinese release, the specialized roads and the road zone (paired, 4 replications of 6 days)", async () => {
    const withTrips = loadShippedScenario("baseline-2026q1");
    const without = structuredClone(withTrips);
    const rv = (without.stages.transshipDocks as { rendezvous: Record<string, unknown> }).rendezvous;
    delete rv.partnerRoute;
    delete rv.emptyReturn;
    const r = await paired(compileScenario(parseScenario(without)), compileScenario(withTrips), {
      replications: 4,
      horizonDays: 6,
      warmupDays: 1,
    });
    // About 225 Chinese partners a day drive in through the release lanes and the road; 620 empties go back.
    for (const x of r.scenarios[1]!.results) {
      expect(x.kpis["trips.partnerOfExport.perDay"]!.value).toBeGreaterThan(180);
      expect(x.kpis["trips.emptyAfterImport.perDay"]!.value).toBeGreaterThan(500);
    }
    expectSignificant(diff(r, "zone.road.trucksMean"), "> 0", "trucks on the roads, with trips − without");
    expectSignificant(diff(r, "zone.cn.trucksMean"), "> 0", "trucks on the Chinese side");
    const util = (k: number) => r.scenarios[k]!.results.map((x) => x.stages.exportRoad!.utilization);
    for (let i = 0; i < 4; i++) expect(util(1)[i]!).toBeGreaterThan(util(0)[i]! + 0.2);
    // Loads are the same trucks either way (common random numbers): the trips are not arrivals.
    expect(diff(r, "arrivalsPerDay").diffMean).toBe(0);
  }, 120_000);

  it("trip trucks never balk, renege or get expelled: they drive on to their truck", () => {
    // Every load that reaches cnRelease balks (any line at all) and waits at most a minute, yet the partners
    // that drive through it must all arrive: a partner that left would strand its loaded truck.
    const cfg = tripNet(
      {},
      {
        cnRelease: {
          type: "server",
          servers: 1,
          serviceMinutes: 2,
          zone: "cn",
          balking: { rule: "lineLength", aboveTrucks: 0, percent: 100 },
          reneging: { patienceHours: 0.01 },
          next: "cnRoad",
        },
      },
    );
    const r = simulate(cfg, { seed: 3, replication: 0 });
    expect(r.conservation.holds).toBe(true);
    expect(r.conservation.balked).toBe(0);
    expect(r.conservation.reneged).toBe(0);
    expect(r.kpis["trips.partnersToNobodyPerDay"]!.value).toBe(0);
    // The partners queue at the single release lane (2 min each: 720 a day fit), and the exports cross.
    expect(r.kpis.exportThroughputPerDay!.value).toBeGreaterThan(200);
  });
});
