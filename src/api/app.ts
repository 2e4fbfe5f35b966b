/**
 * `buildApp`: the fastify application, without listening (tests drive it with `inject()`, `server.ts`
 * listens). Plugins load in fastify's recommended order: ecosystem plugins (security headers, rate
 * limit, SSE, OpenAPI, static files), then the error handlers and auth hook, then the routes as
 * encapsulated plugins. The run service starts (and resumes unfinished runs) when the app is ready,
 * and stops before the server closes, so SSE streams end and running runs are put back to `queued`.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import helmet from "@fastify/helmet";
import rateLimit from "@fastify/rate-limit";
import { fastifySSE } from "@fastify/sse";
import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from "fastify-type-provider-zod";
import { createExecutor, type ReplicationExecutor } from "../runner/index.js";
import { type RunStore, SqliteRunStore, type SynchronousMode } from "../store/index.js";
import { installAuth, installHostCheck } from "./auth.js";
import {
  DEFAULT_LIMITS,
  DEFAULT_RATE_LIMIT,
  type RateLimitSetting,
  RUN_DEFAULTS,
  type ServiceLimits,
} from "./config.js";
import { ApiErrorCodes, apiErrors, forbiddenKeyPath, installErrorHandlers } from "./errors.js";
import { CostHistory } from "./estimate.js";
import { modelVersion } from "./model-version.js";
import { installOpenApiCompletion, limitsDescription } from "./openapi.js";
import { capacityRoutes } from "./routes/capacity.js";
import { comparisonsRoutes } from "./routes/comparisons.js";
import { downloadsRoutes } from "./routes/downloads.js";
import { eventLogRoutes } from "./routes/event-log.js";
import { glossaryRoutes } from "./routes/glossary.js";
import { healthRoutes } from "./routes/health.js";
import { policyBenchmarksRoutes } from "./routes/policy-benchmarks.js";
import { runAnnotationsRoutes } from "./routes/run-annotations.js";
import { runInputsRoutes } from "./routes/run-inputs.js";
import { runsRoutes } from "./routes/runs.js";
import { scenariosRoutes } from "./routes/scenarios.js";
import { sweepsRoutes } from "./routes/sweeps.js";
import { RunService } from "./run-service.js";
import { shippedScenarios } from "./scenarios.js";
import { registerDashboardAssets } from "./static-assets.js";
import { clientErrorHandler, frameworkErrors, RouteMethods } from "./transport-errors.js";

/** Options of `buildApp`; everything has an embedded default. */
export interface BuildAppOptions {
  /** Folder of the SQLite file `gatesim.sqlite` (default `./data`); ignored when `store` is given. */
  dataDir?: string;
  /** Durability of the SQLite store's commits (default NORMAL; FULL survives a power loss). */
  sqliteSynchronous?: SynchronousMode;
  /** A store to use (tests); the app then does not close it. */
  store?: RunStore;
  /** An executor to use (tests); the app then does not close it. Default: a piscina pool. */
  executor?: ReplicationExecutor;
  /** Threads of the default piscina pool (default: available parallelism). */
  threads?: number;
  /** Redis URL of the distributed mode: replications run in `gatesim worker` processes (default: local pool). */
  redisUrl?: string;
  /** API keys; when non-empty, every write endpoint needs one. */
  apiKeys?: readonly string[];
  /** Host names a keyless server answers besides loopback ones (DNS-rebinding guard; see installHostCheck). */
  allowedHosts?: readonly string[];
  /** Bounds on work (merged over `DEFAULT_LIMITS`). */
  limits?: Partial<ServiceLimits>;
  /** Per-client request rate, or false (benchmarks). */
  rateLimit?: RateLimitSetting;
  /** fastify's logger option (default: off, so tests stay quiet; `serve` turns it on). */
  logger?: FastifyServerOptions["logger"];
  /** Resume runs a previous process left unfinished (default true) instead of marking them interrupted. */
  resumeOnStart?: boolean;
  /** Wall-clock bound of one run in ms (default 6 h). */
  runWallMsMax?: number;
  /** Folder of the dashboard's static files (default `web/`), or false for none. */
  webRoot?: string | false;
  /** Interval of SSE heartbeats in ms (default 15 s). */
  sseHeartbeatMs?: number;
}

/** The app with the run service and store it owns, for `server.ts` and tests. */
export type GatesimApp = FastifyInstance & {
  gatesim: { service: RunService; store: RunStore; executor: ReplicationExecutor };
};

/** The package version, shown by /health and in the OpenAPI document. */
function packageVersion(): string {
  try {
    const text = readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8");
    return (JSON.parse(text) as { version?: string }).version ?? "0.0.0";
  } catch {
    return "0.0.0";
  }
}

/** A rate window in words: "minute", "10 seconds". */
function windowText(ms: number): string {
  if (ms === 60_000) return "minute";
  if (ms === 3_600_000) return "hour";
  return ms % 1000 === 0 ? `${ms / 1000} seconds` : `${ms} ms`;
}

/** Stable error codes, listed in the OpenAPI description so clients can rely on them. */
function errorCodeList(): string {
  return Object.values(ApiErrorCodes)
    .map((c) => `\`${c}\``)
    .join(", ");
}

/**
 * The server's own executor: a local pool, whose dispatch concurrent runs share in turn (see
 * piscina-executor.ts), or BullMQ.
 */
function defaultExecutor(options: BuildAppOptions): ReplicationExecutor {
  return createExecutor({
    ...(options.threads === undefined ? {} : { threads: options.threads }),
    ...(options.redisUrl === undefined ? {} : { redisUrl: options.redisUrl }),
  });
}

/** Builds the application (plugins, routes, run service); call `listen` or `inject` on the result. */
export async function buildApp(options: BuildAppOptions = {}): Promise<GatesimApp> {
  const limits: ServiceLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const app = Fastify({
    logger: options.logger ?? false,
    bodyLimit: limits.bodyLimitBytes,
    // Deep JSON is parsed by V8 iteratively enough; the zod schemas reject anything unexpected after.
    return503OnClosing: true,
    forceCloseConnections: "idle",
    // Errors before routing (bad URL, overlong segment, malformed HTTP) get the API's error shape too.
    frameworkErrors,
    clientErrorHandler,
  }).withTypeProvider<ZodTypeProvider>();
  const routeMethods = new RouteMethods();
  routeMethods.install(app);
  const rate = options.rateLimit ?? DEFAULT_RATE_LIMIT;
  installOpenApiCompletion(app, rate !== false);
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  // JSON only: a text/plain body is a client mistake worth a 415, not a string to validate.
  app.removeContentTypeParser("text/plain");
  // fastify's JSON parser (with its __proto__/constructor poisoning checks), except that an empty body
  // is "no body": `curl -X POST -H 'content-type: application/json' /runs/:id/cancel` then just works,
  // and endpoints that need a body still answer 400 from their schema.
  const jsonParser = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    const text = typeof body === "string" ? body : body.toString("utf8");
    if (text.trim() === "") {
      done(null, undefined);
      return;
    }
    // Callback style: fastify's parser reports through `done` and returns nothing to await.
    void jsonParser(request, text, (err, parsed) => {
      // Its refusal of a prototype-poisoning key reads "Body is not valid JSON": name the key instead.
      const key = err === null ? undefined : forbiddenKeyPath(text);
      done(key === undefined ? err : apiErrors.forbiddenKey(`body.${key}`), parsed);
    });
  });

  const ownStore = options.store === undefined;
  const store: RunStore =
    options.store ??
    new SqliteRunStore({
      filename: `${options.dataDir ?? "./data"}/gatesim.sqlite`,
      ...(options.sqliteSynchronous === undefined ? {} : { synchronous: options.sqliteSynchronous }),
    });
  // Runs lost with a removed or damaged WAL are said once at start (and shown by /health until restart).
  const lost = store.health?.lost;
  if (lost != null) app.log.warn({ lostRuns: lost.count, ids: lost.ids.slice(0, 20) }, lost.message);
  const ownExecutor = options.executor === undefined;
  let executor: ReplicationExecutor;
  try {
    executor = options.executor ?? defaultExecutor(options);
  } catch (e) {
    if (ownStore) store.close();
    throw e;
  }
  const version = packageVersion();
  const mv = modelVersion();
  const service = new RunService({
    store,
    executor,
    limits,
    modelVersion: mv,
    logger: app.log,
    resumeOnStart: options.resumeOnStart ?? true,
    defaultReplications: RUN_DEFAULTS.replications,
    ...(options.runWallMsMax === undefined ? {} : { runWallMsMax: options.runWallMsMax }),
  });

  installErrorHandlers(app, (path) => routeMethods.allowed(path));

  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        // The server speaks plain HTTP (TLS, when wanted, ends at a proxy); upgrading would break LAN use.
        "upgrade-insecure-requests": null,
      },
    },
  });
  if (rate !== false) {
    await app.register(rateLimit, {
      max: rate.max,
      timeWindow: rate.timeWindowMs,
      errorResponseBuilder: (_request, context) => ({
        statusCode: 429,
        code: ApiErrorCodes.RATE_LIMITED,
        // context.after is the time left until the window resets, not the window: say the window.
        message: `too many requests: at most ${context.max} per ${windowText(rate.timeWindowMs)} from one client; retry in ${Math.ceil(context.ttl / 1000)} s`,
      }),
    });
  }
  await app.register(fastifySSE, { heartbeatInterval: options.sseHeartbeatMs ?? 15_000 });
  await app.register(swagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "gatesim API",
        version,
        description: `Launch and follow simulation runs of truck flows through the Hữu Nghị – Youyi Guan smart border gate. Errors are \`{code, message, details?}\` with a stable code: ${errorCodeList()}. Write endpoints need an API key when the server has keys (x-api-key header or Authorization: Bearer); a server without keys answers only loopback host names. ${limitsDescription(limits, rate)}`,
      },
      tags: [
        { name: "runs", description: "experiments: N replications of one scenario" },
        { name: "comparisons", description: "paired differences under common random numbers" },
        { name: "sweeps", description: "a grid of runs over one parameter or a few" },
        { name: "scenarios", description: "shipped scenarios and validation" },
        { name: "service", description: "health" },
      ],
      components: {
        securitySchemes: {
          apiKey: { type: "apiKey", in: "header", name: "x-api-key" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: "/docs" });
  const webRoot = options.webRoot ?? fileURLToPath(new URL("../../web/", import.meta.url));
  // The dashboard and its chart libraries, compressed, with cache headers: no build step.
  await registerDashboardAssets(app, webRoot);

  installHostCheck(app, options.apiKeys ?? [], options.allowedHosts ?? []);
  installAuth(app, options.apiKeys ?? []);

  await app.register(healthRoutes, { service, store, executor, limits, version, modelVersion: mv });
  await app.register(scenariosRoutes);
  await app.register(runsRoutes, { service, store, sseHeartbeatMs: options.sseHeartbeatMs ?? 15_000 });
  await app.register(comparisonsRoutes, { service, store, maxScenarios: limits.maxComparisonScenarios, now: Date.now });
  await app.register(eventLogRoutes, { store, modelVersion: mv });
  await app.register(policyBenchmarksRoutes, { store, executor, limits });
  // The dashboard's routes: run inputs, checks before launch, labels, deletion.
  const costs = new CostHistory(store);
  await app.register(runInputsRoutes, { service, store, concurrency: executor.concurrency, costs });
  await app.register(runAnnotationsRoutes, { service, store });
  await app.register(glossaryRoutes);
  await app.register(sweepsRoutes, { service, store });
  await app.register(downloadsRoutes, { store, now: Date.now });
  await app.register(capacityRoutes, {
    store,
    executor,
    modelVersion: mv,
    resumeOnStart: options.resumeOnStart ?? true,
    ...(options.runWallMsMax === undefined ? {} : { wallMsMax: options.runWallMsMax }),
  });

  app.addHook("onReady", async () => {
    // The shipped scenarios are read and validated once, before the server answers: the dashboard's first
    // page asks for them at once, and reading them on that request made it wait over a second.
    shippedScenarios();
    service.start();
  });
  app.addHook("preClose", async () => {
    await service.shutdown();
  });
  app.addHook("onClose", async () => {
    if (ownExecutor) await executor.close();
    if (ownStore) store.close();
  });

  const gatesimApp = app as unknown as GatesimApp;
  gatesimApp.gatesim = { service, store, executor };
  return gatesimApp;
}
