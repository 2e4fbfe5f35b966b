/**
 * `/sweeps`: a grid of overrides over one scenario, one run per point (common random numbers), to
 * answer "how many units do we need?" with a curve and its intervals. Launch, list, read, delete.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import type { RunStore } from "../../store/index.js";
import type { RunService } from "../run-service.js";
import {
  ErrorSchema,
  IdParamsSchema,
  LabelSchema,
  OverridesSchema,
  ScenarioRefSchema,
  SeedSchema,
} from "../schemas.js";
import { launchSweep, SWEEP_POINTS_MAX, sweepNotFound, sweepView } from "../sweeps.js";

/** What the sweep routes need. */
export interface SweepsRoutesOptions {
  service: RunService;
  store: RunStore;
}

/** Body of `POST /sweeps`. */
const SweepRequestSchema = z
  .object({
    scenario: ScenarioRefSchema,
    overrides: OverridesSchema.optional().describe("changes applied at every point"),
    grid: z
      .record(
        z.string().min(1).max(256),
        z
          .array(z.union([z.number(), z.string().max(64), z.boolean()]))
          .min(1)
          .max(SWEEP_POINTS_MAX),
      )
      .refine((g) => Object.keys(g).length >= 1 && Object.keys(g).length <= 3, "one to three parameters")
      .describe('dotted path → values, e.g. {"stages.xray.servers": [2, 3, 4, 5]}; every combination is a point'),
    replications: z.number().int().min(2).optional(),
    seed: SeedSchema.optional(),
    horizonDays: z.number().positive().optional(),
    warmupDays: z.number().min(0).optional(),
    recompute: z.boolean().optional(),
    label: LabelSchema.optional(),
  })
  .strict()
  .meta({ id: "SweepRequest" });

/** A sweep as the API shows it (its points' runs and the rows of those that have succeeded). */
const SweepViewSchema = z
  .looseObject({ id: z.string(), status: z.enum(["running", "succeeded", "failed"]) })
  .meta({ id: "Sweep" });

/** The sweep routes (an encapsulated plugin). */
export const sweepsRoutes: FastifyPluginAsyncZod<SweepsRoutesOptions> = async (app, opts) => {
  const { service, store } = opts;

  app.post(
    "/sweeps",
    {
      schema: {
        tags: ["sweeps"],
        summary: "Launch a sweep: one run per point of a grid",
        description: `Every point runs with the same seed, replications, horizon and warm-up (common random numbers), as an ordinary run tagged with the sweep. At most ${SWEEP_POINTS_MAX} points; all points are admitted or none (429 when the queue cannot take them).`,
        body: SweepRequestSchema,
        response: { 202: SweepViewSchema, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema, 429: ErrorSchema },
      },
    },
    async (request, reply) => {
      const sweep = launchSweep(service, store, request.body);
      void reply.header("location", `/sweeps/${sweep.id}`);
      return reply.code(202).send(sweepView(store, sweep));
    },
  );

  app.get(
    "/sweeps",
    {
      schema: {
        tags: ["sweeps"],
        summary: "Sweeps, newest first",
        response: { 200: z.object({ items: z.array(SweepViewSchema) }) },
      },
    },
    async () => ({ items: store.listSweeps(50).map((s) => sweepView(store, s)) }),
  );

  app.get(
    "/sweeps/:id",
    {
      schema: {
        tags: ["sweeps"],
        summary: "A sweep: its points, their runs and figures",
        params: IdParamsSchema,
        response: { 200: SweepViewSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const sweep = store.getSweep(request.params.id);
      if (sweep === undefined) throw sweepNotFound(request.params.id);
      return sweepView(store, sweep);
    },
  );

  app.delete(
    "/sweeps/:id",
    {
      schema: {
        tags: ["sweeps"],
        summary: "Delete a sweep record (its runs stay in the history)",
        params: IdParamsSchema,
        response: { 200: z.object({ id: z.string(), deleted: z.literal(true) }), 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      if (!store.deleteSweep(request.params.id)) throw sweepNotFound(request.params.id);
      return { id: request.params.id, deleted: true as const };
    },
  );
};
