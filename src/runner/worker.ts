/**
 * The piscina worker: runs a batch of replications of one scenario and returns their results (or
 * failures) as plain data. It checks the shape of the message it receives (the thread boundary is an
 * edge) and polls the shared cancel flag between and inside replications.
 */
import v8 from "node:v8";
import vm from "node:vm";
import { threadId } from "node:worker_threads";
import type { ReplicationResult } from "../model/index.js";
import { errors, type ReplicationFailure, toFailure } from "./errors.js";
import { type ReplicationTask, runTask } from "./executor.js";
import { assertReplicationInput, replicationRef } from "./replication.js";

/** A batch of replications sent to one worker: the scenario once, then the indices to run. */
export interface WorkerBatch {
  /** Every task of the batch shares its scenario, seed and settings; only the replication index differs. */
  template: Omit<ReplicationTask, "replication" | "__crashForTest">;
  replications: number[];
  /** Fault injection by replication index (tests only; see test-hooks.ts). */
  crashes?: Record<number, ReplicationTask["__crashForTest"]>;
  /** Shared cancel flag: element 0 becomes non-zero when the run is cancelled. */
  cancelFlag: Int32Array;
}

/** One replication's outcome in a batch reply. */
export type WorkerItem = { ok: true; result: ReplicationResult } | { ok: false; failure: ReplicationFailure };

/** The worker's reply: one item per replication of the batch, in batch order. */
export interface WorkerReply {
  items: WorkerItem[];
  /** Wall ms the batch took in the worker (sizes the next batches; never part of a result). */
  elapsedMs: number;
  /** When the batch started in the worker and the thread's own history, in epoch ms (bench traces only). */
  timing: { threadId: number; threadReadyAt: number; startedAt: number };
}

/** When this thread's modules were loaded (this module evaluated, after its imports), in epoch ms. */
const threadReadyAt = performance.timeOrigin + performance.now();

/** Minimal check of a batch message (pair assertion: the scenario and each index are what a replication needs). */
function assertBatch(batch: unknown): asserts batch is WorkerBatch {
  if (typeof batch !== "object" || batch === null) throw errors.invalidTask("batch is not an object");
  const b = batch as Partial<WorkerBatch>;
  if (!Array.isArray(b.replications) || b.replications.length === 0)
    throw errors.invalidTask("batch has no replications");
  if (!(b.cancelFlag instanceof Int32Array) || !(b.cancelFlag.buffer instanceof SharedArrayBuffer)) {
    throw errors.invalidTask("batch lacks its shared cancel flag");
  }
  if (typeof b.template !== "object" || b.template === null) throw errors.invalidTask("batch lacks its template");
  for (const r of b.replications) assertReplicationInput(b.template.compiled, b.template.seed, r);
}

/** A class whose field has no initializer: shows how the loader compiled class fields (describeRuntime). */
class FieldProbe {
  declared: number;
  readonly existedBeforeAssignment: boolean;
  constructor() {
    this.existedBeforeAssignment = Object.hasOwn(this, "declared");
    this.declared = 0;
  }
}

/** How this thread's code was compiled; see {@link describeRuntime}. */
export interface RuntimeDescription {
  /** "esm" as intended, or "commonjs" when a loader transpiled it (every imported binding read through a getter: the model runs 1.8x slower; see workerSpec). */
  moduleFormat: "esm" | "commonjs";
  /**
   * "assign" as intended (tsconfig's `useDefineForClassFields: false`), or "define" when fields without
   * an initializer are created as `undefined` first, which widens V8's field representations and makes
   * the event queue 7-15 % and the model ~5 % slower (src/runner/register-tsx.mjs).
   */
  classFields: "assign" | "define";
}

/**
 * How this worker's code was loaded and compiled. Piscina calls it by name:
 * `pool.run(null, { name: "describeRuntime" })`.
 */
export function describeRuntime(): RuntimeDescription {
  return {
    moduleFormat: typeof require === "function" ? "commonjs" : "esm",
    classFields: new FieldProbe().existedBeforeAssignment ? "define" : "assign",
  };
}

/** Memory a thread may keep after a batch before it collects its garbage at once (bytes). */
const KEEP_AFTER_BATCH_BYTES = 96 * 1024 * 1024;

/**
 * V8's full collection for this thread. An idle thread never collects: the columns of a replication that
 * had millions of trucks in the system stayed resident (730 MB with two threads, measured) until the next
 * run happened to allocate. `--expose-gc` cannot be given to one worker, so it is switched on at run time
 * and the function read from a fresh context (the flag only adds `gc` to contexts created afterwards).
 */
const collect: (() => void) | undefined = (() => {
  try {
    v8.setFlagsFromString("--expose-gc");
    const gc: unknown = vm.runInNewContext("gc");
    return typeof gc === "function" ? (gc as () => void) : undefined;
  } catch {
    return undefined;
  }
})();

/** Collects garbage when the batch left much behind (cheap test; the collection only after big replications). */
function releaseMemory(): void {
  if (collect === undefined) return;
  const h = v8.getHeapStatistics();
  if (h.external_memory + h.used_heap_size > KEEP_AFTER_BATCH_BYTES) collect();
}

/** Runs a batch (piscina calls this default export once per task). */
export default function runBatch(batch: WorkerBatch): WorkerReply {
  assertBatch(batch);
  const flag = batch.cancelFlag;
  const isCancelled = () => Atomics.load(flag, 0) !== 0;
  const items: WorkerItem[] = [];
  const t0 = performance.now();
  const startedAt = performance.timeOrigin + t0;
  for (const replication of batch.replications) {
    const task: ReplicationTask = { ...batch.template, replication };
    const crash = batch.crashes?.[replication];
    if (crash !== undefined) task.__crashForTest = crash;
    try {
      items.push({ ok: true, result: runTask(task, isCancelled, true) });
    } catch (cause) {
      const failure = toFailure(replicationRef(task.compiled, task.seed, replication), cause);
      // Error objects do not survive structured cloning with their class; the failure is plain data.
      items.push({ ok: false, failure });
    }
  }
  const elapsedMs = performance.now() - t0;
  releaseMemory();
  return { items, elapsedMs, timing: { threadId, threadReadyAt, startedAt } };
}
