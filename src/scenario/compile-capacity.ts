/**
 * Compiles capacity over time: a stage's (or pool's) hours and servers, per weekday, changed on dates and
 * by seasons' opening hours, into one kernel schedule (a daily or weekly profile per era, plus dated
 * windows for outages and seasons' capacity factors); dated daily caps; breakdowns; pools.
 */
import type { CapacityProfileSpec, CapacityWindow } from "../kernel/index.js";
import {
  type BreakdownConfig,
  DAY_MS,
  type DailyCapChangeConfig,
  HOUR_MS,
  MINUTE_MS,
  type PoolConfig,
  type ScheduleConfig,
} from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { buildProfile, daysBetween, toDistributionMs } from "./compile-units.js";
import type { capacityWindowSchema, Scenario, ServerChangeInput, WeekdaysInput } from "./schema.js";
import { WEEKDAYS } from "./schema-common.js";

type CapacityWindowInput = import("zod").infer<typeof capacityWindowSchema>;
type Hours = Scenario["openingHours"];
type DayHours = Hours | "closed";
type ServerStageInput = Extract<Scenario["stages"][string], { type: "server" }>;

/** Servers of a stage that has none of its own (a pool is its only limit): more than any pool can hold. */
export const UNLIMITED_SERVERS = 1_000_000;

/** What is in force at a stage or pool during one era. */
interface Settings {
  servers: number;
  hours: DayHours;
  weekdays: WeekdaysInput;
  /** True while the stage follows the scenario's default opening hours (and their weekday variants). */
  defaultHours: boolean;
}

/** What a stage or pool is, for its schedule. */
export interface CapacityOwner {
  id: string;
  servers: number;
  /** Own hours, or undefined to follow the scenario's opening hours. */
  hours: DayHours | undefined;
  weekdays: WeekdaysInput | undefined;
  changes: readonly ServerChangeInput[] | undefined;
  clockOffsetHours: number;
}

const dayOf = (c: CompileContext, w: { day?: number | undefined; date?: string | undefined }): number =>
  w.day ?? daysBetween(c.start, w.date ?? c.start);

/** The profile of one era: daily when every weekday is the same (as before weekly schedules), else weekly. */
function eraProfile(c: CompileContext, s: Settings, seasonHours: Hours | undefined, offset: number) {
  const startDow = (new Date(`${c.start}T00:00:00Z`).getUTCDay() + 6) % 7;
  const byWeekday = WEEKDAYS.map((w) => {
    const own = s.weekdays[w];
    const fallback = s.defaultHours ? c.sc.openingHoursByWeekday?.[w] : undefined;
    return { hours: seasonHours ?? own?.hours ?? fallback ?? s.hours, servers: own?.servers ?? s.servers };
  });
  const key0 = JSON.stringify(byWeekday[0]);
  if (byWeekday.every((d) => JSON.stringify(d) === key0)) {
    return buildProfile([byWeekday[0]!], offset);
  }
  return buildProfile(
    Array.from({ length: 7 }, (_, k) => byWeekday[(startDow + k) % 7]!),
    offset,
  );
}

/**
 * The profile part of a schedule: one era from the start, and one more from each date at which a dated
 * change or a season's opening hours changes what is in force (at midnight of the owner's clock).
 */
export function profileOf(
  c: CompileContext,
  o: CapacityOwner,
): CapacityProfileSpec & { changes?: ScheduleConfig["changes"] } {
  const seasons = c.sc.seasons.filter((s) => s.openingHours !== undefined);
  const changes = [...(o.changes ?? [])].map((ch) => ({ ch, day: Math.max(0, dayOf(c, ch)) }));
  const bounds = new Set<number>([0, ...changes.map((x) => x.day)]);
  for (const s of seasons) {
    bounds.add(Math.max(0, daysBetween(c.start, s.from)));
    bounds.add(Math.max(0, daysBetween(c.start, s.to) + 1));
  }
  const eras: { fromMs: number; profile: CapacityProfileSpec }[] = [];
  for (const d of [...bounds].sort((a, b) => a - b)) {
    const st: Settings = {
      servers: o.servers,
      hours: o.hours ?? c.sc.openingHours,
      weekdays: { ...o.weekdays },
      defaultHours: o.hours === undefined,
    };
    for (const { ch, day } of changes) {
      if (day > d) break;
      if (ch.servers !== undefined) st.servers = ch.servers;
      if (ch.hours !== undefined) {
        st.hours = ch.hours;
        st.defaultHours = false;
      }
      if (ch.weekdays) Object.assign(st.weekdays, ch.weekdays);
    }
    let seasonHours: Hours | undefined;
    for (const s of seasons) {
      const inWindow = daysBetween(c.start, s.from) <= d && d <= daysBetween(c.start, s.to);
      const applies = s.stages ? s.stages.includes(o.id) : st.defaultHours;
      if (inWindow && applies) seasonHours = s.openingHours;
    }
    const profile = eraProfile(c, st, seasonHours, o.clockOffsetHours);
    const last = eras[eras.length - 1];
    if (last && JSON.stringify(last.profile) === JSON.stringify(profile)) continue;
    eras.push({ fromMs: d * DAY_MS - Math.round(o.clockOffsetHours * HOUR_MS), profile });
  }
  const [first, ...rest] = eras;
  if (rest.length === 0) return first!.profile;
  return { ...first!.profile, changes: rest.map((e) => ({ fromMs: e.fromMs, ...e.profile })) };
}

/** Capacity windows (outages, extra lanes) and seasons' capacity factors of a stage or pool. */
export function capacityWindowsOf(
  c: CompileContext,
  id: string,
  baseMax: number,
  list: readonly CapacityWindowInput[] | undefined,
  serverLike: boolean,
): CapacityWindow[] {
  const { sc, start, dayMs, horizonMs } = c;
  const out: CapacityWindow[] = [];
  for (const w of list ?? []) {
    const from0 = dayMs(w) + Math.round(w.fromHour * HOUR_MS);
    const len = Math.round(w.hours * HOUR_MS);
    if (w.daily) {
      for (let t = from0; t < horizonMs; t += DAY_MS) out.push({ fromMs: t, toMs: t + len, delta: w.servers });
    } else out.push({ fromMs: from0, toMs: from0 + len, delta: w.servers });
  }
  for (const s of sc.seasons) {
    if (s.capacityFactor === undefined) continue;
    const applies = s.stages ? s.stages.includes(id) : serverLike;
    if (!applies) continue;
    const fromMs = daysBetween(start, s.from) * DAY_MS;
    const toMs = (daysBetween(start, s.to) + 1) * DAY_MS;
    const delta = Math.round(baseMax * s.capacityFactor) - baseMax;
    if (delta !== 0 && toMs > 0) out.push({ fromMs: Math.max(0, fromMs), toMs, delta });
  }
  return out.filter((w) => w.toMs > w.fromMs && w.toMs > 0).map((w) => ({ ...w, fromMs: Math.max(0, w.fromMs) }));
}

/** The whole schedule of a server stage: eras, windows. */
export function serverScheduleOf(c: CompileContext, id: string, st: ServerStageInput): ScheduleConfig {
  const profile = profileOf(c, {
    id,
    servers: st.servers ?? UNLIMITED_SERVERS,
    hours: st.hours,
    weekdays: st.weekdays,
    changes: st.changes,
    clockOffsetHours: st.clockOffsetHours,
  });
  const windows = capacityWindowsOf(c, id, Math.max(...profile.capacities), st.capacityWindows, true);
  return windows.length > 0 ? { ...profile, windows } : profile;
}

/** Dated changes of a stage's daily cap, and the cap from the start. */
export function dailyCapOf(
  c: CompileContext,
  st: ServerStageInput,
): { dailyCapTrucks: number; dailyCapChanges?: DailyCapChangeConfig[] } {
  let first = st.dailyCapTrucks ?? Number.POSITIVE_INFINITY;
  const changes: DailyCapChangeConfig[] = [];
  for (const ch of st.changes ?? []) {
    if (ch.dailyCapTrucks === undefined) continue;
    const trucks = ch.dailyCapTrucks === "none" ? Number.POSITIVE_INFINITY : ch.dailyCapTrucks;
    const day = dayOf(c, ch);
    if (day <= 0) first = trucks;
    else changes.push({ fromMs: day * DAY_MS - Math.round(st.clockOffsetHours * HOUR_MS), trucks });
  }
  return changes.length > 0 ? { dailyCapTrucks: first, dailyCapChanges: changes } : { dailyCapTrucks: first };
}

/** A holding area's stalls over time: dated changes and windows. */
export function holdingScheduleOf(
  c: CompileContext,
  id: string,
  st: Extract<Scenario["stages"][string], { type: "holding" }>,
): ScheduleConfig {
  const eras = (st.changes ?? [])
    .map((ch) => ({ day: dayOf(c, ch), capacityTrucks: ch.capacityTrucks }))
    .filter((e) => e.day > 0);
  let first = st.capacityTrucks;
  for (const ch of st.changes ?? []) if (dayOf(c, ch) <= 0) first = ch.capacityTrucks;
  const base: ScheduleConfig = { startsMs: [0], capacities: [first] };
  const withChanges: ScheduleConfig =
    eras.length > 0
      ? {
          ...base,
          changes: eras.map((e) => ({ fromMs: e.day * DAY_MS, startsMs: [0], capacities: [e.capacityTrucks] })),
        }
      : base;
  const windows = capacityWindowsOf(c, id, st.capacityTrucks, st.capacityWindows, false);
  return windows.length > 0 ? { ...withChanges, windows } : withChanges;
}

/** Breakdowns of a stage's units, by kind, in ms. */
export function breakdownsOf(st: ServerStageInput): BreakdownConfig[] | undefined {
  if (st.breakdowns === undefined) return undefined;
  return st.breakdowns.map((b) => {
    const out: BreakdownConfig = {
      name: b.name ?? "",
      units: b.units ?? st.servers ?? 0,
      upMs: toDistributionMs(b.hoursBetweenFailures, HOUR_MS),
      repairMs: toDistributionMs(b.repairMinutes, MINUTE_MS),
    };
    if (b.whenDown !== undefined) out.extraMs = toDistributionMs(b.whenDown.extraMinutes, MINUTE_MS);
    return out;
  });
}

/** The scenario's pools, in the order written (indices for `ServerStageConfig.pool`). */
export function poolsOf(c: CompileContext): PoolConfig[] {
  return Object.entries(c.sc.pools ?? {}).map(([id, p]) => {
    const profile = profileOf(c, {
      id,
      servers: p.servers,
      hours: p.hours,
      weekdays: p.weekdays,
      changes: p.changes,
      clockOffsetHours: 0,
    });
    const windows = capacityWindowsOf(c, id, Math.max(...profile.capacities), undefined, true);
    return {
      id,
      schedule: windows.length > 0 ? { ...profile, windows } : profile,
      priorityStages: (p.priority ?? []).map((s) => c.at(s)),
    };
  });
}
