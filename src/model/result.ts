/**
 * What one replication of the model returns: plain data (numbers, strings, arrays), so that it crosses
 * a worker-thread or a Redis boundary unchanged, and is a pure function of (compiled scenario, seed,
 * replication). `stats/` aggregates these across replications without knowing the model.
 */

/** The version of the model's logic; part of the cache key of stored runs. Bump on any change of results. */
export const MODEL_VERSION = "0.3.0";

/** One scalar KPI of one replication. */
export interface KpiValue {
  value: number;
  /** Planner's unit: "trucks/day", "minutes", "trucks", "truck-hours", "kg CO2", "share", ... */
  unit: string;
}

/** Figures of one stage (a resource or a holding area) over the measured period. */
export interface StageResult {
  /** Busy share of the capacity in force (0 for stages without servers, like a roadside queue). */
  utilization: number;
  /** Mean wait in the stage's line, in minutes, of the trucks that started service there. */
  waitMinutesMean: number;
  /** Time-weighted mean number waiting. */
  queueLengthMean: number;
  /** Largest number waiting. */
  queueLengthMax: number;
  /** Trucks that completed the stage during the measured period. */
  throughput: number;
}

/** Series over the measured period: one value per day, and one per sampling step (queue lengths). */
export interface ReplicationSeries {
  /** Length of one step of `sampled`, in minutes. */
  sampleStepMinutes: number;
  /** Per-day series, e.g. `exportCleared`, `importCleared`, `backlogEndOfDay`, `arrivals`. */
  daily: Record<string, number[]>;
  /** Instantaneous values every `sampleStepMinutes`, e.g. `nh1aQueue`, `yardOccupancy`. */
  sampled: Record<string, number[]>;
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
  /** Scalar KPIs by name (e.g. `throughputPerDay`, `timeInSystemMinutesP95`). */
  kpis: Record<string, KpiValue>;
  /** Stage figures by stage id (e.g. `smartGate`, `xray`). */
  stages: Record<string, StageResult>;
  series: ReplicationSeries;
  conservation: ConservationCheck;
  /** Simulation events processed (for events/s figures). */
  events: number;
}
