/**
 * Named, pluggable policies. Each registry maps a policy name (the word a scenario uses) to a small pure
 * rule. A researcher adds a policy by adding one entry here; the scenario validator lists the keys of these
 * registries, so a new entry is immediately a valid scenario value and an unknown one is an error.
 */
import { TruckFlag } from "./config.js";

/** What a rule may read about one truck (the pooled columns of the truck, read-only). */
export interface TruckView {
  /** Flag bits of the truck (see TruckFlag). */
  flags(truck: number): number;
  cargo(truck: number): number;
  channel(truck: number): number;
  direction(truck: number): number;
}

/**
 * Call-forward rules: the waiting class of a truck in a yard or a line that uses the priority discipline
 * (lower is called first; FIFO within a class).
 */
export const callForwardPolicies: Readonly<Record<string, (view: TruckView, truck: number) => number>> = {
  /** First come, first called. */
  fifo: () => 0,
  /** Trucks with a booked slot before walk-ins. */
  appointmentFirst: (view, truck) => ((view.flags(truck) & TruckFlag.appointment) !== 0 ? 0 : 1),
  /** Perishable loads (fruit, agricultural) before everything else. */
  perishablesFirst: (view, truck) => ((view.flags(truck) & TruckFlag.perishable) !== 0 ? 0 : 1),
  /** Perishables first, then booked trucks, then the rest. */
  perishablesThenAppointments: (view, truck) => {
    const f = view.flags(truck);
    return (f & TruckFlag.perishable) !== 0 ? 0 : (f & TruckFlag.appointment) !== 0 ? 1 : 2;
  },
};

/** Parameters of a selection rule (compiled from the scenario). */
export interface SelectionParams {
  randomProbability: number;
  cargoMask: number;
  channelMask: number;
}

/**
 * Selection rules (X-ray): given the truck and one uniform draw u in [0, 1), whether it is selected.
 * Every rule receives exactly one draw per truck, so changing the rule does not shift other streams.
 */
export const selectionPolicies: Readonly<
  Record<string, (view: TruckView, truck: number, params: SelectionParams, u: number) => boolean>
> = {
  /** Seed rule: always the listed cargo classes (electronics, food) and channels (red), plus a random share. */
  channelAndCargo: (view, truck, p, u) =>
    ((p.cargoMask >>> view.cargo(truck)) & 1) === 1 ||
    ((p.channelMask >>> (view.channel(truck) + 1)) & 1) === 1 ||
    u < p.randomProbability,
  /** A flat selection rate for every truck, regardless of cargo or channel. */
  rate: (_view, _truck, p, u) => u < p.randomProbability,
};

/** Booking rules: whether a slot already holding `booked` bookings takes one more. */
export const appointmentPolicies: Readonly<
  Record<string, (booked: number, quota: number, overbook: number) => boolean>
> = {
  /** Never more bookings than the quota. */
  quota: (booked, quota) => booked < quota,
  /** Accept up to quota × (1 + overbook fraction), expecting no-shows. */
  overbook: (booked, quota, overbook) => booked < Math.floor(quota * (1 + overbook)),
};

/** State a lane rule sees: the two lines and the current lending of lanes. */
export interface LaneState {
  /** Trucks waiting at each of the two stages. */
  queueA: number;
  queueB: number;
  /** Lanes currently moved from B to A (negative: from A to B). */
  shift: number;
  lanesShiftMax: number;
  thresholdTrucks: number;
}

/** Lane-allocation rules: return the new shift (lanes moved from stage B to stage A). */
export const laneAllocationPolicies: Readonly<Record<string, (s: LaneState) => number>> = {
  /** Lanes stay as scheduled. */
  fixed: () => 0,
  /**
   * Tidal lanes (Youyi Guan practice): when one side's queue exceeds the other's by the threshold, one
   * more lane turns toward it; when the queues are balanced again, one lane turns back.
   */
  reversibleByQueue: (s) => {
    const diff = s.queueA - s.queueB;
    if (diff > s.thresholdTrucks) return Math.min(s.shift + 1, s.lanesShiftMax);
    if (-diff > s.thresholdTrucks) return Math.max(s.shift - 1, -s.lanesShiftMax);
    if (Math.abs(diff) < s.thresholdTrucks / 2 && s.shift !== 0) return s.shift > 0 ? s.shift - 1 : s.shift + 1;
    return s.shift;
  },
};

/** The names of every policy, by registry (what the scenario validator accepts). */
export function policyNames(): {
  callForward: string[];
  selection: string[];
  appointment: string[];
  laneAllocation: string[];
} {
  return {
    callForward: Object.keys(callForwardPolicies),
    selection: Object.keys(selectionPolicies),
    appointment: Object.keys(appointmentPolicies),
    laneAllocation: Object.keys(laneAllocationPolicies),
  };
}
