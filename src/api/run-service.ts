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
 *
 * This file keeps the life of a run in this process (queue, slots, execution, report, stop). Admission
 * (limits, compile, cache, queue room) is in run-admission.ts, events, subscribers and error codes in
 * run-events.ts, and what happens at start to runs a previous process left unfinished in run-resume.ts.
 */
import type { FastifyBaseLogger } from "fastify";
import type { ReplicationExecutor, ReplicationFailure, ReplicationTask } from "../runner/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import {
  FINAL_STATUSES,
  type NewRun,
  type NewSweep,
  type RunError,
  type RunRecord,
  type RunStore,
} from "../store/index.js";
import type { ServiceLimits } from "./config.js";
import { ApiError, apiErrors } from "./errors.js";
import { checkQueueRoom, type PreparedRun, prepareRun, type RequestPaths, type RunSpec } from "./run-admission.js";
import { RunErrorCodes, type RunEvent, RunSubscribers } from "./run-events.js";
import { finishedRunReport } from "./run-report.js";
import { recompileStoredRun, recoverUnfinishedRuns } from "./run-resume.js";

/** Re-exported from their own files, where other modules import them from this path. */
export { cacheKeyOf, type PreparedRun, type RequestPaths, type RunSpec } from "./run-admission.js";
export { RunErrorCodes, type RunEvent } from "./run-events.js";

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

/** A run executing now. */
interface ActiveRun {
  controller: AbortController;
  /** What the run waits for now (executor's onWaiting), or null. */
  waitingFor: string | null;
  cancelRequested: boolean;
  timedOut: boolean;
  done: Promise<void>;
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
  private readonly subscribers: RunSubscribers;
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
    this.subscribers = new RunSubscribers(this.log);
  }

  /** Resumes (or marks interrupted) the runs a previous process left unfinished, then starts dispatching. */
  start(): void {
    if (this.started) return;
    this.started = true;
    const recovered = recoverUnfinishedRuns(this.store, {
      maxRunCrashes: this.limits.maxRunCrashes,
      resumeOnStart: this.resumeOnStart,
      log: this.log,
      now: this.now,
    });
    for (const id of recovered.suspects) this.suspects.add(id);
    this.queue.push(...recovered.resume);
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
    const { limits, defaultReplications, modelVersion, store } = this;
    return prepareRun(spec, paths, { limits, defaultReplications, modelVersion, store });
  }

  /** Throws 429 (with Retry-After) unless `count` more runs fit in the free slots plus the queue. */
  private admit(count: number): void {
    if (this.stopping) throw apiErrors.shuttingDown();
    const state = { running: this.active.size, queued: this.queue.length, recentDurationsMs: this.recentDurationsMs };
    checkQueueRoom(count, state, this.limits);
  }

  /** Stores and queues prepared runs atomically (all admitted or none); cache hits succeed at once. */
  submitPrepared(prepared: readonly PreparedRun[], comparisonId?: string, sweep?: NewSweep): RunRecord[] {
    this.admit(prepared.filter((p) => p.cacheHit === undefined).length);
    const newRuns = prepared.map((p) => {
      const r: NewRun = { ...p.newRun };
      if (p.cacheHit !== undefined) r.cachedFrom = p.cacheHit.id;
      if (comparisonId !== undefined) r.comparisonId = comparisonId;
      if (sweep !== undefined) r.sweepId = sweep.id;
      return r;
    });
    const records = this.store.createRuns(newRuns, sweep);
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
    return this.subscribers.subscribe(id, listener);
  }

  /** Sends an event to a run's subscribers; a throwing listener is dropped, never the run. */
  private emit(id: string, event: RunEvent): void {
    this.subscribers.emit(id, event);
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
    return this.compiled.get(run.id) ?? recompileStoredRun(run, this.modelVersion);
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
    const now = this.now();
    const { report, wallMs } = finishedRunReport(this.store, this.store.getRun(id) as RunRecord, compiled, now);
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
    this.subscribers.shutdown();
  }
}
