/**
 * Runs a previous process left unfinished: at start, each is resumed, marked `interrupted`, or failed
 * when the server stopped uncleanly too many times while it was running; a resumed run's scenario is
 * rebuilt from its stored request. Apart from the run service, whose file keeps the life of a run in
 * this process.
 */
import type { FastifyBaseLogger } from "fastify";
import type { CompiledScenario } from "../scenario/index.js";
import type { RunError, RunRecord, RunStore } from "../store/index.js";
import { RunErrorCodes } from "./run-events.js";
import { resolveScenario, type ScenarioRefInput } from "./scenarios.js";

/** What `recoverUnfinishedRuns` decided: runs put back to `queued` (in order), and those to run alone. */
export interface RecoveredRuns {
  resume: string[];
  /** Runs that were running when a server stopped uncleanly: resumed one at a time, alone. */
  suspects: string[];
}

/** Resumes (re-queues), marks interrupted or fails the runs a previous process left unfinished. */
export function recoverUnfinishedRuns(
  store: RunStore,
  options: { maxRunCrashes: number; resumeOnStart: boolean; log: FastifyBaseLogger; now: () => number },
): RecoveredRuns {
  const resume: string[] = [];
  const suspects: string[] = [];
  for (const run of store.listUnfinishedRuns()) {
    // Still `running`: the previous process did not stop cleanly (a graceful stop puts runs back to queued).
    const crashes = run.status === "running" ? store.countCrash(run.id) : run.crashes;
    if (crashes >= options.maxRunCrashes) {
      store.endRun(
        run.id,
        "failed",
        {
          code: RunErrorCodes.CRASHED,
          message: `the server stopped unexpectedly ${crashes} time(s) while this run was running${crashes > 1 ? " (the last time with no other run beside it)" : ""}, so it is not resumed again: it may be what stops the server. ${run.done} of ${run.replications} replications are stored. Check the server log and its memory limits; submit it again with recompute: true to retry`,
        },
        options.now(),
      );
      options.log.warn({ runId: run.id, crashes }, "run failed: the server crashed while it was running");
      continue;
    }
    if (options.resumeOnStart && crashes > 0) suspects.push(run.id);
    if (options.resumeOnStart) {
      store.requeueRun(run.id);
      resume.push(run.id);
      options.log.info({ runId: run.id, stored: run.done, total: run.replications }, "resuming run left unfinished");
    } else {
      store.endRun(
        run.id,
        "interrupted",
        {
          code: RunErrorCodes.INTERRUPTED,
          message: `the server stopped while the run was ${run.status}; ${run.done} of ${run.replications} replications are stored; submit it again (with recompute: true) to complete it`,
        },
        options.now(),
      );
    }
  }
  return { resume, suspects };
}

/** The compiled scenario of a resumed run, rebuilt from its stored request, or why it cannot be. */
export function recompileStoredRun(run: RunRecord, modelVersion: string): CompiledScenario | RunError {
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
  if (compiled.hash !== run.scenarioHash || run.modelVersion !== modelVersion) {
    return {
      code: RunErrorCodes.INTERRUPTED,
      message: `the run could not be resumed: the scenario or the model changed since it was submitted (hash ${run.scenarioHash} → ${compiled.hash}, model ${run.modelVersion} → ${modelVersion}); submit it again`,
    };
  }
  return compiled;
}
