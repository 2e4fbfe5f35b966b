/**
 * `/policies`, `/policy-suites` and `/policy-benchmarks`: what a congestion researcher runs through the
 * service. A benchmark names installed policies only (built-ins, or modules the operator put in
 * `policies/` or `GATESIM_POLICY_DIR`): the service never runs code sent in a request. It is checked in
 * full (every policy compiled into every scenario) before the 202, runs one at a time on the server's
 * executor, and its leaderboard is stored (JSON, CSV, HTML). The request's schema and checks are in
 * policy-benchmark-request.ts; this file keeps the routes, the queue and the views.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "csv-stringify/sync";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  listSuites,
  type PolicyBenchmarkOptions,
  policyCatalog,
  type ReplicationExecutor,
  runPolicyBenchmark,
} from "../../runner/index.js";
import { type LeaderboardReport, leaderboardCsvRows, renderLeaderboardHtml } from "../../stats/index.js";
import {
  MemoryPolicyBenchmarkStore,
  type PolicyBenchmarkRecord,
  type PolicyBenchmarkStore,
  type RunStore,
  SqlitePolicyBenchmarkStore,
  SqliteRunStore,
} from "../../store/index.js";
import type { ServiceLimits } from "../config.js";
import { ApiError, ApiErrorCodes, apiErrors } from "../errors.js";
import { ErrorSchema, IdParamsSchema } from "../schemas.js";
import {
  assertNoCode,
  NEVER_CODE,
  PolicyBenchmarkRequestSchema,
  planPolicyBenchmark,
} from "./policy-benchmark-request.js";

/** Re-exported from its own file, where other modules import it from this path. */
export { PolicyBenchmarkRequestSchema } from "./policy-benchmark-request.js";

/** What the routes need. */
export interface PolicyBenchmarksRoutesOptions {
  store: RunStore;
  executor: ReplicationExecutor;
  limits: ServiceLimits;
  /** Chart libraries for the HTML leaderboard (read from node_modules when absent). */
  chartLibraries?: () => { d3: string; plot: string };
}

/** Benchmarks waiting for the running one; one more answers 429. */
const QUEUED_MAX = 4;

/** A benchmark as the API shows it. */
export const PolicyBenchmarkViewSchema = z.object({
  id: z.string(),
  url: z.string(),
  status: z.string(),
  progress: z.object({ done: z.number(), total: z.number() }),
  createdAt: z.number(),
  startedAt: z.number().nullable(),
  finishedAt: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  request: z.unknown(),
  links: z.object({ csv: z.string(), html: z.string() }),
  leaderboard: z.unknown().optional(),
});

function view(r: PolicyBenchmarkRecord): z.infer<typeof PolicyBenchmarkViewSchema> {
  const url = `/policy-benchmarks/${r.id}`;
  return {
    id: r.id,
    url,
    status: r.status,
    progress: { done: r.done, total: r.total },
    createdAt: r.createdAt,
    startedAt: r.startedAt,
    finishedAt: r.finishedAt,
    error: r.error,
    request: r.request,
    links: { csv: `${url}/leaderboard.csv`, html: `${url}/leaderboard.html` },
    ...(r.result === null ? {} : { leaderboard: r.result }),
  };
}

/** The routes (an encapsulated plugin). */
export const policyBenchmarksRoutes: FastifyPluginAsyncZod<PolicyBenchmarksRoutesOptions> = async (app, opts) => {
  const { executor, limits } = opts;
  const store: PolicyBenchmarkStore =
    opts.store instanceof SqliteRunStore
      ? new SqlitePolicyBenchmarkStore(opts.store.db)
      : new MemoryPolicyBenchmarkStore();
  store.interruptUnfinished(Date.now());
  const queue: { id: string; options: PolicyBenchmarkOptions }[] = [];
  let running: { id: string; controller: AbortController } | undefined;
  let closing = false;

  const pump = (): void => {
    if (running !== undefined || closing) return;
    const next = queue.shift();
    if (next === undefined) return;
    const controller = new AbortController();
    running = { id: next.id, controller };
    store.start(next.id, Date.now());
    let lastWrite = 0;
    runPolicyBenchmark({
      ...next.options,
      executor,
      signal: controller.signal,
      onProgress: (p) => {
        const now = Date.now();
        if (now - lastWrite > 250 || p.done === p.total) {
          lastWrite = now;
          store.progress(next.id, p.done, p.total);
        }
      },
    })
      .then(
        (report) => store.finish(next.id, "succeeded", report, null, Date.now()),
        (e: unknown) => {
          const code = (e as { code?: unknown }).code;
          const cancelled = controller.signal.aborted;
          store.finish(
            next.id,
            cancelled ? (closing ? "interrupted" : "cancelled") : "failed",
            null,
            {
              code: typeof code === "string" ? code : "GATESIM_ERR_BENCHMARK_FAILED",
              message: (e as Error).message ?? String(e),
            },
            Date.now(),
          );
        },
      )
      .finally(() => {
        running = undefined;
        pump();
      });
  };

  app.addHook("preClose", async () => {
    closing = true;
    for (const q of queue.splice(0))
      store.finish(
        q.id,
        "interrupted",
        null,
        { code: "GATESIM_ERR_INTERRUPTED", message: "the server stopped" },
        Date.now(),
      );
    running?.controller.abort();
  });

  const get = (id: string): PolicyBenchmarkRecord => {
    const r = store.get(id);
    if (r === undefined)
      throw new ApiError(404, ApiErrorCodes.NOT_FOUND, `no policy benchmark has id ${JSON.stringify(id)}`);
    return r;
  };
  const leaderboardOf = (id: string): LeaderboardReport => {
    const r = get(id);
    if (r.status !== "succeeded") throw apiErrors.runNotFinished(id, r.status);
    return r.result as LeaderboardReport;
  };

  app.get(
    "/policies",
    {
      schema: {
        tags: ["policies"],
        summary: "The policies this service can run (built-ins and installed modules), by decision point",
        description: NEVER_CODE,
        response: { 200: z.object({ note: z.string(), policies: z.array(z.unknown()) }) },
      },
    },
    async () => ({ note: NEVER_CODE, policies: policyCatalog() }),
  );

  app.get(
    "/policy-suites",
    {
      schema: {
        tags: ["policies"],
        summary: "The shipped benchmark suites (versioned)",
        response: { 200: z.array(z.unknown()) },
      },
    },
    async () => listSuites(),
  );

  app.post(
    "/policy-benchmarks",
    {
      schema: {
        tags: ["policies"],
        summary: "Rank installed policies over a benchmark suite, with a ranking-and-selection guarantee",
        description: `Each entry of \`policies\` is a spec string ("fifo", "callForward:perishablesFirst", "module:examples/perishables-ageing?headStartMinutes=90") or {label, callForward|xraySelection|appointment|laneAllocation}. Checked in full before the 202; then GET the benchmark until it has succeeded. ${NEVER_CODE}.`,
        body: PolicyBenchmarkRequestSchema,
        response: {
          202: PolicyBenchmarkViewSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          429: ErrorSchema,
          503: ErrorSchema,
        },
      },
      // Before the schema: code in a policy gets the reason, not just "unrecognized key".
      preValidation: async (request) => {
        const policies = (request.body as { policies?: unknown } | null | undefined)?.policies;
        if (Array.isArray(policies)) assertNoCode(policies);
      },
    },
    async (request, reply) => {
      if (closing) throw apiErrors.shuttingDown();
      const body = request.body;
      const options = planPolicyBenchmark(body, limits);
      if (queue.length >= QUEUED_MAX)
        throw apiErrors.queueFull(`${QUEUED_MAX} policy benchmarks are waiting; retry later`, 60);
      const record = store.create(body, Date.now());
      queue.push({ id: record.id, options });
      pump();
      const v = view(store.get(record.id) as PolicyBenchmarkRecord);
      void reply.header("location", v.url);
      return reply.code(202).send(v);
    },
  );

  app.get(
    "/policy-benchmarks",
    {
      schema: {
        tags: ["policies"],
        summary: "Recent policy benchmarks (newest first, without their leaderboards)",
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }).strict(),
        response: { 200: z.array(PolicyBenchmarkViewSchema) },
      },
    },
    async (request) => store.list(request.query.limit).map((r) => ({ ...view(r), leaderboard: undefined })),
  );

  app.get(
    "/policy-benchmarks/:id",
    {
      schema: {
        tags: ["policies"],
        summary: "A policy benchmark: status, progress, and the leaderboard once it has succeeded",
        params: IdParamsSchema,
        response: { 200: PolicyBenchmarkViewSchema, 404: ErrorSchema },
      },
    },
    async (request) => view(get(request.params.id)),
  );

  app.post(
    "/policy-benchmarks/:id/cancel",
    {
      schema: {
        tags: ["policies"],
        summary: "Cancels a queued or running benchmark",
        params: IdParamsSchema,
        response: { 200: PolicyBenchmarkViewSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const id = request.params.id;
      const r = get(id);
      const i = queue.findIndex((q) => q.id === id);
      if (i >= 0) {
        queue.splice(i, 1);
        store.finish(id, "cancelled", null, { code: "GATESIM_ERR_CANCELLED", message: "cancelled" }, Date.now());
      } else if (running?.id === id) running.controller.abort();
      else throw apiErrors.runAlreadyFinished(id, r.status);
      return view(get(id));
    },
  );

  app.get(
    "/policy-benchmarks/:id/leaderboard.csv",
    {
      schema: { tags: ["policies"], summary: "The leaderboard as CSV", params: IdParamsSchema },
    },
    async (request, reply) => {
      const csv = stringify(leaderboardCsvRows(leaderboardOf(request.params.id)), {
        cast: { number: (v) => (Number.isFinite(v) ? String(v) : ""), boolean: (v) => (v ? "true" : "false") },
      });
      return reply.type("text/csv; charset=utf-8").send(csv);
    },
  );

  app.get(
    "/policy-benchmarks/:id/leaderboard.html",
    {
      schema: { tags: ["policies"], summary: "The leaderboard as an HTML page with charts", params: IdParamsSchema },
    },
    async (request, reply) => {
      const libraries = (opts.chartLibraries ?? defaultChartLibraries)();
      return reply
        .type("text/html; charset=utf-8")
        .send(renderLeaderboardHtml(leaderboardOf(request.params.id), libraries));
    },
  );
};

/** d3 and Plot's browser bundles from node_modules. */
function defaultChartLibraries(): { d3: string; plot: string } {
  const read = (file: string): string =>
    readFileSync(fileURLToPath(new URL(`../../../node_modules/${file}`, import.meta.url)), "utf8");
  return { d3: read("d3/dist/d3.min.js"), plot: read("@observablehq/plot/dist/plot.umd.min.js") };
}
