/**
 * Built-in lane-allocation rules for two server stages that lend each other lanes (the Smart Gate's export
 * and import lanes, Youyi Guan's "tidal" lanes). Every review returns the new number of lanes moved from
 * stage B to stage A.
 */
import { MINUTE_MS } from "../config.js";
import type { LaneAllocationPolicy } from "./types.js";

/** Parameters of `shortestExpectedWait`. */
export interface ExpectedWaitParams {
  /** Difference of expected waits (minutes) that turns one more lane toward the slower side. */
  thresholdMinutes: number;
}

/** The built-in lane rules, by the name a scenario uses. */
export const laneAllocationBuiltins: Readonly<Record<string, LaneAllocationPolicy<object>>> = {
  fixed: {
    decision: "laneAllocation",
    description: "lanes stay as scheduled",
    review: () => 0,
  },
  reversibleByQueue: {
    decision: "laneAllocation",
    description:
      "tidal lanes: one lane turns toward the side whose queue is longer by the threshold, back when balanced",
    review: (l) => {
      const diff = l.a.waiting + l.a.blocked - (l.b.waiting + l.b.blocked);
      const t = l.thresholdTrucks;
      if (diff > t) return Math.min(l.shift + 1, l.lanesShiftMax);
      if (-diff > t) return Math.max(l.shift - 1, -l.lanesShiftMax);
      if (Math.abs(diff) < t / 2 && l.shift !== 0) return l.shift > 0 ? l.shift - 1 : l.shift + 1;
      return l.shift;
    },
  },
  shortestExpectedWait: {
    decision: "laneAllocation",
    description: "a lane turns toward the side where a truck arriving now would wait longer (expected wait)",
    defaults: { thresholdMinutes: 10 } satisfies ExpectedWaitParams,
    check: (p) => {
      const v = (p as Partial<ExpectedWaitParams>).thresholdMinutes;
      return typeof v === "number" && Number.isFinite(v) && v >= 0
        ? undefined
        : "thresholdMinutes must be a number >= 0";
    },
    review: (l, _gate, ctx) => {
      const t = (ctx.params as ExpectedWaitParams).thresholdMinutes * MINUTE_MS;
      const wa = l.a.expectedWaitMs;
      const wb = l.b.expectedWaitMs;
      // Both sides closed (Infinity): nothing to balance.
      if (!Number.isFinite(wa) && !Number.isFinite(wb)) return l.shift;
      if (wa - wb > t) return Math.min(l.shift + 1, l.lanesShiftMax);
      if (wb - wa > t) return Math.max(l.shift - 1, -l.lanesShiftMax);
      return l.shift;
    },
  } satisfies LaneAllocationPolicy<ExpectedWaitParams> as LaneAllocationPolicy<object>,
};
