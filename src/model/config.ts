/**
 * The model's own configuration: a flow network of typed stages that trucks move through, the demand
 * that feeds it, and the named policies in force. Everything is plain data in simulated milliseconds and
 * fractions (the scenario layer converts planners' units once), so a config crosses to worker threads
 * unchanged and its canonical JSON is the scenario hash.
 */
import type { CapacityScheduleSpec, DistributionSpec } from "../kernel/index.js";

/** Milliseconds in one minute. */
export const MINUTE_MS = 60_000;
/** Milliseconds in one hour. */
export const HOUR_MS = 3_600_000;
/** Milliseconds in one day. */
export const DAY_MS = 86_400_000;

/** The two directions of travel; index 0 is export (VN→CN), 1 import (CN→VN). */
export const DIRECTIONS = ["export", "import"] as const;
/** A direction name. */
export type DirectionName = (typeof DIRECTIONS)[number];
/** Customs channels; a truck without a channel (textbook networks) has channel -1. */
export const CHANNELS = ["green", "yellow", "red"] as const;
/** A customs-channel name. */
export type ChannelName = (typeof CHANNELS)[number];

/** Truck flag bits (one Int32 column per truck). */
export const TruckFlag = {
  container: 1,
  appointment: 2,
  plateRead: 4,
  transship: 8,
  perishable: 16,
  crossed: 32,
  /** Internal: a loaded truck at the transshipment docks waiting for its partner truck to arrive. */
  waitingPartner: 64,
  /** Internal: the truck finished at the server it holds and cannot move on (counted as a blocked server). */
  blockedServer: 128,
} as const;

/** Names of the boolean truck attributes that conditions may test, with their flag bit. */
export const FLAG_NAMES = {
  container: TruckFlag.container,
  appointment: TruckFlag.appointment,
  plateRead: TruckFlag.plateRead,
  transship: TruckFlag.transship,
  perishable: TruckFlag.perishable,
} as const;

/**
 * A test on truck attributes, compiled to bit masks so it costs a few integer operations per truck.
 * A bit set in `directionMask` admits that direction index; `channelMask` bit 0 is "no channel",
 * bit c+1 channel c; `flagsSet` bits must be set and `flagsClear` bits clear.
 */
export interface ConditionConfig {
  directionMask: number;
  cargoMask: number;
  channelMask: number;
  flagsSet: number;
  flagsClear: number;
}

/** Capacity over time of a server or holding stage (kernel schedule spec, in ms from the run start). */
export type ScheduleConfig = CapacityScheduleSpec;

/** Extra service time for trucks that match a condition (a failed plate read adds 2 min at the gate). */
export interface ServiceAdderConfig {
  when: ConditionConfig;
  /** Probability that a matching truck incurs the extra time (1 = always). */
  probability: number;
  durationMs: DistributionSpec;
}

/**
 * The transshipment rendezvous: every truck whose load moves to a truck of the other country (the CN
 * truck for exports, the VN truck for imports) has a partner truck, a real entity with its own random
 * stream. The partner is dispatched when the loaded truck enters `dispatchStage` (or the network, when
 * -1) and arrives `partnerArrivalMs` later (a lead/lag distribution; negative draws mean it is already
 * there). It waits in a partner yard of `partnerYardStalls` stalls (a full yard makes it wait outside, in
 * FIFO order); a dock starts the transfer only when the loaded truck and its partner are both present,
 * and both leave when the transfer ends. Partners that stay longer than `partnerDwellLimitMs` are counted.
 */
export interface RendezvousConfig {
  /** Stage whose entry dispatches the partner, or -1 for the loaded truck's arrival in the network. */
  dispatchStage: number;
  /** Partner arrival after dispatch, ms (negative values: it was already there). */
  partnerArrivalMs: DistributionSpec;
  /** Stalls of the partner yard (Infinity for an unbounded yard). */
  partnerYardStalls: number;
  /** Dwell limit of a partner truck from its arrival to the end of the transfer, ms (Infinity: none). */
  partnerDwellLimitMs: number;
}

/** Fields every stage has. */
interface StageBase {
  id: string;
  /**
   * Index into `ModelConfig.zones` where a truck stands while it is at this stage (in service at a server,
   * in a stall of a holding, travelling a delay), entered when it starts here; -1 to stay where it is.
   */
  zone: number;
  /**
   * Zone where trucks waiting for this stage stand (its line, or outside its full line), entered when a
   * truck joins the line or is held outside it; -1 to stay where it is (in the stall or at the server it
   * holds upstream, which is where a waiting truck physically is unless the scenario says otherwise).
   */
  queueZone: number;
  /** Holding stages (by index) whose stall the truck gives back when it starts this stage. */
  releases: number[];
  /** Passing this stage counts as crossing the border (throughput and time in system are measured here). */
  crossing: boolean;
}

/** c servers with a capacity schedule, a service-time distribution and a waiting line. */
export interface ServerStageConfig extends StageBase {
  type: "server";
  schedule: ScheduleConfig;
  /** Service time in ms; `serviceByCargoMs[c]` overrides it for cargo class c when not null. */
  serviceMs: DistributionSpec;
  serviceByCargoMs: (DistributionSpec | null)[];
  adders: ServiceAdderConfig[];
  rendezvous: RendezvousConfig | null;
  /** Waiting-line order: FIFO, or by the priority the named call-forward policy gives each truck. */
  discipline: "fifo" | "priority";
  callForward: string;
  /** Most trucks waiting (not in service); Infinity when unbounded. */
  queueLengthMax: number;
  /** What a truck finds when the line is full: it is lost (`reject`) or waits upstream holding what it has. */
  whenFull: "reject" | "block";
  /** Daily cap on services started (Chinese-side acceptance); the day starts at `dailyCapDayStartMs`. */
  dailyCapTrucks: number;
  dailyCapDayStartMs: number;
  /**
   * Trucks that stayed longer than this are counted (dwell limits), ms: since entering the network, or at a
   * rendezvous stage since the partner was called (the loaded truck entered the designated yard).
   */
  dwellLimitMs: number;
  next: number;
}

/** An infinite-server delay: travel on NH1A or the specialized road, a dwell in a yard. */
export interface DelayStageConfig extends StageBase {
  type: "delay";
  durationMs: DistributionSpec;
  next: number;
}

/**
 * A finite set of stalls (a yard): a truck takes a stall to enter and keeps it until it reaches a stage
 * that releases it; while the yard is full, arriving trucks wait upstream (keeping whatever server they
 * hold), which is how a full yard stops the gate and the queue backs up onto NH1A.
 */
export interface HoldingStageConfig extends StageBase {
  type: "holding";
  schedule: ScheduleConfig;
  /** Order in which waiting trucks are let in (call-forward policy, or FIFO). */
  discipline: "fifo" | "priority";
  callForward: string;
  next: number;
}

/** One way out of a branch. */
export interface BranchRouteConfig {
  /** Route taken by trucks matching this condition (first match wins), or null for a weighted route. */
  when: ConditionConfig | null;
  /** Relative weight among the weighted routes (ignored for conditional routes). */
  weight: number;
  next: number;
}

/** Routing by truck attribute, by probability, or by a named selection policy (X-ray selection). */
export interface BranchStageConfig extends StageBase {
  type: "branch";
  routes: BranchRouteConfig[];
  /** When set, a named selection policy decides: `routes[0]` if selected, else `routes[1]`. */
  selection: SelectionConfig | null;
}

/** A named selection rule and its parameters (X-ray selection). */
export interface SelectionConfig {
  policy: string;
  /** Selection probability for trucks not selected by rule (rate policy: for all trucks). */
  randomProbability: number;
  /** Always select trucks of these cargo classes (bit mask). */
  cargoMask: number;
  /** Always select trucks in these channels (bit mask, bit c+1 for channel c). */
  channelMask: number;
}

/** The end of a route: the truck leaves the network, crossed (`cleared`) or lost (rail, rejected). */
export interface SinkStageConfig extends StageBase {
  type: "sink";
  /** True when leaving here counts as lost (diverted), not cleared. */
  lost: boolean;
}

/** Any stage. */
export type StageConfig =
  | ServerStageConfig
  | DelayStageConfig
  | HoldingStageConfig
  | BranchStageConfig
  | SinkStageConfig;

/** A dated window that multiplies demand (a season, Tết), in ms from the run start. */
export interface DemandWindowConfig {
  fromMs: number;
  toMs: number;
  factor: number;
}

/** The appointment layer of one direction. */
export interface AppointmentConfig {
  /** Share of trucks that book a slot. */
  share: number;
  slotMs: number;
  quotaPerSlot: number;
  /** Named booking rule (registry `appointmentPolicies`). */
  policy: string;
  /** Extra bookings allowed per slot as a fraction of the quota (overbook policy). */
  overbookFraction: number;
  /** Standard deviation of the arrival offset from the booked time, ms. */
  punctualitySdMs: number;
  /** An arrival within this much of its slot counts as on time, ms. */
  toleranceMs: number;
  noShowProbability: number;
  /** How far ahead of its intended arrival a truck books; walk-ins arrive this long after intent, ms. */
  leadMs: number;
}

/** Arrivals of one direction: a non-homogeneous Poisson process with piecewise-constant hourly rates. */
export interface SourceConfig {
  id: string;
  /** 0 export, 1 import. */
  direction: number;
  entryStage: number;
  /** Expected trucks per day before the multipliers below (already multiplied by the scope factor). */
  trucksPerDay: number;
  /** Relative weights of the 24 local hours (normalised to mean 1 at compile time). */
  hourWeights: number[];
  /** Multipliers of the 7 weekdays (index 0 = the run's first day). */
  dayOfWeekFactors: number[];
  windows: DemandWindowConfig[];
  /** Growth of volume per year, as a fraction (0.1 = +10 %/yr), compounded continuously by day. */
  growthPerYear: number;
  /** Coefficient of variation of the per-day lognormal multiplier (0 = none). */
  dailyCv: number;
  /** Probability of each cargo class (sums to 1). */
  cargoMix: number[];
  containerShare: number;
  transshipShare: number;
  plateReadProbability: number;
  /** Probabilities of green, yellow, red (sum 1), or empty for no customs channel. */
  channelShares: number[];
  appointment: AppointmentConfig | null;
}

/** A named lane-allocation rule over two server stages that share lanes (tidal lanes). */
export interface LaneGroupConfig {
  policy: string;
  /** The two stages (e.g. smart-gate export lanes, import lanes). */
  stages: [number, number];
  /** Lanes one stage may lend to the other at most. */
  lanesShiftMax: number;
  /** Queue difference (trucks) that triggers moving one lane. */
  thresholdTrucks: number;
  reviewMs: number;
}

/**
 * What trucks do in a zone: `queue` creeping in a line with engines running (the NH1A roadside, approach
 * roads, gate lines: their truck-hours are idling and count toward CO₂), `parked` in a stall with engines
 * off (yards, staging), `moving` (driving on a road), `stored` (out of the flow, e.g. containers in the ICD).
 */
export const ZONE_KINDS = ["queue", "parked", "moving", "stored"] as const;
/** A zone kind. */
export type ZoneKind = (typeof ZONE_KINDS)[number];

/** A zone of the network whose occupancy is reported (NH1A roadside, yard, ICD, Chinese side). */
export interface ZoneConfig {
  id: string;
  kind: ZoneKind;
  /** Side of the border: trucks waiting (queue or parked) in `vn` zones make the Vietnamese-side queue. */
  side: "vn" | "cn";
  /**
   * The area the zone belongs to (its own id unless grouped): zones of one area add up in the area figures,
   * e.g. the NH1A roadside line and the staging yards along it make the area `nh1a` (the NH1A queue).
   */
  area: string;
}

/** The calendar of a run: simulated time 0 is local midnight of `startDate` at UTC`utcOffsetHours`. */
export interface CalendarConfig {
  /** "YYYY-MM-DD". */
  startDate: string;
  /** Offset of the local (Vietnamese) clock from UTC, hours. */
  utcOffsetHours: number;
}

/** Figures the KPIs need that are not part of the network. */
export interface KpiConfig {
  /** Perishable loads whose time in system exceeds this are counted, ms. */
  perishableThresholdMs: number;
  /** kg of CO₂ per truck-hour of idling. */
  co2KgPerIdleHour: number;
  /** Sampling step of the instantaneous series, ms. */
  sampleStepMs: number;
  /** Windows of time measured on their own (an outage, a closure): see `MeasureWindowConfig`. */
  windows: MeasureWindowConfig[];
}

/**
 * A window of time measured on its own, to see a transient: the trucks arriving in it (their time in
 * system, counting those still waiting at the horizon at their age) and the line of chosen stages during it.
 */
export interface MeasureWindowConfig {
  name: string;
  fromMs: number;
  toMs: number;
  /** Stages whose mean line length during the window is reported. */
  stages: number[];
}

/** The whole model configuration (ms-based, plain data). */
export interface ModelConfig {
  name: string;
  calendar: CalendarConfig;
  horizonDays: number;
  warmupDays: number;
  /** Names of the cargo classes (index = class id). */
  cargoClasses: string[];
  /** Perishable flag of each cargo class. */
  perishableClasses: boolean[];
  stages: StageConfig[];
  sources: SourceConfig[];
  zones: ZoneConfig[];
  laneGroups: LaneGroupConfig[];
  kpi: KpiConfig;
  /** Upper bound on trucks in the system at once (pool hard bound). */
  trucksInSystemMax: number;
}
