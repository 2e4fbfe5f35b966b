/**
 * Trucks that give up, divert or time out, as written: balking and reneging at a server or holding stage,
 * the stages a diverted truck is sent to (a route to another crossing, or its sink), and the cross-field
 * checks of these blocks and of the booking system's references (booked stage, quota rule, diversion).
 */
import { z } from "zod";
import type { DecisionName } from "../model/index.js";
import { conditionSchema, distributionSchema, hhmm, pos } from "./schema-common.js";
import { type PolicyRef, policyParamsSchema } from "./schema-policies.js";

/** Where a diverted truck goes: stages (a route to another crossing, or its sink), chosen by `policies.diversion`. */
export const divertToSchema = z
  .array(z.object({ to: z.string(), percent: z.number().min(0).max(100).optional() }).strict())
  .min(1, { error: "needs at least one stage" })
  .max(16, { error: "at most 16 stages" });

/** Balking: a truck that finds the line too long does not join it (rule `lineLength` or `expectedWait`). */
export const balkingSchema = z
  .object({
    rule: z.string().default("lineLength"),
    /** A balking module (a policy file) instead of a built-in `rule`; it gets the thresholds below too. */
    module: z.string().min(1).max(1000).optional(),
    params: policyParamsSchema.optional(),
    /** lineLength: balk when this many trucks (or more) are waiting. */
    aboveTrucks: z.number().int().min(0).optional(),
    /** expectedWait: balk when the wait, at the pace of the last 24 h, exceeds this. */
    aboveHours: pos.optional(),
    /** Share of the trucks over the threshold that balk (the others wait anyway). */
    percent: z.number().min(0).max(100).default(100),
    /** Only these trucks may balk (default: all). */
    when: conditionSchema.optional(),
    /** Where balking trucks go; absent: they leave the model (counted balked). */
    divertTo: divertToSchema.optional(),
  })
  .strict();

/** Reneging: a truck waiting here leaves the line after its patience (drawn per truck and line). */
export const renegingSchema = z
  .object({
    patienceHours: distributionSchema,
    when: conditionSchema.optional(),
    /** Where reneging trucks go; absent: they leave the model (counted reneged). */
    divertTo: divertToSchema.optional(),
  })
  .strict();

/** An adaptive quota: the quota falls linearly from 100 % at `fromPercent` of load to `minPercent` at `toPercent`. */
export const quotaRuleSchema = z
  .object({
    /** A built-in quota rule (`fixed`, `yardOccupancy`, `acceptanceBacklog`), or a `module` (which takes precedence). */
    rule: z.string().optional(),
    module: z.string().min(1).max(1000).optional(),
    params: policyParamsSchema.optional(),
    /** The watched stage: a yard (yardOccupancy) or the Chinese side's capped acceptance (acceptanceBacklog). */
    stage: z.string(),
    fromPercent: z.number().min(0).default(70),
    toPercent: pos.default(100),
    minPercent: z.number().min(0).max(100).default(25),
  })
  .strict();

/** Quotas by time of day (in the booked stage's clock); times not covered keep `quotaPerSlot`. */
export const quotaByTimeSchema = z
  .array(z.object({ from: hhmm, to: hhmm, quota: z.number().int().min(0) }).strict())
  .min(1)
  .max(96);

type Path = (string | number)[];
type DivertTo = z.infer<typeof divertToSchema>;

/** What the cross-checks need from the top-level check: reporters and the scenario's ids. */
export interface DiversionCheckContext {
  issue: (path: Path, message: string) => void;
  checkStage: (path: Path, id: string | undefined) => void;
  checkPolicy: (path: Path, value: string, known: string[]) => void;
  /** Checks a reference that names a built-in (with its parameters) or a module. */
  checkRef: (path: Path, ref: PolicyRef, decision: DecisionName, known: string[]) => void;
  stageType: (id: string) => string | undefined;
  names: { quota: string[]; balking: string[]; diversion: string[] };
}

/** Checks the stages of a `divertTo` list and its percentages (all or none, summing to 100 %). */
export function checkDivertTo(c: DiversionCheckContext, path: Path, list: DivertTo | undefined): void {
  if (!list) return;
  for (const [i, d] of list.entries()) c.checkStage([...path, i, "to"], d.to);
  const given = list.filter((d) => d.percent !== undefined);
  if (given.length > 0 && given.length < list.length) c.issue(path, "give percent for every stage or for none");
  if (given.length === list.length && given.length > 0) {
    const sum = given.reduce((a, d) => a + (d.percent ?? 0), 0);
    if (Math.abs(sum - 100) > 1e-6) c.issue(path, `percent shares must sum to 100 %, got ${sum}`);
  }
}

/** Checks the balking and reneging blocks of one stage. */
export function checkStageDiversion(
  c: DiversionCheckContext,
  path: Path,
  st: {
    balking?: z.infer<typeof balkingSchema> | undefined;
    reneging?: z.infer<typeof renegingSchema> | undefined;
  },
): void {
  const b = st.balking;
  if (b) {
    // A module replaces the rule (the rule's default is then unused).
    if (b.module === undefined) {
      c.checkRef(
        [...path, "balking"],
        { rule: b.rule, ...(b.params ? { params: b.params } : {}) },
        "balking",
        c.names.balking,
      );
      if (b.rule === "lineLength" && b.aboveTrucks === undefined) {
        c.issue([...path, "balking", "aboveTrucks"], "rule lineLength needs aboveTrucks");
      }
      if (b.rule === "expectedWait" && b.aboveHours === undefined) {
        c.issue([...path, "balking", "aboveHours"], "rule expectedWait needs aboveHours");
      }
    }
    checkDivertTo(c, [...path, "balking", "divertTo"], b.divertTo);
  }
  if (st.reneging) checkDivertTo(c, [...path, "reneging", "divertTo"], st.reneging.divertTo);
}

/** Minutes of the day covered by each entry of a time-of-day table; an entry may wrap past midnight. */
export function minutesCovered(from: string, to: string): number[] {
  const m = (s: string): number => Number(s.slice(0, 2)) * 60 + Number(s.slice(3, 5));
  let len = m(to) - m(from);
  if (len <= 0) len += 1440;
  return Array.from({ length: len }, (_, k) => (m(from) + k) % 1440);
}

/** The appointment fields that name other parts of the scenario. */
interface AppointmentRefs {
  slotMinutes: number;
  horizonHours: number;
  bookFor?: string | undefined;
  quotaByTime?: z.infer<typeof quotaByTimeSchema> | undefined;
  whenNoSlot: "walkIn" | "divert";
  divertTo?: DivertTo | undefined;
  quotaRule?: z.infer<typeof quotaRuleSchema> | undefined;
}

/** Checks the booking system's references and sizes of one direction's appointment block. */
export function checkAppointment(
  c: DiversionCheckContext,
  path: Path,
  ap: AppointmentRefs,
  dailyCap: (id: string) => number | undefined,
): void {
  if (ap.bookFor !== undefined) {
    c.checkStage([...path, "bookFor"], ap.bookFor);
    const type = c.stageType(ap.bookFor);
    if (type !== undefined && type !== "server" && type !== "holding") {
      c.issue([...path, "bookFor"], `stage "${ap.bookFor}" must be a server or a holding (it has opening hours)`);
    }
  }
  const slots = (ap.horizonHours * 60) / ap.slotMinutes;
  if (slots > 20_000) {
    c.issue([...path, "horizonHours"], `the horizon spans ${Math.ceil(slots)} slots; at most 20,000 are searched`);
  }
  if (ap.quotaByTime) {
    const seen = new Uint8Array(1440);
    ap.quotaByTime.forEach((q, i) => {
      for (const minute of minutesCovered(q.from, q.to)) {
        if (seen[minute] === 1) {
          c.issue([...path, "quotaByTime", i], `overlaps an earlier entry at ${q.from}-${q.to}`);
          return;
        }
        seen[minute] = 1;
      }
    });
  }
  if (ap.whenNoSlot === "divert" && ap.divertTo === undefined) {
    c.issue([...path, "divertTo"], 'whenNoSlot "divert" needs divertTo (a route to another crossing, or a sink)');
  }
  checkDivertTo(c, [...path, "divertTo"], ap.divertTo);
  const qr = ap.quotaRule;
  if (qr) {
    // A module takes precedence over a rule (so an override can swap one for the other).
    if (qr.rule === undefined && qr.module === undefined) {
      c.issue([...path, "quotaRule"], "give a rule (a built-in) or a module (a policy file)");
    } else if (qr.module === undefined && qr.rule !== undefined) {
      c.checkRef(
        [...path, "quotaRule"],
        { rule: qr.rule, ...(qr.params ? { params: qr.params } : {}) },
        "quota",
        c.names.quota,
      );
    }
    c.checkStage([...path, "quotaRule", "stage"], qr.stage);
    if (qr.toPercent <= qr.fromPercent) c.issue([...path, "quotaRule", "toPercent"], "must exceed fromPercent");
    const type = c.stageType(qr.stage);
    if (qr.rule === "acceptanceBacklog" && type !== undefined && dailyCap(qr.stage) === undefined) {
      c.issue([...path, "quotaRule", "stage"], `rule acceptanceBacklog needs a server with dailyCapTrucks`);
    }
    if (qr.rule === "yardOccupancy" && type !== undefined && type !== "holding" && type !== "server") {
      c.issue([...path, "quotaRule", "stage"], "rule yardOccupancy needs a holding or server stage");
    }
  }
}
