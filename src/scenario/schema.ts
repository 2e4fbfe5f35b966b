/**
 * The scenario file format as zod schemas, in planners' units (minutes, hours, trucks per day, percent).
 * No transforms: a parsed scenario is itself a valid scenario file, so overrides can be merged into it and
 * re-validated. Cross-field rules (references between stages, shares summing to 100 %, policy names) are
 * checked in one `superRefine` so that every problem is reported at once, with its path.
 */
import { z } from "zod";
import {
  builtinPolicy,
  type DecisionName,
  mergePolicyParams,
  policyNames,
  ZONE_KINDS,
  type ZoneKind,
} from "../model/index.js";
import { crossCheckCapacity } from "./check-capacity.js";
import { daysBetween } from "./compile-units.js";
import { openingHoursByWeekdaySchema, poolSchema } from "./schema-capacity.js";
import { type conditionSchema, hhmm, hoursSchema, isoDate, nonNeg, pos } from "./schema-common.js";
import { demandSchema, seasonSchema } from "./schema-demand.js";
import { checkAppointment, checkStageDiversion, type DiversionCheckContext } from "./schema-diversion.js";
import { checkParcels, parcelsSchema } from "./schema-parcels.js";
import { type PolicyRef, policiesSchema } from "./schema-policies.js";
import { checkRailStage } from "./schema-rail.js";
import { checkPlateCameras } from "./schema-routes.js";
import { stageSchema } from "./schema-stages.js";
import { checkTripRoutes } from "./schema-trips.js";
import { unknownName } from "./suggest.js";

export * from "./schema-capacity.js";
export * from "./schema-common.js";
export * from "./schema-demand.js";
export * from "./schema-diversion.js";
export * from "./schema-parcels.js";
export * from "./schema-policies.js";
export * from "./schema-rail.js";
export * from "./schema-stages.js";
export * from "./schema-trips.js";

/**
 * A place trucks stand, whose occupancy is reported: its kind says what trucks do there (only `queue`
 * zones count as idling toward CO₂), its side whether waiting there counts in the Vietnamese-side queue.
 * `idling` is the former spelling: `idling: true` means `kind: queue`, `idling: false` a kind other than queue.
 */
export const zoneSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: "must be letters, digits, '_' or '-'" }),
    kind: z.enum(ZONE_KINDS).optional(),
    side: z.enum(["vn", "cn", "other"]).default("vn"),
    /** Groups zones: the zones of one area add up in its figures (`nh1a`: the NH1A queue; `yard`: the park yard). */
    area: z
      .string()
      .regex(/^[A-Za-z0-9_-]+$/, { error: "must be letters, digits, '_' or '-'" })
      .optional(),
    idling: z.boolean().optional(),
  })
  .strict();

/** The kind of a zone as written: `kind`, else `queue` for `idling: true`, else `parked`. */
export function zoneKindOf(z: { kind?: ZoneKind | undefined; idling?: boolean | undefined }): ZoneKind {
  return z.kind ?? (z.idling === true ? "queue" : "parked");
}

/**
 * A window of time measured on its own (an outage, a closure, a surge): the trucks arriving in it and the
 * line of the listed stages during it get their own KPIs (`window.<name>.*`). It must lie in the measured
 * period (after the warm-up, before the horizon).
 */
export const measureWindowSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z0-9_-]+$/, { error: "must be letters, digits, '_' or '-'" }),
    day: z.number().int().min(0).optional(),
    date: isoDate.optional(),
    fromHour: z.number().min(0).max(24).default(0),
    hours: pos,
    stages: z.array(z.string()).default([]),
  })
  .strict();

/** Where a parameter's value comes from. */
export const sourceEntrySchema = z
  .object({ kind: z.enum(["seed", "public", "assumed"]), note: z.string().optional() })
  .strict();

/** The whole scenario file. */
export const scenarioSchema = z
  .object({
    $schema: z.string().optional(),
    extends: z.string().optional(),
    name: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, { error: "must be lower-case letters, digits, '.' or '-'" }),
    title: z.string().default(""),
    description: z.string().default(""),
    seed: z.union([z.number().int(), z.string().min(1)]).default(1),
    horizonDays: pos.default(30),
    warmupDays: nonNeg.default(0),
    calendar: z
      .object({
        startDate: isoDate.default("2026-01-05"),
        /** Local clock of the scenario (opening hours, dates, calendar times of the results): Vietnam, UTC+7. */
        utcOffsetHours: z.number().min(-12).max(14).default(7),
      })
      .strict()
      .default({ startDate: "2026-01-05", utcOffsetHours: 7 }),
    scope: z
      .object({ name: z.enum(["huuNghi", "pair", "province", "textbook"]).default("province"), factor: pos.default(1) })
      .strict()
      .default({ name: "province", factor: 1 }),
    cargoClasses: z
      .array(z.object({ id: z.string(), perishable: z.boolean().default(false) }).strict())
      .min(1)
      .max(30)
      .default([{ id: "general", perishable: false }]),
    openingHours: hoursSchema.default("24h"),
    /** Hours per weekday of every server (and pool) on the default opening hours: `{ sun: closed }`. */
    openingHoursByWeekday: openingHoursByWeekdaySchema.optional(),
    zones: z.array(zoneSchema).default([]),
    demand: z.object({ export: demandSchema.optional(), import: demandSchema.optional() }).strict(),
    seasons: z.array(seasonSchema).default([]),
    /** E-commerce parcels: parcels per day, their sorting line, packed into truckloads (optional). */
    parcels: parcelsSchema.optional(),
    stages: z.record(z.string(), stageSchema),
    /** Staff shared by several stages (customs officers, transshipment crews), by id. */
    pools: z.record(z.string(), poolSchema).optional(),
    policies: policiesSchema,
    kpi: z
      .object({
        perishableThresholdHours: pos.default(24),
        co2KgPerIdleHour: nonNeg.default(0),
        sampleStepMinutes: pos.default(60),
        windows: z.array(measureWindowSchema).max(20).default([]),
        /** The night of `nh1aQueueTrucksOvernightMean` (VN clock; default 22:00-07:00). */
        overnight: z.object({ from: hhmm, to: hhmm }).strict().optional(),
      })
      .strict()
      .default({ perishableThresholdHours: 24, co2KgPerIdleHour: 0, sampleStepMinutes: 60, windows: [] }),
    trucksInSystemMax: z.number().int().positive().default(4_000_000),
    /** Provenance of parameters: dotted path → seed / public / assumed with a note. */
    sources: z.record(z.string(), sourceEntrySchema).default({}),
  })
  .strict()
  // Cross-field checks run even when some fields are invalid, so one pass reports every problem; on data
  // too broken to check (a field of the wrong shape) they stop where they stand.
  .superRefine(
    (sc, ctx) => {
      try {
        crossCheck(sc, ctx);
      } catch (error) {
        if (ctx.issues.length === 0) throw error;
      }
    },
    { when: (payload) => payload.value !== null && typeof payload.value === "object" },
  );

/** A validated scenario (the schema's output; itself a valid scenario file). */
export type Scenario = z.infer<typeof scenarioSchema>;
/** A scenario as written (before defaults). */
export type ScenarioInput = z.input<typeof scenarioSchema>;

function crossCheck(sc: Scenario, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string): void => {
    ctx.addIssue({ code: "custom", path, message });
  };
  const names = policyNames();
  const stageIds = new Set(Object.keys(sc.stages));
  const cargoIds = new Set(sc.cargoClasses.map((c) => c.id));
  const zoneIds = new Set(sc.zones.map((z) => z.id));
  const checkPolicy = (path: (string | number)[], value: string, known: string[]): void => {
    if (!known.includes(value)) issue(path, unknownName("policy", value, known));
  };
  // A reference names a built-in (checked here, with its parameters) or a module (resolved at compile time).
  const checkRef = (path: (string | number)[], ref: PolicyRef, decision: DecisionName, known: string[]): void => {
    if (typeof ref === "string") {
      checkPolicy(path, ref, known);
      return;
    }
    if ((ref.rule === undefined) === (ref.module === undefined)) {
      issue(path, "give exactly one of rule (a built-in) or module (a policy file)");
      return;
    }
    if (ref.rule === undefined) return;
    checkPolicy([...path, "rule"], ref.rule, known);
    const builtin = builtinPolicy(decision, ref.rule);
    if (builtin === undefined) return;
    const merged = mergePolicyParams(builtin, ref.params, true);
    if ("problem" in merged) issue([...path, "params"], merged.problem);
  };
  const checkStage = (path: (string | number)[], id: string | undefined): void => {
    if (id === undefined) issue(path, "is required");
    else if (!stageIds.has(id)) issue(path, unknownName("stage", id, [...stageIds]));
  };
  const checkCargo = (path: (string | number)[], ids: readonly string[] | undefined): void => {
    for (const [i, id] of (ids ?? []).entries()) {
      if (!cargoIds.has(id)) issue([...path, i], unknownName("cargo class", id, [...cargoIds]));
    }
  };
  const checkCondition = (path: (string | number)[], c: z.infer<typeof conditionSchema> | undefined): void => {
    if (c) checkCargo([...path, "cargo"], c.cargo);
  };
  checkRef(["policies", "callForward"], sc.policies.callForward, "callForward", names.callForward);
  checkRef(["policies", "xraySelection"], sc.policies.xraySelection, "xraySelection", names.selection);
  checkRef(["policies", "appointment"], sc.policies.appointment, "appointment", names.appointment);
  checkRef(["policies", "diversion"], sc.policies.diversion, "diversion", names.diversion);
  const dv: DiversionCheckContext = {
    issue,
    checkStage,
    checkPolicy,
    checkRef,
    stageType: (id) => sc.stages[id]?.type,
    names,
  };
  const la = sc.policies.laneAllocation;
  if (la.module !== undefined && la.rule !== "fixed") {
    issue(["policies", "laneAllocation"], "give a rule (a built-in) or a module (a policy file), not both");
  } else if (la.module === undefined) {
    checkRef(
      ["policies", "laneAllocation"],
      { rule: la.rule, ...(la.params ? { params: la.params } : {}) },
      "laneAllocation",
      names.laneAllocation,
    );
  }
  const lanes = sc.policies.laneAllocation.stages;
  if (lanes) {
    lanes.forEach((id, i) => {
      checkStage(["policies", "laneAllocation", "stages", i], id);
      if (stageIds.has(id) && sc.stages[id]?.type !== "server") {
        issue(["policies", "laneAllocation", "stages", i], `stage "${id}" must be a server`);
      }
    });
  } else if (la.rule !== "fixed" || la.module !== undefined) {
    issue(["policies", "laneAllocation", "stages"], "a lane rule other than fixed needs the two stages");
  }
  if (new Set(sc.cargoClasses.map((c) => c.id)).size !== sc.cargoClasses.length) {
    issue(["cargoClasses"], "cargo class ids must be unique");
  }
  if (!sc.demand.export && !sc.demand.import) issue(["demand"], "needs at least one direction");
  if (sc.warmupDays >= sc.horizonDays) issue(["warmupDays"], "must be less than horizonDays");
  for (const dir of ["export", "import"] as const) {
    const d = sc.demand[dir];
    if (!d) continue;
    const p = ["demand", dir];
    checkStage([...p, "entry"], d.entry);
    if (d.cargoMixPercent) {
      checkCargo([...p, "cargoMixPercent"], Object.keys(d.cargoMixPercent));
      const sum = Object.values(d.cargoMixPercent).reduce((a, b) => a + b, 0);
      if (Math.abs(sum - 100) > 1e-6) issue([...p, "cargoMixPercent"], `shares must sum to 100 %, got ${sum}`);
    }
    if (d.channelPercent) {
      const sum = d.channelPercent.green + d.channelPercent.yellow + d.channelPercent.red;
      if (Math.abs(sum - 100) > 1e-6) issue([...p, "channelPercent"], `shares must sum to 100 %, got ${sum}`);
    }
    if (Array.isArray(d.hourProfile) && d.hourProfile.every((w) => w === 0)) {
      issue([...p, "hourProfile"], "must have at least one positive weight");
    }
    if (d.appointment) {
      checkAppointment(dv, [...p, "appointment"], d.appointment, (id) => {
        const st = sc.stages[id];
        return st?.type === "server" ? st.dailyCapTrucks : undefined;
      });
    }
  }
  if (zoneIds.size !== sc.zones.length) issue(["zones"], "zone ids must be unique");
  for (const [i, z] of sc.zones.entries()) {
    if (z.idling !== undefined && z.kind !== undefined && z.idling !== (z.kind === "queue")) {
      issue(["zones", i, "idling"], `contradicts kind "${z.kind}" (only queue zones idle); give kind alone`);
    }
  }
  const checkZone = (path: (string | number)[], id: string | undefined): void => {
    if (id !== undefined && !zoneIds.has(id)) issue(path, unknownName("zone", id, [...zoneIds]));
  };
  checkPlateCameras(sc.stages, sc.demand, issue);
  if (sc.parcels) checkParcels(sc.parcels, stageIds, cargoIds, issue);
  const rendezvousStages: string[] = [];
  for (const [id, st] of Object.entries(sc.stages)) {
    const p = ["stages", id];
    if (st.type === "rail") checkRailStage(id, st, stageIds, issue);
    if (st.type !== "branch" && st.type !== "sink") checkZone([...p, "zone"], st.zone);
    if (st.type === "server" || st.type === "holding") checkZone([...p, "queueZone"], st.queueZone);
    for (const [i, r] of (st.type === "rail" ? [] : (st.releases ?? [])).entries()) {
      checkStage([...p, "releases", i], r);
      if (stageIds.has(r) && sc.stages[r]?.type !== "holding") issue([...p, "releases", i], `"${r}" is not a holding`);
    }
    if (st.type === "server" || st.type === "delay" || st.type === "holding") checkStage([...p, "next"], st.next);
    if (st.type === "server" || st.type === "holding") {
      checkStageDiversion(dv, p, st);
      if (st.callForward !== undefined)
        checkRef([...p, "callForward"], st.callForward, "callForward", names.callForward);
      for (const [i, w] of (st.capacityWindows ?? []).entries()) {
        if ((w.day === undefined) === (w.date === undefined)) {
          issue([...p, "capacityWindows", i], "give exactly one of day or date");
        }
      }
    }
    if (st.type === "server") {
      if (st.serviceMinutesByCargo) checkCargo([...p, "serviceMinutesByCargo"], Object.keys(st.serviceMinutesByCargo));
      for (const [i, a] of (st.adders ?? []).entries()) checkCondition([...p, "adders", i, "when"], a.when);
      if (st.rendezvous) {
        rendezvousStages.push(id);
        if (st.rendezvous.dispatchAt !== undefined)
          checkStage([...p, "rendezvous", "dispatchAt"], st.rendezvous.dispatchAt);
        checkTripRoutes([...p, "rendezvous", "partnerRoute"], st.rendezvous.partnerRoute, sc.stages, id, issue);
        checkTripRoutes([...p, "rendezvous", "emptyReturn"], st.rendezvous.emptyReturn, sc.stages, id, issue);
      }
      if (st.whenFull === "block" && st.queueMax === undefined) {
        issue([...p, "queueMax"], 'whenFull "block" needs a queueMax');
      }
      if (st.dwellLimitAction === "expel" && st.dwellLimitHours === undefined) {
        issue([...p, "dwellLimitAction"], 'dwellLimitAction "expel" needs dwellLimitHours');
      }
      if (st.rendezvous?.partnerDwellLimitAction === "expel" && st.rendezvous.partnerDwellLimitHours === undefined) {
        issue(
          [...p, "rendezvous", "partnerDwellLimitAction"],
          'partnerDwellLimitAction "expel" needs partnerDwellLimitHours',
        );
      }
    }
    if (st.type === "sink" && st.divertedTo !== undefined && (st.lost || st.crossing)) {
      issue([...p, "divertedTo"], "a diversion sink is neither lost nor a crossing of this gate");
    }
    if (st.type === "branch") {
      if ((st.routes === undefined) === (st.select === undefined)) {
        issue(p, "a branch needs exactly one of routes or select");
      }
      const weighted = (st.routes ?? []).filter((r) => r.when === undefined);
      for (const [i, r] of (st.routes ?? []).entries()) {
        checkStage([...p, "routes", i, "to"], r.to);
        checkCondition([...p, "routes", i, "when"], r.when);
        if (r.when === undefined && r.percent === undefined) issue([...p, "routes", i], "needs when or percent");
      }
      if (weighted.length > 0) {
        const sum = weighted.reduce((a, r) => a + (r.percent ?? 0), 0);
        if (Math.abs(sum - 100) > 1e-6) issue([...p, "routes"], `percent shares must sum to 100 %, got ${sum}`);
      }
      if (st.select) {
        checkStage([...p, "select", "selected"], st.select.selected);
        checkStage([...p, "select", "otherwise"], st.select.otherwise);
        checkCargo([...p, "select", "alwaysCargo"], st.select.alwaysCargo);
        if (st.select.policy !== undefined) {
          checkRef([...p, "select", "policy"], st.select.policy, "xraySelection", names.selection);
        }
      }
    }
  }
  if (rendezvousStages.length > 1) {
    issue(
      ["stages", rendezvousStages[1]!, "rendezvous"],
      `only one stage may have a rendezvous (also: ${rendezvousStages[0]})`,
    );
  }
  const windowNames = new Set<string>();
  for (const [i, w] of sc.kpi.windows.entries()) {
    const p = ["kpi", "windows", i];
    if (windowNames.has(w.name)) issue([...p, "name"], `window "${w.name}" is declared twice`);
    windowNames.add(w.name);
    if ((w.day === undefined) === (w.date === undefined)) issue(p, "give exactly one of day or date");
    const startDay = w.day ?? (w.date !== undefined ? daysBetween(sc.calendar.startDate, w.date) : 0);
    const from = startDay + w.fromHour / 24;
    const to = from + w.hours / 24;
    if (from < sc.warmupDays || to > sc.horizonDays) {
      issue(
        p,
        `the window (days ${from.toFixed(2)}-${to.toFixed(2)}) must lie in the measured period (days ${sc.warmupDays}-${sc.horizonDays})`,
      );
    }
    for (const [j, id] of w.stages.entries()) {
      checkStage([...p, "stages", j], id);
      if (stageIds.has(id) && sc.stages[id]?.type !== "server" && sc.stages[id]?.type !== "holding") {
        issue([...p, "stages", j], `stage "${id}" has no line (only servers and holdings do)`);
      }
    }
  }
  for (const [i, s] of sc.seasons.entries()) {
    if (s.to < s.from) issue(["seasons", i, "to"], "must not be before from");
    for (const [j, id] of (s.stages ?? []).entries()) {
      if (!sc.pools?.[id]) checkStage(["seasons", i, "stages", j], id);
    }
  }
  crossCheckCapacity(sc, issue);
}
