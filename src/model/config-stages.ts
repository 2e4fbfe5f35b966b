/**
 * Configuration of the network's stages: servers, delays, holding yards, branches, sinks and rail
 * terminals, with what they carry (capacity schedules, daily caps, breakdowns, staff pools, balking,
 * reneging, diversion targets, the transshipment rendezvous). Plain data in ms; part of `ModelConfig`.
 */
import type { DistributionSpec } from "../kernel/index.js";
import type { ConditionConfig, PolicyParamsConfig, ScheduleConfig, ServiceAdderConfig } from "./config.js";

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
