/**
 * equipment-breakdowns claims that random failures of X-ray scanners, Smart Gate lanes and their plate
 * cameras make trucks wait longer than on the same days without them. Against smart-gate-2026 (common
 * random numbers: the same seed and replications; breakdowns draw only from streams of their own, so the
 * arrivals are identical), the X-ray line's wait, both gates' waits and the time in system rise, each with
 * a 95 % interval above zero; every kind of unit reports its availability near MTBF / (MTBF + MTTR).
 * Seed 2026, replications 0..7, 14 days with 2 of warm-up (the lanes' effect on the export gate's wait is
 * small, +0.4 min of ~20 with booking, and needs the 8 pairs).
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { pairedComparison } from "../../src/stats/index.js";
import { diff, expectSignificant, paired, shipped } from "./claims.js";

describe("equipment-breakdowns: random failures against the same days without them", () => {
  it("lengthens the X-ray and gate waits and the time in system", async () => {
    const r = await paired(shipped("smart-gate-2026"), shipped("equipment-breakdowns"), {
      replications: 8,
      horizonDays: 14,
      warmupDays: 2,
    });
    const [intact, broken] = r.scenarios.map((s) => s.results) as [ReplicationResult[], ReplicationResult[]];
    for (let i = 0; i < intact.length; i++) {
      expect(broken[i]!.series.daily.arrivals).toEqual(intact[i]!.series.daily.arrivals);
    }
    const stageWait = (id: string) =>
      pairedComparison(
        intact.map((x) => x.stages[id]!.waitMinutesMean),
        broken.map((x) => x.stages[id]!.waitMinutesMean),
      );
    const xray = stageWait("xray");
    expectSignificant(xray, "> 0", "X-ray wait, breakdowns − none");
    expect(xray.meanB).toBeGreaterThan(1.5 * xray.meanA);
    expectSignificant(stageWait("exportGate"), "> 0", "export gate wait");
    expectSignificant(stageWait("importGate"), "> 0", "import gate wait");
    expectSignificant(diff(r, "timeInSystemMinutesMean"), "> 0", "time in system");

    // Availability of each kind of unit: scanners 48 h / (48 h + 5 h), lanes 96 h / (96 h + 1 h), cameras
    // 24 h / (24 h + 0.75 h). Loose bounds: 12 days of 4 scanners see only ~25 failures a replication.
    const avail = (key: string) => broken.reduce((s, x) => s + x.kpis[key]!.value, 0) / broken.length;
    expect(avail("breakdown.xray.availability")).toBeGreaterThan(0.8);
    expect(avail("breakdown.xray.availability")).toBeLessThan(0.97);
    expect(avail("breakdown.exportGate.lanes.availability")).toBeGreaterThan(0.97);
    expect(avail("breakdown.importGate.cameras.availability")).toBeGreaterThan(0.95);
    expect(avail("breakdown.importGate.cameras.availability")).toBeLessThan(0.995);
    for (const x of intact) expect(x.kpis["breakdown.xray.availability"]).toBeUndefined();
  }, 120_000);
});
