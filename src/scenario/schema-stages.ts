/**
 * The stages of a scenario's network, as written: servers, delays, holdings (yards), branches and sinks.
 * Stages where trucks spend time say where they physically stand: `zone` while at the stage (in service,
 * in a stall, travelling), `queueZone` while waiting for it (servers and holdings, which have a line).
 */
import { z } from "zod";
import { holdingChangeSchema, serverChangeSchema, stageBreakdownsSchema, weekdaysSchema } from "./schema-capacity.js";
import {
  capacityWindowSchema,
  conditionSchema,
  distributionSchema,
  hoursSchema,
  nonNeg,
  pos,
} from "./schema-common.js";
import { balkingSchema, renegingSchema } from "./schema-diversion.js";
import { policyRefSchema } from "./schema-policies.js";
import { railStage } from "./schema-rail.js";
import { tripRoutesSchema } from "./schema-trips.js";

const stageCommon = {
  next: z.string().optional(),
  releases: z.array(z.string()).optional(),
  crossing: z.boolean().optional(),
  /**
   * Ultraview plate cameras along this stage (NH1A): a truck passing it has its plate read ahead of the gate
   * with its direction's `plateReadPercent`; trucks whose route passes no such stage are never pre-identified.
   */
  plateCameras: z.boolean().optional(),
  description: z.string().optional(),
};

/** Where a truck stands while at the stage (a zone id); absent: where it was. */
const zoneField = z.string().optional();
/** Where trucks waiting for the stage stand (a zone id); absent: where they were (the stall or server they hold). */
const queueZoneField = z.string().optional();

const serverStage = z
  .object({
    type: z.literal("server"),
    zone: zoneField,
    queueZone: queueZoneField,
    /** Required unless the stage uses a pool (then its trucks need only a pool member). */
    servers: z.number().int().min(0, { error: "must be ≥ 0" }).optional(),
    hours: hoursSchema.optional(),
    weekdays: weekdaysSchema.optional(),
    changes: z.array(serverChangeSchema).max(1000).optional(),
    breakdowns: stageBreakdownsSchema.optional(),
    pool: z.string().optional(),
    clockOffsetHours: z.number().min(-12).max(14).default(0),
    serviceMinutes: distributionSchema,
    serviceMinutesByCargo: z.record(z.string(), distributionSchema).optional(),
    adders: z
      .array(
        z
          .object({
            when: conditionSchema,
            percent: z.number().min(0).max(100).default(100),
            minutes: distributionSchema,
          })
          .strict(),
      )
      .optional(),
    /**
     * Transshipment rendezvous: each truck with `transship` has a partner truck of the other country that
     * arrives `partnerArrivalMinutes` after the loaded truck enters `dispatchAt` (a stage id; default: its
     * arrival in the network), waits in a partner yard of `partnerYardStalls` stalls (default unbounded),
     * and a dock starts the transfer only when both are there. Partners staying longer than
     * `partnerDwellLimitHours` from arrival to the end of the transfer are counted. With `partnerRoute`, the
     * partner sets off `partnerArrivalMinutes` after the call (at once if negative) and drives the listed
     * stages to the yard; with `emptyReturn`, the emptied truck drives the listed stages home (by the load's
     * direction), so both load the roads and the Chinese side's lanes they use.
     */
    rendezvous: z
      .object({
        partnerArrivalMinutes: distributionSchema,
        dispatchAt: z.string().optional(),
        partnerYardStalls: z.number().int().min(0).optional(),
        partnerDwellLimitHours: pos.optional(),
        /** At the limit an unpaired partner is only counted (default), or expelled; another is then called. */
        partnerDwellLimitAction: z.enum(["count", "expel"]).optional(),
        partnerRoute: tripRoutesSchema.optional(),
        emptyReturn: tripRoutesSchema.optional(),
      })
      .strict()
      .optional(),
    discipline: z.enum(["fifo", "callForward"]).default("fifo"),
    callForward: policyRefSchema.optional(),
    queueMax: z.number().int().min(0).optional(),
    whenFull: z.enum(["reject", "block"]).default("reject"),
    dailyCapTrucks: z.number().int().min(0).optional(),
    dwellLimitHours: pos.optional(),
    /** At the dwell limit a waiting truck is only counted (default), or expelled. */
    dwellLimitAction: z.enum(["count", "expel"]).optional(),
    balking: balkingSchema.optional(),
    reneging: renegingSchema.optional(),
    capacityWindows: z.array(capacityWindowSchema).optional(),
    ...stageCommon,
  })
  .strict();

const delayStage = z
  .object({ type: z.literal("delay"), minutes: distributionSchema, zone: zoneField, ...stageCommon })
  .strict();

const holdingStage = z
  .object({
    type: z.literal("holding"),
    zone: zoneField,
    queueZone: queueZoneField,
    capacityTrucks: z.number().int().min(0, { error: "must be ≥ 0" }),
    changes: z.array(holdingChangeSchema).max(1000).optional(),
    discipline: z.enum(["fifo", "callForward"]).default("fifo"),
    callForward: policyRefSchema.optional(),
    balking: balkingSchema.optional(),
    reneging: renegingSchema.optional(),
    capacityWindows: z.array(capacityWindowSchema).optional(),
    ...stageCommon,
  })
  .strict();

const branchStage = z
  .object({
    type: z.literal("branch"),
    routes: z
      .array(z.object({ when: conditionSchema.optional(), percent: nonNeg.optional(), to: z.string() }).strict())
      .optional(),
    select: z
      .object({
        policy: policyRefSchema.optional(),
        randomPercent: z.number().min(0).max(100).default(0),
        alwaysCargo: z.array(z.string()).default([]),
        alwaysChannels: z.array(z.enum(["green", "yellow", "red"])).default([]),
        selected: z.string(),
        otherwise: z.string(),
      })
      .strict()
      .optional(),
    ...stageCommon,
  })
  .strict();

const sinkStage = z
  .object({
    type: z.literal("sink"),
    lost: z.boolean().default(false),
    /** Trucks leaving here went to this other crossing (e.g. tanThanh): counted diverted, not cleared or lost. */
    divertedTo: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9_-]*$/, { error: "must be a name (letters, digits, _ or -)" })
      .optional(),
    ...stageCommon,
  })
  .strict();

/** One stage of the network. */
export const stageSchema = z.discriminatedUnion(
  "type",
  [serverStage, delayStage, holdingStage, branchStage, sinkStage, railStage],
  {
    error: "unknown stage type; known: server, delay, holding, branch, sink, rail",
  },
);
