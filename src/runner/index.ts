/**
 * The experiment layer: one replication as a pure function, executors that run many (inline or on a
 * piscina pool; a distributed executor plugs in behind the same interface), experiments with warm-up
 * detection and sequential stopping, comparisons under common random numbers, sweeps and calibration.
 */
/** The model version stamped on every result (re-exported for front ends, which may not import the model). */
export { MODEL_VERSION } from "../model/index.js";
export * from "./calibrate.js";
export * from "./capacity.js";
export * from "./compare.js";
export * from "./default-executor.js";
export * from "./distributed/index.js";
export * from "./errors.js";
export * from "./event-log.js";
export {
  type ExecutorHealth,
  type ExecutorRunOptions,
  type ExecutorRunOutcome,
  InlineExecutor,
  OutcomeCollector,
  type ReplicationExecutor,
  type ReplicationTask,
  runTask,
} from "./executor.js";
export * from "./experiment.js";
export * from "./piscina-executor.js";
export * from "./policy-benchmark.js";
export * from "./policy-suite.js";
export * from "./progress.js";
export * from "./replication.js";
export * from "./sweep.js";
export type { CrashMode } from "./test-hooks.js";
export { traceMark } from "./trace.js";
export type { WorkerBatch, WorkerItem, WorkerReply } from "./worker.js";
