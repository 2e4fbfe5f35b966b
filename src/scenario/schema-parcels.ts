/**
 * E-commerce parcels as written: a parcel demand in parcels per day (the park's e-commerce and express zone
 * handles up to 600,000 a day, Seed F10), its scanning and sorting line in parcels per hour, and the packing
 * of sorted parcels into truckloads that leave when full or at a cut-off and then travel the truck network.
 */
import { z } from "zod";
import { hhmm, hoursSchema, isoDate, nonNeg, pos } from "./schema-common.js";
import { hourProfileSchema } from "./schema-demand.js";

/** The parcel flow of a scenario. */
export const parcelsSchema = z
  .object({
    /** Direction of the trucks the parcels are packed into (export: VN sellers to China). */
    direction: z.enum(["export", "import"]).default("export"),
    parcelsPerDay: nonNeg.max(10_000_000),
    hourProfile: hourProfileSchema.default("flat"),
    dailyCvPercent: nonNeg.max(100).default(0),
    /** Dated multipliers of the parcel demand (a shopping peak such as 11.11). */
    peaks: z
      .array(z.object({ name: z.string(), from: isoDate, to: isoDate, factor: nonNeg.max(20) }).strict())
      .max(100)
      .default([]),
    /** The scanning and sorting line (AGV robots, DWS, automated scanning). */
    line: z.object({ parcelsPerHour: pos.max(10_000_000), hours: hoursSchema.default("24h") }).strict(),
    parcelsPerTruck: z.number().int().min(1).max(100_000),
    /** Local times at which a partly filled truck leaves anyway (none: trucks leave only when full). */
    cutoffs: z.array(hhmm).max(48).default([]),
    /** Stage where a packed truck enters the truck network (e.g. the park yard, before customs). */
    entry: z.string(),
    /** Attributes of the packed trucks. */
    truck: z
      .object({
        cargo: z.string().optional(),
        containerPercent: z.number().min(0).max(100).default(0),
        transshipPercent: z.number().min(0).max(100).default(0),
        channelPercent: z.object({ green: nonNeg, yellow: nonNeg, red: nonNeg }).strict().optional(),
      })
      .strict()
      .default({ containerPercent: 0, transshipPercent: 0 }),
    /** Time step of the parcel flow, minutes (arrivals and sorting are counted per step). */
    stepMinutes: z.number().int().min(1).max(60).default(5),
  })
  .strict();

/** The parcel flow as written. */
export type ParcelsInput = z.infer<typeof parcelsSchema>;

/** Cross-checks of the parcel flow: its entry and cargo class exist, shares sum to 100 %, peaks are ordered. */
export function checkParcels(
  p: ParcelsInput,
  stageIds: Set<string>,
  cargoIds: Set<string>,
  issue: (path: (string | number)[], message: string) => void,
): void {
  if (!stageIds.has(p.entry))
    issue(["parcels", "entry"], `unknown stage "${p.entry}"; known: ${[...stageIds].join(", ")}`);
  const cargo = p.truck.cargo;
  if (cargo !== undefined && !cargoIds.has(cargo)) {
    issue(["parcels", "truck", "cargo"], `unknown cargo class "${cargo}"; known: ${[...cargoIds].join(", ")}`);
  }
  const ch = p.truck.channelPercent;
  if (ch && Math.abs(ch.green + ch.yellow + ch.red - 100) > 1e-6) {
    issue(["parcels", "truck", "channelPercent"], `shares must sum to 100 %, got ${ch.green + ch.yellow + ch.red}`);
  }
  p.peaks.forEach((w, i) => {
    if (w.to < w.from) issue(["parcels", "peaks", i, "to"], "must not be before from");
  });
  if (Array.isArray(p.hourProfile) && p.hourProfile.every((w) => w === 0)) {
    issue(["parcels", "hourProfile"], "must have at least one positive weight");
  }
  if (new Set(p.cutoffs).size !== p.cutoffs.length) issue(["parcels", "cutoffs"], "lists a time twice");
}
