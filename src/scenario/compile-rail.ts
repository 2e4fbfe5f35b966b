/**
 * Compiles a rail terminal: its timetable (local times on weekdays, on the terminal's clock) into the
 * departures of one week in milliseconds from the run's start, which the model repeats every week.
 */
import { DAY_MS, MINUTE_MS, type RailStageConfig } from "../model/index.js";
import type { CompileContext } from "./compile.js";
import { minutesOf } from "./compile-units.js";
import { WEEKDAYS } from "./schema-common.js";
import type { RailStageInput } from "./schema-rail.js";

const WEEK_MS = 7 * DAY_MS;

/** Departures of one week from the run's first day, ascending, in [0, 7 days). */
export function weeklyDepartures(st: RailStageInput, startDate: string): number[] {
  // Weekday of the run's first day, Monday = 0.
  const startDow = (new Date(`${startDate}T00:00:00Z`).getUTCDay() + 6) % 7;
  const shiftMs = Math.round(st.clockOffsetHours * 60) * MINUTE_MS;
  const out = new Set<number>();
  for (const d of st.timetable) {
    const days = d.days ?? WEEKDAYS;
    for (let k = 0; k < 7; k++) {
      if (!days.includes(WEEKDAYS[(startDow + k) % 7]!)) continue;
      const t = k * DAY_MS + minutesOf(d.departs) * MINUTE_MS - shiftMs;
      out.add(((t % WEEK_MS) + WEEK_MS) % WEEK_MS);
    }
  }
  return [...out].sort((a, b) => a - b);
}

/** The model's config of one rail terminal. */
export function compileRailStage(
  c: CompileContext,
  base: { id: string; zone: number; queueZone: number; releases: number[]; crossing: boolean },
  st: RailStageInput,
): RailStageConfig {
  return {
    ...base,
    type: "rail",
    departuresWeekMs: weeklyDepartures(st, c.start),
    trainCapacityLoads: st.wagons * st.loadsPerWagon,
    cutoffMs: st.cutoffMinutes * MINUTE_MS,
    terminalCapacityLoads: st.terminalCapacityLoads ?? Number.POSITIVE_INFINITY,
    overflow: c.at(st.overflowTo),
  };
}
