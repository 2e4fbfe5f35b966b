/**
 * smart-gate-2030 is sized for Decision 865's ×4–5 clearance capacity everywhere but the specialized road,
 * which has its 14 planned lanes; it claims that the road caps it at about ×2.8 of today's capacity, and that
 * twice the road's throughput would reach about ×3.6, with the gates limiting next.
 *
 * A gate's clearance capacity is what it clears per day while its queue grows (the capacity experiment's
 * definition; `tests/runner/capacity.test.ts` checks it on M/M/1). Each scenario is run overloaded, with its
 * demand scaled so that the unserved demand clearly grows, with the same seed and replications (common
 * random numbers); the ratio of the clearances is compared with the claim, and the saturated stages named.
 * Seed 2026, replications 0..2, 14 days with 3 of warm-up.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { InlineExecutor, scaleDemand, slope } from "../../src/runner/index.js";
import type { CompiledScenario } from "../../src/scenario/index.js";
import { summarize } from "../../src/stats/index.js";
import { shipped } from "./claims.js";

const REPS = 3;
const inline = new InlineExecutor();

async function overloaded(c: CompiledScenario, factor: number): Promise<ReplicationResult[]> {
  const scaled = scaleDemand(c, factor, "both");
  const tasks = Array.from({ length: REPS }, (_, i) => ({
    compiled: scaled,
    seed: 2026,
    replication: i,
    horizonDays: 14,
    warmupDays: 3,
  }));
  const out = await inline.run(tasks);
  const results = out.results as ReplicationResult[];
  // Overloaded: in every replication the trucks inside at the end of the day keep growing by hundreds a day.
  for (const r of results) expect(slope(r.series.daily.backlogEndOfDay!)).toBeGreaterThan(100);
  return results;
}

const clearance = (rs: ReplicationResult[]) => summarize(rs.map((r) => r.kpis.throughputPerDay!.value));
const use = (rs: ReplicationResult[], stage: string) =>
  rs.reduce((a, r) => a + r.stages[stage]!.utilization, 0) / rs.length;

describe("smart-gate-2030 against Decision 865's ×4–5", () => {
  it("clears about 2.8 times today's capacity, capped by the 14-lane road; twice the road reaches about 3.6", async () => {
    const today = clearance(await overloaded(shipped("baseline-2026q1"), 1.6));
    const sg = await overloaded(shipped("smart-gate-2030"), 2.8);
    const wider = await overloaded(
      shipped("smart-gate-2030", { "stages.importRoad.servers": 70, "stages.exportRoad.servers": 70 }),
      3.8,
    );
    const c2030 = clearance(sg);
    const cWider = clearance(wider);
    // Intervals are narrow (a saturated gate clears at its pace): the ratios are read from the means.
    for (const s of [today, c2030, cWider]) expect(s.halfWidth / s.mean).toBeLessThan(0.02);
    expect(today.mean).toBeGreaterThan(2000);
    expect(today.mean).toBeLessThan(2200);
    const ratio = c2030.mean / today.mean;
    expect(ratio).toBeGreaterThan(2.5);
    expect(ratio).toBeLessThan(3.1);
    // The road is what limits: both directions saturated, the other stages with room to spare.
    expect(use(sg, "importRoad")).toBeGreaterThan(0.97);
    expect(use(sg, "exportRoad")).toBeGreaterThan(0.97);
    for (const s of ["importGate", "exportGate", "docReview", "xray", "transshipDocks", "youyiRelease"]) {
      expect(use(sg, s), s).toBeLessThan(0.92);
    }
    // Twice the road's throughput: more, but still short of ×4, and the gate lanes are what limit then.
    const ratioWider = cWider.mean / today.mean;
    expect(ratioWider).toBeGreaterThan(3.3);
    expect(ratioWider).toBeLessThan(4);
    expect(use(wider, "importGate")).toBeGreaterThan(0.97);
    expect(use(wider, "exportGate")).toBeGreaterThan(0.97);
    expect(use(wider, "importRoad")).toBeLessThan(0.9);
  }, 240_000);
});
