/**
 * ecommerce-peak claims that during the 11.11 peak the parcel demand (2.8 times normal) exceeds the sorting
 * line's 600,000 parcels a day: a backlog of parcels builds and their wait grows, the gate carries more parcel
 * trucks, and the backlog clears after the peak. Against the same scenario without the peak (same seed and
 * replications: common random numbers), the paired differences' 95 % intervals must exclude zero. 3
 * replications of 14 days (3 of warm-up): the run covers the peak (10-13 November) and the two days after it.
 */
import { describe, expect, it } from "vitest";
import { diff, expectSignificant, paired, shipped } from "./claims.js";

describe("ecommerce-peak: the 11.11 peak saturates the parcel line, then clears", () => {
  it("builds a parcel backlog and longer parcel waits, sends more parcel trucks, and clears after", async () => {
    const flat = shipped("ecommerce-peak", { "parcels.peaks": [] });
    const peak = shipped("ecommerce-peak");
    const r = await paired(flat, peak, { replications: 3, horizonDays: 14, warmupDays: 3 });

    const backlog = diff(r, "parcels.backlogEndOfDayMax");
    expectSignificant(backlog, "> 0", "parcel backlog at the end of a day, max, peak − no peak");
    // More than a day of the line's spare capacity piles up (700,000 - 600,000 a day for four days).
    expect(backlog.meanB).toBeGreaterThan(250_000);
    expect(backlog.meanA).toBeLessThan(20_000);
    expectSignificant(diff(r, "parcels.lineWaitMinutesP95"), "> 0", "parcel wait for the line, P95");
    expectSignificant(diff(r, "parcels.lineWaitMinutesMean"), "> 0", "parcel wait for the line, mean");
    // The gate carries the extra parcel trucks.
    expectSignificant(diff(r, "parcels.trucksPerDay"), "> 0", "parcel trucks a day");
    expectSignificant(diff(r, "exportThroughputPerDay"), "> 0", "exports cleared a day");

    for (const x of r.scenarios[1]!.results) {
      const k = (n: string) => x.kpis[n]!.value;
      expect(k("parcels.lineUtilization")).toBeGreaterThan(0.5);
      // Every parcel shipped crosses with its truck (the few on the road at the horizon aside).
      expect(Math.abs(k("parcels.crossedPerDay") / k("parcels.shippedPerDay") - 1)).toBeLessThan(0.02);
      expect(x.conservation.holds).toBe(true);
      // The last measured day (15 November) ends with less than 5 % of the peak backlog.
      const bl = x.series.daily.parcelsBacklog!;
      expect(bl[bl.length - 1]!).toBeLessThan(0.05 * Math.max(...bl));
    }
  }, 120_000);
});
