/**
 * Compiles a validated scenario (planners' units) into the model's ms-based configuration, once, and
 * computes its hash and the list of parameters that rest on assumptions.
 */
import { createHash } from "node:crypto";
import { DAY_MS, HOUR_MS, MINUTE_MS, type ModelConfig } from "../model/index.js";
import { poolsOf } from "./compile-capacity.js";
import { compileSources } from "./compile-demand.js";
import { compileParcels } from "./compile-parcels.js";
import { type CompileOptions, PolicyCompiler, type PolicyUse } from "./compile-policies.js";
import { compileStages } from "./compile-stages.js";
import { daysBetween, minutesOf } from "./compile-units.js";
import { type Scenario, zoneKindOf } from "./schema.js";

export {
  type CompileOptions,
  describePolicyModule,
  type PolicyModuleInfo,
  type PolicyUse,
} from "./compile-policies.js";
export { buildDailySchedule, daysBetween, toDistributionMs } from "./compile-units.js";

/** A scenario ready to run: plain data (structured-clonable), with its hash and assumed inputs. */
export interface CompiledScenario {
  name: string;
  title: string;
  /** sha256 hex of the canonical JSON of `config`. */
  hash: string;
  config: ModelConfig;
  /** Dotted paths of parameters marked assumed in `sources`. */
  assumedInputs: string[];
  horizonDays: number;
  warmupDays: number;
  /** The scenario's default seed. */
  seed: number | string;
  /** The policies in force at each decision point, with their source hash (built-ins: "built-in"). */
  policies: PolicyUse[];
}

/** JSON with object keys sorted, so that equal configs hash equally. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") {
    if (typeof value === "number" && !Number.isFinite(value)) return JSON.stringify(String(value));
    return JSON.stringify(value) ?? "null";
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const o = value as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k])}`).join(",")}}`;
}

/** What the parts of the compiler share: the scenario and its id → index maps. */
export interface CompileContext {
  sc: Scenario;
  /** Index of a stage id (-1 when absent). */
  at: (id: string | undefined) => number;
  cargoIndex: Map<string, number>;
  zoneIndex: Map<string, number>;
  /** The calendar's first day, "YYYY-MM-DD". */
  start: string;
  /** Milliseconds from the run start of a window given by `day` or `date`. */
  dayMs: (w: { day?: number | undefined; date?: string | undefined }) => number;
  horizonMs: number;
  /** Compiles policy references (built-in names, or modules added to the config). */
  policies: PolicyCompiler;
}

/**
 * Compiles a validated scenario into the model's configuration. Policy modules are given by name unless
 * `options.policyPaths` (the command line); a module that cannot be used throws a ScenarioError at its path.
 */
export function compileScenario(sc: Scenario, options: CompileOptions = {}): CompiledScenario {
  const stageIds = Object.keys(sc.stages);
  const idx = new Map(stageIds.map((id, i) => [id, i]));
  const at = (id: string | undefined): number => idx.get(id ?? "") ?? -1;
  const cargoIndex = new Map(sc.cargoClasses.map((c, i) => [c.id, i]));
  const zoneIndex = new Map(sc.zones.map((z, i) => [z.id, i]));
  const start = sc.calendar.startDate;
  const dayMs = (w: { day?: number | undefined; date?: string | undefined }): number =>
    (w.day ?? daysBetween(start, w.date ?? start)) * DAY_MS;
  const horizonMs = sc.horizonDays * DAY_MS;
  const policies = new PolicyCompiler(options);
  const ctx: CompileContext = { sc, at, cargoIndex, zoneIndex, start, dayMs, horizonMs, policies };
  const stages = compileStages(ctx);
  const sources = compileSources(ctx);
  const pools = poolsOf(ctx);

  const la = sc.policies.laneAllocation;
  const laneRef =
    la.stages && (la.rule !== "fixed" || la.module !== undefined)
      ? policies.ref(
          "laneAllocation",
          {
            ...(la.module === undefined ? { rule: la.rule } : { module: la.module }),
            ...(la.params ? { params: la.params } : {}),
          },
          ["policies", "laneAllocation"],
        )
      : undefined;
  const config: ModelConfig = {
    name: sc.name,
    calendar: { startDate: sc.calendar.startDate, utcOffsetHours: sc.calendar.utcOffsetHours },
    horizonDays: sc.horizonDays,
    warmupDays: sc.warmupDays,
    cargoClasses: sc.cargoClasses.map((c) => c.id),
    perishableClasses: sc.cargoClasses.map((c) => c.perishable),
    stages,
    sources,
    zones: sc.zones.map((z) => ({ id: z.id, kind: zoneKindOf(z), side: z.side, area: z.area ?? z.id })),
    laneGroups:
      la.stages && laneRef !== undefined
        ? [
            {
              policy: laneRef.name,
              ...(laneRef.module === undefined ? {} : { module: laneRef.module }),
              ...(laneRef.params === undefined ? {} : { params: laneRef.params }),
              stages: [at(la.stages[0]), at(la.stages[1])],
              lanesShiftMax: la.lanesShiftMax,
              thresholdTrucks: la.thresholdTrucks,
              reviewMs: la.reviewMinutes * MINUTE_MS,
            },
          ]
        : [],
    ...(pools.length > 0 ? { pools } : {}),
    kpi: {
      perishableThresholdMs: sc.kpi.perishableThresholdHours * HOUR_MS,
      co2KgPerIdleHour: sc.kpi.co2KgPerIdleHour,
      sampleStepMs: sc.kpi.sampleStepMinutes * MINUTE_MS,
      windows: sc.kpi.windows.map((w) => {
        const fromMs = dayMs(w) + Math.round(w.fromHour * HOUR_MS);
        return { name: w.name, fromMs, toMs: fromMs + Math.round(w.hours * HOUR_MS), stages: w.stages.map(at) };
      }),
      ...(sc.kpi.overnight
        ? {
            overnightFromMs: minutesOf(sc.kpi.overnight.from) * MINUTE_MS,
            overnightToMs: minutesOf(sc.kpi.overnight.to) * MINUTE_MS,
          }
        : {}),
    },
    trucksInSystemMax: sc.trucksInSystemMax,
  };
  const parcels = compileParcels(ctx);
  if (parcels !== undefined) config.parcels = parcels;
  if (policies.modules.length > 0) config.policyModules = policies.configModules();
  // One hidden class per kind of stage: object spreads built by the compiler's optimized code get other
  // maps than those built before it was optimized (past about 30 stages), and the model's hot paths would
  // then meet stage configs of unseen maps mid-run and deoptimize. A structured clone rebuilds every object
  // the same way, as a worker thread receives it.
  const uniform = structuredClone(config);
  const hash = createHash("sha256").update(canonicalJson(uniform)).digest("hex");
  const assumedInputs = Object.entries(sc.sources)
    .filter(([, v]) => v.kind === "assumed")
    .map(([k]) => k)
    .sort();
  return {
    name: sc.name,
    title: sc.title,
    hash,
    config: uniform,
    assumedInputs,
    horizonDays: sc.horizonDays,
    warmupDays: sc.warmupDays,
    seed: sc.seed,
    policies: policies.uses,
  };
}
