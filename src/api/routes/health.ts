/**
 * `GET /health`: liveness plus what an operator looks at first: runs in flight, limits, where replications
 * run (the local pool, or Redis with its reachability and workers) and the run store's state (its
 * durability setting and any runs lost since the last stop). `status` is "degraded" when runs cannot
 * progress (Redis unreachable, no worker) or runs were lost; the answer is still 200, the server is alive.
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ExecutorHealth, ReplicationExecutor } from "../../runner/index.js";
import type { RunStore } from "../../store/index.js";
import type { ServiceLimits } from "../config.js";
import type { RunService } from "../run-service.js";
import { HealthSchema } from "../schemas.js";

/** What the health route needs. */
export interface HealthRoutesOptions {
  service: RunService;
  store: RunStore;
  executor: ReplicationExecutor;
  limits: ServiceLimits;
  version: string;
  modelVersion: string;
}

/** The executor's own report, or what is known of one that has none. */
async function executorHealth(executor: ReplicationExecutor): Promise<ExecutorHealth> {
  if (executor.health === undefined)
    return { kind: "pool", ok: true, detail: `${executor.name} executor, ${executor.concurrency} at once` };
  try {
    return await executor.health();
  } catch (e) {
    return {
      kind: "pool",
      ok: false,
      detail: `the executor could not report: ${e instanceof Error ? e.message : String(e)}`,
    };
  }
}

/** The health route (an encapsulated plugin). */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, opts) => {
  const startedAt = Date.now();
  app.get(
    "/health",
    {
      schema: {
        tags: ["service"],
        summary: "Liveness, runs in flight, limits, executor and store",
        response: { 200: HealthSchema },
      },
    },
    async () => {
      const executor = await executorHealth(opts.executor);
      const store = opts.store.health;
      const lost = store?.lost ?? null;
      return {
        status: executor.ok && lost === null ? ("ok" as const) : ("degraded" as const),
        version: opts.version,
        modelVersion: opts.modelVersion,
        runs: opts.service.counts(),
        limits: { ...opts.limits },
        executor,
        store: {
          synchronous: store?.synchronous ?? "NORMAL",
          integrity: store?.integrity ?? "ok",
          lostRuns: lost === null ? null : { count: lost.count, ids: lost.ids, message: lost.message },
        },
        uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
      };
    },
  );
};
