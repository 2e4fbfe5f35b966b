/**
 * The runner's one error factory, with stable codes (as fastify's `lib/errors.js` and piscina's
 * `errors.ts`): callers branch on `code`, never on message text. Every error about a replication
 * carries what it takes to reproduce it alone: scenario hash, seed and replication index.
 */

/** Stable error codes of the runner. */
export const ErrorCodes = {
  /** A replication threw (model assertion, bad config reaching the model, step limit...). */
  REPLICATION_FAILED: "GATESIM_ERR_REPLICATION_FAILED",
  /** A policy (built-in or a researcher's module) threw, returned nonsense, looped or could not be loaded. */
  POLICY_FAILED: "GATESIM_ERR_POLICY_FAILED",
  /** The worker thread running a replication died (process.exit, out of memory, uncaught error). */
  WORKER_CRASHED: "GATESIM_ERR_WORKER_CRASHED",
  /** The run was cancelled (AbortSignal) before this work finished. */
  CANCELLED: "GATESIM_ERR_CANCELLED",
  /** A task message did not have the expected shape (thread boundary check). */
  INVALID_TASK: "GATESIM_ERR_INVALID_TASK",
  /** Options of an experiment, comparison or sweep are inconsistent. */
  INVALID_OPTIONS: "GATESIM_ERR_INVALID_OPTIONS",
  /** One or more replications of an experiment failed; `failures` lists them. */
  EXPERIMENT_FAILED: "GATESIM_ERR_EXPERIMENT_FAILED",
  /** A worker ran a different model version than the caller (stale worker code, or a mixed cluster). */
  MODEL_VERSION_MISMATCH: "GATESIM_ERR_MODEL_VERSION_MISMATCH",
  /** The executor was used after `close()`. */
  EXECUTOR_CLOSED: "GATESIM_ERR_EXECUTOR_CLOSED",
} as const;

/** One of the runner's stable error codes. */
export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** What identifies one replication for reproduction: `runReplication(compiled with this hash, seed, replication)`. */
export interface ReplicationRef {
  scenarioName?: string;
  scenarioHash: string;
  seed: number | string;
  replication: number;
}

/** An error of the runner: a stable `code`, and the replication to reproduce when there is one. */
export class GatesimError extends Error {
  /** Stable code, e.g. `GATESIM_ERR_REPLICATION_FAILED`. */
  readonly code: ErrorCode;
  /** The replication concerned, if any. */
  readonly replication: ReplicationRef | undefined;
  /** The failures of an experiment (for `EXPERIMENT_FAILED`). */
  readonly failures: ReplicationFailure[];

  /** Use the factory functions below rather than this constructor, so messages stay uniform. */
  constructor(
    code: ErrorCode,
    message: string,
    options: { cause?: unknown; replication?: ReplicationRef; failures?: ReplicationFailure[] } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "GatesimError";
    this.code = code;
    this.replication = options.replication;
    this.failures = options.failures ?? [];
  }
}

/** A replication that did not produce a result, as plain data (it crosses threads and goes into reports). */
export interface ReplicationFailure extends ReplicationRef {
  code: ErrorCode;
  message: string;
  /** Stack of the original error where one exists (for logs, never printed to planners). */
  stack?: string;
}

/** "scenario <name> (hash ...), seed S, replication i": the reproduction line of every replication error. */
export function describeReplication(ref: ReplicationRef): string {
  const name = ref.scenarioName === undefined ? "" : `${ref.scenarioName} `;
  return `scenario ${name}(hash ${ref.scenarioHash}), seed ${JSON.stringify(ref.seed)}, replication ${ref.replication}`;
}

/** Message of an unknown thrown value. */
export function messageOf(cause: unknown): string {
  if (cause instanceof Error) return cause.message;
  return String(cause);
}

/** The factory of runner errors. */
export const errors = {
  /** A replication threw (a policy's failure keeps its own code). */
  replicationFailed(ref: ReplicationRef, cause: unknown): GatesimError {
    const policy = cause instanceof Error && cause.name === "PolicyError";
    return new GatesimError(
      policy ? ErrorCodes.POLICY_FAILED : ErrorCodes.REPLICATION_FAILED,
      `replication failed: ${messageOf(cause)} [reproduce: ${describeReplication(ref)}]`,
      { cause, replication: ref },
    );
  },
  /** The worker running a replication died. */
  workerCrashed(ref: ReplicationRef, cause: unknown): GatesimError {
    return new GatesimError(
      ErrorCodes.WORKER_CRASHED,
      `worker crashed while running a replication: ${messageOf(cause)} [reproduce: ${describeReplication(ref)}]`,
      { cause, replication: ref },
    );
  },
  /** Work stopped by cancellation. */
  cancelled(done: number, total: number): GatesimError {
    return new GatesimError(ErrorCodes.CANCELLED, `cancelled after ${done} of ${total} replications`);
  },
  /** A malformed task reached a worker. */
  invalidTask(message: string): GatesimError {
    return new GatesimError(ErrorCodes.INVALID_TASK, `invalid replication task: ${message}`);
  },
  /** Inconsistent options. */
  invalidOptions(message: string): GatesimError {
    return new GatesimError(ErrorCodes.INVALID_OPTIONS, `invalid options: ${message}`);
  },
  /** Replications of an experiment failed. */
  experimentFailed(failures: ReplicationFailure[], total: number): GatesimError {
    const first = failures[0];
    const head = first === undefined ? "" : `; first: ${first.message}`;
    return new GatesimError(
      ErrorCodes.EXPERIMENT_FAILED,
      `${failures.length} of ${total} replication(s) failed${head}`,
      { failures, ...(first === undefined ? {} : { replication: first }) },
    );
  },
  /** A result from another model version than the caller's. */
  modelVersionMismatch(ref: ReplicationRef, got: string, expected: string): GatesimError {
    return new GatesimError(
      ErrorCodes.MODEL_VERSION_MISMATCH,
      `a worker ran model ${got} but this process runs model ${expected}; restart the workers [reproduce: ${describeReplication(ref)}]`,
      { replication: ref },
    );
  },
  /** Use after close. */
  executorClosed(name: string): GatesimError {
    return new GatesimError(ErrorCodes.EXECUTOR_CLOSED, `the ${name} executor is closed`);
  },
};

/** The plain-data failure of a replication from a thrown value (keeps a GatesimError's code). */
export function toFailure(ref: ReplicationRef, cause: unknown, crashed = false): ReplicationFailure {
  const err =
    cause instanceof GatesimError && cause.replication !== undefined
      ? cause
      : crashed
        ? errors.workerCrashed(ref, cause)
        : errors.replicationFailed(ref, cause);
  const failure: ReplicationFailure = { ...ref, code: err.code, message: err.message };
  const stack = cause instanceof Error ? cause.stack : undefined;
  if (stack !== undefined) failure.stack = stack;
  return failure;
}
