/**
 * A planner's housekeeping of runs: name a run and note why it was made (`PATCH /runs/:id`), and
 * delete it from the history (`DELETE /runs/:id`). Neither changes a run's results.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FINAL_STATUSES, type RunStore } from "../../store/index.js";
import { ApiError, ApiErrorCodes, apiErrors } from "../errors.js";
import type { RunService } from "../run-service.js";
import { ErrorSchema, IdParamsSchema, LabelSchema, NoteSchema, RunViewSchema } from "../schemas.js";
import { runView } from "../views.js";

/** What the annotation routes need. */
export interface RunAnnotationsRoutesOptions {
  service: RunService;
  store: RunStore;
}

/** Body of `PATCH /runs/:id`: fields to set; null clears one. */
const AnnotationSchema = z
  .object({
    label: LabelSchema.nullable().optional(),
    note: NoteSchema.nullable().optional(),
  })
  .strict()
  .meta({ id: "RunAnnotation" });

/** The annotation routes (an encapsulated plugin). */
export const runAnnotationsRoutes: FastifyPluginAsyncZod<RunAnnotationsRoutesOptions> = async (app, opts) => {
  const { service, store } = opts;

  app.patch(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "Name a run or note on it",
        description:
          "`{label?, note?}`: sets the fields given; null clears one (an empty note clears it too). Results are not affected; the cache ignores labels.",
        params: IdParamsSchema,
        body: AnnotationSchema,
        response: { 200: RunViewSchema, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const body = request.body ?? {};
      const changes: { label?: string | null; note?: string | null } = {};
      if (body.label !== undefined) changes.label = body.label;
      if (body.note !== undefined) changes.note = body.note === "" ? null : body.note;
      const run = store.annotateRun(request.params.id, changes);
      if (run === undefined) throw apiErrors.runNotFound(request.params.id);
      return runView(run, service.queuePosition(run.id));
    },
  );

  app.delete(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "Delete a finished run from the history",
        description:
          "Removes the run with its replications and report. A run whose results other runs share (they were answered from it by the cache) is hidden instead, so theirs stay readable. 409 while the run is queued or running: cancel it first.",
        params: IdParamsSchema,
        response: {
          200: z.object({ id: z.string(), deleted: z.enum(["removed", "hidden"]) }),
          401: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
        },
      },
    },
    async (request) => {
      const id = request.params.id;
      const run = store.getRun(id);
      if (run === undefined) throw apiErrors.runNotFound(id);
      if (!FINAL_STATUSES.has(run.status)) {
        throw new ApiError(
          409,
          ApiErrorCodes.RUN_ALREADY_FINISHED,
          `run ${id} is ${run.status}; cancel it (POST /runs/${id}/cancel) before deleting it`,
        );
      }
      const deleted = store.deleteRun(id);
      if (deleted === undefined) throw apiErrors.runNotFound(id);
      return { id, deleted };
    },
  );
};
