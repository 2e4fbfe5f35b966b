/**
 * shared-officers shows what it claims: pooling the 20 officers of document review (14) and X-ray image
 * review (6), image reviews first, cuts the mean wait for an officer per reviewed truck against dedicated
 * officers (the baseline); and the Sunday roster of 14 costs waiting against the same pool with 20 on
 * Sundays. Both are paired (common random numbers: same seed and replications), each with a 95 % interval
 * that excludes zero. Seed 2026, replications 0..4, 14 days with 2 of warm-up.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { applyOverrides, compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const REPS = 5;

/** Mean wait for an officer per reviewed truck, minutes: the stage's line plus the pool's line. */
function reviewWait(r: ReplicationResult): number {
  let wait = 0;
  let trucks = 0;
  for (const id of ["docReview", "imageReview"]) {
    const st = r.stages[id]!;
    const pool = r.kpis[`pool.officers.${id}.waitMinutesMean`]?.value ?? 0;
    wait += (st.waitMinutesMean + pool) * st.throughput;
    trucks += st.throughput;
  }
  return wait / trucks;
}

describe("shared-officers", () => {
  const shared = loadShippedScenario("shared-officers");
  const arms = {
    dedicated: compileScenario(loadShippedScenario("baseline-2026q1")),
    pooled: compileScenario(applyOverrides(shared, { "pools.officers.weekdays": { sun: { servers: 20 } } })),
    shared: compileScenario(shared),
  };
  const opts = { horizonDays: 14, warmupDays: 2 };
  const runs = Object.fromEntries(
    Object.entries(arms).map(([k, c]) => [
      k,
      Array.from({ length: REPS }, (_, i) => runCompiled(c, i, shared.seed, opts)),
    ]),
  ) as Record<keyof typeof arms, ReplicationResult[]>;

  it("pooling the same 20 officers cuts the wait for an officer", () => {
    const p = pairedComparison(runs.dedicated.map(reviewWait), runs.pooled.map(reviewWait));
    expect(p.significant).toBe(true);
    expect(p.ci95[1]).toBeLessThan(0);
    // Image reviews come first, so scanned trucks are not held up for long.
    for (const r of runs.pooled) expect(r.kpis["pool.officers.imageReview.waitMinutesMean"]!.value).toBeLessThan(2);
  });

  it("the Sunday roster of 14 costs waiting against 20 on Sundays", () => {
    const p = pairedComparison(runs.pooled.map(reviewWait), runs.shared.map(reviewWait));
    expect(p.significant).toBe(true);
    expect(p.ci95[0]).toBeGreaterThan(0);
    const onDuty = (r: ReplicationResult) => r.kpis["pool.officers.membersOnDutyMean"]!.value;
    // 14 instead of 20 on duty on the two Sundays of the twelve measured days.
    for (const r of runs.shared) expect(onDuty(r)).toBeLessThan(onDuty(runs.pooled[0]!));
  });

  it("leaves arrivals and everything upstream of the officers alone", () => {
    for (let i = 0; i < REPS; i++) {
      expect(runs.shared[i]!.series.daily.arrivals).toEqual(runs.dedicated[i]!.series.daily.arrivals);
      expect(runs.shared[i]!.stages.exportGate).toEqual(runs.dedicated[i]!.stages.exportGate);
    }
  });
});
