/**
 * Comparisons under common random numbers and sweeps, on the shortened textbook M/M/1 (seed 4, 6
 * replications). A second server at rho 0.8 cuts the mean wait from about 4 min to about 0.15 min, far
 * beyond any interval 6 replications give; a scenario against itself differs by exactly 0.
 */
import { describe, expect, it } from "vitest";
import {
  compareScenarios,
  ErrorCodes,
  gridPoints,
  InlineExecutor,
  PiscinaExecutor,
  runSweep,
} from "../../src/runner/index.js";

const inline = new InlineExecutor();

import { applyOverrides, loadShippedScenario } from "../../src/scenario/index.js";
import {
  aggregateReplications,
  renderCompareTable,
  renderSweepTable,
  reportKpis,
  sweepCsvRows,
} from "../../src/stats/index.js";
import { smallMm1, withoutTiming } from "./helpers.js";

describe("compareScenarios", () => {
  const a = smallMm1(2);
  const b = smallMm1(2, { "stages.station.servers": 2 });

  it("pairs replications (CRN): a scenario against itself differs by exactly 0", async () => {
    const { report } = await compareScenarios([a, a], { replications: 4, seed: 4, executor: inline });
    const d = report.differences[0]?.kpis.timeInSystemMinutesMean;
    expect(d?.diffMean).toBe(0);
    expect(d?.ci95).toEqual([0, 0]);
    expect(d?.significant).toBe(false);
  });

  it("finds a second server significant, with paired intervals, and the same arrivals on both sides", async () => {
    const { report, scenarios } = await compareScenarios([a, b], { replications: 6, seed: 4, executor: inline });
    expect(report.reference).toBe(a.name);
    const wait = report.differences[0]?.kpis.timeInSystemMinutesMean;
    expect(wait?.significant).toBe(true);
    expect(wait?.diffMean).toBeLessThan(0);
    expect(wait?.ci95[1]).toBeLessThan(0);
    expect(wait?.n).toBe(6);
    // Common random numbers: the arrival stream is the same in both scenarios, replication by replication.
    for (let i = 0; i < 6; i++) {
      expect(scenarios[1]?.results[i]?.conservation.arrivals).toBe(scenarios[0]?.results[i]?.conservation.arrivals);
    }
    expect(renderCompareTable(report)).toContain("timeInSystemMinutesMean");
    expect(Object.keys(report).at(-1)).toBe("timing");
  });

  it("reports the figures of the full aggregate, and gives that aggregate, series included, when read", async () => {
    const { report, scenarios } = await compareScenarios([a, b], { replications: 4, seed: 4, executor: inline });
    scenarios.forEach((side, i) => {
      const full = aggregateReplications(side.results);
      expect(report.scenarios[i]?.kpis).toEqual(reportKpis(full));
      expect(report.scenarios[i]?.conservation).toEqual(full.conservation);
      expect(Object.keys(full.series.sampled).length).toBeGreaterThan(0);
      expect(side.aggregate).toEqual(full);
      expect(JSON.parse(JSON.stringify(side)).aggregate).toEqual(JSON.parse(JSON.stringify(full)));
    });
    expect(report.timing.events).toBe(scenarios.reduce((s, x) => s + aggregateReplications(x.results).events, 0));
  });

  it("gives the same comparison on a 2-thread pool", async () => {
    const reference = await compareScenarios([a, b], { replications: 4, seed: 4, executor: inline });
    const executor = new PiscinaExecutor({ threads: 2 });
    try {
      const pooled = await compareScenarios([a, b], { replications: 4, seed: 4, executor });
      expect(withoutTiming(pooled.report)).toBe(withoutTiming(reference.report));
    } finally {
      await executor.close();
    }
  });

  it("needs two scenarios and two replications", async () => {
    await expect(compareScenarios([a], { replications: 4, seed: 1 })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTIONS,
    });
    await expect(compareScenarios([a, b], { replications: 1, seed: 1 })).rejects.toMatchObject({
      code: ErrorCodes.INVALID_OPTIONS,
    });
  });
});

describe("runSweep", () => {
  it("expands the grid first path slowest", () => {
    expect(gridPoints({ a: [1, 2], b: ["x", "y"] })).toEqual([
      { a: 1, b: "x" },
      { a: 1, b: "y" },
      { a: 2, b: "x" },
      { a: 2, b: "y" },
    ]);
    expect(() => gridPoints({ a: [] })).toThrow(/no values/);
  });

  it("runs one row per point with KPI means and intervals", async () => {
    const base = applyOverrides(loadShippedScenario("mm1"), { horizonDays: 2, warmupDays: 0.25 });
    const report = await runSweep(
      base,
      { "stages.station.servers": [1, 2, 3] },
      { replications: 3, seed: 4, executor: inline },
    );
    expect(report.rows).toHaveLength(3);
    const waits = report.rows.map((r) => r.kpis.timeInSystemMinutesMean?.mean as number);
    expect(waits[0]).toBeGreaterThan(waits[1] as number);
    expect(waits[1]).toBeGreaterThan(waits[2] as number);
    expect(new Set(report.rows.map((r) => r.scenarioHash)).size).toBe(3);
    expect(report.rows[0]?.point).toEqual({ "stages.station.servers": 1 });
    expect(renderSweepTable(report, ["timeInSystemMinutesMean"])).toContain("stages.station.servers");
    const csv = sweepCsvRows(report);
    expect(csv[0]?.slice(0, 2)).toEqual(["stages.station.servers", "scenario_hash"]);
    expect(csv).toHaveLength(4);
  });

  it("refuses grids beyond the point limit before running anything", async () => {
    const base = loadShippedScenario("mm1");
    await expect(
      runSweep(base, { "stages.station.servers": [1, 2, 3] }, { replications: 1, seed: 1, pointsMax: 2 }),
    ).rejects.toMatchObject({ code: ErrorCodes.INVALID_OPTIONS });
  });
});
