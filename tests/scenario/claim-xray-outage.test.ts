/**
 * The shipped `xray-outage` shows what it claims (issue 12): against the same days without the outage
 * (common random numbers: same seed and replication indices), the X-ray line during the outage and the time
 * in system of the trucks arriving during it both rise, each with a 95 % interval that excludes zero, and the
 * arrivals are identical. Before, the outage took one of the province's four units and nothing moved: the
 * three left nearly keep up (the paired difference of the trucks' time in system was not significant), and
 * the line it built was only visible as a 12-day mean, counted in the yard.
 */
import { describe, expect, it } from "vitest";
import { diff, expectSignificant, paired, shipped } from "./claims.js";

describe("claim: xray-outage", () => {
  it("the X-ray line and the time in system of trucks arriving during the outage rise significantly", async () => {
    const outage = shipped("xray-outage");
    const without = shipped("xray-outage", { "stages.xray.capacityWindows": [] });
    // Eight days are enough: the outage is on day 5, the trucks arriving in it are followed to day 8.
    const r = await paired(without, outage, { replications: 8, horizonDays: 8 });
    const line = diff(r, "window.outage.xray.queueLengthMean");
    expectSignificant(line, "> 0", "X-ray line during the outage");
    expect(line.meanA).toBeLessThan(2);
    expect(line.ci95[0]).toBeGreaterThan(5);
    expectSignificant(
      diff(r, "window.outage.timeInSystemCensoredMinutesMean"),
      "> 0",
      "time in system of arrivals during the outage",
    );
    // Same trucks arrive in both arms.
    expect(diff(r, "window.outage.arrivals").diffSd).toBe(0);
    expect(diff(r, "window.outage.arrivals").diffMean).toBe(0);
  }, 120_000);
});
