/**
 * The rail terminal stage as written: trucks (their loads) diverted to the Đồng Đăng railway wait at a
 * terminal for a train on a weekly timetable; each train takes up to its wagons' capacity, first come first
 * loaded, and the loads leave the road network as moved by rail (never as lost).
 */
import { z } from "zod";
import { hhmm, nonNeg, WEEKDAYS } from "./schema-common.js";

/** One departure of the timetable: a local time, on the listed weekdays (every day when omitted). */
export const departureSchema = z
  .object({
    departs: hhmm,
    days: z.array(z.enum(WEEKDAYS)).min(1, { error: "list at least one day, or omit days for every day" }).optional(),
  })
  .strict();

/** A rail terminal: a timetable, wagon capacity, the cut-off before departure, a bounded terminal. */
export const railStage = z
  .object({
    type: z.literal("rail"),
    timetable: z.array(departureSchema).min(1, { error: "a timetable needs at least one departure" }).max(200),
    wagons: z.number().int().min(1).max(1000),
    loadsPerWagon: z.number().int().min(1).max(10).default(1),
    /** Loads must be at the terminal this long before departure to be loaded (batch loading time). */
    cutoffMinutes: nonNeg.default(0),
    /** Hours of the timetable's clock ahead of Vietnam's (1 for a terminal on the Chinese side, UTC+8). */
    clockOffsetHours: z.number().min(-12).max(14).default(0),
    /** Loads the terminal holds while they wait; a truck that finds it full goes to `overflowTo` (the road). */
    terminalCapacityLoads: z.number().int().min(1).optional(),
    overflowTo: z.string().optional(),
    zone: z.string().optional(),
    description: z.string().optional(),
  })
  .strict();

/** A rail stage as written. */
export type RailStageInput = z.infer<typeof railStage>;

/** Cross-checks of a rail stage: its overflow stage exists, a bounded terminal says where the overflow goes. */
export function checkRailStage(
  id: string,
  st: RailStageInput,
  stageIds: Set<string>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  const p = ["stages", id];
  if (st.overflowTo !== undefined && !stageIds.has(st.overflowTo)) {
    issue([...p, "overflowTo"], `unknown stage "${st.overflowTo}"; known: ${[...stageIds].join(", ")}`);
  }
  if (st.terminalCapacityLoads !== undefined && st.overflowTo === undefined) {
    issue(
      [...p, "overflowTo"],
      "a terminal with terminalCapacityLoads needs overflowTo: where trucks go when it is full",
    );
  }
  if (st.overflowTo === id) issue([...p, "overflowTo"], "must be another stage than the terminal itself");
  st.timetable.forEach((d, i) => {
    if (d.days && new Set(d.days).size !== d.days.length) issue([...p, "timetable", i, "days"], "lists a day twice");
  });
}
