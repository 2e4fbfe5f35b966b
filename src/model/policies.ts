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

/**
 * Decision point "booking acceptance": whether a slot already holding `booked` bookings takes one more,
 * given its quota in force (after the quota rule).
 */
export const bookingAcceptancePolicies: Readonly<
  Record<string, (booked: number, quota: number, overbook: number) => boolean>
> = {
  /** Never more bookings than the quota. */
  quota: (booked, quota) => booked < quota,
  /** Accept up to quota × (1 + overbook fraction), expecting no-shows. */
  overbook: (booked, quota, overbook) => booked < Math.floor(quota * (1 + overbook)),
};

/** The booking-acceptance registry under its scenario key (`policies.appointment`). */
export const appointmentPolicies = bookingAcceptancePolicies;

/**
 * What a quota rule sees (decision point "quota"), filled once per booking: the slot's quota from the
 * time-of-day table, the load of the watched stage, and the rule's parameters.
 */
export interface QuotaState {
  /** Quota of the slot from the table (trucks). */
  baseQuota: number;
  /** Occupied share of the watched stage's stalls or servers now, percent. */
  occupancyPercent: number;
  /** Trucks waiting for the watched stage, in percent of its daily cap (100: one day of backlog). */
  backlogPercent: number;
  fromPercent: number;
  toPercent: number;
  minPercent: number;
}

/** Factor 1 up to `fromPercent` of load, falling linearly to `minPercent` / 100 at `toPercent` and beyond. */
function loadFactor(loadPercent: number, s: QuotaState): number {
  if (loadPercent <= s.fromPercent) return 1;
  const min = s.minPercent / 100;
  if (loadPercent >= s.toPercent) return min;
  return 1 - ((1 - min) * (loadPercent - s.fromPercent)) / (s.toPercent - s.fromPercent);
}

/** Decision point "quota": the quota in force for a slot (may be fractional: a slot accepts while booked < quota). */
export const quotaPolicies: Readonly<Record<string, (s: QuotaState) => number>> = {
  /** The table's quota, whatever the state. */
  fixed: (s) => s.baseQuota,
  /** Fewer bookings while the yard fills (occupancy of the watched holding stage). */
  yardOccupancy: (s) => s.baseQuota * loadFactor(s.occupancyPercent, s),
  /** Fewer bookings while trucks already wait for the Chinese side's acceptance (backlog in % of its daily cap). */
  acceptanceBacklog: (s) => s.baseQuota * loadFactor(s.backlogPercent, s),
};

/** What a balking rule sees (decision point "balking") when a truck reaches a stage. */
export interface BalkState {
  /** Trucks ahead at the stage: its line, those blocked upstream for it, and at a holding stage its stalls. */
  lineTrucks: number;
  /** The wait the truck can expect at the pace of the last 24 h, ms (NaN while nothing was served yet). */
  expectedWaitMs: number;
  /** The stage's thresholds and the share of trucks over them that balk. */
  lineTrucksMax: number;
  expectedWaitMsMax: number;
  probability: number;
  /** One uniform draw in [0, 1) per truck reaching the stage (the stage's `balk:` stream). */
  u: number;
}

/** Decision point "balking": whether a truck reaching the stage turns away. */
export const balkingPolicies: Readonly<Record<string, (s: BalkState) => boolean>> = {
  /** Balks when `lineTrucks` or more are waiting. */
  lineLength: (s) => s.lineTrucks >= s.lineTrucksMax && s.u < s.probability,
  /** Balks when the expected wait exceeds the threshold (no estimate yet: joins). */
  expectedWait: (s) => s.expectedWaitMs > s.expectedWaitMsMax && s.u < s.probability,
};

/** What a diversion rule sees (decision point "diversion"): the candidate targets of one decision. */
export interface DiversionState {
  /** Number of targets (the first `n` entries of the arrays below count). */
  n: number;
  /** Relative weight of each target. */
  weights: Float64Array;
  /** Trucks sent to each target that have not yet left the model (on the way, or queued there). */
  loads: Float64Array;
  /** One uniform draw in [0, 1) per decision. */
  u: number;
}

/** Decision point "diversion": which of the targets (index) a diverted truck goes to. */
export const diversionPolicies: Readonly<Record<string, (s: DiversionState) => number>> = {
  /** At random by weight. */
  weighted: (s) => {
    let total = 0;
    for (let i = 0; i < s.n; i++) total += s.weights[i] as number;
    let acc = 0;
    for (let i = 0; i < s.n - 1; i++) {
      acc += s.weights[i] as number;
      if (s.u * total < acc) return i;
    }
    return s.n - 1;
  },
  /** The target with the fewest trucks already sent there and not yet gone (the first on ties). */
  leastLoaded: (s) => {
    let best = 0;
    for (let i = 1; i < s.n; i++) if ((s.loads[i] as number) < (s.loads[best] as number)) best = i;
    return best;
  },
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
  quota: string[];
  balking: string[];
  diversion: string[];
} {
  return {
    callForward: Object.keys(callForwardPolicies),
    selection: Object.keys(selectionPolicies),
    appointment: Object.keys(bookingAcceptancePolicies),
    laneAllocation: Object.keys(laneAllocationPolicies),
    quota: Object.keys(quotaPolicies),
    balking: Object.keys(balkingPolicies),
    diversion: Object.keys(diversionPolicies),
  };
}
