/**
 * The claim of the shipped `rail-diversion` scenario (issue 12): the loads diverted to rail are moved by rail,
 * not lost, and the road gate is relieved. A paired comparison under common random numbers against the same
 * scenario with no load offered to rail (same seed and replications): the differences' 95 % intervals must
 * exclude zero. Seed 2026, 5 replications of 8 days (2 of warm-up).
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";
import { pairedComparison, summarize } from "../../src/stats/index.js";

const N = 5;
const period = { horizonDays: 8, warmupDays: 2 };

function replications(sc: ReturnType<typeof loadShippedScenario>): ReplicationResult[] {
  const c = compileScenario(sc);
  return Array.from({ length: N }, (_, i) => runCompiled(c, i, 2026, period));
}

describe("rail-diversion shows what it claims", () => {
  const rail = loadShippedScenario("rail-diversion");
  const noRail = applyOverrides(rail, {
    "stages.exportRailSplit.routes": [
      { percent: 0, to: "toExportRail" },
      { percent: 100, to: "exportApproach" },
    ],
    "stages.importRailSplit.routes": [
      { percent: 0, to: "importRail" },
      { percent: 100, to: "youyiRelease" },
    ],
  });
  const a = replications(noRail);
  const b = replications(rail);
  const kpi = (rs: ReplicationResult[], k: string) => rs.map((r) => r.kpis[k]!.value);

  it("diverted loads are moved by rail, never lost, and the conservation check counts them", () => {
    const share = summarize(b.map((r) => r.kpis.railMovedPerDay!.value / r.kpis.arrivalsPerDay!.value));
    // 15 % of the loads are offered to rail and every one of them leaves by train (no terminal overflows).
    expect(share.ci95[0]).toBeGreaterThan(0.13);
    expect(share.ci95[1]).toBeLessThan(0.17);
    for (const r of b) {
      expect(r.kpis.lostPerDay!.value).toBe(0);
      expect(r.kpis.railOverflowPerDay!.value).toBe(0);
      const c = r.conservation;
      expect(c.holds).toBe(true);
      expect(c.movedByRail).toBeGreaterThan(0);
      expect(c.arrivals).toBe(c.cleared + c.movedByRail! + c.inSystemAtEnd + c.lost);
    }
    // Everything that arrives is moved, by road or by rail, as much as without rail (the same trucks, CRN).
    const all = pairedComparison(kpi(a, "throughputPerDay"), kpi(b, "throughputAllModesPerDay"));
    expect(Math.abs(all.diffMean) / all.meanA).toBeLessThan(0.02);
  });

  it("the road gate is relieved: fewer trucks cleared by road, a shorter NH1A queue and time in system", () => {
    const road = pairedComparison(kpi(a, "throughputPerDay"), kpi(b, "throughputPerDay"));
    expect(road.ci95[1]).toBeLessThan(0);
    expect(road.relativeDiff).toBeLessThan(-0.12);
    const nh1a = pairedComparison(kpi(a, "nh1aQueueTrucksMean"), kpi(b, "nh1aQueueTrucksMean"));
    expect(nh1a.significant).toBe(true);
    expect(nh1a.ci95[1]).toBeLessThan(0);
    const tis = pairedComparison(kpi(a, "timeInSystemMinutesMean"), kpi(b, "timeInSystemMinutesMean"));
    expect(tis.significant).toBe(true);
    expect(tis.ci95[1]).toBeLessThan(0);
  });

  it("reports trains, their fill and the wait for a train with its P95", () => {
    const r = b[0]!;
    expect(r.kpis["rail.exportRail.trainsPerDay"]!.value).toBeGreaterThan(2.5);
    expect(r.kpis["rail.importRail.trainsPerDay"]!.value).toBe(6);
    for (const id of ["exportRail", "importRail"]) {
      const fill = r.kpis[`rail.${id}.trainFillMean`]!.value;
      expect(fill).toBeGreaterThan(0.3);
      expect(fill).toBeLessThan(1);
      expect(r.kpis[`rail.${id}.waitMinutesP95`]!.value).toBeGreaterThan(r.kpis[`rail.${id}.waitMinutesMean`]!.value);
    }
    expect(r.series.daily.railMoved!.length).toBe(6);
    expect(r.series.sampled["rail.importRail.waiting"]!.length).toBe(6 * 24);
  });
});
