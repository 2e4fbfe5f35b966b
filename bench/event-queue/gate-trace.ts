/**
 * The gate model's own event-queue workload, recorded once and replayed against each queue.
 *
 * The hold model (event-queue.bench.ts) has one pop and one push per step with a fixed increment
 * distribution; the gate model keeps ~570 events pending with delays from 0 (hand-overs) to days (ICD
 * dwell), calls `peekTime` before every pop (the run is bounded) and mixes `push` and `pushAfter`. This
 * records every queue call of one replication (through a recording queue installed in `Simulation`) and
 * replays exactly that sequence, so a queue's cost on the real workload is measured without the model's
 * own time around it. Every replay must pop the same times (checksum).
 *
 * The command line (record, replay, compare) is gate-trace-worker.ts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import type { EventQueue, EventQueueFactory } from "../../src/kernel/event-queue/types.js";
import { Simulation } from "../../src/kernel/simulation.js";

/** Operation codes of a trace. */
export const OP_PUSH = 0;
export const OP_PUSH_AFTER = 1;
export const OP_POP = 2;
export const OP_PEEK = 3;
export const OP_CANCEL = 4;

/** A recorded sequence of queue calls. */
export interface GateTrace {
  /** Operation code per call. */
  op: Uint8Array;
  /** Time (push), delay (pushAfter) or the push index whose handle is cancelled (cancel). */
  value: Float64Array;
  /** Priority per push. */
  priority: Uint8Array;
  /** Number of calls. */
  length: number;
  /** Number of pushes (both kinds). */
  pushes: number;
}

/** Forwards to a real queue and appends every call to growing arrays. */
class RecordingQueue implements EventQueue {
  op = new Uint8Array(1 << 20);
  value = new Float64Array(1 << 20);
  prio = new Uint8Array(1 << 20);
  length = 0;
  pushes = 0;
  private readonly handleToPush = new Map<number, number>();

  constructor(private readonly q: EventQueue) {}

  get size(): number {
    return this.q.size;
  }
  get time(): number {
    return this.q.time;
  }
  get kind(): number {
    return this.q.kind;
  }
  get arg(): number {
    return this.q.arg;
  }
  get handle(): number {
    return this.q.handle;
  }
  get priority(): number {
    return this.q.priority;
  }

  private add(op: number, value: number, priority: number): void {
    if (this.length === this.op.length) {
      const n = this.length * 2;
      const o = new Uint8Array(n);
      o.set(this.op);
      this.op = o;
      const v = new Float64Array(n);
      v.set(this.value);
      this.value = v;
      const p = new Uint8Array(n);
      p.set(this.prio);
      this.prio = p;
    }
    this.op[this.length] = op;
    this.value[this.length] = value;
    this.prio[this.length] = priority;
    this.length++;
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    this.add(OP_PUSH, timeMs, priority);
    const h = this.q.push(timeMs, priority, kind, arg);
    this.handleToPush.set(h, this.pushes++);
    return h;
  }
  pushAfter(delayMs: number, priority: number, kind: number, arg: number): number {
    this.add(OP_PUSH_AFTER, delayMs, priority);
    const h = this.q.pushAfter(delayMs, priority, kind, arg);
    this.handleToPush.set(h, this.pushes++);
    return h;
  }
  pop(): boolean {
    this.add(OP_POP, 0, 0);
    const ok = this.q.pop();
    if (ok) this.handleToPush.delete(this.q.handle);
    return ok;
  }
  peekTime(): number {
    this.add(OP_PEEK, 0, 0);
    return this.q.peekTime();
  }
  cancel(handle: number): boolean {
    const p = this.handleToPush.get(handle);
    this.add(OP_CANCEL, p ?? -1, 0);
    const ok = this.q.cancel(handle);
    if (ok) this.handleToPush.delete(handle);
    return ok;
  }
  clear(): void {
    throw new Error("gate trace: clear() is not recorded");
  }
}

/**
 * Runs one replication of a shipped scenario with a recording queue and returns its calls.
 * The first `Simulation` constructed in this process is recorded; call it once per process.
 */
export async function recordGateTrace(scenario: string, days: number): Promise<GateTrace> {
  let rec: RecordingQueue | undefined;
  // The Simulation constructor assigns `this.queue` (assignment semantics, useDefineForClassFields
  // false): a setter on the prototype wraps the queue it creates.
  Object.defineProperty(Simulation.prototype, "queue", {
    configurable: true,
    set(this: { _q: EventQueue }, q: EventQueue) {
      rec = new RecordingQueue(q);
      // The run loop reads `queue.priority` nowhere; `time`, `kind`, `arg`, `handle` are forwarded.
      this._q = rec;
    },
    get(this: { _q: EventQueue }) {
      return this._q;
    },
  });
  const { compileScenario, loadShippedScenario, runCompiled } = await import("../../src/scenario/index.js");
  const c = compileScenario(loadShippedScenario(scenario));
  runCompiled(c, 0, c.seed, { horizonDays: days, warmupDays: Math.min(3, days / 2) });
  if (!rec) throw new Error("gate trace: the recording queue was not installed");
  return { op: rec.op, value: rec.value, priority: rec.prio, length: rec.length, pushes: rec.pushes };
}

/**
 * Replays a trace on a fresh queue.
 * @returns a checksum of the popped events' order (their push index) and times, equal for every correct queue
 */
export function replayGateTrace(t: GateTrace, factory: EventQueueFactory): number {
  const q = factory(4096);
  const handles = new Float64Array(t.pushes);
  const { op, value, priority } = t;
  let pushes = 0;
  let sum = 0;
  for (let i = 0; i < t.length; i++) {
    const o = op[i]!;
    if (o === OP_POP) {
      q.pop();
      sum = (Math.imul(sum, 31) + q.arg + (q.time % 1_000_003)) | 0;
    } else if (o === OP_PUSH_AFTER) {
      handles[pushes] = q.pushAfter(value[i]!, priority[i]!, 0, pushes);
      pushes++;
    } else if (o === OP_PEEK) {
      if (q.peekTime() === Number.POSITIVE_INFINITY) sum ^= 1;
    } else if (o === OP_PUSH) {
      handles[pushes] = q.push(value[i]!, priority[i]!, 0, pushes);
      pushes++;
    } else {
      const p = value[i]!;
      if (p >= 0 && q.cancel(handles[p]!)) sum ^= 2;
    }
  }
  return sum;
}

/** Writes a trace to a binary file (ops, priorities, values). */
export function saveGateTrace(t: GateTrace, path: string): void {
  const header = new Float64Array([t.length, t.pushes]);
  writeFileSync(
    path,
    Buffer.concat([
      Buffer.from(header.buffer),
      Buffer.from(t.value.buffer, 0, t.length * 8),
      Buffer.from(t.op.buffer, 0, t.length),
      Buffer.from(t.priority.buffer, 0, t.length),
    ]),
  );
}

/** Reads a trace written by {@link saveGateTrace}. */
export function loadGateTrace(path: string): GateTrace {
  const buf = readFileSync(path);
  const bytes = new Uint8Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength));
  const header = new Float64Array(bytes.buffer, 0, 2);
  const length = header[0]!;
  const pushes = header[1]!;
  const value = new Float64Array(bytes.buffer, 16, length);
  const op = new Uint8Array(bytes.buffer, 16 + length * 8, length);
  const priority = new Uint8Array(bytes.buffer, 16 + length * 9, length);
  return { op, value, priority, length, pushes };
}
