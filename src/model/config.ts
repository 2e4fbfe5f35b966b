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
  /** At its dwell limit an unpaired partner is only counted (absent), or expelled from the yard (`expel`). */
  partnerDwellLimitAction?: "count" | "expel";
  /**
   * Stages the partner drives to the yard, by the load's direction ([export loads, import loads]; an empty
   * list: it appears at the yard). With a route, `partnerArrivalMs` is when it sets off (at once if negative).
   * Absent when no route is given.
   */
  partnerRoutes?: number[][];
  /** Stages the emptied truck drives home after the transfer, by the load's direction (absent: none). */
  emptyRoutes?: number[][];
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
  /** Ultraview plate cameras along this stage: a truck whose plate they can read is pre-identified here. */
  plateCameras?: boolean;
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
  /** When set, `callForward` names the module `policyModules[callForwardModule]`. */
  callForwardModule?: number;
  /** Parameters of the call-forward policy (absent: its defaults). */
  callForwardParams?: PolicyParamsConfig;
  /** Most trucks waiting (not in service); Infinity when unbounded. */
  queueLengthMax: number;
  /** What a truck finds when the line is full: it is lost (`reject`) or waits upstream holding what it has. */
  whenFull: "reject" | "block";
  /** Daily cap on services started (Chinese-side acceptance); the day starts at `dailyCapDayStartMs`. */
  dailyCapTrucks: number;
  dailyCapDayStartMs: number;
  /** Dated changes of the daily cap (the December 2021 cut), ascending; absent when the cap never changes. */
  dailyCapChanges?: DailyCapChangeConfig[];
  /** Random breakdowns of the stage's units, by kind (lanes, their cameras); absent when they never fail. */
  breakdowns?: BreakdownConfig[];
  /** Index into `ModelConfig.pools` of the pool whose member each truck also needs; absent for none. */
  pool?: number;
  /**
   * Trucks that stayed longer than this are counted (dwell limits), ms: since entering the network, or at a
   * rendezvous stage since the partner was called (the loaded truck entered the designated yard).
   */
  dwellLimitMs: number;
  /** What happens at the dwell limit: counted only (absent), or the waiting truck is expelled (`expel`). */
  dwellLimitAction?: "count" | "expel";
  balking?: BalkingConfig;
  reneging?: RenegingConfig;
  next: number;
}

/** From the cap-day that starts at `fromMs` (the stage's midnight), the daily cap is `trucks` (Infinity: none). */
export interface DailyCapChangeConfig {
  fromMs: number;
  trucks: number;
}

/**
 * Random breakdowns of a server stage's units (X-ray scanners, lanes, cameras): each unit alternates a
 * working time drawn from `upMs` and a repair time from `repairMs`, on the calendar clock, independently.
 */
export interface BreakdownConfig {
  /** Kind of unit ("" when the stage has one kind: its servers); names the KPIs and the random streams. */
  name: string;
  units: number;
  upMs: DistributionSpec;
  repairMs: DistributionSpec;
  /**
   * Absent: a unit that is down serves no one (a scanner, a lane). Set: the stage keeps its servers, and a
   * truck starting service while k of the units are down takes this much longer with probability k/units
   * (a lane's plate camera is down: manual entry).
   */
  extraMs?: DistributionSpec;
}

/** Staff shared by several server stages (customs officers, transshipment crews). */
export interface PoolConfig {
  id: string;
  /** Members on duty over time. */
  schedule: ScheduleConfig;
  /** Stages served first, in this order (the others after them, first come first served); empty: FIFO. */
  priorityStages: number[];
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
  /** When set, `callForward` names the module `policyModules[callForwardModule]`. */
  callForwardModule?: number;
  /** Parameters of the call-forward policy (absent: its defaults). */
  callForwardParams?: PolicyParamsConfig;
  balking?: BalkingConfig;
  reneging?: RenegingConfig;
  next: number;
}

/** A stage a diverted truck is sent to (a route to another crossing, or a sink), with its weight. */
export interface DiversionTargetConfig {
  stage: number;
  weight: number;
}

/**
 * Balking at a server or holding stage (decision point "balking"): a truck that finds the line too long
 * (`lineTrucks` or more waiting, or an expected wait above `expectedWaitMs` at the pace of the last 24 h)
 * does not join it, with probability `probability`. It goes to one of `divertTo` (another crossing), chosen
 * by the diversion rule, or leaves the model (counted balked) when `divertTo` is empty.
 */
export interface BalkingConfig {
  /** Named rule (built-in `balking` rules, or the module `policyModules[module]`). */
  policy: string;
  module?: number;
  params?: PolicyParamsConfig;
  lineTrucks: number;
  expectedWaitMs: number;
  probability: number;
  /** Only trucks matching this condition may balk (null: all). */
  when: ConditionConfig | null;
  divertTo: DiversionTargetConfig[];
  /** Named rule choosing among `divertTo` (built-in `diversion` rules, or a module). */
  diversionPolicy: string;
  diversionModule?: number;
  diversionParams?: PolicyParamsConfig;
}

/**
 * Reneging at a server or holding stage: a truck that starts waiting there draws a patience; when it has
 * waited that long without being served it leaves the line, for one of `divertTo` or out of the model
 * (counted reneged).
 */
export interface RenegingConfig {
  patienceMs: DistributionSpec;
  when: ConditionConfig | null;
  divertTo: DiversionTargetConfig[];
  diversionPolicy: string;
  diversionModule?: number;
  diversionParams?: PolicyParamsConfig;
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
  /** When set, `policy` names the module `policyModules[module]`. */
  module?: number;
  /** Parameters of the policy (absent: its defaults). */
  params?: PolicyParamsConfig;
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
  /** True when leaving here counts as lost, not cleared. */
  lost: boolean;
  /** Leaving here counts as diverted to this other crossing (e.g. "tanThanh"), neither cleared nor lost. */
  divertedTo?: string;
}

/**
 * A rail terminal (the Đồng Đăng railway): loads wait here for a train of a weekly timetable; each train
 * takes the loads that were there by its cut-off, first come first loaded, up to its capacity, and they
 * leave the road network as moved by rail. A truck that finds the terminal full goes to `overflow`.
 */
export interface RailStageConfig extends StageBase {
  type: "rail";
  /** Departures of one week, ms from the run's start, ascending, each in [0, 7 days); repeated every week. */
  departuresWeekMs: number[];
  /** Loads one train takes (wagons × loads per wagon). */
  trainCapacityLoads: number;
  /** Loads must be at the terminal this long before the departure to be loaded, ms. */
  cutoffMs: number;
  /** Loads the terminal holds while waiting (Infinity: unbounded). */
  terminalCapacityLoads: number;
  /** Stage a truck goes to when the terminal is full (back to the road), or -1. */
  overflow: number;
}

/** Any stage. */
export type StageConfig =
  | ServerStageConfig
  | DelayStageConfig
  | HoldingStageConfig
  | BranchStageConfig
  | SinkStageConfig
  | RailStageConfig;

/** A dated window that multiplies demand (a season, Tết), in ms from the run start. */
export interface DemandWindowConfig {
  fromMs: number;
  toMs: number;
  factor: number;
}

/**
 * An adaptive quota (decision point "quota"): the named rule scales each slot's quota by the load of a
 * stage at booking time (yard occupancy in % of its stalls, or the backlog waiting for a capped stage in %
 * of its daily cap): full quota up to `fromPercent`, falling linearly to `minPercent` of it at `toPercent`.
 */
export interface QuotaRuleConfig {
  /** Named rule (built-in `quota` rules, or the module `policyModules[module]`). */
  policy: string;
  module?: number;
  params?: PolicyParamsConfig;
  stage: number;
  fromPercent: number;
  toPercent: number;
  minPercent: number;
}

/** The appointment layer of one direction. */
export interface AppointmentConfig {
  /** Share of trucks that book a slot. */
  share: number;
  slotMs: number;
  /** Stage whose opening hours (its capacity schedule) decide when slots exist; -1: `openSchedule`. */
  stage: number;
  /** When slots exist without a stage (the scenario's opening hours, VN clock); null with a stage. */
  openSchedule: ScheduleConfig | null;
  /** Quota of a slot by the time of day of its start (VN clock): piece starts in ms of the day, from 0. */
  quotaStartsMs: number[];
  quotas: number[];
  /** Slots start at most this long after the intended arrival, ms. */
  horizonMs: number;
  /** A truck that finds no slot within the horizon comes as a walk-in, or is diverted to `divertTo`. */
  whenNoSlot: "walkIn" | "divert";
  divertTo: DiversionTargetConfig[];
  diversionPolicy: string;
  diversionModule?: number;
  diversionParams?: PolicyParamsConfig;
  /** An arrival later than its slot's end plus this is late, ms. */
  graceMs: number;
  /** A late truck keeps its priority, loses it (a walk-in), or books the next free slot and comes then. */
  whenLate: "keepPriority" | "losePriority" | "rebook";
  quotaRule: QuotaRuleConfig | null;
  /** Named booking-acceptance rule (built-in `appointment` rules, or a module). */
  policy: string;
  /** When set, `policy` names the module `policyModules[module]`. */
  module?: number;
  /** Parameters of the booking rule (absent: its defaults). */
  params?: PolicyParamsConfig;
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
  /** Probability that the Ultraview cameras read a truck's plate (applied where the route passes `plateCameras`). */
  plateReadProbability: number;
  /** Probabilities of green, yellow, red (sum 1), or empty for no customs channel. */
  channelShares: number[];
  appointment: AppointmentConfig | null;
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
