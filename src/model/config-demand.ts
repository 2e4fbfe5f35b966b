/**
 * Configuration of demand: each direction's arrival process, its dated windows (seasons, Tết) and its
 * appointment layer (slots, quotas, horizon, grace, adaptive quota rules). Plain data in ms.
 */
import type { PolicyParamsConfig, ScheduleConfig } from "./config.js";
import type { DiversionTargetConfig } from "./config-stages.js";

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
