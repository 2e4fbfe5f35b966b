/**
 * Keeps the baseline inside the reported ranges of GATE-MODEL.md §7 (seed 2026, replications 0..2, 30 days
 * with 3 days of warm-up), and December 2021 building a queue in the thousands within days.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import {
  calibrationTargets,
  compareToTargets,
  compileScenario,
  loadShippedScenario,
  runCompiled,
} from "../../src/scenario/index.js";

function runs(name: string, reps: number, horizonDays?: number): ReplicationResult[] {
  const c = compileScenario(loadShippedScenario(name));
  return Array.from({ length: reps }, (_, i) => runCompiled(c, i, c.seed, horizonDays ? { horizonDays } : {}));
}

describe("calibration against GATE-MODEL.md §7", () => {
  const results: Record<string, ReplicationResult[]> = {
    "baseline-2026q1": runs("baseline-2026q1", 3),
    "december-2021": runs("december-2021", 2, 14),
  };
  const rows = compareToTargets(results);

  it("has the targets as data", () => {
    expect(calibrationTargets.length).toBeGreaterThanOrEqual(5);
    for (const t of calibrationTargets) expect(t.low).toBeLessThan(t.high);
  });

  for (const id of ["T1.arrivals", "T1.exports", "T1.imports", "T2.clearance", "T7.dec2021"]) {
    it(`${id} is within the reported range`, () => {
      const row = rows.find((r) => r.id === id)!;
      expect(row.inRange, `${id}: simulated ${row.simulatedMean} vs ${row.reportedLow}-${row.reportedHigh}`).toBe(true);
    });
  }

  it("December 2021 queues in the thousands within a week", () => {
    for (const r of results["december-2021"]!) {
      const nh1a = r.series.sampled.nh1aQueue!;
      const yard = r.series.sampled.yardOccupancy!;
      const day7 = 7 * 24;
      expect((nh1a[day7] ?? 0) + (yard[day7] ?? 0)).toBeGreaterThan(1000);
    }
  });

  it("reports targets whose scenario was not run as not in range", () => {
    const row = rows.find((r) => r.id === "T2.peakDay")!;
    expect(row.replications).toBe(0);
    expect(row.inRange).toBe(false);
  });
});
