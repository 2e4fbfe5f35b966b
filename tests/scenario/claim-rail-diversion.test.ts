/**
 * rail-diversion claims that the loads diverted to rail are moved by rail, not lost, and that the road gate is
 * relieved (issue 12). Against the same scenario with no load offered to rail (same seed and replications:
 * common random numbers), the paired differences' 95 % intervals must exclude zero. 5 replications of 8 days
 * (2 of warm-up) at the scenario's seed.
 */
import { describe, expect, it } from "vitest";
import { summarize } from "../../src/stats/index.js";
import { diff, expectSignificant, paired, shipped } from "./claims.js";

describe("rail-diversion: diverted loads are moved by rail, and the road gate is relieved", () => {
  it("moves 15 % of the loads by train, loses none, and shortens the road queue and time in system", async () => {
    const rail = shipped("rail-diversion");
    const noRail = shipped("rail-diversion", {
      "stages.exportRailSplit.routes": [
        { percent: 0, to: "toExportRail" },
        { percent: 100, to: "exportApproach" },
      ],
      "stages.importRailSplit.routes": [
        { percent: 0, to: "importRail" },
        { percent: 100, to: "youyiRelease" },
      ],
    });
    const r = await paired(noRail, rail, { replications: 5, horizonDays: 8, warmupDays: 2 });
    const results = r.scenarios[1]!.results;

    // 15 % of the loads are offered to rail and every one of them leaves by train (no terminal overflows).
    const share = summarize(results.map((x) => x.kpis.railMovedPerDay!.value / x.kpis.arrivalsPerDay!.value));
    expect(share.ci95[0]).toBeGreaterThan(0.13);
    expect(share.ci95[1]).toBeLessThan(0.17);
    for (const x of results) {
      expect(x.kpis.lostPerDay!.value).toBe(0);
      expect(x.kpis.railOverflowPerDay!.value).toBe(0);
      const c = x.conservation;
      expect(c.holds).toBe(true);
      expect(c.movedByRail).toBeGreaterThan(0);
      expect(c.arrivals).toBe(c.cleared + c.movedByRail! + c.inSystemAtEnd + c.lost);
    }
    // Everything that arrives is moved, by road or rail, as much as by road alone without rail (within 2 %).
    const a = r.scenarios[0]!.results.map((x) => x.kpis.throughputPerDay!.value);
    const b = results.map((x) => x.kpis.throughputAllModesPerDay!.value);
    const all = summarize(b.map((y, i) => y - a[i]!));
    expect(Math.abs(all.mean) / summarize(a).mean).toBeLessThan(0.02);

    // The road gate is relieved: fewer trucks cleared by road, a shorter NH1A queue, less time in system.
    const road = diff(r, "throughputPerDay");
    expectSignificant(road, "< 0", "trucks cleared by road, rail − no rail");
    expect(road.relativeDiff).toBeLessThan(-0.12);
    expectSignificant(diff(r, "nh1aQueueTrucksMean"), "< 0", "NH1A queue, rail − no rail");
    expectSignificant(diff(r, "timeInSystemMinutesMean"), "< 0", "time in system, rail − no rail");

    // Trains, their fill and the wait for a train with its P95 are reported per terminal.
    const x = results[0]!;
    expect(x.kpis["rail.exportRail.trainsPerDay"]!.value).toBeGreaterThan(2.5);
    expect(x.kpis["rail.importRail.trainsPerDay"]!.value).toBe(6);
    for (const id of ["exportRail", "importRail"]) {
      const fill = x.kpis[`rail.${id}.trainFillMean`]!.value;
      expect(fill).toBeGreaterThan(0.3);
      expect(fill).toBeLessThan(1);
      expect(x.kpis[`rail.${id}.waitMinutesP95`]!.value).toBeGreaterThan(x.kpis[`rail.${id}.waitMinutesMean`]!.value);
    }
    expect(x.series.daily.railMoved!.length).toBe(6);
    expect(x.series.sampled["rail.importRail.waiting"]!.length).toBe(6 * 24);
  }, 120_000);
});
