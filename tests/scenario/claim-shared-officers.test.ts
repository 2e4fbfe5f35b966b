/**
 * shared-officers claims that pooling the 20 officers of document review (14) and X-ray image review (6),
 * image reviews first, cuts the wait for an officer against dedicated officers (the baseline), and that
 * its Sunday roster of 14 costs waiting against the same pool with 20 on Sundays. Both are paired (common
 * random numbers: the same seed and replications), each with a 95 % interval that excludes zero; the
 * figure is the mean wait for an officer per reviewed truck (the stage's line plus the pool's line).
 * Seed 2026, replications 0..7, 14 days with 2 of warm-up.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { pairedComparison } from "../../src/stats/index.js";
import { expectSignificant, paired, shipped } from "./claims.js";

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

const options = { replications: 8, horizonDays: 14, warmupDays: 2 };
const results = (r: Awaited<ReturnType<typeof paired>>) =>
  r.scenarios.map((s) => s.results) as [ReplicationResult[], ReplicationResult[]];

describe("shared-officers", () => {
  const fullSundays = shipped("shared-officers", { "pools.officers.weekdays": { sun: { servers: 20 } } });

  it("pooling the same 20 officers cuts the wait for an officer", async () => {
    const [dedicated, pooled] = results(await paired(shipped("baseline-2026q1"), fullSundays, options));
    expectSignificant(
      pairedComparison(dedicated.map(reviewWait), pooled.map(reviewWait)),
      "< 0",
      "wait for an officer, pooled − dedicated",
    );
    // Image reviews come first, so scanned trucks are not held up for long; arrivals and the gates upstream
    // of the officers are untouched.
    for (let i = 0; i < pooled.length; i++) {
      expect(pooled[i]!.kpis["pool.officers.imageReview.waitMinutesMean"]!.value).toBeLessThan(2);
      expect(pooled[i]!.series.daily.arrivals).toEqual(dedicated[i]!.series.daily.arrivals);
      expect(pooled[i]!.stages.exportGate).toEqual(dedicated[i]!.stages.exportGate);
    }
  }, 120_000);

  it("the Sunday roster of 14 costs waiting against 20 on Sundays", async () => {
    const [full, roster] = results(await paired(fullSundays, shipped("shared-officers"), options));
    expectSignificant(
      pairedComparison(full.map(reviewWait), roster.map(reviewWait)),
      "> 0",
      "wait for an officer, 14 on Sundays − 20",
    );
    const onDuty = (r: ReplicationResult) => r.kpis["pool.officers.membersOnDutyMean"]!.value;
    for (let i = 0; i < roster.length; i++) expect(onDuty(roster[i]!)).toBeLessThan(onDuty(full[i]!));
  }, 120_000);
});
