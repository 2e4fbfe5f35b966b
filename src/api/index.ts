/**
 * The HTTP API: `buildApp` (the fastify application, for tests and embedding) and `startServer` (the
 * only thing that listens, used by `gatesim serve`), with their settings and stable error codes.
 */
export { type BuildAppOptions, buildApp, type GatesimApp } from "./app.js";
export {
  DEFAULT_LIMITS,
  DEFAULT_RATE_LIMIT,
  isLoopbackHost,
  parseApiKeys,
  type RateLimitSetting,
  type ServerSettings,
  type ServiceLimits,
  settingsFromEnv,
} from "./config.js";
export { ApiError, type ApiErrorCode, ApiErrorCodes, type ErrorBody } from "./errors.js";
export { RunErrorCodes, type RunEvent, RunService } from "./run-service.js";
export { type RunningServer, type StartServerOptions, startServer, unsafeBindMessage } from "./server.js";
