/**
 * The scenario file format as zod schemas, in planners' units (minutes, hours, trucks per day, percent).
 * No transforms: a parsed scenario is itself a valid scenario file, so overrides can be merged into it and
 * re-validated. Cross-field rules (references between stages, shares summing to 100 %, policy names) are
 * checked in one `superRefine` so that every problem is reported at once, with its path.
 */
import { z } from "zod";
import { policyNames } from "../model/index.js";
import { unknownName } from "./suggest.js";

const DIST_TYPES = [
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

const pos = z.number().positive();
const nonNeg = z.number().min(0, { error: "must be ≥ 0" });

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

const hhmm = z.string().regex(/^([01]\d|2[0-4]):[0-5]\d$/, { error: 'must be a time "HH:MM"' });
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date "YYYY-MM-DD"' });

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

const stageCommon = {
  next: z.string().optional(),
  zone: z.string().optional(),
  releases: z.array(z.string()).optional(),
  crossing: z.boolean().optional(),
  description: z.string().optional(),
};

const serverStage = z
  .object({
    type: z.literal("server"),
    servers: z.number().int().min(0, { error: "must be ≥ 0" }),
    hours: hoursSchema.optional(),
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
     * `partnerDwellLimitHours` from arrival to the end of the transfer are counted.
     */
    rendezvous: z
      .object({
        partnerArrivalMinutes: distributionSchema,
        dispatchAt: z.string().optional(),
        partnerYardStalls: z.number().int().min(0).optional(),
        partnerDwellLimitHours: pos.optional(),
      })
      .strict()
      .optional(),
    discipline: z.enum(["fifo", "callForward"]).default("fifo"),
    callForward: z.string().optional(),
    queueMax: z.number().int().min(0).optional(),
    whenFull: z.enum(["reject", "block"]).default("reject"),
    dailyCapTrucks: z.number().int().min(0).optional(),
    dwellLimitHours: pos.optional(),
    capacityWindows: z.array(capacityWindowSchema).optional(),
    ...stageCommon,
  })
  .strict();

const delayStage = z.object({ type: z.literal("delay"), minutes: distributionSchema, ...stageCommon }).strict();

const holdingStage = z
  .object({
    type: z.literal("holding"),
    capacityTrucks: z.number().int().min(0, { error: "must be ≥ 0" }),
    discipline: z.enum(["fifo", "callForward"]).default("fifo"),
    callForward: z.string().optional(),
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
        policy: z.string().optional(),
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

const sinkStage = z.object({ type: z.literal("sink"), lost: z.boolean().default(false), ...stageCommon }).strict();

/** One stage of the network. */
export const stageSchema = z.discriminatedUnion(
  "type",
  [serverStage, delayStage, holdingStage, branchStage, sinkStage],
  {
    error: "unknown stage type; known: server, delay, holding, branch, sink",
  },
);

/** The appointment layer of one direction. */
export const appointmentSchema = z
  .object({
    sharePercent: z.number().min(0).max(100),
    slotMinutes: pos,
    quotaPerSlot: z.number().int().min(1),
    overbookPercent: z.number().min(0).max(100).default(0),
    punctualitySdMinutes: nonNeg,
    toleranceMinutes: nonNeg.default(30),
    /** Share of bookings that never arrive (they take quota; `trucksPerDay` counts only trucks that come). */
    noShowPercent: z.number().min(0).max(95),
    leadMinutes: nonNeg.default(240),
  })
  .strict();

/** Demand of one direction. */
export const demandSchema = z
  .object({
    trucksPerDay: nonNeg,
    entry: z.string(),
    /** 24 relative weights of the local hours, or a night/day split. */
    hourProfile: z
      .union([
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
      ])
      .default("flat"),
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
    stages: z.array(z.string()).optional(),
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
      .object({ startDate: isoDate.default("2026-01-05") })
      .strict()
      .default({ startDate: "2026-01-05" }),
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
    zones: z.array(z.object({ id: z.string(), idling: z.boolean().default(false) }).strict()).default([]),
    demand: z.object({ export: demandSchema.optional(), import: demandSchema.optional() }).strict(),
    seasons: z.array(seasonSchema).default([]),
    stages: z.record(z.string(), stageSchema),
    policies: z
      .object({
        callForward: z.string().default("fifo"),
        xraySelection: z.string().default("channelAndCargo"),
        appointment: z.string().default("quota"),
        laneAllocation: z
          .object({
            rule: z.string().default("fixed"),
            stages: z.tuple([z.string(), z.string()]).optional(),
            lanesShiftMax: z.number().int().min(0).default(0),
            thresholdTrucks: nonNeg.default(20),
            reviewMinutes: pos.default(15),
          })
          .strict()
          .default({ rule: "fixed", lanesShiftMax: 0, thresholdTrucks: 20, reviewMinutes: 15 }),
      })
      .strict()
      .default({
        callForward: "fifo",
        xraySelection: "channelAndCargo",
        appointment: "quota",
        laneAllocation: { rule: "fixed", lanesShiftMax: 0, thresholdTrucks: 20, reviewMinutes: 15 },
      }),
    kpi: z
      .object({
        perishableThresholdHours: pos.default(24),
        co2KgPerIdleHour: nonNeg.default(0),
        sampleStepMinutes: pos.default(60),
      })
      .strict()
      .default({ perishableThresholdHours: 24, co2KgPerIdleHour: 0, sampleStepMinutes: 60 }),
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
  checkPolicy(["policies", "callForward"], sc.policies.callForward, names.callForward);
  checkPolicy(["policies", "xraySelection"], sc.policies.xraySelection, names.selection);
  checkPolicy(["policies", "appointment"], sc.policies.appointment, names.appointment);
  checkPolicy(["policies", "laneAllocation", "rule"], sc.policies.laneAllocation.rule, names.laneAllocation);
  const lanes = sc.policies.laneAllocation.stages;
  if (lanes) {
    lanes.forEach((id, i) => {
      checkStage(["policies", "laneAllocation", "stages", i], id);
      if (stageIds.has(id) && sc.stages[id]?.type !== "server") {
        issue(["policies", "laneAllocation", "stages", i], `stage "${id}" must be a server`);
      }
    });
  } else if (sc.policies.laneAllocation.rule !== "fixed") {
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
  }
  const rendezvousStages: string[] = [];
  for (const [id, st] of Object.entries(sc.stages)) {
    const p = ["stages", id];
    if (st.zone !== undefined && !zoneIds.has(st.zone)) {
      issue([...p, "zone"], unknownName("zone", st.zone, [...zoneIds]));
    }
    for (const [i, r] of (st.releases ?? []).entries()) {
      checkStage([...p, "releases", i], r);
      if (stageIds.has(r) && sc.stages[r]?.type !== "holding") issue([...p, "releases", i], `"${r}" is not a holding`);
    }
    if (st.type === "server" || st.type === "delay" || st.type === "holding") checkStage([...p, "next"], st.next);
    if (st.type === "server" || st.type === "holding") {
      if (st.callForward !== undefined) checkPolicy([...p, "callForward"], st.callForward, names.callForward);
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
      }
      if (st.whenFull === "block" && st.queueMax === undefined) {
        issue([...p, "queueMax"], 'whenFull "block" needs a queueMax');
      }
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
        if (st.select.policy !== undefined) checkPolicy([...p, "select", "policy"], st.select.policy, names.selection);
      }
    }
  }
  if (rendezvousStages.length > 1) {
    issue(
      ["stages", rendezvousStages[1]!, "rendezvous"],
      `only one stage may have a rendezvous (also: ${rendezvousStages[0]})`,
    );
  }
  for (const [i, s] of sc.seasons.entries()) {
    if (s.to < s.from) issue(["seasons", i, "to"], "must not be before from");
    for (const [j, id] of (s.stages ?? []).entries()) checkStage(["seasons", i, "stages", j], id);
  }
}
