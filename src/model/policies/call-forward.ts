/**
 * Built-in call-forward rules: the order in which trucks waiting in a yard or a line are called forward.
 * Each returns a rank when the truck joins the line (lower first, FIFO among equal ranks). The first four
 * are the classic class rules; `perishablesAgeing` gives perishables a head start in time instead of
 * absolute priority, so general cargo is never starved.
 */
import { MINUTE_MS } from "../config.js";
import type { CallForwardPolicy } from "./types.js";

/** Parameters of `perishablesAgeing`. */
export interface AgeingParams {
  /** Minutes a perishable load counts as having waited already (its head start over general cargo). */
  headStartMinutes: number;
  /** Minutes of head start of a booked truck (0: none). */
  bookedHeadStartMinutes: number;
}

/** A non-negative finite number, or a message naming the field. */
function nonNegative(params: object, key: string): string | undefined {
  const v = (params as Record<string, unknown>)[key];
  return typeof v === "number" && Number.isFinite(v) && v >= 0 ? undefined : `${key} must be a number >= 0`;
}

/** The built-in call-forward rules, by the name a scenario uses. */
export const callForwardBuiltins: Readonly<Record<string, CallForwardPolicy<object>>> = {
  fifo: {
    decision: "callForward",
    description: "first come, first called",
    rank: () => 0,
  },
  appointmentFirst: {
    decision: "callForward",
    description: "trucks with a booked slot before walk-ins",
    rank: (truck) => (truck.booked ? 0 : 1),
  },
  perishablesFirst: {
    decision: "callForward",
    description: "perishable loads (fruit, agricultural) before everything else",
    rank: (truck) => (truck.perishable ? 0 : 1),
  },
  perishablesThenAppointments: {
    decision: "callForward",
    description: "perishables first, then booked trucks, then the rest",
    rank: (truck) => (truck.perishable ? 0 : truck.booked ? 1 : 2),
  },
  perishablesAgeing: {
    decision: "callForward",
    description: "trucks in the order they joined, perishables (and optionally booked trucks) with a head start",
    defaults: { headStartMinutes: 120, bookedHeadStartMinutes: 0 } satisfies AgeingParams,
    check: (p) => nonNegative(p, "headStartMinutes") ?? nonNegative(p, "bookedHeadStartMinutes"),
    rank: (truck, gate, ctx) => {
      const p = ctx.params as AgeingParams;
      let headStart = 0;
      if (truck.perishable) headStart = p.headStartMinutes;
      else if (truck.booked) headStart = p.bookedHeadStartMinutes;
      return gate.nowMs - headStart * MINUTE_MS;
    },
  } satisfies CallForwardPolicy<AgeingParams> as CallForwardPolicy<object>,
};
