/**
 * What one replication of the model returns: plain data (numbers, strings, arrays), so that it crosses
 * a worker-thread or a Redis boundary unchanged, and is a pure function of (compiled scenario, seed,
 * replication). `stats/` aggregates these across replications without knowing the model.
 */

/** The version of the model's logic; part of the cache key of stored runs. Bump on any change of results. */
export const MODEL_VERSION = "0.5.0";

/** One scalar KPI of one replication. */
export interface KpiValue {
  value: number;
  /** Planner's unit: "trucks/day", "minutes", "trucks", "truck-hours", "kg CO2", "share", ... */
  unit: string;
}

/**
 * Figures of one stage over the measured period. Server stages split the time of their capacity in force
 * into busy (serving), blocked (held by a truck that finished and cannot move on) and idle shares, which sum
 * to 1; for a holding (a yard) busy is the share of stalls taken. Delays and sinks report only throughput
 * and losses (their other figures are 0).
 */
export interface StageResult {
  /** Share of the capacity in force held by trucks: busy + blocked (a held server is not free). */
  utilization: number;
  /** Share of the capacity in force serving trucks (for a holding: stalls taken). */
  busyShare: number;
  /** Share of the capacity in force held by trucks that finished and wait to move on. */
  blockedShare: number;
  /** Share of the capacity in force free. */
  idleShare: number;
  /** Servers (or stalls) in force, time-weighted mean (opening hours, outages and caps included). */
  capacityMean: number;
  /** Most servers (or stalls) in force at once (lanes lent by a lane rule included): for a yard, its stalls. */
  capacityMax: number;
  /** Servers (or stalls) held, time-weighted mean: for a holding, its occupancy. */
  heldMean: number;
  /** Most servers (or stalls) held at once. */
  heldMax: number;
  /** Mean wait in the stage's line, in minutes, of the trucks that started there. */
  waitMinutesMean: number;
  /** Median, 95th percentile and maximum of that wait, minutes. */
  waitMinutesP50: number;
  waitMinutesP95: number;
  waitMinutesMax: number;
  /** Time-weighted mean number waiting in the stage's line. */
  queueLengthMean: number;
  /** Largest number waiting. */
  queueLengthMax: number;
  /** Trucks that completed the stage during the measured period. */
  throughput: number;
  /** Trucks lost here (turned away by a full line, a lost sink). */
  lost: number;
  /** Trucks that left the model here by balking, reneging or dwell expulsion (in the outcome KPIs too). */
  leftEarly: number;
}

/** Series over the measured period: one value per day, one per sampling step, and per-stage transients. */
export interface ReplicationSeries {
  /** Length of one step of `sampled`, in minutes. */
  sampleStepMinutes: number;
  /** Per-day series, e.g. `exportCleared`, `importCleared`, `backlogEndOfDay`, `arrivals`, `cohortCrossed`. */
  daily: Record<string, number[]>;
  /** Instantaneous values every `sampleStepMinutes`, e.g. `nh1aQueue`, `yardOccupancy`, `vnQueue`. */
  sampled: Record<string, number[]>;
  /** Length of one step of `stages`, in minutes (60 unless the measured period exceeds 744 hours). */
  stageStepMinutes: number;
  /** Per server or holding stage, means over each step: `<stage>.queue`, `.busy`, `.blocked`, `.servers`. */
  stages: Record<string, number[]>;
}

/** The calendar of the run: index 0 of every series starts at local midnight of `startDate` + `warmupDays`. */
export interface ResultCalendar {
  /** Date of simulated time 0, "YYYY-MM-DD", on the local clock. */
  startDate: string;
  /** Offset of the local clock from UTC, hours (Vietnam: 7). */
  utcOffsetHours: number;
}

/** Where time in system starts and ends for one direction: entry stages, and the crossing stages reached. */
export interface TimeInSystemSpan {
  from: string[];
  to: string[];
}

/**
 * Conservation of trucks, checked on every run: arrivals = cleared + moved by rail + still in the system +
 * lost + balked + reneged + expelled + diverted (summed over crossings). Each truck that left without
 * crossing is in exactly one of these terms; no-shows are bookings, never arrivals.
 */
export interface ConservationCheck {
  arrivals: number;
  cleared: number;
  inSystemAtEnd: number;
  /** Trucks turned away by a full line or sent to a lost sink. */
  lost: number;
  /** Trucks that turned away at a long line and left the model (not sent to another crossing). */
  balked: number;
  /** Trucks that left a line after their patience and the model (not sent to another crossing). */
  reneged: number;
  /** Trucks expelled when their dwell limit ran out. */
  expelled: number;
  /** Trucks that reached another crossing's sink, by crossing (whatever sent them there). */
  diverted: Record<string, number>;
  /** Loads that left the road network by train (models with a rail terminal; absent otherwise). */
  movedByRail?: number;
  holds: boolean;
}

/** The result of one replication. */
export interface ReplicationResult {
  modelVersion: string;
  scenarioName: string;
  scenarioHash: string;
  seed: number | string;
  replication: number;
  horizonDays: number;
  warmupDays: number;
  calendar: ResultCalendar;
  /** Per direction (`export`, `import`), the stages where time in system starts and ends in this network. */
  timeInSystemSpans: Record<string, TimeInSystemSpan>;
  /** Scalar KPIs by name (e.g. `throughputPerDay`, `timeInSystemMinutesP95`). */
  kpis: Record<string, KpiValue>;
  /** Stage figures by stage id (e.g. `smartGate`, `xray`). */
  stages: Record<string, StageResult>;
  series: ReplicationSeries;
  conservation: ConservationCheck;
  /** Simulation events processed (for events/s figures). */
  events: number;
}
