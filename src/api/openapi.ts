/**
 * What the OpenAPI document says beyond each route's own schema, so that it describes every answer a
 * client can get: the error statuses every route shares (400, 403, 414, 429, 500, 503, with the one
 * error shape; 413 and 415 on writes), which operations need a key (`security`), and this server's limits in the description.
 * Applied by an `onRoute` hook, before the routes are registered, so routes added later (by other plugins)
 * get the same treatment.
 */
import type { FastifyInstance, RouteOptions } from "fastify";
import type { ServiceLimits } from "./config.js";
import { ApiErrorCodes } from "./errors.js";
import { ErrorSchema } from "./schemas.js";

/** An error response entry: the one error body, with the cases it covers. */
function errorResponse(description: string) {
  return { description, content: { "application/json": { schema: ErrorSchema } } };
}

/** Methods that change nothing (never need a key). */
const READS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Adds the shared error responses and `security` to one route's schema (only where the route has none). */
function complete(route: RouteOptions, rateLimited: boolean): void {
  const schema = route.schema;
  if (schema === undefined || schema.hide === true) return;
  const response = (schema.response ?? {}) as Record<string, unknown>;
  const add = (status: number, description: string) => {
    if (response[status] === undefined) response[status] = errorResponse(description);
  };
  const methods = Array.isArray(route.method) ? route.method : [route.method];
  const writes = methods.some((m) => !READS.has(m.toUpperCase()));
  const hasInput = schema.body !== undefined || schema.querystring !== undefined || schema.params !== undefined;
  if (hasInput)
    add(400, `${ApiErrorCodes.VALIDATION} and other request errors: \`details\` lists each field with its problem`);
  if (schema.body !== undefined || writes) {
    add(413, `${ApiErrorCodes.BODY_TOO_LARGE}: the body is over the server's limit`);
    add(415, `${ApiErrorCodes.UNSUPPORTED_MEDIA_TYPE}: send Content-Type: application/json`);
  }
  add(403, `${ApiErrorCodes.HOST_NOT_ALLOWED}: a server without API keys answers only loopback host names`);
  if (route.url.includes(":")) add(414, `${ApiErrorCodes.URI_TOO_LONG}: a path segment is over 100 characters`);
  if (rateLimited) add(429, `${ApiErrorCodes.RATE_LIMITED}: too many requests from this client; see Retry-After`);
  add(500, `${ApiErrorCodes.INTERNAL}: a bug in gatesim; the server log has the details`);
  add(503, `${ApiErrorCodes.SHUTTING_DOWN}: the server is stopping; retry after Retry-After`);
  schema.response = response;
  if (writes) {
    if (response[401] === undefined)
      response[401] = errorResponse(`${ApiErrorCodes.UNAUTHORIZED}: the server has API keys and none was sent`);
    (schema as { security?: unknown }).security ??= [{ apiKey: [] }, { bearer: [] }];
  }
}

/** Installs the hook; call before registering routes. */
export function installOpenApiCompletion(app: FastifyInstance, rateLimited: boolean): void {
  app.addHook("onRoute", (route) => complete(route, rateLimited));
}

/** The limits paragraph of the document's description. */
export function limitsDescription(limits: ServiceLimits, rate: { max: number; timeWindowMs: number } | false): string {
  const lines = [
    `replications per run ≤ ${limits.maxReplications}`,
    `horizonDays ≤ ${limits.maxHorizonDays}`,
    `warmupDays ≤ ${limits.maxWarmupDays}`,
    `runs executing at once: ${limits.maxConcurrentRuns}, waiting: ${limits.maxQueuedRuns} (then 429 with Retry-After)`,
    `scenarios per comparison ≤ ${limits.maxComparisonScenarios}`,
    `sampled values stored per run ≤ ${limits.maxSampledValuesPerRun.toLocaleString("en-US")}`,
    `request body ≤ ${Math.round(limits.bodyLimitBytes / 1024)} KiB (413 above)`,
    `a run found running after ${limits.maxRunCrashes} unclean server stops is failed (GATESIM_ERR_RUN_CRASHED)`,
  ];
  if (rate !== false) lines.push(`${rate.max} requests per ${Math.round(rate.timeWindowMs / 1000)} s per client (429)`);
  return `Limits of this server (GET /health lists them too): ${lines.join("; ")}. Scenarios must also fit the scenario budget (README, "Scenario budget"): e.g. trucksInSystemMax ≤ 4,000,000 and at most 250,000 sampled values per replication.`;
}
