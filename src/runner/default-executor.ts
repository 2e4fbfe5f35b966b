/**
 * The default executor of the library calls (`runExperiment`, `compareScenarios`, `runSweep`,
 * `runCalibration`) when the caller brings none: a piscina pool with one thread per available core
 * (never more threads than replications), started for the call and closed after it. Long-lived callers
 * (the API server, `gatesim worker`) should pass their own executor to keep threads warm.
 */
import os from "node:os";
import { InlineExecutor, type ReplicationExecutor } from "./executor.js";
import { PiscinaExecutor } from "./piscina-executor.js";

/** Runs `fn` with `given`, or with a temporary default executor sized for `replications`, closed afterwards. */
export async function withDefaultExecutor<T>(
  given: ReplicationExecutor | undefined,
  replications: number,
  fn: (executor: ReplicationExecutor) => Promise<T>,
): Promise<T> {
  if (given !== undefined) return fn(given);
  const threads = Math.min(os.availableParallelism(), Math.max(1, replications));
  // One replication (or one core) gains nothing from a thread: skip its start-up.
  const executor: ReplicationExecutor = threads <= 1 ? new InlineExecutor() : new PiscinaExecutor({ threads });
  try {
    return await fn(executor);
  } finally {
    await executor.close();
  }
}
