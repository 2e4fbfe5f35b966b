/**
 * The jobs of a distributed run: run ids, job ids read back from queue events, and how a run's tasks
 * are grouped into batches (jobs) with their encoded data. Pure functions, apart from the BullMQ
 * executor (bullmq-executor.ts), which keeps the connections and a run's life on the queue.
 */
import { randomBytes } from "node:crypto";
import { MODEL_VERSION } from "../model/index.js";
import type { BatchState } from "./distributed/distributed-run.js";
import { type BatchJobData, type BatchPayload, encode, PROTOCOL_VERSION } from "./distributed/protocol.js";
import { type ReplicationTask, sameTemplate } from "./executor.js";

/** Largest automatic job: beyond this, progress gets coarse and a dead worker costs a long rerun. */
const AUTO_BATCH_MAX = 8;

/** A fresh run id: time-ordered (readable in Redis) and unique across callers. */
export function newRunId(): string {
  return `r${Date.now().toString(36)}${randomBytes(5).toString("hex")}`;
}

/** Splits a job id into (run id, batch index), or undefined for a foreign job. */
export function parseJobId(jobId: string | undefined): { runId: string; batchIndex: number } | undefined {
  if (jobId === undefined) return undefined;
  const at = jobId.lastIndexOf("-b");
  if (at <= 0) return undefined;
  const batchIndex = Number(jobId.slice(at + 2));
  if (!Number.isSafeInteger(batchIndex) || batchIndex < 0) return undefined;
  return { runId: jobId.slice(0, at), batchIndex };
}

/** Replications per job for `n` tasks. */
function sizeFor(batchSize: number | "auto", n: number): number {
  if (batchSize !== "auto") return batchSize;
  return Math.max(1, Math.min(AUTO_BATCH_MAX, Math.floor(n / 16)));
}

/** Groups consecutive compatible tasks into jobs of at most `batchSize` ("auto": by the task count). */
export function batchTasks(tasks: readonly ReplicationTask[], batchSize: number | "auto"): BatchState[] {
  const size = sizeFor(batchSize, tasks.length);
  const out: BatchState[] = [];
  let current: BatchState | undefined;
  for (let i = 0; i < tasks.length; i++) {
    const t = tasks[i] as ReplicationTask;
    const head = current === undefined ? undefined : (tasks[current.taskIndices[0] as number] as ReplicationTask);
    if (current === undefined || head === undefined || current.taskIndices.length >= size || !sameTemplate(head, t)) {
      current = { taskIndices: [], settled: false, resubmits: 0 };
      out.push(current);
    }
    current.taskIndices.push(i);
  }
  return out;
}

/** The job data of a batch. */
export function batchJobData(
  runId: string,
  batchIndex: number,
  batch: BatchState,
  tasks: readonly ReplicationTask[],
): BatchJobData {
  const first = tasks[batch.taskIndices[0] as number] as ReplicationTask;
  const { compiled, seed, horizonDays, warmupDays, stepsMax } = first;
  const payload: BatchPayload = {
    template: { compiled, seed },
    replications: batch.taskIndices.map((i) => (tasks[i] as ReplicationTask).replication),
  };
  if (horizonDays !== undefined) payload.template.horizonDays = horizonDays;
  if (warmupDays !== undefined) payload.template.warmupDays = warmupDays;
  if (stepsMax !== undefined) payload.template.stepsMax = stepsMax;
  for (const i of batch.taskIndices) {
    const crash = (tasks[i] as ReplicationTask).__crashForTest;
    if (crash !== undefined) {
      payload.crashes ??= {};
      payload.crashes[(tasks[i] as ReplicationTask).replication] = crash;
    }
  }
  return {
    v: PROTOCOL_VERSION,
    runId,
    batchIndex,
    count: batch.taskIndices.length,
    modelVersion: MODEL_VERSION,
    payload: encode(payload),
  };
}
