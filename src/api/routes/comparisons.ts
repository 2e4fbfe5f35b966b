/**
 * `/comparisons`: paired differences between runs that used common random numbers, either of stored
 * runs (answered at once) or of scenarios launched together for the purpose (202, then poll).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { newId, type RunRecord, type RunStore } from "../../store/index.js";
import { compareRuns, refreshComparison } from "../comparisons.js";
import { apiErrors } from "../errors.js";
import { IdempotencyHeadersSchema, idempotent } from "../idempotency.js";
import type { PreparedRun, RunService, RunSpec } from "../run-service.js";
import {
  type ComparisonRequest,
  ComparisonRequestSchema,
  ComparisonViewSchema,
  ErrorSchema,
  IdParamsSchema,
} from "../schemas.js";
import { comparisonView } from "../views.js";

/** What the comparisons routes need. */
export interface ComparisonsRoutesOptions {
  service: RunService;
  store: RunStore;
  maxScenarios: number;
  now: () => number;
}

/** The comparisons routes (an encapsulated plugin). */
export const comparisonsRoutes: FastifyPluginAsyncZod<ComparisonsRoutesOptions> = async (app, opts) => {
  const { service, store, now } = opts;
  const viewOf = (id: string) => {
    const c = store.getComparison(id);
    if (c === undefined) throw apiErrors.comparisonNotFound(id);
    const fresh = refreshComparison(store, c, now());
    return comparisonView(
      fresh,
      fresh.runIds.map((r) => store.getRun(r)),
    );
  };

  /** Creates the comparison of a request; returns its id and the status to answer with. */
  const create = (body: ComparisonRequest): { id: string; status: number } => {
    if ("runs" in body) {
      const runs = body.runs.map((id, i) => {
        const r = store.getRun(id);
        if (r === undefined)
          throw apiErrors.comparisonInvalid(`runs.${i}: no run has id ${JSON.stringify(id)}`, 404, [
            { path: `runs.${i}`, message: "no such run" },
          ]);
        return r;
      });
      const report = compareRuns(store, runs);
      const c = store.createComparison({ runIds: runs.map((r) => r.id), request: body });
      store.endComparison(c.id, "succeeded", report, null, now());
      return { id: c.id, status: 201 };
    }
    if (body.scenarios.length > opts.maxScenarios) {
      throw apiErrors.limitExceeded(
        "scenarios",
        `at most ${opts.maxScenarios} scenarios per comparison on this server, got ${body.scenarios.length}`,
      );
    }
    const specs: RunSpec[] = body.scenarios.map((s) =>
      typeof s === "string" ? { scenario: s } : { scenario: s.scenario, overrides: s.overrides },
    );
    // The reference fixes seed, horizon and warm-up for all: pairs must measure the same period with the same streams.
    const common = {
      replications: body.replications ?? 10,
      seed: body.seed,
      horizonDays: body.horizonDays,
      warmupDays: body.warmupDays,
      recompute: body.recompute,
    };
    // A scenario given by name sits at scenarios.i, an object's parts at scenarios.i.scenario / .overrides.
    const paths = (i: number) =>
      typeof body.scenarios[i] === "string"
        ? { scenario: `scenarios.${i}`, overrides: `scenarios.${i}.overrides` }
        : { scenario: `scenarios.${i}.scenario`, overrides: `scenarios.${i}.overrides` };
    const first = service.prepare({ ...(specs[0] as RunSpec), ...common }, paths(0));
    const shared = {
      ...common,
      seed: first.newRun.seed,
      horizonDays: first.newRun.horizonDays,
      warmupDays: first.newRun.warmupDays,
    };
    const prepared: PreparedRun[] = [
      first,
      ...specs.slice(1).map((s, i) => service.prepare({ ...s, ...shared }, paths(i + 1))),
    ];
    const comparisonId = newId("cmp");
    const runs: RunRecord[] = service.submitPrepared(prepared, comparisonId);
    store.createComparison({ id: comparisonId, runIds: runs.map((r) => r.id), request: body });
    return { id: comparisonId, status: viewOf(comparisonId).status === "running" ? 202 : 201 };
  };

  app.post(
    "/comparisons",
    {
      schema: {
        tags: ["comparisons"],
        summary: "Compare runs under common random numbers",
        description:
          "`{runs: [id, ...]}`: succeeded runs with equal seed, replications, horizon, warm-up and model version; answered at once (201) with paired differences B_i − A_i against the first run, their 95 % interval and significance. `{scenarios: [...], replications, seed, horizonDays, warmupDays}`: launches one run per scenario with the same seed (the first scenario's by default) and answers 202; GET the comparison until it has succeeded. Runs answered from the cache count as launched.",
        body: ComparisonRequestSchema,
        headers: IdempotencyHeadersSchema,
        response: {
          201: ComparisonViewSchema,
          202: ComparisonViewSchema,
          400: ErrorSchema,
          401: ErrorSchema,
          404: ErrorSchema,
          409: ErrorSchema,
          422: ErrorSchema,
          429: ErrorSchema,
        },
      },
    },
    async (request, reply) => {
      const out = idempotent(store, "POST /comparisons", request.headers["idempotency-key"], request.body, now(), () =>
        create(request.body),
      );
      if (out.replayed) void reply.header("idempotent-replayed", "true");
      const view = viewOf(out.id);
      void reply.header("location", view.url);
      return reply.code(out.status === 201 ? 201 : 202).send(view);
    },
  );

  app.get(
    "/comparisons/:id",
    {
      schema: {
        tags: ["comparisons"],
        summary: "A comparison: its runs, progress and, once they have succeeded, the paired differences",
        params: IdParamsSchema,
        response: { 200: ComparisonViewSchema, 404: ErrorSchema },
      },
    },
    async (request) => viewOf(request.params.id),
  );
};
