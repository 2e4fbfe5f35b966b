/**
 * `/runs`: launch a run, list and read runs, their report and per-replication figures, follow their
 * progress (server-sent events) and cancel them.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { FINAL_STATUSES, InvalidCursorError, type RunRecord, type RunStore } from "../../store/index.js";
import { resultsRunId } from "../comparisons.js";
import { ApiError, ApiErrorCodes, apiErrors } from "../errors.js";
import { IdempotencyHeadersSchema, idempotent } from "../idempotency.js";
import type { RunEvent, RunService } from "../run-service.js";
import {
  ErrorSchema,
  IdParamsSchema,
  ListRunsQuerySchema,
  ReplicationsSchema,
  ReportSchema,
  RunPageSchema,
  RunRequestSchema,
  RunViewSchema,
} from "../schemas.js";
import { replicationViews, runView } from "../views.js";

/** What the runs routes need. */
export interface RunsRoutesOptions {
  service: RunService;
  store: RunStore;
  /** Interval of SSE heartbeat comments (keeps proxies from closing an idle stream). */
  sseHeartbeatMs: number;
}

/** True when an `Accept` header admits an event stream (absent, `*\/*`, `text/*` or `text/event-stream`). */
function acceptsEventStream(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === "") return true;
  return accept
    .split(",")
    .map((part) => part.split(";")[0]?.trim().toLowerCase() ?? "")
    .some((t) => t === "text/event-stream" || t === "*/*" || t === "text/*");
}

/** The runs routes (an encapsulated plugin). */
export const runsRoutes: FastifyPluginAsyncZod<RunsRoutesOptions> = async (app, opts) => {
  const { service, store } = opts;
  const getRun = (id: string): RunRecord => {
    const run = store.getRun(id);
    if (run === undefined) throw apiErrors.runNotFound(id);
    return run;
  };
  const view = (run: RunRecord) => runView(run, service.queuePosition(run.id), service.waitingFor(run.id));
  const errors = { 400: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema };

  app.post(
    "/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "Launch a run",
        description:
          "Validates the request, then queues the run (202) or, when an identical run (same compiled scenario hash, seed, replications, horizon, warm-up and model version) has succeeded before, answers 200 at once with a run whose `cached` is true and whose `cachedFrom` names the run holding the results (repeated hits share one such run); `recompute: true` always runs. A full queue answers 429 with Retry-After. With an `Idempotency-Key` header, a repeated request returns the run the first one created.",
        body: RunRequestSchema,
        headers: IdempotencyHeadersSchema,
        response: {
          200: RunViewSchema,
          202: RunViewSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          422: ErrorSchema,
          429: ErrorSchema,
          503: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const out = idempotent(store, "POST /runs", request.headers["idempotency-key"], request.body, Date.now(), () => {
        const created = service.submit(request.body);
        return { id: created.id, status: created.status === "succeeded" ? 200 : 202 };
      });
      if (out.replayed) void reply.header("idempotent-replayed", "true");
      void reply.header("location", `/runs/${out.id}`);
      return reply.code(out.status === 200 ? 200 : 202).send(view(getRun(out.id)));
    },
  );

  app.get(
    "/runs",
    {
      schema: {
        tags: ["runs"],
        summary: "List runs, newest first",
        description:
          "Paged with `limit` and `cursor` (the previous page's `nextCursor`) or `offset`; filtered by `status` and `scenario`.",
        querystring: ListRunsQuerySchema,
        response: { 200: RunPageSchema, 400: ErrorSchema },
      },
    },
    async (request) => {
      const q = request.query;
      try {
        const page = store.listRuns({
          limit: q.limit ?? 20,
          ...(q.cursor === undefined ? {} : { cursor: q.cursor }),
          ...(q.offset === undefined ? {} : { offset: q.offset }),
          ...(q.status === undefined ? {} : { status: q.status }),
          ...(q.scenario === undefined ? {} : { scenario: q.scenario }),
        });
        return { items: page.items.map(view), nextCursor: page.nextCursor, total: page.total };
      } catch (e) {
        if (e instanceof InvalidCursorError)
          throw apiErrors.validation(`querystring.cursor: ${e.message}`, [
            { path: "querystring.cursor", message: e.message },
          ]);
        throw e;
      }
    },
  );

  app.get(
    "/runs/:id",
    {
      schema: {
        tags: ["runs"],
        summary: "A run: status, progress, timings, error",
        params: IdParamsSchema,
        response: { 200: RunViewSchema, 404: ErrorSchema },
      },
    },
    async (request) => view(getRun(request.params.id)),
  );

  app.get(
    "/runs/:id/results",
    {
      schema: {
        tags: ["runs"],
        summary: "The report of a succeeded run",
        description:
          "The stats JSON report: every KPI with its 95 % Student-t interval, per-stage figures, daily and sampled series bands, conservation check, timing. 409 until the run has succeeded.",
        params: IdParamsSchema,
        response: { 200: ReportSchema, ...errors },
      },
    },
    async (request) => {
      const run = getRun(request.params.id);
      if (run.status !== "succeeded") throw apiErrors.runNotFinished(run.id, run.status);
      const report = store.getReport(resultsRunId(run));
      if (report === undefined) throw apiErrors.runNotFinished(run.id, "missing its report");
      return report as z.infer<typeof ReportSchema>;
    },
  );

  app.get(
    "/runs/:id/replications",
    {
      schema: {
        tags: ["runs"],
        summary: "Per-replication KPI values",
        description:
          "One row per stored replication, in index order; available while the run is running (the replications finished so far). Non-finite values are null.",
        params: IdParamsSchema,
        response: { 200: ReplicationsSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const run = getRun(request.params.id);
      return { runId: run.id, replications: replicationViews(store.getReplicationSummaries(resultsRunId(run))) };
    },
  );

  app.post(
    "/runs/:id/cancel",
    {
      schema: {
        tags: ["runs"],
        summary: "Cancel a queued or running run",
        description:
          "A queued run is cancelled at once (200); a running run stops within moments (202; follow /events for the final status). 409 if it already ended.",
        params: IdParamsSchema,
        response: { 200: RunViewSchema, 202: RunViewSchema, 401: ErrorSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request, reply) => {
      const run = service.cancel(request.params.id);
      return reply.code(FINAL_STATUSES.has(run.status) ? 200 : 202).send(view(run));
    },
  );

  app.get(
    "/runs/:id/events",
    {
      sse: { kind: "manual", heartbeat: true },
      schema: {
        tags: ["runs"],
        summary: "Follow a run (server-sent events)",
        description:
          "A `text/event-stream`: a `progress` event at once and after every finished replication (`{runId, done, total}`), then one `status` event with the final run and the stream closes. A client connecting after the end gets the final `status` at once. 406 when Accept excludes text/event-stream.",
        params: IdParamsSchema,
        response: {
          200: {
            description:
              "`event: progress` with `data: {runId, done, total}` (its `id` is `done`, for Last-Event-ID); `event: waiting` with `data: {runId, reason}` when the run starts waiting for a worker (reason null when it progresses again); then one `event: status` with `data:` the run, as in GET /runs/{id}; comment lines are heartbeats",
            content: { "text/event-stream": { schema: z.string().describe("server-sent events") } },
          },
          404: ErrorSchema,
          406: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      if (!acceptsEventStream(request.headers.accept)) {
        throw new ApiError(
          406,
          ApiErrorCodes.NOT_ACCEPTABLE,
          "this endpoint produces text/event-stream only; send Accept: text/event-stream",
        );
      }
      const sse = reply.sse;
      const id = request.params.id;
      const initial = getRun(id);
      if (FINAL_STATUSES.has(initial.status)) {
        await sse.send({ event: "status", data: view(initial) });
        return;
      }
      // Subscribe in the same tick as the read above: no event can fall between them.
      sse.keepAlive();
      let closed = false;
      let chain: Promise<void> = Promise.resolve();
      const close = () => {
        if (closed) return;
        closed = true;
        unsubscribe();
        sse.close();
      };
      const unsubscribe = service.subscribe(id, (e: RunEvent) => {
        // Sends are chained so events arrive in order even when the socket is slow.
        chain = chain
          .then(async () => {
            if (closed || !sse.isConnected) return;
            if (e.type === "progress") {
              await sse.send({
                id: String(e.done),
                event: "progress",
                data: { runId: e.runId, done: e.done, total: e.total },
              });
            } else if (e.type === "waiting") {
              await sse.send({ event: "waiting", data: { runId: e.runId, reason: e.reason } });
            } else if (e.type === "status") {
              if (!FINAL_STATUSES.has(e.run.status)) return;
              await sse.send({ event: "status", data: view(e.run) });
              close();
            } else {
              close();
            }
          })
          .catch(() => close());
      });
      sse.onClose(() => {
        closed = true;
        unsubscribe();
      });
      await sse.send({
        id: String(initial.done),
        event: "progress",
        data: { runId: id, done: initial.done, total: initial.replications },
      });
    },
  );
};
