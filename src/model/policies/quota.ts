/**
 * Built-in adaptive appointment quotas: the quota of a slot in force when a booking is considered, from
 * the time-of-day table's quota and the load of a watched stage (the park yard's occupancy, or the backlog
 * waiting for the Chinese side's capped acceptance). The quota may be fractional: a slot accepts while its
 * bookings are below it.
 */
import type { QuotaLoad, QuotaPolicy } from "./types.js";

/** Factor 1 up to `fromPercent` of load, falling linearly to `minPercent` / 100 at `toPercent` and beyond. */
function loadFactor(loadPercent: number, s: QuotaLoad): number {
  if (loadPercent <= s.fromPercent) return 1;
  const min = s.minPercent / 100;
  if (loadPercent >= s.toPercent) return min;
  return 1 - ((1 - min) * (loadPercent - s.fromPercent)) / (s.toPercent - s.fromPercent);
}

/** The built-in quota rules, by the name a scenario's `quotaRule.rule` uses. */
export const quotaBuiltins: Readonly<Record<string, QuotaPolicy<object>>> = {
  fixed: {
    decision: "quota",
    description: "the table's quota, whatever the state",
    quota: (slot) => slot.quota,
  },
  yardOccupancy: {
    decision: "quota",
    description: "fewer bookings while the watched yard fills (occupancy from fromPercent to toPercent)",
    quota: (slot, _gate, _ctx, load) => slot.quota * loadFactor(load.occupancyPercent, load),
  },
  acceptanceBacklog: {
    decision: "quota",
    description:
      "fewer bookings while trucks already wait for the Chinese side's acceptance (backlog in % of its daily cap)",
    quota: (slot, _gate, _ctx, load) => slot.quota * loadFactor(load.backlogPercent, load),
  },
};
