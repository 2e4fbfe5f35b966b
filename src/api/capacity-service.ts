/**
 * Capacity analyses over the API: the runner's capacity experiment (`runCapacity`: demand scaled with
 * common random numbers until unserved demand grows; the largest sustainable demand, the clearance
 * capacity under overload, the bottleneck stage) as a stored resource, run on the server's shared
 * executor.
 *
 * Bounded like runs: replications per point, days and queue length have limits; one analysis executes
 * at a time (each point already uses the whole pool), the others wait in order; a wall-clock bound; a
 * cancel stops the running replications within a fraction of a second. Every evaluated point is stored
 * as it comes, so a reload shows the search so far. After a restart, an analysis left unfinished starts
 * again from its first point (the search is deterministic: same seed, same points, same answer), or is
 * marked `interrupted` with the reason when its scenario or the model changed, or with
 * `resumeOnStart: false`.
 */
import type { FastifyBaseLogger } from "fastify";
import {
  type CapacityDirections,
  type CapacityPoint,
  type CapacityReport,
  ErrorCodes,
  type ReplicationExecutor,
  runCapacity,
} from "../runner/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import {
  type CapacityAnalysisRecord,
  FINAL_STATUSES,
  newId,
  type RunError,
  type SqliteCapacityAnalyses,
} from "../store/index.js";
import { ApiError, ApiErrorCodes, apiErrors } from "./errors.js";
import { RunErrorCodes } from "./run-service.js";
import { resolveScenario, type ScenarioRefInput } from "./scenarios.js";

/** Bounds of capacity analyses on this server. */
export const CAPACITY_LIMITS = {
  /** Replications per evaluated demand factor. */
  replicationsMax: 20,
  /** Simulated days per point, warm-up included. */
  horizonDaysMax: 60,
  /** Analyses waiting behind the one running; one more answers 429. */
  queuedMax: 8,
} as const;

/** Defaults of a capacity request (the CLI's). */
export const CAPACITY_DEFAULTS = { replications: 4, precision: 0.02, growthShare: 0.01, daysMax: 21 } as const;

/** A validated `POST /capacity-analyses` body. */
export interface CapacityRequest {
  scenario: ScenarioRefInput;
  overrides?: Record<string, unknown> | undefined;
  direction?: CapacityDirections | undefined;
  replications?: number | undefined;
  seed?: number | string | undefined;
  horizonDays?: number | undefined;
  warmupDays?: number | undefined;
  precision?: number | undefined;
  growthShare?: number | undefined;
  label?: string | undefined;
}

/** What an analysis was resolved to at submission (every default applied). */
export interface CapacitySettings {
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  direction: CapacityDirections;
  precision: number;
  growthShare: number;
}

/** Options of the capacity service. */
export interface CapacityServiceOptions {
  store: SqliteCapacityAnalyses;
  executor: ReplicationExecutor;
  modelVersion: string;
  logger: FastifyBaseLogger;
  resumeOnStart?: boolean;
  /** Wall-clock bound of one analysis (default 6 h). */
  wallMsMax?: number;
}

/** 404 for an unknown analysis. */
export function capacityNotFound(id: string): ApiError {
  return new ApiError(404, ApiErrorCodes.NOT_FOUND, `no capacity analysis has id ${JSON.stringify(id)}`);
}

/** The analysis executing now. */
interface Active {
  id: string;
  controller: AbortController;
  cancelRequested: boolean;
  timedOut: boolean;
  done: Promise<void>;
}

/** Resolves a request's days the way `gatesim capacity` does, and checks them. Throws ApiError. */
export function resolveSettings(body: CapacityRequest, compiled: CompiledScenario): CapacitySettings {
  const replications = body.replications ?? CAPACITY_DEFAULTS.replications;
  if (replications > CAPACITY_LIMITS.replicationsMax) {
    throw apiErrors.limitExceeded(
      "replications",
      `at most ${CAPACITY_LIMITS.replicationsMax} replications per point on this server, got ${replications}`,
    );
  }
  const horizonDays = body.horizonDays ?? Math.min(compiled.horizonDays, CAPACITY_DEFAULTS.daysMax);
  if (horizonDays > CAPACITY_LIMITS.horizonDaysMax) {
    throw apiErrors.limitExceeded(
      "horizonDays",
      `at most ${CAPACITY_LIMITS.horizonDaysMax} days per point on this server, got ${horizonDays}`,
    );
  }
  const warmupDays = body.warmupDays ?? Math.min(compiled.warmupDays, horizonDays / 2);
  if (horizonDays - warmupDays < 3) {
    throw apiErrors.validation("the backlog's growth needs at least 3 measured days", [
      {
        path: body.warmupDays === undefined ? "horizonDays" : "warmupDays",
        message: `${horizonDays} days with ${warmupDays} of warm-up leave ${horizonDays - warmupDays} measured days; at least 3 are needed`,
      },
    ]);
  }
  return {
    seed: body.seed ?? compiled.seed,
    replications,
    horizonDays,
    warmupDays,
    direction: body.direction ?? "both",
    precision: body.precision ?? CAPACITY_DEFAULTS.precision,
    growthShare: body.growthShare ?? CAPACITY_DEFAULTS.growthShare,
  };
}

/** Runs capacity analyses one at a time on the shared executor. */
export class CapacityService {
  private readonly store: SqliteCapacityAnalyses;
  private readonly executor: ReplicationExecutor;
  private readonly modelVersion: string;
  private readonly log: FastifyBaseLogger;
  private readonly resumeOnStart: boolean;
  private readonly wallMsMax: number;
  private readonly queue: string[] = [];
  /** Compiled scenarios of analyses queued by this process (resumed ones are recompiled from their request). */
  private readonly compiled = new Map<string, CompiledScenario>();
  private active: Active | null = null;
  private started = false;
  private stopping = false;

  /** Wires the service; nothing runs until `start()`. */
  constructor(options: CapacityServiceOptions) {
    this.store = options.store;
    this.executor = options.executor;
    this.modelVersion = options.modelVersion;
    this.log = options.logger;
    this.resumeOnStart = options.resumeOnStart ?? true;
    this.wallMsMax = options.wallMsMax ?? 6 * 3_600_000;
  }

  /** Takes up (or marks interrupted) the analyses a previous process left unfinished, then dispatches. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const a of this.store.listUnfinished()) {
      if (this.resumeOnStart) {
        this.store.requeue(a.id);
        this.queue.push(a.id);
        this.log.info({ capacityId: a.id }, "capacity analysis left unfinished: starting it again");
      } else {
        this.store.end(a.id, "interrupted", {
          code: RunErrorCodes.INTERRUPTED,
          message: `the server stopped while the analysis was ${a.status}, after ${a.points.length} evaluated points; launch it again`,
        });
      }
    }
    this.pump();
  }

  /** 1-based position of a queued analysis, or null. */
  queuePosition(id: string): number | null {
    const i = this.queue.indexOf(id);
    return i < 0 ? null : i + 1;
  }

  /** Checks, stores and queues an analysis. Throws ApiError (400, 404, 429, 503). */
  submit(body: CapacityRequest): CapacityAnalysisRecord {
    if (this.stopping) throw apiErrors.shuttingDown();
    const compiled = resolveScenario(body.scenario, body.overrides);
    const settings = resolveSettings(body, compiled);
    if (this.queue.length >= CAPACITY_LIMITS.queuedMax) {
      throw apiErrors.queueFull(
        `${this.queue.length} capacity analyses are waiting (at most ${CAPACITY_LIMITS.queuedMax}); retry later`,
        60,
      );
    }
    const request: Record<string, unknown> = { scenario: body.scenario };
    if (body.overrides !== undefined) request.overrides = body.overrides;
    const record = this.store.create(newId("cap"), {
      label: body.label ?? null,
      scenarioName: compiled.name,
      scenarioTitle: compiled.title,
      scenarioHash: compiled.hash,
      modelVersion: this.modelVersion,
      request,
      settings,
    });
    this.compiled.set(record.id, compiled);
    this.queue.push(record.id);
    this.pump();
    return this.store.get(record.id) ?? record;
  }

  /** Cancels a queued or running analysis; 409 when it already ended. */
  cancel(id: string): CapacityAnalysisRecord {
    const a = this.store.get(id);
    if (a === undefined) throw capacityNotFound(id);
    if (FINAL_STATUSES.has(a.status)) {
      throw new ApiError(
        409,
        ApiErrorCodes.RUN_ALREADY_FINISHED,
        `capacity analysis ${id} already ended (${a.status}); only queued or running analyses can be cancelled`,
      );
    }
    const qi = this.queue.indexOf(id);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      this.compiled.delete(id);
      this.store.end(id, "cancelled", null);
    } else if (this.active?.id === id) {
      this.active.cancelRequested = true;
      this.active.controller.abort();
    }
    return this.store.get(id) as CapacityAnalysisRecord;
  }

  /** Waits until an analysis is no longer executing (tests). */
  async settled(id: string): Promise<void> {
    if (this.active?.id === id) await this.active.done;
  }

  /** Graceful stop: the running analysis is aborted and put back to `queued`, to start again next time. */
  async shutdown(): Promise<void> {
    this.stopping = true;
    const a = this.active;
    if (a === null) return;
    a.controller.abort();
    await a.done;
  }

  private pump(): void {
    if (!this.started || this.stopping || this.active !== null) return;
    const id = this.queue.shift();
    if (id === undefined) return;
    const entry: Active = {
      id,
      controller: new AbortController(),
      cancelRequested: false,
      timedOut: false,
      done: Promise.resolve(),
    };
    this.active = entry;
    entry.done = this.execute(entry)
      .catch((e: unknown) => this.log.error({ err: e, capacityId: id }, "capacity analysis failed unexpectedly"))
      .finally(() => {
        this.active = null;
        this.compiled.delete(id);
        this.pump();
      });
  }

  /** The compiled scenario: kept from submission, or rebuilt from the stored request after a restart. */
  private compiledFor(a: CapacityAnalysisRecord): CompiledScenario | RunError {
    const kept = this.compiled.get(a.id);
    if (kept !== undefined) return kept;
    const req = a.request as { scenario?: ScenarioRefInput; overrides?: Record<string, unknown> } | null;
    let compiled: CompiledScenario;
    try {
      if (req?.scenario === undefined) throw new Error("the stored request cannot be read");
      compiled = resolveScenario(req.scenario, req.overrides);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return { code: RunErrorCodes.INTERRUPTED, message: `the analysis could not be taken up again: ${message}` };
    }
    if (compiled.hash !== a.scenarioHash || a.modelVersion !== this.modelVersion) {
      return {
        code: RunErrorCodes.INTERRUPTED,
        message: `the analysis could not be taken up again: the scenario or the model changed since it was launched (model ${a.modelVersion} → ${this.modelVersion}); launch it again`,
      };
    }
    return compiled;
  }

  private async execute(entry: Active): Promise<void> {
    const a = this.store.get(entry.id);
    if (a === undefined || FINAL_STATUSES.has(a.status)) return;
    const compiled = this.compiledFor(a);
    if (!("config" in compiled)) {
      this.store.end(a.id, "interrupted", compiled);
      return;
    }
    const s = a.settings as CapacitySettings;
    this.store.markRunning(a.id);
    const points: CapacityPoint[] = [];
    let done = 0;
    const timer = setTimeout(() => {
      entry.timedOut = true;
      entry.controller.abort();
    }, this.wallMsMax);
    timer.unref();
    try {
      const report: CapacityReport = await runCapacity({
        compiled,
        replications: s.replications,
        seed: s.seed,
        executor: this.executor,
        horizonDays: s.horizonDays,
        warmupDays: s.warmupDays,
        directions: s.direction,
        precision: s.precision,
        growthShareMax: s.growthShare,
        signal: entry.controller.signal,
        onProgress: (p) => {
          done = p.done;
          this.store.saveProgress(a.id, points, done);
        },
        onPoint: (p) => {
          points.push(p);
          this.store.saveProgress(a.id, points, done);
        },
      });
      this.store.finish(a.id, report);
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (code === ErrorCodes.CANCELLED || entry.controller.signal.aborted) {
        if (entry.cancelRequested) this.store.end(a.id, "cancelled", null);
        else if (entry.timedOut) {
          this.store.end(a.id, "failed", {
            code: RunErrorCodes.TIMEOUT,
            message: `the analysis took longer than this server's limit of ${Math.round(this.wallMsMax / 1000)} s`,
          });
        } else this.store.requeue(a.id);
        return;
      }
      const message = e instanceof Error ? e.message : String(e);
      const stable = typeof code === "string" && code.startsWith("GATESIM_ERR_") ? code : RunErrorCodes.INTERNAL;
      if (stable === RunErrorCodes.INTERNAL) this.log.error({ err: e, capacityId: a.id }, "capacity analysis failed");
      this.store.end(a.id, "failed", { code: stable, message });
    } finally {
      clearTimeout(timer);
    }
  }
}
