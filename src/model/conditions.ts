/**
 * Conditions on truck attributes (direction, cargo, channel, flags), compiled to bit masks by the scenario
 * layer so that a test costs a few integer operations per truck: branch routes and service adders use them.
 */
import type { ConditionConfig } from "./config.js";

/** Whether a truck with these attributes satisfies the condition. */
export function matches(c: ConditionConfig, dir: number, cargo: number, channel: number, flags: number): boolean {
  return (
    ((c.directionMask >>> dir) & 1) === 1 &&
    ((c.cargoMask >>> cargo) & 1) === 1 &&
    ((c.channelMask >>> (channel + 1)) & 1) === 1 &&
    (flags & c.flagsSet) === c.flagsSet &&
    (flags & c.flagsClear) === 0
  );
}
