/**
 * Capacity that changes over time, as written: dated changes of a stage's servers, hours or daily cap (the
 * December 2021 cut), weekly schedules (weekends, Sundays), random breakdowns of a stage's units (X-ray
 * scanners, gate lanes, plate cameras), and shared pools of staff (customs officers, transshipment crews)
 * that several stages seize. Planners' units: dates "YYYY-MM-DD" (or a day of the run), hours, minutes.
 */
import { z } from "zod";
import { distributionSchema, hoursSchema, isoDate, WEEKDAYS } from "./schema-common.js";

const serverCount = z.number().int().min(0, { error: "must be ≥ 0" });

/** Hours of one weekday: opening hours, or "closed". */
export const dayHoursSchema = z.union([z.literal("closed"), hoursSchema]);

/** What one weekday changes at a stage or pool: its hours, its servers, or both. */
const weekdayEntrySchema = z.object({ hours: dayHoursSchema.optional(), servers: serverCount.optional() }).strict();

/** Per-weekday overrides (days not listed keep the stage's hours and servers); weekdays in the stage's clock. */
export const weekdaysSchema = z
  .object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, weekdayEntrySchema.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof weekdayEntrySchema>
    >,
  )
  .strict();
/** Weekday overrides as written. */
export type WeekdaysInput = z.infer<typeof weekdaysSchema>;

/** Default hours per weekday of every server on the default opening hours (e.g. `sun: closed`). */
export const openingHoursByWeekdaySchema = z
  .object(
    Object.fromEntries(WEEKDAYS.map((d) => [d, dayHoursSchema.optional()])) as Record<
      (typeof WEEKDAYS)[number],
      z.ZodOptional<typeof dayHoursSchema>
    >,
  )
  .strict();

const when = {
  /** Day of the run (0 = the calendar's start date) from which the change holds. */
  day: z.number().int().min(0).optional(),
  /** Date from which the change holds, at midnight of the stage's clock. */
  date: isoDate.optional(),
  note: z.string().optional(),
};

/**
 * A dated change of a server stage (or a pool): from its date on, the fields given replace the stage's
 * until a later change; fields not given keep their value. `dailyCapTrucks: none` lifts a cap.
 */
export const serverChangeSchema = z
  .object({
    ...when,
    servers: serverCount.optional(),
    hours: dayHoursSchema.optional(),
    weekdays: weekdaysSchema.optional(),
    dailyCapTrucks: z.union([z.number().int().min(0), z.literal("none")]).optional(),
  })
  .strict();
/** A dated change of a server stage as written. */
export type ServerChangeInput = z.infer<typeof serverChangeSchema>;

/** A dated change of a holding area (overflow yards opened from a date on). */
export const holdingChangeSchema = z
  .object({ ...when, capacityTrucks: z.number().int().min(0, { error: "must be ≥ 0" }) })
  .strict();

/**
 * Random breakdowns of a server stage's units: each of `units` (default: the stage's servers) works for a
 * time drawn from `hoursBetweenFailures`, then is down for `repairMinutes`, independently of the others and
 * on the calendar clock (open or not). A unit that fails while serving a truck finishes that truck first
 * (nothing is cut off); the repair time counts from the failure. Spare units (scheduled servers below the
 * unit count) stand in for failed ones. A stage lists one entry per kind of unit (lanes, their cameras), each
 * with a `name` when there are several. With `whenDown: { extraMinutes }` a unit that is down still serves,
 * slower (a lane's plate camera is down and plates are typed in by hand): a truck starting service while k
 * of the units are down takes the extra minutes with probability k / units.
 */
export const breakdownSchema = z
  .object({
    /** Kind of unit (`lanes`, `cameras`): needed when a stage lists several kinds; names the KPIs. */
    name: z
      .string()
      .regex(/^[a-zA-Z][a-zA-Z0-9_-]*$/, { error: "must be a name of letters, digits, - or _" })
      .optional(),
    units: z.number().int().min(1).max(10_000).optional(),
    hoursBetweenFailures: distributionSchema,
    repairMinutes: distributionSchema,
    /** Absent: a unit that is down serves no one. Given: it still serves, each truck it serves taking longer. */
    whenDown: z.object({ extraMinutes: distributionSchema }).strict().optional(),
  })
  .strict();
/** One kind of failing unit as written. */
export type BreakdownInput = z.infer<typeof breakdownSchema>;

/** A stage's breakdowns: one kind of unit (its servers), or several kinds each with a name. */
export const stageBreakdownsSchema = z.array(breakdownSchema).min(1).max(8);

/**
 * A pool of staff shared by several stages (customs officers for document review and X-ray image review;
 * crews across docks): a truck at a stage that names the pool needs one member, in addition to one of the
 * stage's own servers (or instead of them, when the stage gives no `servers`), for its whole service.
 */
export const poolSchema = z
  .object({
    servers: serverCount,
    hours: dayHoursSchema.optional(),
    weekdays: weekdaysSchema.optional(),
    changes: z.array(serverChangeSchema).max(1000).optional(),
    /** Stages whose trucks are served first, in this order (others after them, first come first served). */
    priority: z.array(z.string()).optional(),
    description: z.string().optional(),
  })
  .strict();
/** A pool as written. */
export type PoolInput = z.infer<typeof poolSchema>;
