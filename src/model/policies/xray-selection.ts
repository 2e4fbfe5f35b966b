/**
 * Built-in X-ray selection rules. Each gets exactly one uniform draw per truck from the branch's stream,
 * whatever it decides, so changing the rule shifts no other stream (common random numbers).
 */
import type { XraySelectionPolicy } from "./types.js";

/** The built-in selection rules, by the name a scenario uses. */
export const xraySelectionBuiltins: Readonly<Record<string, XraySelectionPolicy<object>>> = {
  channelAndCargo: {
    decision: "xraySelection",
    description: "always the listed cargo classes (electronics, food) and channels (red), plus a random share",
    select: (truck, _gate, _ctx, u, rules) =>
      ((rules.cargoMask >>> truck.cargoIndex) & 1) === 1 ||
      ((rules.channelMask >>> (truck.channelIndex + 1)) & 1) === 1 ||
      u < rules.randomProbability,
  },
  rate: {
    decision: "xraySelection",
    description: "a flat selection rate for every truck, regardless of cargo or channel",
    select: (_truck, _gate, _ctx, u, rules) => u < rules.randomProbability,
  },
};
