/**
 * The API's zod schemas: request bodies, queries and path parameters (validated by the type provider,
 * so handlers receive typed data) and responses (serialized through them, and documented in OpenAPI).
 * Bodies are strict: an unknown field is a 400 naming it, because a typo such as `replication` would
 * otherwise silently run with the default. Defaults are applied by handlers, not with `.default()`,
 * so each schema is one OpenAPI component (see ecosystem-notes: the input-component pitfall).
 */
import { z } from "zod";
import { LABEL_LENGTH_MAX, NOTE_LENGTH_MAX, RUN_STATUSES } from "../store/index.js";

/** An experiment seed: an integer or a non-empty string (replication i runs with (seed, i)). */
export const SeedSchema = z
  .union([z.number().int().min(Number.MIN_SAFE_INTEGER).max(Number.MAX_SAFE_INTEGER), z.string().min(1).max(128)])
  .describe("experiment seed: an integer or a string; replication i runs with (seed, i)");

/** A scenario in a request: a shipped name, or an inline scenario object (it may `extends` a shipped one). */
export const ScenarioRefSchema = z
  .union([
    z.string().min(1).max(128).describe("name of a shipped scenario (GET /scenarios)"),
    z
      .record(z.string(), z.unknown())
      .describe("an inline scenario in the scenario file format (POST /scenarios/validate checks it)"),
  ])
  .describe("a shipped scenario name or an inline scenario");

/** Overrides: dotted path → value (`"stages.xray.servers": 3`), merged and re-validated. */
export const OverridesSchema = z
  .record(z.string().min(1).max(256), z.unknown())
  .describe('dotted path → value, e.g. {"stages.station.servers": 2}; the result is validated again');

/** A planner's name for a run or sweep. */
export const LabelSchema = z.string().trim().min(1).max(LABEL_LENGTH_MAX).describe("the planner's name for the run");

/** A planner's note on a run. */
export const NoteSchema = z.string().max(NOTE_LENGTH_MAX).describe("the planner's note on the run");

/** Body of `POST /runs`. */
export const RunRequestSchema = z
  .object({
    scenario: ScenarioRefSchema,
    overrides: OverridesSchema.optional(),
    replications: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe("replications (default 10; at most the server's maxReplications)"),
    seed: SeedSchema.optional().describe("experiment seed (default: the scenario's seed)"),
    horizonDays: z
      .number()
      .positive()
      .optional()
      .describe("simulated days, warm-up included; must exceed the warm-up (default: the scenario's)"),
    warmupDays: z
      .number()
      .min(0)
      .optional()
      .describe("warm-up days discarded before measuring (default: the scenario's)"),
    recompute: z
      .boolean()
      .optional()
      .describe("true: run even if an identical run is stored (default false: answer from the store)"),
    label: LabelSchema.optional(),
    note: NoteSchema.optional(),
  })
  .strict()
  .meta({ id: "RunRequest" });

/** A validated `POST /runs` body. */
export type RunRequest = z.infer<typeof RunRequestSchema>;

/** One scenario of a comparison request: a name, or a scenario with its own overrides. */
export const ComparisonScenarioSchema = z.union([
  z.string().min(1).max(128),
  z
    .object({
      scenario: ScenarioRefSchema,
      overrides: OverridesSchema.optional(),
    })
    .strict(),
]);

/** Body of `POST /comparisons`: stored runs to pair, or scenarios to launch with common random numbers. */
export const ComparisonRequestSchema = z
  .union([
    z
      .object({
        runs: z
          .array(z.string().min(1).max(100))
          .min(2)
          .max(16)
          .describe(
            "ids of succeeded runs with equal seed, replications, horizon and warm-up; the first is the reference",
          ),
      })
      .strict(),
    z
      .object({
        scenarios: z
          .array(ComparisonScenarioSchema)
          .min(2)
          .describe("scenarios to run with common random numbers; the first is the reference"),
        replications: z.number().int().min(2).optional(),
        seed: SeedSchema.optional(),
        horizonDays: z.number().positive().optional(),
        warmupDays: z.number().min(0).optional(),
        recompute: z.boolean().optional(),
      })
      .strict(),
  ])
  .meta({ id: "ComparisonRequest" });

/** A validated `POST /comparisons` body. */
export type ComparisonRequest = z.infer<typeof ComparisonRequestSchema>;

/** `:id` path parameter. */
export const IdParamsSchema = z.object({ id: z.string().min(1).max(100) });

/** `:name` path parameter of a shipped scenario (one segment). */
export const ScenarioNameParamsSchema = z.object({ name: z.string().min(1).max(128) });

/** `:group/:name` path parameters (e.g. `textbook/mm1`). */
export const ScenarioGroupParamsSchema = z.object({
  group: z.string().min(1).max(64),
  name: z.string().min(1).max(128),
});

/** Query of `GET /runs`. */
export const ListRunsQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).optional().describe("page size, 1-100 (default 20)"),
  cursor: z.string().min(1).max(200).optional().describe("nextCursor of the previous page"),
  offset: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000_000)
    .optional()
    .describe("rows to skip (ignored when cursor is given)"),
  status: z.enum(RUN_STATUSES).optional(),
  scenario: z.string().min(1).max(128).optional().describe("scenario name (the compiled name, e.g. mm1)"),
});

/** Body of every error answer. */
export const ErrorSchema = z
  .object({
    code: z.string().describe("stable GATESIM_ERR_* code"),
    message: z.string(),
    details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: "Error" });

/** Why a run failed or was interrupted. */
export const RunErrorSchema = z.object({
  code: z.string(),
  message: z.string(),
  replication: z
    .object({ scenarioHash: z.string(), seed: z.union([z.number(), z.string()]), replication: z.number() })
    .optional()
    .describe("rerun this replication alone to reproduce: runReplication(scenario with this hash, seed, replication)"),
});

/** A run as the API shows it. */
export const RunViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    url: z.string(),
    eventsUrl: z.string(),
    resultsUrl: z.string(),
    scenario: z.object({ name: z.string(), title: z.string(), hash: z.string() }),
    seed: z.union([z.number(), z.string()]),
    replications: z.number(),
    horizonDays: z.number(),
    warmupDays: z.number(),
    modelVersion: z.string(),
    cached: z.boolean().describe("true: answered from a stored identical run (cachedFrom), nothing was simulated"),
    cachedFrom: z.string().nullable(),
    comparisonId: z.string().nullable(),
    number: z.number().describe("the run's number in this server's history (1, 2, ...): a short name for people"),
    label: z.string().nullable().describe("the planner's name for the run"),
    note: z.string().nullable(),
    scenarioRef: z.string().nullable().describe("the shipped scenario asked for, or null for an inline scenario"),
    overrides: z
      .record(z.string(), z.unknown())
      .describe("the overrides the run was asked with (dotted path → value); empty when unedited"),
    sweepId: z.string().nullable(),
    progress: z.object({ done: z.number(), total: z.number() }),
    attempts: z.number().describe("times the run was started; above 1 after a server restart resumed it"),
    queuePosition: z.number().nullable().describe("1 = next to start; null unless queued"),
    waitingFor: z
      .string()
      .nullable()
      .describe("what a running run waits for, e.g. a gatesim worker in the distributed mode; null when it progresses"),
    createdAt: z.string(),
    startedAt: z.string().nullable(),
    finishedAt: z.string().nullable(),
    durationMs: z.number().nullable(),
    error: RunErrorSchema.nullable(),
  })
  .meta({ id: "Run" });

/** A page of runs. */
export const RunPageSchema = z
  .object({ items: z.array(RunViewSchema), nextCursor: z.string().nullable(), total: z.number() })
  .meta({ id: "RunPage" });

/** The stats JSON report of a run (KPIs with 95 % intervals, stages, series bands, timing). */
export const ReportSchema = z
  .looseObject({
    scenario: z.object({ name: z.string(), title: z.string(), hash: z.string() }).loose(),
    seed: z.union([z.number(), z.string()]),
    replications: z.number(),
    kpis: z.record(z.string(), z.unknown()),
    stages: z.record(z.string(), z.unknown()),
    series: z.unknown(),
  })
  .describe("the stats JSON report; non-finite numbers (e.g. an interval from one replication) are null")
  .meta({ id: "RunReport" });

/** Per-replication KPI values of a run. */
export const ReplicationsSchema = z
  .object({
    runId: z.string(),
    replications: z.array(
      z.object({
        replication: z.number(),
        kpis: z.record(z.string(), z.number().nullable()),
        events: z.number(),
        conservationHolds: z.boolean(),
      }),
    ),
  })
  .meta({ id: "Replications" });

/** A comparison as the API shows it. */
export const ComparisonViewSchema = z
  .object({
    id: z.string(),
    status: z.enum(["running", "succeeded", "failed"]),
    url: z.string(),
    runs: z.array(z.object({ id: z.string(), status: z.enum(RUN_STATUSES), url: z.string() })),
    progress: z.object({ done: z.number(), total: z.number() }),
    createdAt: z.string(),
    finishedAt: z.string().nullable(),
    report: z
      .looseObject({ reference: z.string(), differences: z.array(z.unknown()) })
      .nullable()
      .describe("paired differences (B - A, replication by replication) with 95 % intervals and significance"),
    error: RunErrorSchema.nullable(),
  })
  .meta({ id: "Comparison" });

/** `POST /scenarios/validate` answer for a valid scenario. */
export const ValidationResultSchema = z
  .object({
    valid: z.literal(true),
    name: z.string(),
    hash: z.string(),
    horizonDays: z.number(),
    warmupDays: z.number(),
    assumedInputs: z.array(z.string()),
  })
  .meta({ id: "ScenarioValidation" });

/** `GET /scenarios` item. */
export const ScenarioInfoSchema = z.object({
  name: z.string(),
  aliases: z.array(z.string()),
  title: z.string(),
  description: z.string(),
  url: z.string(),
});

/** `GET /health` answer. */
export const HealthSchema = z
  .object({
    status: z
      .enum(["ok", "degraded"])
      .describe("degraded: runs cannot progress now (executor not ok) or runs were lost since the last stop"),
    version: z.string(),
    modelVersion: z.string(),
    runs: z.object({
      running: z.number(),
      queued: z.number(),
      waitingForWorker: z.number().describe("running runs whose work waits for a worker (distributed mode)"),
    }),
    limits: z.record(z.string(), z.number()),
    executor: z
      .object({
        kind: z.enum(["inline", "pool", "redis"]),
        ok: z.boolean(),
        detail: z.string(),
        threads: z.number().optional(),
        redis: z.string().optional().describe("Redis URL, password masked"),
        workers: z.number().optional().describe("gatesim worker processes connected to the queue"),
      })
      .describe("where replications run"),
    store: z.object({
      synchronous: z.enum(["NORMAL", "FULL"]).describe("SQLite durability: FULL also survives a power loss"),
      integrity: z.string(),
      lostRuns: z
        .object({ count: z.number(), ids: z.array(z.string()), message: z.string() })
        .nullable()
        .describe("runs created before the last stop that the database lost (a removed or damaged WAL)"),
    }),
    uptimeSeconds: z.number(),
  })
  .meta({ id: "Health" });
