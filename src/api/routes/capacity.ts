/**
 * `/capacity-analyses`: the capacity experiment as a stored resource. Launch (202), list, read (status,
 * progress with the points evaluated so far, then the report: the largest sustainable demand, the
 * clearance capacity under overload with 95 % intervals, the bottleneck stage), cancel and delete. The
 * service (`capacity-service.ts`) runs one analysis at a time on the server's executor.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { CapacityPoint, ReplicationExecutor } from "../../runner/index.js";
import {
  type CapacityAnalysisRecord,
  openDatabase,
  type RunStore,
  SqliteCapacityAnalyses,
  SqliteRunStore,
} from "../../store/index.js";
import { CAPACITY_LIMITS, CapacityService, type CapacitySettings, capacityNotFound } from "../capacity-service.js";
import { ApiError, ApiErrorCodes } from "../errors.js";
import {
  ErrorSchema,
  IdParamsSchema,
  LabelSchema,
  OverridesSchema,
  ScenarioRefSchema,
  SeedSchema,
} from "../schemas.js";

/** What the capacity routes need. */
export interface CapacityRoutesOptions {
  store: RunStore;
  executor: ReplicationExecutor;
  modelVersion: string;
  resumeOnStart?: boolean;
  /** Wall-clock bound of one analysis in ms (default 6 h). */
  wallMsMax?: number;
}

/** Body of `POST /capacity-analyses`. */
const CapacityRequestSchema = z
  .object({
    scenario: ScenarioRefSchema,
    overrides: OverridesSchema.optional(),
    direction: z
      .enum(["both", "export", "import"])
      .optional()
      .describe("which demand is scaled: both directions (default), exports or imports"),
    replications: z
      .number()
      .int()
      .min(2)
      .max(CAPACITY_LIMITS.replicationsMax)
      .optional()
      .describe(`replications per demand factor (default 4, 2 to ${CAPACITY_LIMITS.replicationsMax})`),
    seed: SeedSchema.optional().describe("experiment seed, the same at every factor (default: the scenario's)"),
    horizonDays: z
      .number()
      .positive()
      .max(CAPACITY_LIMITS.horizonDaysMax)
      .optional()
      .describe("simulated days per point, warm-up included (default: the scenario's, at most 21)"),
    warmupDays: z.number().min(0).optional().describe("warm-up days (default: the scenario's, at most half)"),
    precision: z
      .number()
      .min(0.005)
      .max(0.5)
      .optional()
      .describe("relative width of the final bracket of demand factors (default 0.02)"),
    growthShare: z
      .number()
      .gt(0)
      .max(0.2)
      .optional()
      .describe("largest daily growth of unserved demand still sustainable, as a share of daily demand (default 0.01)"),
    label: LabelSchema.optional(),
  })
  .strict()
  .meta({ id: "CapacityRequest" });

/** An analysis as the API shows it. */
const CapacityViewSchema = z
  .looseObject({
    id: z.string(),
    status: z.enum(["queued", "running", "succeeded", "failed", "cancelled", "interrupted"]),
  })
  .meta({ id: "CapacityAnalysis" });

/**
 * About how many points the search will evaluate in all: those done, the bisections left to reach the
 * precision (each halves the bracket's log-width), and a couple to confirm the overload. An estimate
 * for a progress bar, never a promise.
 */
export function estimatePoints(points: readonly CapacityPoint[], precision: number): number {
  const ok = points.filter((p) => p.sustainable).map((p) => p.factor);
  const lo = ok.length > 0 ? Math.max(...ok) : null;
  const above = points.filter((p) => !p.sustainable && (lo === null || p.factor > lo)).map((p) => p.factor);
  const hi = above.length > 0 ? Math.min(...above) : null;
  const bisections = (width: number): number =>
    Math.max(0, Math.ceil(Math.log2(Math.log(width) / Math.log(1 + precision))));
  const overloadConfirmed = hi !== null && points.some((p) => p.overloaded && p.factor >= hi);
  const confirm = overloadConfirmed ? 0 : 2;
  if (lo === null || hi === null) return points.length + 1 + bisections(2) + confirm;
  return points.length + (hi / lo - 1 > precision ? bisections(hi / lo) : 0) + confirm;
}

/** The analysis as JSON: settings, live progress, points so far, and the report once it has succeeded. */
export function capacityView(a: CapacityAnalysisRecord, queuePosition: number | null) {
  const settings = a.settings as CapacitySettings;
  const request = a.request as { scenario?: unknown; overrides?: Record<string, unknown> } | null;
  const points = a.points as CapacityPoint[];
  const sustainable = points.filter((p) => p.sustainable).map((p) => p.factor);
  const lo = sustainable.length > 0 ? Math.max(...sustainable) : null;
  const unsustainable = points.filter((p) => !p.sustainable && (lo === null || p.factor > lo)).map((p) => p.factor);
  const estimated = a.status === "succeeded" ? points.length : estimatePoints(points, settings.precision);
  return {
    id: a.id,
    url: `/capacity-analyses/${a.id}`,
    label: a.label,
    status: a.status,
    queuePosition,
    scenario: {
      name: a.scenarioName,
      title: a.scenarioTitle,
      ref: typeof request?.scenario === "string" ? request.scenario : null,
    },
    overrides: request?.overrides ?? {},
    settings,
    progress: {
      replicationsDone: a.replicationsDone,
      pointsDone: points.length,
      pointsEstimated: Math.max(estimated, points.length),
      bracket: {
        sustainableFactor: lo,
        unsustainableFactor: unsustainable.length > 0 ? Math.min(...unsustainable) : null,
      },
    },
    points: [...points].sort((x, y) => x.factor - y.factor),
    report: a.report,
    error: a.error,
    attempts: a.attempts,
    modelVersion: a.modelVersion,
    createdAt: new Date(a.createdAt).toISOString(),
    startedAt: a.startedAt === null ? null : new Date(a.startedAt).toISOString(),
    finishedAt: a.finishedAt === null ? null : new Date(a.finishedAt).toISOString(),
  };
}

/**
 * The capacity-analysis table on the run store's own SQLite file; another kind of store (none ships) gets
 * an in-memory database of its own, closed with the app.
 */
function capacityStoreFor(store: RunStore): { table: SqliteCapacityAnalyses; close(): void } {
  if (store instanceof SqliteRunStore) return { table: new SqliteCapacityAnalyses(store.db), close() {} };
  const db = openDatabase(":memory:");
  return { table: new SqliteCapacityAnalyses(db), close: () => db.close() };
}

/** The capacity routes (an encapsulated plugin owning the capacity service). */
export const capacityRoutes: FastifyPluginAsyncZod<CapacityRoutesOptions> = async (app, opts) => {
  const own = capacityStoreFor(opts.store);
  const store = own.table;
  const service = new CapacityService({
    store,
    executor: opts.executor,
    modelVersion: opts.modelVersion,
    logger: app.log,
    resumeOnStart: opts.resumeOnStart ?? true,
    ...(opts.wallMsMax === undefined ? {} : { wallMsMax: opts.wallMsMax }),
  });
  app.addHook("onReady", async () => service.start());
  // Children's onClose hooks run before the root's, which closes the executor.
  app.addHook("onClose", async () => {
    await service.shutdown();
    own.close();
  });
  const get = (id: string): CapacityAnalysisRecord => {
    const a = store.get(id);
    if (a === undefined) throw capacityNotFound(id);
    return a;
  };
  const view = (a: CapacityAnalysisRecord) => capacityView(a, service.queuePosition(a.id));

  app.post(
    "/capacity-analyses",
    {
      schema: {
        tags: ["capacity"],
        summary: "Launch a capacity analysis",
        description: `Scales the scenario's demand (both directions or one) and searches, with the same seed and replications at every factor (common random numbers), for the largest demand whose unserved backlog does not grow; reports it, the clearance capacity under overload (95 % intervals) and the bottleneck stage. One analysis runs at a time; at most ${CAPACITY_LIMITS.queuedMax} wait (429 beyond).`,
        body: CapacityRequestSchema,
        response: {
          202: CapacityViewSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          429: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const a = service.submit(request.body);
      void reply.header("location", `/capacity-analyses/${a.id}`);
      return reply.code(202).send(view(a));
    },
  );

  app.get(
    "/capacity-analyses",
    {
      schema: {
        tags: ["capacity"],
        summary: "Capacity analyses, newest first (the last 50)",
        response: { 200: z.object({ items: z.array(CapacityViewSchema) }) },
      },
    },
    // The list leaves out the points and the report (GET one analysis for them).
    async () => ({
      items: store.list(50).map((a) => ({ ...view(a), points: [], report: null })),
    }),
  );

  app.get(
    "/capacity-analyses/:id",
    {
      schema: {
        tags: ["capacity"],
        summary: "One capacity analysis: status, progress, points so far, report",
        params: IdParamsSchema,
        response: { 200: CapacityViewSchema, 404: ErrorSchema },
      },
    },
    async (request) => view(get(request.params.id)),
  );

  app.post(
    "/capacity-analyses/:id/cancel",
    {
      schema: {
        tags: ["capacity"],
        summary: "Cancel a queued or running capacity analysis",
        description: "The points evaluated so far stay in the analysis.",
        params: IdParamsSchema,
        response: { 200: CapacityViewSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    // A running analysis stops within moments (its replications poll the flag); the status follows.
    async (request) => view(service.cancel(request.params.id)),
  );

  app.delete(
    "/capacity-analyses/:id",
    {
      schema: {
        tags: ["capacity"],
        summary: "Delete a finished capacity analysis",
        params: IdParamsSchema,
        response: {
          200: z.object({ id: z.string(), deleted: z.literal(true) }),
          401: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request) => {
      const a = get(request.params.id);
      if (!store.remove(a.id)) {
        throw new ApiError(
          409,
          ApiErrorCodes.RUN_NOT_FINISHED,
          `capacity analysis ${a.id} is ${a.status}; cancel it before deleting it`,
        );
      }
      return { id: a.id, deleted: true as const };
    },
  );
};
