/**
 * Admitting a run: what a run is asked with (`RunSpec`), the checks against this server's limits, the
 * compiled scenario, the cache key and the cache lookup, and the room left in the queue. Everything up
 * to the moment a run is stored; queueing and executing it is the run service's (run-service.ts). Apart
 * so that the rules a request must meet can be read in one place.
 */
import { createHash } from "node:crypto";
import { type CompiledScenario, SCENARIO_BUDGET, sampledValuesPerReplication } from "../scenario/index.js";
import type { NewRun, RunRecord, RunStore } from "../store/index.js";
import type { ServiceLimits } from "./config.js";
import { apiErrors } from "./errors.js";
import { resolveScenarioParts, type ScenarioRefInput } from "./scenarios.js";

/** What a run is asked with (the validated `POST /runs` body, defaults not yet applied). */
export interface RunSpec {
  scenario: ScenarioRefInput;
  overrides?: Record<string, unknown> | undefined;
  replications?: number | undefined;
  seed?: number | string | undefined;
  horizonDays?: number | undefined;
  warmupDays?: number | undefined;
  recompute?: boolean | undefined;
  label?: string | undefined;
  note?: string | undefined;
}

/** Where a request keeps the scenario and its overrides, for error paths (a comparison: `scenarios.1...`). */
export interface RequestPaths {
  scenario?: string;
  overrides?: string;
}

/** A checked, compiled run ready to be stored. */
export interface PreparedRun {
  compiled: CompiledScenario;
  newRun: NewRun;
  /** A stored succeeded run with the same cache key (when `recompute` is not set). */
  cacheHit: RunRecord | undefined;
}

/** What admission needs from the service: its limits and defaults, and the store for the cache lookup. */
export interface AdmissionContext {
  limits: ServiceLimits;
  defaultReplications: number;
  modelVersion: string;
  store: RunStore;
}

/** The fields of a run that determine its results. */
type CacheKeyParts = Pick<
  NewRun,
  "scenarioHash" | "seed" | "replications" | "horizonDays" | "warmupDays" | "modelVersion"
>;

/** Cache key: everything that determines a run's results, hashed. */
export function cacheKeyOf(parts: CacheKeyParts): string {
  const text = JSON.stringify([
    parts.scenarioHash,
    parts.seed,
    parts.replications,
    parts.horizonDays,
    parts.warmupDays,
    parts.modelVersion,
  ]);
  return createHash("sha256").update(text).digest("hex");
}

/** Checks a request against the limits, compiles its scenario and looks up the cache. Throws ApiError. */
export function prepareRun(spec: RunSpec, paths: RequestPaths, ctx: AdmissionContext): PreparedRun {
  // Shared fields (replications, horizon, warm-up) are top-level in a run and in a comparison alike.
  const replications = spec.replications ?? ctx.defaultReplications;
  if (replications > ctx.limits.maxReplications) {
    throw apiErrors.limitExceeded(
      "replications",
      `at most ${ctx.limits.maxReplications} replications per run on this server, got ${replications}`,
    );
  }
  if (spec.horizonDays !== undefined && spec.horizonDays > ctx.limits.maxHorizonDays) {
    throw apiErrors.limitExceeded(
      "horizonDays",
      `at most ${ctx.limits.maxHorizonDays} days on this server, got ${spec.horizonDays}`,
    );
  }
  if (spec.warmupDays !== undefined && spec.warmupDays > ctx.limits.maxWarmupDays) {
    throw apiErrors.limitExceeded(
      "warmupDays",
      `at most ${ctx.limits.maxWarmupDays} warm-up days on this server, got ${spec.warmupDays}`,
    );
  }
  const { scenario, compiled } = resolveScenarioParts(
    spec.scenario,
    spec.overrides,
    paths.scenario ?? "scenario",
    paths.overrides ?? "overrides",
  );
  const horizonDays = spec.horizonDays ?? compiled.horizonDays;
  const warmupDays = spec.warmupDays ?? compiled.warmupDays;
  if (warmupDays >= horizonDays) {
    // A run that can only fail: nothing would be measured. Name the field the client set.
    const field = spec.horizonDays !== undefined || spec.warmupDays === undefined ? "horizonDays" : "warmupDays";
    const whose = (set: boolean) => (set ? "" : " (the scenario's)");
    const message = `horizonDays counts the warm-up and must be greater than warmupDays: got horizonDays ${horizonDays}${whose(spec.horizonDays !== undefined)} and warmupDays ${warmupDays}${whose(spec.warmupDays !== undefined)}`;
    throw apiErrors.validation(`${field}: ${message}`, [{ path: field, message }]);
  }
  const sampled = sampledValuesPerReplication(scenario, horizonDays);
  if (sampled > SCENARIO_BUDGET.sampledValuesPerReplicationMax) {
    throw apiErrors.limitExceeded(
      "horizonDays",
      `over ${horizonDays} days a replication would record ${sampled.toLocaleString("en-US")} sampled values, at most ${SCENARIO_BUDGET.sampledValuesPerReplicationMax.toLocaleString("en-US")}; use a larger kpi.sampleStepMinutes (now ${scenario.kpi.sampleStepMinutes}) or a shorter horizon`,
    );
  }
  if (sampled * replications > ctx.limits.maxSampledValuesPerRun) {
    throw apiErrors.limitExceeded(
      "replications",
      `${replications} replications of ${sampled.toLocaleString("en-US")} sampled values each would store ${(sampled * replications).toLocaleString("en-US")}, over this server's ${ctx.limits.maxSampledValuesPerRun.toLocaleString("en-US")} per run; use fewer replications or a larger kpi.sampleStepMinutes (now ${scenario.kpi.sampleStepMinutes})`,
    );
  }
  // The scenario's own horizon may be over the limit too (an inline scenario with horizonDays: 10000).
  if (horizonDays > ctx.limits.maxHorizonDays) {
    throw apiErrors.limitExceeded(
      "horizonDays",
      `the scenario's horizon of ${horizonDays} days is over this server's ${ctx.limits.maxHorizonDays}; pass a smaller horizonDays`,
    );
  }
  if (warmupDays > ctx.limits.maxWarmupDays) {
    throw apiErrors.limitExceeded(
      "warmupDays",
      `the scenario's warm-up of ${warmupDays} days is over this server's ${ctx.limits.maxWarmupDays}; pass a smaller warmupDays`,
    );
  }
  const seed = spec.seed ?? compiled.seed;
  const keyParts: CacheKeyParts = {
    scenarioHash: compiled.hash,
    seed,
    replications,
    horizonDays,
    warmupDays,
    modelVersion: ctx.modelVersion,
  };
  const cacheKey = cacheKeyOf(keyParts);
  const request: Record<string, unknown> = { scenario: spec.scenario };
  if (spec.overrides !== undefined) request.overrides = spec.overrides;
  const newRun: NewRun = {
    scenarioName: compiled.name,
    scenarioTitle: compiled.title,
    ...keyParts,
    cacheKey,
    request,
    label: spec.label ?? null,
    note: spec.note ?? null,
  };
  const cacheHit = spec.recompute === true ? undefined : ctx.store.findCachedRun(cacheKey);
  return { compiled, newRun, cacheHit };
}

/** Throws 429 (with Retry-After) unless `count` more runs fit in the free slots plus the queue. */
export function checkQueueRoom(
  count: number,
  state: { running: number; queued: number; recentDurationsMs: readonly number[] },
  limits: ServiceLimits,
): void {
  if (count === 0) return;
  const free = Math.max(0, limits.maxConcurrentRuns - state.running);
  const waiting = state.queued + Math.max(0, count - free);
  if (waiting > limits.maxQueuedRuns) {
    throw apiErrors.queueFull(
      `the run queue is full (${state.running} running, ${state.queued} queued, at most ${limits.maxQueuedRuns} queued); retry later`,
      retryAfterSeconds(state.recentDurationsMs),
    );
  }
}

/** Seconds until a slot is likely free: the median recent run duration, between 1 and 300 s. */
function retryAfterSeconds(recentDurationsMs: readonly number[]): number {
  const d = [...recentDurationsMs].sort((a, b) => a - b);
  const median = d[Math.floor(d.length / 2)];
  return median === undefined ? 10 : Math.min(300, Math.max(1, Math.ceil(median / 1000)));
}
