/**
 * Built-in balking rules: whether a truck reaching a stage with a `balking:` block turns away (to another
 * crossing, or out of the model). Each gets the stage's one uniform draw per truck, whatever it decides.
 */
import type { BalkingPolicy } from "./types.js";

/** The built-in balking rules, by the name a stage's `balking.rule` uses. */
export const balkingBuiltins: Readonly<Record<string, BalkingPolicy<object>>> = {
  lineLength: {
    decision: "balking",
    description: "balks when aboveTrucks or more are waiting (a share `percent` of such trucks)",
    balk: (_truck, _gate, _ctx, at) => at.lineTrucks >= at.lineTrucksMax && at.u < at.probability,
  },
  expectedWait: {
    decision: "balking",
    description:
      "threshold diversion: balks when the expected wait at the pace of the last 24 h exceeds aboveHours (no estimate yet: joins)",
    balk: (_truck, _gate, _ctx, at) => at.expectedWaitMs > at.expectedWaitMsMax && at.u < at.probability,
  },
};
