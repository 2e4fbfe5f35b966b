/**
 * The claim of the shipped `ecommerce-peak` scenario: during the 11.11 peak the parcel demand (2.8 times normal)
 * exceeds the sorting line's 600,000 parcels a day, a backlog of parcels builds and their wait grows, the gate
 * carries more parcel trucks, and the backlog clears after the peak. A paired comparison under common random
 * numbers against the same scenario without the peak (seed 2026, 3 replications of 14 days, 3 of warm-up, so
 * the run covers the peak of 10-13 November and the two days after it); 95 % intervals must exclude zero.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const N = 3;
const period = { horizonDays: 14, warmupDays: 3 };

function replications(sc: ReturnType<typeof loadShippedScenario>): ReplicationResult[] {
  const c = compileScenario(sc);
  return Array.from({ length: N }, (_, i) => runCompiled(c, i, 2026, period));
}

describe("ecommerce-peak shows what it claims", () => {
  const peak = loadShippedScenario("ecommerce-peak");
  const flat = applyOverrides(peak, { "parcels.peaks": [] });
  const a = replications(flat);
  const b = replications(peak);
  const kpi = (rs: ReplicationResult[], k: string) => rs.map((r) => r.kpis[k]!.value);
  const worse = (k: string) => {
    const p = pairedComparison(kpi(a, k), kpi(b, k));
    expect(p.ci95[0], `${k}: ${JSON.stringify(p)}`).toBeGreaterThan(0);
    return p;
  };

  it("the peak saturates the sorting line: a parcel backlog builds and parcels wait longer", () => {
    const backlog = worse("parcels.backlogEndOfDayMax");
    // More than a day of the line's spare capacity piles up (700,000 - 600,000 a day for four days).
    expect(backlog.meanB).toBeGreaterThan(250_000);
    expect(backlog.meanA).toBeLessThan(20_000);
    worse("parcels.lineWaitMinutesP95");
    worse("parcels.lineWaitMinutesMean");
    for (const r of b) expect(r.kpis["parcels.lineUtilization"]!.value).toBeGreaterThan(0.5);
  });

  it("the gate carries the extra parcel trucks, and every parcel shipped crosses with its truck", () => {
    worse("parcels.trucksPerDay");
    worse("exportThroughputPerDay");
    for (const r of b) {
      const k = (n: string) => r.kpis[n]!.value;
      expect(Math.abs(k("parcels.crossedPerDay") / k("parcels.shippedPerDay") - 1)).toBeLessThan(0.02);
      expect(r.conservation.holds).toBe(true);
    }
  });

  it("the backlog clears within two days of the peak", () => {
    for (const r of b) {
      const bl = r.series.daily.parcelsBacklog!;
      const max = Math.max(...bl);
      // The last measured day (15 November) ends with less than 5 % of the peak backlog.
      expect(bl[bl.length - 1]!).toBeLessThan(0.05 * max);
    }
  });
});
