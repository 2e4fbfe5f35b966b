/**
 * Planners' units to the model's: distributions in minutes or hours to milliseconds, dates to days from the
 * run's start, opening hours to a daily capacity profile on the Vietnamese clock, conditions to bit masks.
 */
import type { DistributionSpec } from "../kernel/index.js";
import {
  CHANNELS,
  type ConditionConfig,
  DAY_MS,
  DIRECTIONS,
  FLAG_NAMES,
  MINUTE_MS,
  type ScheduleConfig,
} from "../model/index.js";
import type { DistributionInput, Scenario } from "./schema.js";

/** A distribution in `unitMs` (minutes: 60,000) as a kernel spec in ms. */
export function toDistributionMs(d: DistributionInput, unitMs: number): DistributionSpec {
  if (typeof d === "number") return { type: "deterministic", value: d * unitMs };
  switch (d.type) {
    case "deterministic":
      return { type: "deterministic", value: d.value * unitMs };
    case "exponential":
      return { type: "exponential", mean: d.mean * unitMs };
    case "uniform":
      return { type: "uniform", min: d.min * unitMs, max: d.max * unitMs };
    case "triangular":
      return { type: "triangular", min: d.min * unitMs, mode: d.mode * unitMs, max: d.max * unitMs };
    case "normal": {
      const out: { type: "normal"; mean: number; sd: number; min?: number; max?: number } = {
        type: "normal",
        mean: d.mean * unitMs,
        sd: d.sd * unitMs,
        // A duration is never negative: truncate at 0 unless the scenario says otherwise.
        min: (d.min ?? 0) * unitMs,
      };
      if (d.max !== undefined) out.max = d.max * unitMs;
      return out;
    }
    case "lognormal":
      return { type: "lognormal", mean: d.mean * unitMs, cv: d.cv };
    case "gamma":
      return { type: "gamma", shape: d.shape, scale: d.scale * unitMs };
    case "erlang":
      return { type: "erlang", k: d.k, mean: d.mean * unitMs };
    case "weibull":
      return { type: "weibull", shape: d.shape, scale: d.scale * unitMs };
    case "empirical":
      return { type: "empirical", values: d.values.map((v) => v * unitMs), weights: [...d.weights] };
    case "empiricalContinuous":
      return { type: "empiricalContinuous", points: d.points.map((v) => v * unitMs), probs: [...d.probs] };
  }
}

/** Days from `startDate` to `date` (both "YYYY-MM-DD"). */
export function daysBetween(startDate: string, date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS);
}

export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(":").map(Number) as [number, number];
  return h * 60 + m;
}

/** Hours and servers of one day of a profile; `closed` opens nothing. */
export interface DayOpening {
  hours: Scenario["openingHours"] | "closed";
  servers: number;
}

/**
 * A capacity profile that repeats every `days.length` days (1: daily, 7: weekly), each day's hours on the
 * stage's clock, shifted to the VN clock (an interval may wrap past midnight into the next day).
 */
export function buildProfile(days: readonly DayOpening[], clockOffsetHours: number): ScheduleConfig {
  const periodMin = days.length * 1440;
  const shift = Math.round(clockOffsetHours * 60);
  // Capacity per minute of the period: sum of the intervals covering it.
  const perMinute = new Int32Array(periodMin);
  const add = (from: number, len: number, c: number): void => {
    for (let k = 0; k < len; k++) {
      const m = (((from + k) % periodMin) + periodMin) % periodMin;
      perMinute[m] = (perMinute[m] as number) + c;
    }
  };
  for (const [d, day] of days.entries()) {
    if (day.hours === "closed") continue;
    if (day.hours === "24h") {
      add(d * 1440 - shift, 1440, day.servers);
      continue;
    }
    for (const iv of day.hours) {
      let len = minutesOf(iv.to) - minutesOf(iv.from);
      if (len <= 0) len += 1440;
      add(d * 1440 + minutesOf(iv.from) - shift, len, iv.servers ?? day.servers);
    }
  }
  const startsMs: number[] = [0];
  const capacities: number[] = [perMinute[0] as number];
  for (let k = 1; k < periodMin; k++) {
    if (perMinute[k] !== perMinute[k - 1]) {
      startsMs.push(k * MINUTE_MS);
      capacities.push(perMinute[k] as number);
    }
  }
  if (startsMs.length === 1) return { startsMs, capacities };
  return { startsMs, capacities, periodMs: days.length * DAY_MS };
}

/** A daily capacity profile from opening hours, shifted from the stage's clock to the VN clock. */
export function buildDailySchedule(
  hours: Scenario["openingHours"],
  servers: number,
  clockOffsetHours: number,
): ScheduleConfig {
  return buildProfile([{ hours, servers }], clockOffsetHours);
}

export function conditionOf(
  c: {
    direction?: string[] | undefined;
    cargo?: string[] | undefined;
    channel?: string[] | undefined;
    [flag: string]: unknown;
  },
  cargoIndex: Map<string, number>,
): ConditionConfig {
  let directionMask = 0b11;
  if (c.direction) directionMask = c.direction.reduce((m, d) => m | (1 << DIRECTIONS.indexOf(d as "export")), 0);
  let cargoMask = -1 >>> 0;
  if (c.cargo) cargoMask = c.cargo.reduce((m, id) => m | (1 << (cargoIndex.get(id) ?? 31)), 0);
  let channelMask = 0b1111;
  if (c.channel) {
    channelMask = c.channel.reduce((m, ch) => m | (ch === "none" ? 1 : 1 << (CHANNELS.indexOf(ch as "red") + 1)), 0);
  }
  let flagsSet = 0;
  let flagsClear = 0;
  for (const [name, bit] of Object.entries(FLAG_NAMES)) {
    const v = c[name];
    if (v === true) flagsSet |= bit;
    else if (v === false) flagsClear |= bit;
  }
  return { directionMask, cargoMask, channelMask, flagsSet, flagsClear };
}
