/**
 * equipment-breakdowns shows what it claims: random failures of X-ray scanners, Smart Gate lanes and their
 * plate cameras make trucks wait longer than on the same days without them. Paired against smart-gate-2026
 * (common random numbers: same seed and replications; breakdowns draw only from streams of their own, so
 * the arrivals are identical): the X-ray line's wait, the gates' waits and the time in system all rise,
 * each with a 95 % interval above zero; every kind of unit reports its availability near
 * MTBF / (MTBF + MTTR). Seed 2026, replications 0..3, 14 days with 2 of warm-up.
 */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const REPS = 4;

describe("equipment-breakdowns against smart-gate-2026", () => {
  const broken = compileScenario(loadShippedScenario("equipment-breakdowns"));
  const intact = compileScenario(loadShippedScenario("smart-gate-2026"));
  const opts = { horizonDays: broken.horizonDays, warmupDays: broken.warmupDays };
  const run = (c: typeof broken) => Array.from({ length: REPS }, (_, i) => runCompiled(c, i, broken.seed, opts));
  const a = run(intact);
  const b = run(broken);
  const paired = (f: (r: ReplicationResult) => number) => pairedComparison(a.map(f), b.map(f));

  it("sees the same trucks arrive", () => {
    for (let i = 0; i < REPS; i++) expect(b[i]!.series.daily.arrivals).toEqual(a[i]!.series.daily.arrivals);
  });

  it("X-ray scanners down: the scan line waits longer", () => {
    const p = paired((r) => r.stages.xray!.waitMinutesMean);
    expect(p.significant).toBe(true);
    expect(p.ci95[0]).toBeGreaterThan(0);
    expect(p.meanB).toBeGreaterThan(1.5 * p.meanA);
  });

  it("lanes closed and cameras down: both gates wait longer", () => {
    for (const gate of ["exportGate", "importGate"]) {
      const p = paired((r) => r.stages[gate]!.waitMinutesMean);
      expect(p.significant, gate).toBe(true);
      expect(p.ci95[0], gate).toBeGreaterThan(0);
    }
  });

  it("trucks spend longer in the system", () => {
    const p = paired((r) => r.kpis.timeInSystemMinutesMean!.value);
    expect(p.significant).toBe(true);
    expect(p.ci95[0]).toBeGreaterThan(0);
  });

  it("reports each kind of unit's availability, near MTBF / (MTBF + MTTR)", () => {
    const avail = (key: string) => b.reduce((s, r) => s + r.kpis[key]!.value, 0) / REPS;
    // Scanners 48 h / (48 h + 5 h); lanes 96 h / (96 h + 1 h); cameras 24 h / (24 h + 0.75 h). Loose bounds:
    // 12 days of 4 scanners see only ~25 failures a replication.
    expect(avail("breakdown.xray.availability")).toBeGreaterThan(0.8);
    expect(avail("breakdown.xray.availability")).toBeLessThan(0.97);
    expect(avail("breakdown.exportGate.lanes.availability")).toBeGreaterThan(0.97);
    expect(avail("breakdown.importGate.cameras.availability")).toBeGreaterThan(0.95);
    expect(avail("breakdown.importGate.cameras.availability")).toBeLessThan(0.995);
    for (const r of a) expect(r.kpis["breakdown.xray.availability"]).toBeUndefined();
  });
});
