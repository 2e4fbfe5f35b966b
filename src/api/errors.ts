/**
 * The API's one error factory and its error handler. Every error answer has the same body,
 * `{ code, message, details? }`, where `code` is a stable `GATESIM_ERR_*` string (as fastify's
 * `lib/errors.js`): clients branch on it, never on message text. A bad request is always a 4xx that
 * names the field; a 500 means a bug in gatesim and is logged with its stack.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors, isResponseSerializationError } from "fastify-type-provider-zod";

/** Stable error codes of the HTTP API (documented in the OpenAPI description). */
export const ApiErrorCodes = {
  /** The body, query or path parameters do not match the endpoint's schema. */
  VALIDATION: "GATESIM_ERR_VALIDATION",
  /** The request body is not valid JSON (or carries a forbidden key such as `__proto__`). */
  INVALID_JSON: "GATESIM_ERR_INVALID_JSON",
  /** The body is larger than the configured limit. */
  BODY_TOO_LARGE: "GATESIM_ERR_BODY_TOO_LARGE",
  /** The body's content type is not `application/json`. */
  UNSUPPORTED_MEDIA_TYPE: "GATESIM_ERR_UNSUPPORTED_MEDIA_TYPE",
  /** A scenario (inline or after overrides) fails the scenario schema; `details` lists the issues. */
  SCENARIO_INVALID: "GATESIM_ERR_SCENARIO_INVALID",
  /** No shipped scenario has this name. */
  SCENARIO_NOT_FOUND: "GATESIM_ERR_SCENARIO_NOT_FOUND",
  /** No run has this id. */
  RUN_NOT_FOUND: "GATESIM_ERR_RUN_NOT_FOUND",
  /** The run has not succeeded (yet): results exist only for succeeded runs. */
  RUN_NOT_FINISHED: "GATESIM_ERR_RUN_NOT_FINISHED",
  /** The run already ended; it cannot be cancelled. */
  RUN_ALREADY_FINISHED: "GATESIM_ERR_RUN_ALREADY_FINISHED",
  /** No comparison has this id. */
  COMPARISON_NOT_FOUND: "GATESIM_ERR_COMPARISON_NOT_FOUND",
  /** The runs of a comparison cannot be paired (different seeds, replications, horizons or not succeeded). */
  COMPARISON_INVALID: "GATESIM_ERR_COMPARISON_INVALID",
  /** A limit of the server (replications, horizon, ...) is exceeded by the request. */
  LIMIT_EXCEEDED: "GATESIM_ERR_LIMIT_EXCEEDED",
  /** The run queue is full; retry after `Retry-After` seconds. */
  QUEUE_FULL: "GATESIM_ERR_QUEUE_FULL",
  /** Too many requests from this client; retry after `Retry-After` seconds. */
  RATE_LIMITED: "GATESIM_ERR_RATE_LIMITED",
  /** A write endpoint was called without a valid API key. */
  UNAUTHORIZED: "GATESIM_ERR_UNAUTHORIZED",
  /** No route for this path. */
  NOT_FOUND: "GATESIM_ERR_NOT_FOUND",
  /** The path exists but not for this method; `Allow` lists the methods it serves. */
  METHOD_NOT_ALLOWED: "GATESIM_ERR_METHOD_NOT_ALLOWED",
  /** A path segment of the URL is too long (414). */
  URI_TOO_LONG: "GATESIM_ERR_URI_TOO_LONG",
  /** The URL cannot be decoded. */
  BAD_URL: "GATESIM_ERR_BAD_URL",
  /** The request line and headers are too large (431). */
  HEADERS_TOO_LARGE: "GATESIM_ERR_HEADERS_TOO_LARGE",
  /** The request did not arrive in time (408). */
  REQUEST_TIMEOUT: "GATESIM_ERR_REQUEST_TIMEOUT",
  /** The Host header names a host this keyless server does not answer for (DNS rebinding guard). */
  HOST_NOT_ALLOWED: "GATESIM_ERR_HOST_NOT_ALLOWED",
  /** An Idempotency-Key was reused with a different request body. */
  IDEMPOTENCY_KEY_REUSED: "GATESIM_ERR_IDEMPOTENCY_KEY_REUSED",
  /** The route exists but does not produce what the `Accept` header asks for. */
  NOT_ACCEPTABLE: "GATESIM_ERR_NOT_ACCEPTABLE",
  /** The server is shutting down and takes no new work. */
  SHUTTING_DOWN: "GATESIM_ERR_SHUTTING_DOWN",
  /** Any other client error fastify raised (the message says which). */
  BAD_REQUEST: "GATESIM_ERR_BAD_REQUEST",
  /** A bug in gatesim; the log has the stack. */
  INTERNAL: "GATESIM_ERR_INTERNAL",
} as const;

/** One of the API's error codes. */
export type ApiErrorCode = (typeof ApiErrorCodes)[keyof typeof ApiErrorCodes];

/** One problem with a request: where (a dotted path, `body.replications`) and what. */
export interface ErrorDetail {
  path: string;
  message: string;
}

/** The body of every error answer. */
export interface ErrorBody {
  code: string;
  message: string;
  details?: ErrorDetail[];
}

/** An error the API answers on purpose: status, stable code, message, details and extra headers. */
export class ApiError extends Error {
  /** HTTP status to answer with. */
  readonly statusCode: number;
  /** Stable `GATESIM_ERR_*` code. */
  readonly code: ApiErrorCode;
  /** Per-field problems. */
  readonly details: ErrorDetail[] | undefined;
  /** Headers to add (e.g. `Retry-After`). */
  readonly headers: Record<string, string>;

  /** Use the `apiErrors` factory so codes and statuses stay paired. */
  constructor(
    statusCode: number,
    code: ApiErrorCode,
    message: string,
    details?: ErrorDetail[],
    headers: Record<string, string> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.statusCode = statusCode;
    this.code = code;
    this.details = details;
    this.headers = headers;
  }
}

/** The factory of API errors. */
export const apiErrors = {
  /** 400 on a schema mismatch. */
  validation(message: string, details: ErrorDetail[]): ApiError {
    return new ApiError(400, ApiErrorCodes.VALIDATION, message, details);
  },
  /** 400 on an invalid scenario. */
  scenarioInvalid(message: string, details: ErrorDetail[]): ApiError {
    return new ApiError(400, ApiErrorCodes.SCENARIO_INVALID, message, details);
  },
  /** 404 for an unknown shipped scenario. */
  scenarioNotFound(name: string): ApiError {
    return new ApiError(
      404,
      ApiErrorCodes.SCENARIO_NOT_FOUND,
      `no shipped scenario is named ${JSON.stringify(name)}; GET /scenarios lists them`,
    );
  },
  /** 404 for an unknown run. */
  runNotFound(id: string): ApiError {
    return new ApiError(404, ApiErrorCodes.RUN_NOT_FOUND, `no run has id ${JSON.stringify(id)}`);
  },
  /** 409: results asked of a run that has not succeeded. */
  runNotFinished(id: string, status: string): ApiError {
    return new ApiError(
      409,
      ApiErrorCodes.RUN_NOT_FINISHED,
      `run ${id} is ${status}; results exist once it has succeeded`,
    );
  },
  /** 409: cancelling an ended run. */
  runAlreadyFinished(id: string, status: string): ApiError {
    return new ApiError(
      409,
      ApiErrorCodes.RUN_ALREADY_FINISHED,
      `run ${id} already ended (${status}); only queued or running runs can be cancelled`,
    );
  },
  /** 404 for an unknown comparison. */
  comparisonNotFound(id: string): ApiError {
    return new ApiError(404, ApiErrorCodes.COMPARISON_NOT_FOUND, `no comparison has id ${JSON.stringify(id)}`);
  },
  /** 409/400: runs that cannot be paired. */
  comparisonInvalid(message: string, status = 400, details?: ErrorDetail[]): ApiError {
    return new ApiError(status, ApiErrorCodes.COMPARISON_INVALID, message, details);
  },
  /** 400 when a value is over a server limit (the field is named in details). */
  limitExceeded(path: string, message: string): ApiError {
    return new ApiError(400, ApiErrorCodes.LIMIT_EXCEEDED, `${path}: ${message}`, [{ path, message }]);
  },
  /** 429 when the run queue is full. */
  queueFull(message: string, retryAfterSeconds: number): ApiError {
    return new ApiError(429, ApiErrorCodes.QUEUE_FULL, message, undefined, {
      "retry-after": String(retryAfterSeconds),
    });
  },
  /** 401 without a valid key. */
  unauthorized(): ApiError {
    return new ApiError(
      401,
      ApiErrorCodes.UNAUTHORIZED,
      "this endpoint needs an API key: send it as the x-api-key header or as Authorization: Bearer <key>",
      undefined,
      { "www-authenticate": 'Bearer realm="gatesim"' },
    );
  },
  /** 400 for a key that could reach an object's prototype (`__proto__`, `constructor.prototype`). */
  forbiddenKey(path: string): ApiError {
    const message = "the keys __proto__ and constructor (with prototype) are not allowed in a body";
    return new ApiError(400, ApiErrorCodes.VALIDATION, `${path}: ${message}`, [{ path, message }]);
  },
  /** 503 during shutdown. */
  shuttingDown(): ApiError {
    return new ApiError(503, ApiErrorCodes.SHUTTING_DOWN, "the server is shutting down; retry shortly", undefined, {
      "retry-after": "5",
    });
  },
};

/**
 * The dotted path of the first `__proto__` key, or `constructor` key holding `prototype`, in a JSON text
 * that plain JSON.parse accepts (it makes such keys own properties, harmlessly); undefined otherwise.
 */
export function forbiddenKeyPath(text: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: "", depth: 0 }];
  while (stack.length > 0) {
    const { v, path, depth } = stack.pop() as { v: unknown; path: string; depth: number };
    if (v === null || typeof v !== "object" || depth > 256) continue;
    for (const [k, child] of Object.entries(v)) {
      const here = path === "" ? k : `${path}.${k}`;
      const poisons =
        k === "__proto__" ||
        (k === "constructor" && typeof child === "object" && child !== null && "prototype" in child);
      if (poisons) return here;
      stack.push({ v: child, path: here, depth: depth + 1 });
    }
  }
  return undefined;
}

/** "body.replications" from a validation issue's instance path ("/replications") and context ("body"). */
function joinPath(context: string | undefined, instancePath: string | undefined): string {
  const parts = (instancePath ?? "")
    .split("/")
    .filter((p) => p.length > 0)
    .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
  return [context ?? "request", ...parts].join(".");
}

/** Per-field details of a fastify validation error (zod through the type provider, or ajv). */
function validationDetails(error: FastifyError): ErrorDetail[] {
  const context = (error as FastifyError & { validationContext?: string }).validationContext;
  return (error.validation ?? []).map((v) => {
    let path = joinPath(context, v.instancePath);
    // An unknown field is reported on its parent; name the field itself.
    const keys = (v.params as { keys?: unknown } | undefined)?.keys;
    if (Array.isArray(keys) && keys.length > 0) path = `${path}.${keys.map(String).join(",")}`;
    return { path, message: v.message ?? "invalid" };
  });
}

/** The error answer for anything thrown in a route; exported for tests. */
export function toErrorAnswer(error: unknown): { status: number; body: ErrorBody; headers: Record<string, string> } {
  if (error instanceof ApiError) {
    const body: ErrorBody = { code: error.code, message: error.message };
    if (error.details !== undefined) body.details = error.details;
    return { status: error.statusCode, body, headers: error.headers };
  }
  const fe = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || (Array.isArray(fe.validation) && fe.validation.length > 0)) {
    const details = validationDetails(fe);
    const head = details[0];
    const message = head === undefined ? "invalid request" : `${head.path}: ${head.message}`;
    return { status: 400, body: { code: ApiErrorCodes.VALIDATION, message, details }, headers: {} };
  }
  const code = typeof fe?.code === "string" ? fe.code : "";
  const status = typeof fe?.statusCode === "number" ? fe.statusCode : 500;
  switch (code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, body: { code: ApiErrorCodes.BODY_TOO_LARGE, message: fe.message }, headers: {} };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return {
        status: status === 415 ? 415 : 400,
        body: {
          code: status === 415 ? ApiErrorCodes.UNSUPPORTED_MEDIA_TYPE : ApiErrorCodes.BAD_REQUEST,
          message: fe.message,
        },
        headers: {},
      };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
    case "FST_ERR_CTP_INVALID_JSON_BODY":
      return { status: 400, body: { code: ApiErrorCodes.INVALID_JSON, message: fe.message }, headers: {} };
    default:
      break;
  }
  // secure-json-parse's errors (a `__proto__` key, bad syntax) come as SyntaxError with status 400.
  if (error instanceof SyntaxError || (status === 400 && /JSON|prototype|constructor/i.test(fe?.message ?? ""))) {
    return {
      status: 400,
      body: { code: ApiErrorCodes.INVALID_JSON, message: `the body is not acceptable JSON: ${fe.message}` },
      headers: {},
    };
  }
  if (status === 429) {
    return { status: 429, body: { code: ApiErrorCodes.RATE_LIMITED, message: fe.message }, headers: {} };
  }
  if (status >= 400 && status < 500) {
    return { status, body: { code: ApiErrorCodes.BAD_REQUEST, message: fe.message }, headers: {} };
  }
  return {
    status: 500,
    body: { code: ApiErrorCodes.INTERNAL, message: "internal error; the server log has the details" },
    headers: {},
  };
}

/** Installs the error and not-found handlers on the root instance (child plugins inherit them). */
export function installErrorHandlers(app: FastifyInstance, allowedMethods: (path: string) => string[]): void {
  app.setErrorHandler((error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const answer = toErrorAnswer(error);
    if (answer.status >= 500) {
      const why = isResponseSerializationError(error) ? "response did not match its schema" : "unhandled error";
      request.log.error({ err: error }, why);
    }
    for (const [k, v] of Object.entries(answer.headers)) void reply.header(k, v);
    return reply.code(answer.status).type("application/json").send(answer.body);
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    const allowed = allowedMethods(path);
    if (allowed.length > 0) {
      const body: ErrorBody = {
        code: ApiErrorCodes.METHOD_NOT_ALLOWED,
        message: `${path} does not serve ${request.method}; it serves ${allowed.join(", ")}`,
      };
      return reply.code(405).header("allow", allowed.join(", ")).type("application/json").send(body);
    }
    const body: ErrorBody = { code: ApiErrorCodes.NOT_FOUND, message: `no route ${request.method} ${path}` };
    return reply.code(404).type("application/json").send(body);
  });
}
