/**
 * Demand as written: trucks per day of each direction with their profiles and attributes, the appointment
 * layer, and dated seasons.
 */
import { z } from "zod";
import { hoursSchema, isoDate, nonNeg, pos } from "./schema-common.js";
import { divertToSchema, quotaByTimeSchema, quotaRuleSchema } from "./schema-diversion.js";

/** 24 relative weights of the local hours, "flat", or a night/day split. */
export const hourProfileSchema = z.union([
  z.literal("flat"),
  z.array(nonNeg).length(24, { error: "must have 24 hourly weights" }),
  z
    .object({
      nightWeight: nonNeg,
      dayWeight: pos,
      nightFrom: z.number().int().min(0).max(23),
      nightTo: z.number().int().min(0).max(23),
    })
    .strict(),
]);

/**
 * The appointment layer of one direction: a booking system. Slots exist only while `bookFor` is open (its
 * hours and clock; default: the scenario's opening hours), with `quotaPerSlot` or the `quotaByTime` table;
 * a truck finding no slot within `horizonHours` of its intended time comes as a walk-in or is diverted;
 * one later than its slot's end plus `graceMinutes` loses its priority or rebooks.
 */
export const appointmentSchema = z
  .object({
    sharePercent: z.number().min(0).max(100),
    slotMinutes: pos.max(1440),
    quotaPerSlot: z.number().int().min(0),
    quotaByTime: quotaByTimeSchema.optional(),
    bookFor: z.string().optional(),
    overbookPercent: z.number().min(0).max(100).default(0),
    punctualitySdMinutes: nonNeg,
    toleranceMinutes: nonNeg.default(30),
    /** Share of bookings that never arrive (they take quota; `trucksPerDay` counts only trucks that come). */
    noShowPercent: z.number().min(0).max(95),
    leadMinutes: nonNeg.max(10_080).default(240),
    horizonHours: pos.max(720).default(24),
    whenNoSlot: z.enum(["walkIn", "divert"]).default("walkIn"),
    divertTo: divertToSchema.optional(),
    /** Default: `toleranceMinutes`. */
    graceMinutes: nonNeg.optional(),
    whenLate: z.enum(["keepPriority", "losePriority", "rebook"]).default("losePriority"),
    quotaRule: quotaRuleSchema.optional(),
  })
  .strict();

/** Demand of one direction. */
export const demandSchema = z
  .object({
    trucksPerDay: nonNeg,
    entry: z.string(),
    /** 24 relative weights of the local hours, or a night/day split. */
    hourProfile: hourProfileSchema.default("flat"),
    /** Multipliers Monday..Sunday. */
    dayOfWeek: z.array(nonNeg).length(7, { error: "must have 7 factors (Monday..Sunday)" }).optional(),
    growthPercentPerYear: z.number().min(-100).default(0),
    dailyCvPercent: nonNeg.default(0),
    cargoMixPercent: z.record(z.string(), nonNeg).optional(),
    containerPercent: z.number().min(0).max(100).default(0),
    transshipPercent: z.number().min(0).max(100).default(0),
    plateReadPercent: z.number().min(0).max(100).default(0),
    channelPercent: z.object({ green: nonNeg, yellow: nonNeg, red: nonNeg }).strict().optional(),
    appointment: appointmentSchema.optional(),
  })
  .strict();

/** A dated window: a season or a holiday, multiplying demand and optionally capacity. */
export const seasonSchema = z
  .object({
    name: z.string(),
    from: isoDate,
    /** Last day of the window (inclusive). */
    to: isoDate,
    demandFactor: z
      .union([nonNeg, z.object({ export: nonNeg.optional(), import: nonNeg.optional() }).strict()])
      .default(1),
    /** Capacity of the listed stages (all servers if none listed) during the window, as a fraction of normal. */
    capacityFactor: z.number().min(0).max(10).optional(),
    /**
     * Opening hours during the window, every day of it (extended hours in a peak): of the listed stages and
     * pools, or, if none are listed, of every server and pool on the default opening hours.
     */
    openingHours: hoursSchema.optional(),
    stages: z.array(z.string()).optional(),
  })
  .strict();
