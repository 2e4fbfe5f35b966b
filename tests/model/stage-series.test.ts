/**
 * Transients (issue 12, item 7): per-stage series of line length, busy, blocked and servers in force, hourly
 * with the calendar the consumer needs to label them, bounded in size whatever the horizon.
 */
import { describe, expect, it } from "vitest";
import { HOUR_MS, simulate } from "../../src/model/index.js";
import { STAGE_SERIES_POINTS_MAX, stageSeriesStepMs } from "../../src/model/observers/stage-series.js";
import { compileScenario, loadShippedScenario } from "../../src/scenario/index.js";

describe("stage series", () => {
  it("are hourly up to 31 measured days, then coarser so no series exceeds 744 points", () => {
    expect(STAGE_SERIES_POINTS_MAX).toBe(744);
    expect(stageSeriesStepMs(30 * 24 * HOUR_MS)).toBe(HOUR_MS);
    expect(stageSeriesStepMs(31 * 24 * HOUR_MS)).toBe(HOUR_MS);
    expect(stageSeriesStepMs(32 * 24 * HOUR_MS)).toBe(2 * HOUR_MS);
    expect(stageSeriesStepMs(366 * 24 * HOUR_MS)).toBe(12 * HOUR_MS);
    for (const days of [1, 10, 45, 100, 200, 366, 1000]) {
      expect(Math.ceil((days * 24 * HOUR_MS) / stageSeriesStepMs(days * 24 * HOUR_MS))).toBeLessThanOrEqual(744);
    }
  });

  it("show the X-ray outage on its calendar day and hours, and agree with the stage figures", () => {
    const c = compileScenario(loadShippedScenario("xray-outage"));
    const r = simulate(c.config, { seed: c.seed, replication: 0 });
    expect(r.calendar).toEqual({ startDate: "2024-03-04", utcOffsetHours: 7 });
    expect(r.series.stageStepMinutes).toBe(60);
    const servers = r.series.stages["xray.servers"]!;
    const queue = r.series.stages["xray.queue"]!;
    expect(servers.length).toBe((r.horizonDays - r.warmupDays) * 24);
    // Index i covers [startDate + warmupDays + i h, +1 h): the outage is 2024-03-09 10:00-16:00 local time.
    const at = (day: number, hour: number): number => (day - r.warmupDays) * 24 + hour;
    // The unit taken out at 10:00 finishes the scan it has begun (a few minutes in force), then one is left.
    expect(servers[at(5, 10)]).toBeGreaterThanOrEqual(1);
    expect(servers[at(5, 10)]).toBeLessThan(1.1);
    for (let h = 11; h < 16; h++) expect(servers[at(5, h)]).toBe(1);
    expect(servers[at(5, 9)]).toBe(2);
    expect(servers[at(5, 16)]).toBe(2);
    expect(servers[at(4, 12)]).toBe(2);
    // The line builds during the outage and is far longer than on the day before at the same hours.
    const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(queue.slice(at(5, 10), at(5, 16)))).toBeGreaterThan(3 * mean(queue.slice(at(4, 10), at(4, 16))) + 1);
    // Means over the measured period agree with the stage's figures.
    expect(mean(queue)).toBeCloseTo(r.stages.xray!.queueLengthMean, 2);
    expect(mean(r.series.stages["xray.blocked"]!) / mean(servers)).toBeCloseTo(r.stages.xray!.blockedShare, 2);
    expect(mean(r.series.stages["parkYard.busy"]!)).toBeCloseTo(r.stages.parkYard!.heldMean, 1);
    // The measure window reports the same line.
    expect(r.kpis["window.outage.xray.queueLengthMean"]!.value).toBeCloseTo(mean(queue.slice(at(5, 10), at(5, 16))), 2);
  });
});
