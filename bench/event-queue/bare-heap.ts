/**
 * A reference for the event queue on the gate model's workload: the recorded trace (gate-trace.ts)
 * replayed on the kernel's bare heap core (`KeyHeap`, the 4-ary heap of `(time * 256 + priority, push
 * sequence)` that the queues use inside) with nothing around it: no handles, no records, no wheel, no
 * tiers, no checks; a cancelled event is flagged and dropped when it reaches the top. It pops the same
 * events in the same order as the real queues (the checksum of `replayGateTrace` is the same), so the
 * ratio of the two replays says what the queue's generality costs on this workload
 * (`gate-trace-worker.ts bare-heap`).
 */
import { KeyHeap } from "../../src/kernel/event-queue/keyheap.js";
import { type GateTrace, OP_PEEK, OP_POP, OP_PUSH, OP_PUSH_AFTER } from "./gate-trace.js";

/** Replays the trace on a bare `KeyHeap`; returns the checksum `replayGateTrace` computes. */
export function replayBareHeap(t: GateTrace): number {
  const heap = new KeyHeap(4096);
  const cancelled = new Uint8Array(t.pushes);
  const dropCancelledTop = (): void => {
    while (heap.n > 0 && cancelled[heap.slot[0]!] === 1) heap.removeTop();
  };
  const { op, value, priority } = t;
  let seq = 0;
  let now = 0;
  let sum = 0;
  let pushes = 0;
  for (let i = 0; i < t.length; i++) {
    const o = op[i]!;
    if (o === OP_POP) {
      dropCancelledTop();
      const r = heap.slot[0]!;
      now = Math.floor(heap.key[0]! / 256);
      heap.removeTop();
      sum = (Math.imul(sum, 31) + r + (now % 1_000_003)) | 0;
    } else if (o === OP_PUSH_AFTER) {
      heap.push((now + value[i]!) * 256 + priority[i]!, seq++, pushes++);
    } else if (o === OP_PEEK) {
      dropCancelledTop();
      if (heap.n === 0) sum ^= 1;
    } else if (o === OP_PUSH) {
      heap.push(value[i]! * 256 + priority[i]!, seq++, pushes++);
    } else {
      const p = value[i]!;
      if (p >= 0 && cancelled[p] === 0) {
        cancelled[p] = 1;
        sum ^= 2;
      }
    }
  }
  return sum;
}
