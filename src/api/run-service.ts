/**
 * The run service: admits runs (limits, cache), queues them, runs them on the shared executor, writes
 * every finished replication to the store as it arrives, and tells subscribers (SSE) about progress.
 *
 * Never lose a run:
 * - a run's request is stored before it is queued, and each replication is committed as it completes;
 * - on start, runs a previous process left `queued` or `running` are resumed: replication i is a pure
 *   function of (scenario, seed, i), so only the missing indices are run and the report is the same as
 *   an uninterrupted run's (`resumeOnStart: false` marks them `interrupted` instead);
 * - a graceful stop aborts running runs and puts them back to `queued`, to be resumed next start.
 *
 * A failing replication (model error, dead worker) fails its run only: the executor reports it as
 * data, the run becomes `failed` with the code and the (hash, seed, replication) to reproduce it.
 */
import { createHash } from "node:crypto";
import type { FastifyBaseLogger } from "fastify";
import type { ReplicationExecutor, ReplicationFailure, ReplicationTask } from "../runner/index.js";
import { type CompiledScenario, SCENARIO_BUDGET, sampledValuesPerReplication } from "../scenario/index.js";
import { aggregateReplications, buildJsonReport } from "../stats/index.js";
import { FINAL_STATUSES, type NewRun, type RunError, type RunRecord, type RunStore } from "../store/index.js";
import type { ServiceLimits } from "./config.js";
import { ApiError, apiErrors } from "./errors.js";
import { resolveScenario, resolveScenarioParts, type ScenarioRefInput } from "./scenarios.js";

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

/** Something a subscriber of a run hears. */
export type RunEvent =
  | { type: "progress"; runId: string; done: number; total: number }
  | { type: "status"; run: RunRecord }
  /** The run waits for something outside it (a worker), or no longer (`reason` null). */
  | { type: "waiting"; runId: string; reason: string | null }
  /** The server is stopping: close the stream (the client reconnects to the next server). */
  | { type: "shutdown" };

/** Options of the run service. */
export interface RunServiceOptions {
  store: RunStore;
  executor: ReplicationExecutor;
  limits: ServiceLimits;
  /** The model version (part of the cache key). */
  modelVersion: string;
  logger: FastifyBaseLogger;
  /** Resume runs left unfinished by a previous process (default true), or mark them interrupted. */
  resumeOnStart?: boolean;
  /** Wall-clock bound of one run; beyond it the run fails with GATESIM_ERR_RUN_TIMEOUT (default 6 h). */
  runWallMsMax?: number;
  /** Default replications when a request has none. */
  defaultReplications?: number;
  now?: () => number;
}

/** Codes of run errors the service itself raises (the runner's codes pass through unchanged). */
export const RunErrorCodes = {
  /** The server stopped while the run was unfinished and the run was not resumed. */
  INTERRUPTED: "GATESIM_ERR_RUN_INTERRUPTED",
  /** The run took longer than the server's wall-clock bound. */
  TIMEOUT: "GATESIM_ERR_RUN_TIMEOUT",
  /** The server stopped uncleanly (crash, kill) too many times while the run was running; not resumed again. */
  CRASHED: "GATESIM_ERR_RUN_CRASHED",
  /** Writing a replication to the store failed (disk full, file removed...). */
  STORE_FAILED: "GATESIM_ERR_STORE_FAILED",
  /** A bug in the service while running (logged with its stack). */
  INTERNAL: "GATESIM_ERR_INTERNAL",
} as const;

/** A run executing now. */
interface ActiveRun {
  controller: AbortController;
  /** What the run waits for now (executor's onWaiting), or null. */
  waitingFor: string | null;
  cancelRequested: boolean;
  timedOut: boolean;
  done: Promise<void>;
}

/** Cache key: everything that determines a run's results, hashed. */
export function cacheKeyOf(parts: {
  scenarioHash: string;
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
}): string {
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

/** The run service (one per app). */
export class RunService {
  private readonly store: RunStore;
  private readonly executor: ReplicationExecutor;
  private readonly limits: ServiceLimits;
  private readonly modelVersion: string;
  private readonly log: FastifyBaseLogger;
  private readonly resumeOnStart: boolean;
  private readonly runWallMsMax: number;
  private readonly defaultReplications: number;
  private readonly now: () => number;
  /** Ids waiting for a slot, in order. */
  private readonly queue: string[] = [];
  private readonly active = new Map<string, ActiveRun>();
  /** Runs that were running when a server stopped uncleanly: resumed one at a time, alone. */
  private readonly suspects = new Set<string>();
  /** Compiled scenarios of queued runs of this process (resumed runs are recompiled from their request). */
  private readonly compiled = new Map<string, CompiledScenario>();
  private readonly listeners = new Map<string, Set<(e: RunEvent) => void>>();
  private stopping = false;
  private started = false;
  /** Recent run durations, for the Retry-After estimate of a full queue. */
  private readonly recentDurationsMs: number[] = [];

  /** Wires the service; nothing runs until `start()`. */
  constructor(options: RunServiceOptions) {
    this.store = options.store;
    this.executor = options.executor;
    this.limits = options.limits;
    this.modelVersion = options.modelVersion;
    this.log = options.logger;
    this.resumeOnStart = options.resumeOnStart ?? true;
    this.runWallMsMax = options.runWallMsMax ?? 6 * 3_600_000;
    this.defaultReplications = options.defaultReplications ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** Resumes (or marks interrupted) the runs a previous process left unfinished, then starts dispatching. */
  start(): void {
    if (this.started) return;
    this.started = true;
    for (const run of this.store.listUnfinishedRuns()) {
      // Still `running`: the previous process did not stop cleanly (a graceful stop puts runs back to queued).
      const crashes = run.status === "running" ? this.store.countCrash(run.id) : run.crashes;
      if (crashes >= this.limits.maxRunCrashes) {
        this.store.endRun(
          run.id,
          "failed",
          {
            code: RunErrorCodes.CRASHED,
            message: `the server stopped unexpectedly ${crashes} time(s) while this run was running${crashes > 1 ? " (the last time with no other run beside it)" : ""}, so it is not resumed again: it may be what stops the server. ${run.done} of ${run.replications} replications are stored. Check the server log and its memory limits; submit it again with recompute: true to retry`,
          },
          this.now(),
        );
        this.log.warn({ runId: run.id, crashes }, "run failed: the server crashed while it was running");
        continue;
      }
      if (this.resumeOnStart && crashes > 0) this.suspects.add(run.id);
      if (this.resumeOnStart) {
        this.store.requeueRun(run.id);
        this.queue.push(run.id);
        this.log.info({ runId: run.id, stored: run.done, total: run.replications }, "resuming run left unfinished");
      } else {
        this.store.endRun(
          run.id,
          "interrupted",
          {
            code: RunErrorCodes.INTERRUPTED,
            message: `the server stopped while the run was ${run.status}; ${run.done} of ${run.replications} replications are stored; submit it again (with recompute: true) to complete it`,
          },
          this.now(),
        );
      }
    }
    this.pump();
  }

  /** Counts of runs executing, waiting for a slot, and executing but waiting for a worker. */
  counts(): { running: number; queued: number; waitingForWorker: number } {
    let waiting = 0;
    for (const a of this.active.values()) if (a.waitingFor !== null) waiting++;
    return { running: this.active.size, queued: this.queue.length, waitingForWorker: waiting };
  }

  /** What a running run waits for (e.g. a worker), or null. */
  waitingFor(id: string): string | null {
    return this.active.get(id)?.waitingFor ?? null;
  }

  /** 1-based position of a queued run, or null. */
  queuePosition(id: string): number | null {
    const i = this.queue.indexOf(id);
    return i < 0 ? null : i + 1;
  }

  /** Checks a request against the limits, compiles its scenario and looks up the cache. Throws ApiError. */
  prepare(spec: RunSpec, paths: RequestPaths = {}): PreparedRun {
    // Shared fields (replications, horizon, warm-up) are top-level in a run and in a comparison alike.
    const replications = spec.replications ?? this.defaultReplications;
    if (replications > this.limits.maxReplications) {
      throw apiErrors.limitExceeded(
        "replications",
        `at most ${this.limits.maxReplications} replications per run on this server, got ${replications}`,
      );
    }
    if (spec.horizonDays !== undefined && spec.horizonDays > this.limits.maxHorizonDays) {
      throw apiErrors.limitExceeded(
        "horizonDays",
        `at most ${this.limits.maxHorizonDays} days on this server, got ${spec.horizonDays}`,
      );
    }
    if (spec.warmupDays !== undefined && spec.warmupDays > this.limits.maxWarmupDays) {
      throw apiErrors.limitExceeded(
        "warmupDays",
        `at most ${this.limits.maxWarmupDays} warm-up days on this server, got ${spec.warmupDays}`,
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
    if (sampled * replications > this.limits.maxSampledValuesPerRun) {
      throw apiErrors.limitExceeded(
        "replications",
        `${replications} replications of ${sampled.toLocaleString("en-US")} sampled values each would store ${(sampled * replications).toLocaleString("en-US")}, over this server's ${this.limits.maxSampledValuesPerRun.toLocaleString("en-US")} per run; use fewer replications or a larger kpi.sampleStepMinutes (now ${scenario.kpi.sampleStepMinutes})`,
      );
    }
    // The scenario's own horizon may be over the limit too (an inline scenario with horizonDays: 10000).
    if (horizonDays > this.limits.maxHorizonDays) {
      throw apiErrors.limitExceeded(
        "horizonDays",
        `the scenario's horizon of ${horizonDays} days is over this server's ${this.limits.maxHorizonDays}; pass a smaller horizonDays`,
      );
    }
    if (warmupDays > this.limits.maxWarmupDays) {
      throw apiErrors.limitExceeded(
        "warmupDays",
        `the scenario's warm-up of ${warmupDays} days is over this server's ${this.limits.maxWarmupDays}; pass a smaller warmupDays`,
      );
    }
    const seed = spec.seed ?? compiled.seed;
    const keyParts = {
      scenarioHash: compiled.hash,
      seed,
      replications,
      horizonDays,
      warmupDays,
      modelVersion: this.modelVersion,
    };
    const cacheKey = cacheKeyOf(keyParts);
    const request: Record<string, unknown> = { scenario: spec.scenario };
    if (spec.overrides !== undefined) request.overrides = spec.overrides;
    const newRun: NewRun = {
      scenarioName: compiled.name,
      scenarioTitle: compiled.title,
      scenarioHash: compiled.hash,
      seed,
      replications,
      horizonDays,
      warmupDays,
      modelVersion: this.modelVersion,
      cacheKey,
      request,
      label: spec.label ?? null,
      note: spec.note ?? null,
    };
    const cacheHit = spec.recompute === true ? undefined : this.store.findCachedRun(cacheKey);
    return { compiled, newRun, cacheHit };
  }

  /** Throws 429 (with Retry-After) unless `count` more runs fit in the free slots plus the queue. */
  private admit(count: number): void {
    if (this.stopping) throw apiErrors.shuttingDown();
    if (count === 0) return;
    const free = Math.max(0, this.limits.maxConcurrentRuns - this.active.size);
    const waiting = this.queue.length + Math.max(0, count - free);
    if (waiting > this.limits.maxQueuedRuns) {
      throw apiErrors.queueFull(
        `the run queue is full (${this.active.size} running, ${this.queue.length} queued, at most ${this.limits.maxQueuedRuns} queued); retry later`,
        this.retryAfterSeconds(),
      );
    }
  }

  /** Seconds until a slot is likely free: the median recent run duration, between 1 and 300 s. */
  private retryAfterSeconds(): number {
    const d = [...this.recentDurationsMs].sort((a, b) => a - b);
    const median = d[Math.floor(d.length / 2)];
    return median === undefined ? 10 : Math.min(300, Math.max(1, Math.ceil(median / 1000)));
  }

  /** Stores and queues prepared runs atomically (all admitted or none); cache hits succeed at once. */
  submitPrepared(prepared: readonly PreparedRun[], comparisonId?: string, sweepId?: string): RunRecord[] {
    this.admit(prepared.filter((p) => p.cacheHit === undefined).length);
    const newRuns = prepared.map((p) => {
      const r: NewRun = { ...p.newRun };
      if (p.cacheHit !== undefined) r.cachedFrom = p.cacheHit.id;
      if (comparisonId !== undefined) r.comparisonId = comparisonId;
      if (sweepId !== undefined) r.sweepId = sweepId;
      return r;
    });
    const records = this.store.createRuns(newRuns);
    records.forEach((rec, i) => {
      if (rec.status !== "queued") return;
      this.compiled.set(rec.id, (prepared[i] as PreparedRun).compiled);
      this.queue.push(rec.id);
    });
    this.pump();
    return records.map((r) => this.store.getRun(r.id) ?? r);
  }

  /** Prepares and submits one run. */
  submit(spec: RunSpec): RunRecord {
    return this.submitPrepared([this.prepare(spec)])[0] as RunRecord;
  }

  /** Cancels a queued or running run; 409 if it already ended. */
  cancel(id: string): RunRecord {
    const run = this.store.getRun(id);
    if (run === undefined) throw apiErrors.runNotFound(id);
    if (FINAL_STATUSES.has(run.status)) throw apiErrors.runAlreadyFinished(id, run.status);
    const qi = this.queue.indexOf(id);
    if (qi >= 0) {
      this.queue.splice(qi, 1);
      this.suspects.delete(id);
      this.compiled.delete(id);
      this.store.endRun(id, "cancelled", null, this.now());
      this.emitStatus(id);
      return this.store.getRun(id) as RunRecord;
    }
    const active = this.active.get(id);
    if (active !== undefined) {
      active.cancelRequested = true;
      active.controller.abort();
    }
    // Status changes when the executor has stopped (promptly: running replications poll the flag).
    return this.store.getRun(id) as RunRecord;
  }

  /** Waits until a run is no longer active (tests and cancel-and-wait callers). */
  async settled(id: string): Promise<void> {
    await this.active.get(id)?.done;
  }

  /** Subscribes to a run's events; returns the unsubscribe function. */
  subscribe(id: string, listener: (e: RunEvent) => void): () => void {
    let set = this.listeners.get(id);
    if (set === undefined) {
      set = new Set();
      this.listeners.set(id, set);
    }
    set.add(listener);
    return () => {
      const s = this.listeners.get(id);
      if (s === undefined) return;
      s.delete(listener);
      if (s.size === 0) this.listeners.delete(id);
    };
  }

  /** Sends an event to a run's subscribers; a throwing listener is dropped, never the run. */
  private emit(id: string, event: RunEvent): void {
    const set = this.listeners.get(id);
    if (set === undefined) return;
    for (const l of [...set]) {
      try {
        l(event);
      } catch (e) {
        this.log.warn({ err: e, runId: id }, "run event listener threw; dropped");
        set.delete(l);
      }
    }
  }

  /** Sends the run's current record as a status event. */
  private emitStatus(id: string): void {
    const run = this.store.getRun(id);
    if (run !== undefined) this.emit(id, { type: "status", run });
  }

  /** Starts queued runs while slots are free. */
  private pump(): void {
    if (!this.started || this.stopping) return;
    while (this.active.size < this.limits.maxConcurrentRuns && this.queue.length > 0) {
      // A run that was running at a crash runs alone: if it brings the server down again, it is the cause.
      if ([...this.active.keys()].some((a) => this.suspects.has(a))) return;
      if (this.suspects.has(this.queue[0] as string) && this.active.size > 0) return;
      const id = this.queue.shift() as string;
      const entry: ActiveRun = {
        controller: new AbortController(),
        waitingFor: null,
        cancelRequested: false,
        timedOut: false,
        done: Promise.resolve(),
      };
      this.active.set(id, entry);
      entry.done = this.execute(id, entry)
        .catch((e: unknown) => {
          // execute() handles its own errors; this is the last line so the server never goes down.
          this.log.error({ err: e, runId: id }, "run execution failed unexpectedly");
        })
        .finally(() => {
          this.active.delete(id);
          this.compiled.delete(id);
          this.suspects.delete(id);
          this.pump();
        });
    }
  }

  /** Ends a run with a non-success status and tells subscribers. */
  private end(id: string, status: "failed" | "cancelled" | "interrupted", error: RunError | null): void {
    this.store.endRun(id, status, error, this.now());
    this.emitStatus(id);
  }

  /** The compiled scenario of a run: kept from submission, or rebuilt from the stored request on resume. */
  private compiledFor(run: RunRecord): CompiledScenario | RunError {
    const kept = this.compiled.get(run.id);
    if (kept !== undefined) return kept;
    const req = run.request as { scenario?: ScenarioRefInput; overrides?: Record<string, unknown> } | null;
    if (req === null || req.scenario === undefined) {
      return {
        code: RunErrorCodes.INTERRUPTED,
        message: "the stored request of this run cannot be read; submit it again",
      };
    }
    let compiled: CompiledScenario;
    try {
      compiled = resolveScenario(req.scenario, req.overrides);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      return {
        code: RunErrorCodes.INTERRUPTED,
        message: `the run could not be resumed: its scenario no longer compiles (${message})`,
      };
    }
    if (compiled.hash !== run.scenarioHash || run.modelVersion !== this.modelVersion) {
      return {
        code: RunErrorCodes.INTERRUPTED,
        message: `the run could not be resumed: the scenario or the model changed since it was submitted (hash ${run.scenarioHash} → ${compiled.hash}, model ${run.modelVersion} → ${this.modelVersion}); submit it again`,
      };
    }
    return compiled;
  }

  /** Runs the missing replications of one run, then aggregates and stores its report. */
  private async execute(id: string, entry: ActiveRun): Promise<void> {
    const run = this.store.getRun(id);
    if (run === undefined || FINAL_STATUSES.has(run.status)) return;
    try {
      const compiled = this.compiledFor(run);
      if (!("config" in compiled)) {
        this.end(id, "interrupted", compiled);
        return;
      }
      this.store.markRunning(id, this.now());
      this.emitStatus(id);
      const have = new Set(this.store.storedReplicationIndices(id));
      const tasks: ReplicationTask[] = [];
      for (let i = 0; i < run.replications; i++) {
        if (have.has(i)) continue;
        tasks.push({
          compiled,
          seed: run.seed,
          replication: i,
          horizonDays: run.horizonDays,
          warmupDays: run.warmupDays,
        });
      }
      let failure: ReplicationFailure | undefined;
      let storeError: unknown;
      const timer = setTimeout(() => {
        entry.timedOut = true;
        entry.controller.abort();
      }, this.runWallMsMax);
      timer.unref();
      let outcome: Awaited<ReturnType<ReplicationExecutor["run"]>>;
      try {
        outcome = await this.executor.run(tasks, {
          signal: entry.controller.signal,
          onResult: (result) => {
            try {
              const done = this.store.saveReplication(id, result);
              this.emit(id, { type: "progress", runId: id, done, total: run.replications });
            } catch (e) {
              storeError ??= e;
              entry.controller.abort();
            }
          },
          onFailure: (f) => {
            // The first failure decides; stop the rest, their work would be thrown away.
            failure ??= f;
            entry.controller.abort();
          },
          onWaiting: (reason) => {
            if (entry.waitingFor === reason) return;
            entry.waitingFor = reason;
            this.emit(id, { type: "waiting", runId: id, reason });
          },
        });
      } finally {
        clearTimeout(timer);
      }
      if (storeError !== undefined) {
        this.log.error({ err: storeError, runId: id }, "storing a replication failed");
        const message = storeError instanceof Error ? storeError.message : String(storeError);
        this.end(id, "failed", {
          code: RunErrorCodes.STORE_FAILED,
          message: `storing a replication failed: ${message}`,
        });
        return;
      }
      const firstFailure = failure ?? outcome.failures[0];
      if (firstFailure !== undefined) {
        this.end(id, "failed", {
          code: firstFailure.code,
          message: firstFailure.message,
          replication: {
            scenarioHash: firstFailure.scenarioHash,
            seed: firstFailure.seed,
            replication: firstFailure.replication,
          },
        });
        return;
      }
      if (entry.cancelRequested) {
        this.end(id, "cancelled", null);
        return;
      }
      if (entry.timedOut) {
        this.end(id, "failed", {
          code: RunErrorCodes.TIMEOUT,
          message: `the run took longer than this server's limit of ${Math.round(this.runWallMsMax / 1000)} s`,
        });
        return;
      }
      if (this.stopping) {
        // Graceful stop: finished replications are stored; the next start resumes the rest.
        this.store.requeueRun(id);
        return;
      }
      const stored = this.store.storedReplicationIndices(id).length;
      if (outcome.cancelled || stored < run.replications) {
        this.end(id, "failed", {
          code: RunErrorCodes.INTERNAL,
          message: `only ${stored} of ${run.replications} replications were produced`,
        });
        return;
      }
      this.finish(id, compiled);
    } catch (e) {
      this.log.error({ err: e, runId: id }, "run failed inside the service");
      const message = e instanceof ApiError || e instanceof Error ? e.message : String(e);
      // A stable code from the executor (e.g. GATESIM_ERR_REDIS_UNAVAILABLE) is kept; anything else is internal.
      const code = (e as { code?: unknown } | null)?.code;
      const stable = typeof code === "string" && code.startsWith("GATESIM_ERR_") ? code : RunErrorCodes.INTERNAL;
      this.end(id, "failed", { code: stable, message });
    }
  }

  /** Aggregates the stored replications (in index order) into the stats JSON report and ends the run. */
  private finish(id: string, compiled: CompiledScenario): void {
    const run = this.store.getRun(id) as RunRecord;
    const results = this.store.getReplicationResults(id) as Parameters<typeof aggregateReplications>[0];
    const aggregate = aggregateReplications(results);
    const now = this.now();
    const wallMs = now - (run.startedAt ?? now);
    const report = buildJsonReport({
      scenario: { name: compiled.name, title: compiled.title, hash: compiled.hash },
      seed: run.seed,
      replications: run.replications,
      horizonDays: results[0]?.horizonDays ?? run.horizonDays,
      warmupDays: results[0]?.warmupDays ?? run.warmupDays,
      modelVersion: results[0]?.modelVersion ?? run.modelVersion,
      assumedInputs: compiled.assumedInputs,
      aggregate,
      timing: {
        wallMs,
        events: aggregate.events,
        eventsPerSecond: wallMs > 0 ? (aggregate.events * 1000) / wallMs : 0,
      },
    });
    this.store.finishRun(id, report, now);
    this.recentDurationsMs.push(wallMs);
    if (this.recentDurationsMs.length > 20) this.recentDurationsMs.shift();
    this.emitStatus(id);
  }

  /**
   * Graceful stop: no new work, running runs aborted and put back to `queued` (their finished
   * replications are stored), subscribers told to close. Resolves when every run has stopped.
   */
  async shutdown(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    for (const entry of this.active.values()) entry.controller.abort();
    await Promise.all([...this.active.values()].map((e) => e.done));
    for (const id of [...this.listeners.keys()]) this.emit(id, { type: "shutdown" });
    this.listeners.clear();
  }
}
