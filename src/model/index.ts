/**
 * The border-gate model's public face: `simulate` runs one replication of a model configuration and
 * returns plain data. Other folders import the model only through this file.
 */
import type { ModelConfig } from "./config.js";
import { GateModel, type SimulateOptions } from "./gate-model.js";
import type { ReplicationResult } from "./result.js";

export * from "./config.js";
export { GateModel, type SimulateOptions, STEPS_MAX_DEFAULT } from "./gate-model.js";
export {
  EVENT_LOG_ROWS_DEFAULT,
  EVENT_LOG_ROWS_MAX,
  EventLog,
  type EventLogData,
  TruckEvent,
  truckEventType,
  truckEventTypes,
} from "./observers/event-log.js";
export { STAGE_SERIES_POINTS_MAX, stageSeriesStepMs } from "./observers/stage-series.js";
export * from "./policies/index.js";
export * from "./result.js";

/** Runs one replication: a pure function of (config, seed, replication, horizon options). */
export function simulate(config: ModelConfig, options: SimulateOptions): ReplicationResult {
  return new GateModel(config, options).run(options);
}
