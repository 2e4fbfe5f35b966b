/**
 * Building blocks of the scenario format shared by its parts: distributions in planners' units, opening
 * hours, conditions on truck attributes, capacity windows, and the numbers they are made of.
 */
import { z } from "zod";

export const DIST_TYPES = [
  "deterministic",
  "exponential",
  "uniform",
  "triangular",
  "normal",
  "lognormal",
  "gamma",
  "erlang",
  "weibull",
  "empirical",
  "empiricalContinuous",
] as const;

export const pos = z.number().positive();
export const nonNeg = z.number().min(0, { error: "must be ≥ 0" });

/** A distribution in the scenario's unit for that field (minutes, hours); a bare number is a constant. */
export const distributionSchema = z.union([
  nonNeg,
  z.discriminatedUnion(
    "type",
    [
      z.object({ type: z.literal("deterministic"), value: nonNeg }).strict(),
      z.object({ type: z.literal("exponential"), mean: pos }).strict(),
      z.object({ type: z.literal("uniform"), min: nonNeg, max: pos }).strict(),
      z.object({ type: z.literal("triangular"), min: nonNeg, mode: nonNeg, max: pos }).strict(),
      z
        .object({
          type: z.literal("normal"),
          mean: z.number(),
          sd: pos,
          min: z.number().optional(),
          max: z.number().optional(),
        })
        .strict(),
      z.object({ type: z.literal("lognormal"), mean: pos, cv: pos }).strict(),
      z.object({ type: z.literal("gamma"), shape: pos, scale: pos }).strict(),
      z.object({ type: z.literal("erlang"), k: z.number().int().positive(), mean: pos }).strict(),
      z.object({ type: z.literal("weibull"), shape: pos, scale: pos }).strict(),
      z
        .object({ type: z.literal("empirical"), values: z.array(nonNeg).min(1), weights: z.array(nonNeg).min(1) })
        .strict(),
      z
        .object({
          type: z.literal("empiricalContinuous"),
          points: z.array(nonNeg).min(2),
          probs: z.array(nonNeg).min(2),
        })
        .strict(),
    ],
    { error: `unknown distribution type; known: ${DIST_TYPES.join(", ")}` },
  ),
]);
/** A distribution as written in a scenario. */
export type DistributionInput = z.infer<typeof distributionSchema>;

export const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: 'must be a time "HH:MM"' });
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date "YYYY-MM-DD"' });

/** Opening hours: "24h", or intervals of local time (an interval may wrap past midnight). */
export const hoursSchema = z.union([
  z.literal("24h"),
  z
    .array(z.object({ from: hhmm, to: hhmm, servers: z.number().int().min(0).optional() }).strict())
    .min(1, { error: "a schedule needs at least one interval" }),
]);

/** A truck-attribute condition. */
export const conditionSchema = z
  .object({
    direction: z.array(z.enum(["export", "import"])).optional(),
    cargo: z.array(z.string()).optional(),
    channel: z.array(z.enum(["green", "yellow", "red", "none"])).optional(),
    container: z.boolean().optional(),
    appointment: z.boolean().optional(),
    plateRead: z.boolean().optional(),
    transship: z.boolean().optional(),
    perishable: z.boolean().optional(),
  })
  .strict();

/** A change of capacity over a window (an outage, an extra lane). */
export const capacityWindowSchema = z
  .object({
    day: z.number().int().min(0).optional(),
    date: isoDate.optional(),
    fromHour: z.number().min(0).max(24).default(0),
    hours: pos,
    /** Servers added (negative: removed) during the window. */
    servers: z.number().int(),
    /** Repeat every day (a daily outage) instead of once. */
    daily: z.boolean().optional(),
  })
  .strict();

/** Days of the week as scenario files write them, Monday first. */
export const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;
