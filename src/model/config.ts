/**
 * The model's own configuration: a flow network of typed stages that trucks move through, the demand
 * that feeds it, and the named policies in force. Everything is plain data in simulated milliseconds and
 * fractions (the scenario layer converts planners' units once), so a config crosses to worker threads
 * unchanged and its canonical JSON is the scenario hash.
 */
import type { CapacityScheduleSpec, DistributionSpec } from "../kernel/index.js";
import type { DemandWindowConfig, SourceConfig } from "./config-demand.js";
import type { PoolConfig, StageConfig } from "./config-stages.js";

export type * from "./config-demand.js";
export type * from "./config-stages.js";

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
  /** Booked, but arrived after its slot and grace window: it lost its appointment priority (a walk-in now). */
  late: 128,
  /** Wanted to book but found no slot within the booking horizon: a walk-in. */
  noSlot: 256,
  /**
   * Internal: the Ultraview cameras would read this truck's plate (drawn at arrival with the demand's read
   * share); it becomes `plateRead` only when the truck passes a stage with `plateCameras`.
   */
  plateReadable: 512,
  /**
   * Internal: a truck on a trip of the transshipment (a partner driving to the yard, an emptied truck going
   * home): it loads the stages it passes but is no arrival, never crosses and is not in the system's counts.
   */
  trip: 1024,
  /** Internal: the truck finished at the server it holds and cannot move on (counted as a blocked server). */
  blockedServer: 2048,
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

/** A named lane-allocation rule over two server stages that share lanes (tidal lanes). */
export interface LaneGroupConfig {
  policy: string;
  /** When set, `policy` names the module `policyModules[module]`. */
  module?: number;
  /** Parameters of the lane rule (absent: its defaults). */
  params?: PolicyParamsConfig;
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
  /**
   * Side of the border: trucks waiting (queue or parked) in `vn` zones make the Vietnamese-side queue;
   * `other` is away from this gate (on the way to, or at, another crossing) and in neither side's queue.
   */
  side: "vn" | "cn" | "other";
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
  /** The night over which `nh1aQueueTrucksOvernightMean` averages, ms of the VN day (default 22:00-07:00). */
  overnightFromMs?: number;
  overnightToMs?: number;
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

/** Parameters of a policy as the scenario gives them (plain JSON data). */
export type PolicyParamsConfig = { readonly [key: string]: unknown };

/**
 * A researcher's policy module, carried in the configuration so that it is part of the scenario hash and
 * travels with the run to every thread and machine: its name, the sha256 of its source file, and its code
 * compiled to the body of a function `(exports, __gatesimBudget)` (loops guarded by the budget).
 */
export interface PolicyModuleConfig {
  name: string;
  sha256: string;
  code: string;
}

/**
 * E-commerce parcels: a parcel demand (parcels per day, hour profile, day-to-day variation, dated peaks) that
 * goes through a scanning and sorting line of `lineParcelsPerHour` while it is open, then is packed into
 * truckloads of `parcelsPerTruck`; a truck leaves when full, or partly filled at a cut-off, and enters the
 * truck network at `entryStage` in `direction` with the attributes below. Counted per step of `stepMs`.
 */
export interface ParcelsConfig {
  direction: number;
  entryStage: number;
  parcelsPerDay: number;
  /** Relative weights of the 24 local hours (mean 1). */
  hourWeights: number[];
  dailyCv: number;
  windows: DemandWindowConfig[];
  lineParcelsPerHour: number;
  /** Opening hours of the line (capacity 1 while open, 0 while closed), VN clock. */
  lineSchedule: ScheduleConfig;
  parcelsPerTruck: number;
  /** Times of the day (ms from midnight) at which a partly filled truck leaves. */
  cutoffsMs: number[];
  /** Cargo class, shares and channel probabilities of the packed trucks. */
  cargo: number;
  containerShare: number;
  transshipShare: number;
  channelShares: number[];
  stepMs: number;
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
  /** Staff pools shared by stages; absent when there are none. */
  pools?: PoolConfig[];
  kpi: KpiConfig;
  /** The e-commerce parcel flow (absent when the scenario has none). */
  parcels?: ParcelsConfig;
  /** Upper bound on trucks in the system at once (pool hard bound). */
  trucksInSystemMax: number;
  /** Researchers' policy modules the decision points refer to (absent when none). */
  policyModules?: PolicyModuleConfig[];
}
