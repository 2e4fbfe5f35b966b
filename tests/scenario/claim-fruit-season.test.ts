/**
 * fruit-season claims that the Chinese acceptance cap (600 export trucks a day) binds. Against the same
 * scenario with the cap lifted (same seed and replications: common random numbers), exports clear less,
 * at the cap, and the export surplus stays in the system: the end-of-day backlog and the time in system rise.
 */
import { describe, expect, it } from "vitest";
import { diff, expectSignificant, paired, shipped } from "./claims.js";

describe("fruit-season: the Chinese acceptance cap binds", () => {
  it("clears exports at the cap, fewer than without it, with a longer queue", async () => {
    const capped = shipped("fruit-season");
    const uncapped = shipped("fruit-season", { "stages.youyiAccept.dailyCapTrucks": 2000 });
    const r = await paired(uncapped, capped, { replications: 6, horizonDays: 21, warmupDays: 3 });
    const exportsDiff = diff(r, "exportThroughputPerDay");
    expectSignificant(exportsDiff, "< 0", "export clearance, cap − no cap");
    // At the cap: the Chinese day starts at 23:00 Vietnamese time, so a measured day may see a little more.
    expect(exportsDiff.meanB).toBeLessThanOrEqual(600 * (1 + 1 / 18));
    expect(exportsDiff.meanB).toBeGreaterThan(590);
    // Without the cap the Vietnamese side passes the surge: the cap, not the gate, is what limits.
    expect(exportsDiff.meanA).toBeGreaterThan(640);
    expectSignificant(diff(r, "backlogEndOfDayMax"), "> 0", "trucks in the system at the end of a day, max");
    expectSignificant(diff(r, "timeInSystemMinutesMean"), "> 0", "time in system");
  }, 120_000);
});
