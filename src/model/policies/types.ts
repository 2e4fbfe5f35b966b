/**
 * The policy interface: what a congestion researcher's rule receives and returns at each decision point of
 * the gate, as plain TypeScript types (no runtime code, so a policy file can `import type` them and stay
 * self-contained). The built-in rules implement these same interfaces, so there is one path for both.
 *
 * Every decision receives live, read-only views: `truck` (the truck concerned), `gate` (clock, stages,
 * zones, the Chinese side's acceptance) and `ctx` (parameters, the policy's own random stream). The views
 * are cursors over the model's columns, valid only during the call: copy a value to keep it.
 */

/** The decision points a policy can take. */
export type DecisionName =
  | "callForward"
  | "xraySelection"
  | "laneAllocation"
  | "appointment"
  | "quota"
  | "balking"
  | "diversion";

/** Parameters of a policy: plain JSON values (the scenario's `params:` merged over the policy's `defaults`). */
export type PolicyParams = { readonly [key: string]: unknown };

/** One truck at the moment of a decision (a live, read-only cursor). */
export interface TruckState {
  /** Pool slot of the truck (reused after it leaves; with `arrivedMs` it names the truck in messages). */
  readonly id: number;
  readonly direction: "export" | "import";
  /** 0 export (VN → CN), 1 import (CN → VN). */
  readonly directionIndex: number;
  /** Cargo class id, as the scenario names it (e.g. "agricultural"). */
  readonly cargo: string;
  /** Index of the cargo class in the scenario's `cargoClasses`. */
  readonly cargoIndex: number;
  /** The load spoils (a perishable cargo class). */
  readonly perishable: boolean;
  readonly container: boolean;
  /** Its load moves to a truck of the other country at the transshipment docks. */
  readonly transship: boolean;
  /** Ultraview read its plate on the approach. */
  readonly plateRead: boolean;
  /** Customs channel, or null before a channel is given (textbook networks have none). */
  readonly channel: "green" | "yellow" | "red" | null;
  /** 0 green, 1 yellow, 2 red, -1 none (what the selection masks count). */
  readonly channelIndex: number;
  /** The truck booked an appointment slot. */
  readonly booked: boolean;
  /** Start of its booked slot, ms since the run start; NaN for a walk-in. */
  readonly slotStartMs: number;
  /** When it arrived on NH1A (entered the network), ms since the run start. */
  readonly arrivedMs: number;
  /** Time waited so far: now minus `arrivedMs`, ms. */
  readonly timeInSystemMs: number;
  /** Time left before a perishable load passes the scenario's perishable threshold, ms (Infinity otherwise). */
  readonly perishableSlackMs: number;
  /** Id of the stage the truck is at (the line it joins, for call-forward). */
  readonly stage: string;
}

/** One stage of the network now (a live, read-only view). */
export interface StageState {
  readonly id: string;
  readonly type: "server" | "delay" | "holding" | "branch" | "sink" | "rail";
  /** Trucks waiting in the line (not yet served; for a yard: waiting to enter it). */
  readonly waiting: number;
  /** Trucks held upstream because the line is full (they keep the server they finished at). */
  readonly blocked: number;
  /** Servers or stalls held now (in service, or finished and waiting to move on). */
  readonly busy: number;
  /** Servers that finished their truck and hold it because the next stage does not admit it. */
  readonly blockedServers: number;
  /** Servers or stalls in force now (schedule, lanes lent, daily cap). 0 for delays, branches, sinks. */
  readonly capacity: number;
  /** Mean wait in the line of the trucks served so far (since the warm-up), ms; 0 before any. */
  readonly waitMeanMs: number;
  /** Mean of the stage's service-time distribution, ms (without adders); NaN where there is no service. */
  readonly serviceMeanMs: number;
  /**
   * Wait a truck joining now can expect: the trucks ahead of it beyond the free servers, times the mean
   * service time, over the servers in force (Infinity when none is in force; 0 for non-servers).
   */
  readonly expectedWaitMs: number;
  /** Services this stage may still start today under its daily cap (Chinese-side acceptance); Infinity if uncapped. */
  readonly dailyCapRemaining: number;
}

/** A zone now (NH1A roadside, the park yard, the Chinese side, ...). */
export interface ZoneState {
  readonly id: string;
  /** Trucks in the zone now. */
  readonly trucks: number;
}

/** The whole gate at the moment of a decision (a live, read-only view). */
export interface GateState {
  /** Simulated time since the start of the run, ms. */
  readonly nowMs: number;
  /** Whole days since the start of the run (0 on the first day). */
  readonly day: number;
  /** Local time of day on the Vietnamese side, hours in [0, 24). */
  readonly hourOfDay: number;
  /** Trucks in the network now (arrived, not yet gone). */
  readonly trucksInSystem: number;
  /** Every stage, in scenario order. */
  readonly stages: readonly StageState[];
  /** Every zone, in scenario order. */
  readonly zones: readonly ZoneState[];
  /** A stage by id; an unknown id throws, naming the known ones. */
  stage(id: string): StageState;
  /** A zone by id; an unknown id throws, naming the known ones. */
  zone(id: string): ZoneState;
  /**
   * Chinese-side acceptance left today: the services the capped stages may still start today (summed over
   * them), or Infinity when no stage has a daily cap.
   */
  readonly acceptanceRemainingToday: number;
}

/** What every call of a policy receives besides the decision's own arguments. */
export interface PolicyContext<P extends object = PolicyParams> {
  /** The policy's name as reports show it (the built-in name, or the module's file name). */
  readonly name: string;
  /** Where it decides: a stage id (call-forward, X-ray selection), "A+B" (a lane group), a demand id (booking). */
  readonly site: string;
  /** Parameters in force: the scenario's `params` merged over the policy's `defaults`. */
  readonly params: Readonly<P>;
  /**
   * A uniform draw in [0, 1) from the policy's own stream ("policy:<decision>:<site>"), seeded by
   * (seed, replication, stream name): reproducible, and it never shifts another part's draws.
   */
  random(): number;
}

/** Fields every policy may have. */
export interface PolicyBase<P extends object = PolicyParams> {
  /** One line saying what the rule does (shown in reports). */
  readonly description?: string;
  /** Default parameters; the scenario's `params` are merged over them, and keys not listed here are refused. */
  readonly defaults?: P;
  /** Checks the merged parameters once, before the run: return a message naming the field to refuse them. */
  readonly check?: (params: Readonly<P>) => string | undefined;
}

/**
 * Call-forward: the order in which trucks waiting in a yard or a line are called (stages whose `discipline`
 * is `callForward`). `rank` is evaluated when the truck joins the line; lower ranks are called first, equal
 * ranks in the order they joined. A rank may be a class (0, 1, 2) or a time in ms: `gate.nowMs - headStart`
 * ages waiting trucks, since a truck that joined earlier keeps its advantage over later ones.
 */
export interface CallForwardPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "callForward";
  /** The truck's rank in the line it joins; must be a finite number. */
  rank(truck: TruckState, gate: GateState, ctx: PolicyContext<P>): number;
}

/** The figures of the X-ray selection branch (its `select:` block), for rules that use them. */
export interface SelectionRules {
  /** `randomPercent` as a probability. */
  readonly randomProbability: number;
  /** Bit c set: cargo class c is always scanned (`alwaysCargo`). */
  readonly cargoMask: number;
  /** Bit c+1 set: channel c (0 green, 1 yellow, 2 red) is always scanned (`alwaysChannels`). */
  readonly channelMask: number;
}

/**
 * X-ray selection at a branch with a `select:` block: whether the truck is scanned. `u` is the branch's one
 * uniform draw for this truck (every rule gets exactly one, so changing the rule shifts no other stream).
 */
export interface XraySelectionPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "xraySelection";
  /** True to scan the truck; must return a boolean. */
  select(truck: TruckState, gate: GateState, ctx: PolicyContext<P>, u: number, rules: SelectionRules): boolean;
}

/** A lane group at a review: two server stages that lend each other lanes (tidal lanes). */
export interface LaneGroupState {
  /** The stage that receives lanes when `shift` > 0 (e.g. the export lanes). */
  readonly a: StageState;
  /** The stage that receives lanes when `shift` < 0. */
  readonly b: StageState;
  /** Lanes currently moved from B to A (negative: from A to B). */
  readonly shift: number;
  /** Largest shift allowed either way (`lanesShiftMax`). */
  readonly lanesShiftMax: number;
  /** The scenario's `thresholdTrucks` (used by the built-in queue rule). */
  readonly thresholdTrucks: number;
}

/** Lane allocation: every review, the new number of lanes moved from stage B to stage A. */
export interface LaneAllocationPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "laneAllocation";
  /** The new shift: an integer in [-lanesShiftMax, lanesShiftMax]. */
  review(lanes: LaneGroupState, gate: GateState, ctx: PolicyContext<P>): number;
}

/** An appointment slot when a booking is considered. */
export interface SlotState {
  /** Slot number since the run start (slot k starts at k × lengthMs). */
  readonly index: number;
  readonly startMs: number;
  readonly lengthMs: number;
  /** Bookings the slot holds already (no-shows included). */
  readonly booked: number;
  /** Quota of the slot in force. */
  readonly quota: number;
  /** The scenario's overbooking fraction (extra bookings per slot as a share of the quota). */
  readonly overbookFraction: number;
  /** Id of the demand (direction) booking: "export" or "import". */
  readonly demand: string;
}

/** Booking acceptance: whether a slot takes one more booking (otherwise the next slot is tried). */
export interface AppointmentPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "appointment";
  /** True to accept the booking in this slot; must return a boolean. */
  accept(slot: SlotState, gate: GateState, ctx: PolicyContext<P>): boolean;
}

/** The load an adaptive quota watches (the quota rule's `stage`), read once per booking. */
export interface QuotaLoad {
  /** The watched stage: a yard, or the Chinese side's capped acceptance. */
  readonly stage: StageState;
  /** Occupied share of its stalls or servers now, percent. */
  readonly occupancyPercent: number;
  /** Trucks waiting for it, in percent of its daily cap (100: one day of backlog; 0 without a cap). */
  readonly backlogPercent: number;
  /** The rule's `fromPercent`, `toPercent` and `minPercent` (the built-ins' linear reduction). */
  readonly fromPercent: number;
  readonly toPercent: number;
  readonly minPercent: number;
}

/**
 * Appointment quota: the quota in force for a slot when a booking is considered (scenario: a demand's
 * `appointment.quotaRule`). `slot.quota` is the slot's quota from the time-of-day table.
 */
export interface QuotaPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "quota";
  /** The slot's quota in force: a finite number >= 0 (a slot accepts while its bookings are below it). */
  quota(slot: SlotState, gate: GateState, ctx: PolicyContext<P>, load: QuotaLoad): number;
}

/** What a truck finds at a stage with balking (its `balking:` block), when it reaches it. */
export interface BalkSite {
  /** The stage it reaches. */
  readonly stage: StageState;
  /** Trucks ahead: the line, those blocked upstream for it, and at a yard its occupied stalls. */
  readonly lineTrucks: number;
  /** The wait it can expect at the pace of the last 24 h, ms (NaN before any service; only with `aboveHours`). */
  readonly expectedWaitMs: number;
  /** The block's thresholds (`aboveTrucks`, `aboveHours`) and the share of trucks over them that balk. */
  readonly lineTrucksMax: number;
  readonly expectedWaitMsMax: number;
  readonly probability: number;
  /** One uniform draw in [0, 1) per truck reaching the stage (the stage's `balk:` stream). */
  readonly u: number;
}

/** Balking: whether a truck reaching a stage turns away (to another crossing, or out of the model). */
export interface BalkingPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "balking";
  /** True when the truck does not join the stage; must return a boolean. */
  balk(truck: TruckState, gate: GateState, ctx: PolicyContext<P>, at: BalkSite): boolean;
}

/** The crossings a diverted truck may go to (a `divertTo:` list). */
export interface DiversionTargets {
  /** Number of targets. */
  readonly n: number;
  /** The first stage of each target route (index < n). */
  readonly stages: readonly StageState[];
  /** Relative weight of each target (its `percent`). */
  readonly weights: ArrayLike<number>;
  /** Trucks sent to each target and not yet gone from the model. */
  readonly loads: ArrayLike<number>;
  /** One uniform draw in [0, 1) per decision (the list's own stream). */
  readonly u: number;
}

/** Diversion: which of the targets a truck that balked, reneged or found no slot goes to. */
export interface DiversionPolicy<P extends object = PolicyParams> extends PolicyBase<P> {
  readonly decision: "diversion";
  /** The index of the target: an integer in [0, targets.n). */
  choose(truck: TruckState, gate: GateState, ctx: PolicyContext<P>, targets: DiversionTargets): number;
}

/** Any policy (what a policy module exports as its default export). */
export type Policy<P extends object = PolicyParams> =
  | CallForwardPolicy<P>
  | XraySelectionPolicy<P>
  | LaneAllocationPolicy<P>
  | AppointmentPolicy<P>
  | QuotaPolicy<P>
  | BalkingPolicy<P>
  | DiversionPolicy<P>;
