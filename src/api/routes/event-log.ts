/**
 * `GET /runs/:id/replications/:index/event-log`: the per-truck event log of one replication of a finished
 * run, as CSV, gzipped CSV or OCEL 2.0 JSON. A replication is a pure function of (scenario, seed, index), so
 * the server runs that replication again with the log on, in a worker thread (the event loop stays free),
 * and streams the file. Bounded: at most `maxRows` events (the response says when the log was cut), and
 * one log is computed at a time (a second request meanwhile gets 429 with Retry-After). The logs computed
 * lately are kept (event-log-cache.ts, bounded in count and bytes): asking again does not simulate again.
 */
import { Readable } from "node:stream";
import { createGzip } from "node:zlib";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { EVENT_LOG_ROWS_DEFAULT, EVENT_LOG_ROWS_MAX, runEventLogInThread } from "../../runner/index.js";
import { eventLogCsvChunks, eventLogOcelChunks } from "../../stats/index.js";
import type { RunStore } from "../../store/index.js";
import { ApiError, ApiErrorCodes, apiErrors } from "../errors.js";
import { EventLogCache, type EventLogCacheLimits } from "../event-log-cache.js";
import { resolveScenario, type ScenarioRefInput } from "../scenarios.js";
import { ErrorSchema } from "../schemas.js";

/** What the event-log route needs. */
export interface EventLogRoutesOptions {
  store: RunStore;
  /** The model version of this server: a run made by another cannot be replayed. */
  modelVersion: string;
  /** Bounds of the cache of computed logs (default: EVENT_LOG_CACHE_DEFAULTS). */
  cache?: EventLogCacheLimits;
}

const ParamsSchema = z.object({
  id: z.string().min(1).max(100),
  index: z.coerce.number().int().min(0).max(1_000_000),
});

const QuerySchema = z
  .object({
    format: z.enum(["csv", "csv.gz", "ocel"]).default("csv").describe("csv, csv.gz (gzip) or ocel (OCEL 2.0 JSON)"),
    maxRows: z.coerce
      .number()
      .int()
      .min(1)
      .max(EVENT_LOG_ROWS_MAX)
      .default(EVENT_LOG_ROWS_DEFAULT)
      .describe("bound on events; later ones are dropped and the x-gatesim-event-log-truncated header says so"),
  })
  .strict();

/** Media type and file extension of each format. */
const FORMATS = {
  csv: { type: "text/csv; charset=utf-8", ext: "csv" },
  "csv.gz": { type: "application/gzip", ext: "csv.gz" },
  ocel: { type: "application/json; charset=utf-8", ext: "ocel.json" },
} as const;

/** The event-log route (an encapsulated plugin). */
export const eventLogRoutes: FastifyPluginAsyncZod<EventLogRoutesOptions> = async (app, opts) => {
  let computing = 0;
  const cache = new EventLogCache(opts.cache);
  app.get(
    "/runs/:id/replications/:index/event-log",
    {
      schema: {
        tags: ["runs"],
        summary: "Per-truck event log of one replication",
        description:
          "Runs replication `index` of a succeeded run again with the event log on (same results: a replication is a pure function of scenario, seed and index) and returns one row per truck event (case id, attributes, stage, event type, simulated and calendar time) as CSV, gzipped CSV or OCEL 2.0 JSON. At most `maxRows` events; `x-gatesim-event-log-rows`, `-dropped-rows` and `-truncated` headers describe the log; `-cached` says whether it was kept from an earlier request (the logs computed lately are kept, bounded in count and bytes). One log is computed at a time: 429 with Retry-After meanwhile.",
        params: ParamsSchema,
        querystring: QuerySchema,
        response: {
          200: z.unknown().describe("the event log file (text/csv, application/gzip or application/json)"),
          400: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const { id, index } = request.params;
      const run = opts.store.getRun(id);
      if (run === undefined) throw apiErrors.runNotFound(id);
      if (run.status !== "succeeded") throw apiErrors.runNotFinished(run.id, run.status);
      if (index >= run.replications) {
        throw apiErrors.limitExceeded("params.index", `the run has replications 0 to ${run.replications - 1}`);
      }
      if (run.modelVersion !== opts.modelVersion) {
        throw new ApiError(
          409,
          ApiErrorCodes.BAD_REQUEST,
          `run ${run.id} was made by model ${run.modelVersion}, this server runs ${opts.modelVersion}: its replications cannot be replayed`,
        );
      }
      const req = run.request as { scenario?: ScenarioRefInput; overrides?: Record<string, unknown> } | null;
      if (req?.scenario === undefined) {
        throw new ApiError(409, ApiErrorCodes.BAD_REQUEST, `the stored request of run ${run.id} cannot be read`);
      }
      const compiled = resolveScenario(req.scenario, req.overrides);
      if (compiled.hash !== run.scenarioHash) {
        throw new ApiError(
          409,
          ApiErrorCodes.BAD_REQUEST,
          `the scenario of run ${run.id} changed since it ran (hash ${run.scenarioHash} -> ${compiled.hash}): its replications cannot be replayed`,
        );
      }
      const maxRows = request.query.maxRows;
      let log = cache.get(run.id, index, maxRows);
      const cached = log !== undefined;
      if (log === undefined) {
        if (computing > 0) {
          throw new ApiError(
            429,
            ApiErrorCodes.QUEUE_FULL,
            "an event log is being computed; retry shortly",
            undefined,
            {
              "retry-after": "5",
            },
          );
        }
        computing++;
        const abort = new AbortController();
        const onClose = (): void => abort.abort();
        request.raw.once("close", onClose);
        try {
          log = await runEventLogInThread(
            {
              compiled,
              seed: run.seed,
              index,
              options: { horizonDays: run.horizonDays, warmupDays: run.warmupDays, rowsMax: maxRows },
            },
            abort.signal,
          );
        } finally {
          computing--;
          request.raw.off("close", onClose);
        }
        cache.set(run.id, index, maxRows, log);
      }
      const format = request.query.format;
      const meta = { replication: index };
      const chunks = format === "ocel" ? eventLogOcelChunks(log, meta) : eventLogCsvChunks(log, meta);
      const body = format === "csv.gz" ? Readable.from(chunks).pipe(createGzip()) : Readable.from(chunks);
      const file = `${run.scenarioName}-${run.id}-rep${index}-events.${FORMATS[format].ext}`.replace(/[^\w.-]/g, "_");
      return reply
        .type(FORMATS[format].type)
        .header("content-disposition", `attachment; filename="${file}"`)
        .header("x-gatesim-event-log-rows", String(log.rows))
        .header("x-gatesim-event-log-dropped-rows", String(log.droppedRows))
        .header("x-gatesim-event-log-truncated", String(log.truncated))
        .header("x-gatesim-event-log-cached", String(cached))
        .send(body);
    },
  );
};
