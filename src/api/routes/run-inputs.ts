/**
 * What a planner needs around a run besides its report: a check of a request before launching it
 * (every problem at once, the calendar window it will simulate, how long it will take), the inputs a
 * stored run used (its overrides with the scenario's own values, the assumed inputs as used, the
 * calendar and seasons), and the figures of a run that stopped early, from its finished replications.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { aggregateReplications, buildJsonReport } from "../../stats/index.js";
import type { RunRecord, RunStore } from "../../store/index.js";
import { resultsRunId } from "../comparisons.js";
import { ApiError, ApiErrorCodes, apiErrors } from "../errors.js";
import { type CostHistory, estimateRun } from "../estimate.js";
import { runInputs } from "../run-inputs.js";
import type { RunService } from "../run-service.js";
import type { ScenarioRefInput } from "../scenarios.js";
import { ErrorSchema, IdParamsSchema, ReportSchema, RunRequestSchema } from "../schemas.js";

/** What the run-inputs routes need. */
export interface RunInputsRoutesOptions {
  service: RunService;
  store: RunStore;
  /** Replications the executor runs at once. */
  concurrency: number;
  costs: CostHistory;
}

/** A stored run's request as the run service wrote it (`{scenario, overrides?}`). */
export function requestOf(run: { id?: string; request: unknown }): {
  scenario: ScenarioRefInput;
  overrides?: Record<string, unknown>;
} {
  const req = run.request as { scenario?: ScenarioRefInput; overrides?: Record<string, unknown> } | null;
  if (req === null || req.scenario === undefined) {
    throw new ApiError(409, ApiErrorCodes.RUN_NOT_FINISHED, `the stored request of run ${run.id} cannot be read`);
  }
  return req.overrides === undefined
    ? { scenario: req.scenario }
    : { scenario: req.scenario, overrides: req.overrides };
}

const CalendarSchema = z.object({
  startDate: z.string(),
  measuredFrom: z.string(),
  measuredTo: z.string(),
  horizonDays: z.number(),
  warmupDays: z.number(),
  seasons: z.array(z.object({ name: z.string(), from: z.string(), to: z.string() })),
});

const CheckSchema = z
  .object({
    valid: z.literal(true),
    scenario: z.object({ name: z.string(), title: z.string(), hash: z.string() }),
    replications: z.number(),
    trucksPerDay: z.number().describe("trucks arriving per day before seasons (both directions)"),
    calendar: CalendarSchema,
    cachedFrom: z.string().nullable().describe("an identical stored run: launching answers at once from it"),
    estimate: z.object({
      seconds: z.number(),
      low: z.number(),
      high: z.number(),
      basis: z.enum(["history", "default"]),
      samples: z.number(),
    }),
  })
  .meta({ id: "RunCheck" });

const InputsSchema = z
  .object({
    runId: z.string(),
    scenario: z.record(z.string(), z.unknown()).describe("the scenario as run: overrides applied, defaults filled in"),
    changes: z.array(z.object({ path: z.string(), value: z.unknown(), was: z.unknown() })),
    assumed: z.array(
      z.object({ path: z.string(), value: z.unknown(), note: z.string().nullable(), changed: z.boolean() }),
    ),
    calendar: CalendarSchema,
  })
  .meta({ id: "RunInputs" });

/** The run-inputs routes (an encapsulated plugin). */
export const runInputsRoutes: FastifyPluginAsyncZod<RunInputsRoutesOptions> = async (app, opts) => {
  const { service, store } = opts;
  const getRun = (id: string): RunRecord => {
    const run = store.getRun(id);
    if (run === undefined) throw apiErrors.runNotFound(id);
    return run;
  };

  app.post(
    "/runs/check",
    {
      schema: {
        tags: ["runs"],
        summary: "Check a run request without launching it",
        description:
          "The same body as POST /runs. Answers 200 with the calendar window the run would simulate (the scenario's horizon unless the request sets one), an estimate of its wall time from this server's recent runs, and whether an identical run is stored; or 400 with every problem of the request at once (`details`), exactly as POST /runs would refuse it. Runs nothing.",
        body: RunRequestSchema,
        response: { 200: CheckSchema, 400: ErrorSchema, 401: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const prepared = service.prepare(request.body);
      const { compiled, newRun } = prepared;
      const demand = compiled.config.sources.reduce((sum, s) => sum + s.trucksPerDay, 0);
      const inputs = runInputs(requestOf(newRun), newRun.horizonDays, newRun.warmupDays);
      return {
        valid: true as const,
        scenario: { name: compiled.name, title: compiled.title, hash: compiled.hash },
        replications: newRun.replications,
        trucksPerDay: demand,
        calendar: inputs.calendar,
        cachedFrom: prepared.cacheHit?.id ?? null,
        estimate: estimateRun(
          { replications: newRun.replications, horizonDays: newRun.horizonDays, trucksPerDay: demand },
          opts.concurrency,
          opts.costs.current(),
        ),
      };
    },
  );

  app.get(
    "/runs/:id/inputs",
    {
      schema: {
        tags: ["runs"],
        summary: "The inputs a run used",
        description:
          "The scenario as run (its overrides applied), each override with the value used and the scenario's own (`was`), the assumed inputs with the values used (`changed` when the run's overrides set them), and the calendar: first simulated day, measured window, seasons.",
        params: IdParamsSchema,
        response: { 200: InputsSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const run = getRun(request.params.id);
      const inputs = runInputs(requestOf(run), run.horizonDays, run.warmupDays);
      return {
        runId: run.id,
        scenario: inputs.scenario as unknown as Record<string, unknown>,
        changes: inputs.changes,
        assumed: inputs.assumed,
        calendar: inputs.calendar,
      };
    },
  );

  app.get(
    "/runs/:id/partial-results",
    {
      schema: {
        tags: ["runs"],
        summary: "Figures of the replications a run finished",
        description:
          "The report (same shape as /results) aggregated over the replications stored so far, with `partial: {done, total, status}`: for a run that was cancelled, failed or interrupted, or one still running. Intervals from fewer replications are wider; from one replication there is none. 409 while no replication is stored.",
        params: IdParamsSchema,
        response: { 200: ReportSchema, 404: ErrorSchema, 409: ErrorSchema },
      },
    },
    async (request) => {
      const run = getRun(request.params.id);
      type Results = Parameters<typeof aggregateReplications>[0];
      const results = store.getReplicationResults(resultsRunId(run)) as Results;
      if (results.length === 0) throw apiErrors.runNotFinished(run.id, `${run.status} with no finished replication`);
      const aggregate = aggregateReplications(results);
      const inputs = runInputs(requestOf(run), run.horizonDays, run.warmupDays);
      const report = buildJsonReport({
        scenario: { name: run.scenarioName, title: run.scenarioTitle, hash: run.scenarioHash },
        seed: run.seed,
        replications: results.length,
        horizonDays: results[0]?.horizonDays ?? run.horizonDays,
        warmupDays: results[0]?.warmupDays ?? run.warmupDays,
        modelVersion: run.modelVersion,
        assumedInputs: inputs.assumed.map((a) => a.path),
        aggregate,
        timing: { wallMs: 0, events: aggregate.events, eventsPerSecond: 0 },
      });
      return {
        ...report,
        partial: { done: results.length, total: run.replications, status: run.status },
      } as unknown as z.infer<typeof ReportSchema>;
    },
  );
};
