/**
 * The distributed mode's public face: the BullMQ executor and `createExecutor` (caller side), the batch
 * worker (the far side, started by `gatesim worker`), and the protocol's codes.
 */
export {
  BullMqExecutor,
  type BullMqExecutorOptions,
  type CreateExecutorOptions,
  createExecutor,
} from "../bullmq-executor.js";
export { type BatchWorkerHandle, type BatchWorkerOptions, startBatchWorker } from "./batch-worker.js";
export { DistributedError, DistributedErrorCodes, redactUrl } from "./protocol.js";
export { pingRedis } from "./redis.js";
