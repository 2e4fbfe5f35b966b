/** `GET /health`: liveness plus the numbers an operator looks at first (runs in flight, limits). */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import type { ServiceLimits } from "../config.js";
import type { RunService } from "../run-service.js";
import { HealthSchema } from "../schemas.js";

/** What the health route needs. */
export interface HealthRoutesOptions {
  service: RunService;
  limits: ServiceLimits;
  version: string;
  modelVersion: string;
}

/** The health route (an encapsulated plugin). */
export const healthRoutes: FastifyPluginAsyncZod<HealthRoutesOptions> = async (app, opts) => {
  const startedAt = Date.now();
  app.get(
    "/health",
    { schema: { tags: ["service"], summary: "Liveness, runs in flight and limits", response: { 200: HealthSchema } } },
    async () => ({
      status: "ok" as const,
      version: opts.version,
      modelVersion: opts.modelVersion,
      runs: opts.service.counts(),
      limits: { ...opts.limits },
      uptimeSeconds: Math.round((Date.now() - startedAt) / 1000),
    }),
  );
};
