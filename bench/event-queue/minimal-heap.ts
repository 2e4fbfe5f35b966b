/**
 * A reference for the event queue on the gate model's workload: the recorded trace (gate-trace.ts)
 * replayed on a minimal binary heap with none of the queue's generality. Keys are `time * 256 + priority` with the
 * push sequence as tie-break, in typed arrays; a cancelled event is flagged and dropped when it reaches
 * the top; no handles, no wheel, no tiers, no bound checks. It pops the same events in the same order as
 * the real queues (the checksum of `replayGateTrace` is the same), so the ratio of the two replays says
 * what the queue's generality (handles, cancellation, tiers, checks) costs on this workload
 * (`gate-trace-worker.ts bare-heap`).
 */
import { type GateTrace, OP_PEEK, OP_POP, OP_PUSH, OP_PUSH_AFTER } from "./gate-trace.js";

/** Replays the trace on the minimal heap; returns the checksum `replayGateTrace` computes. */
export function replayMinimalHeap(t: GateTrace): number {
  let cap = 4096;
  let key = new Float64Array(cap);
  let seq = new Float64Array(cap);
  let rec = new Int32Array(cap);
  let n = 0;
  let nextSeq = 0;
  let now = 0;
  let sum = 0;
  let pushes = 0;
  const cancelled = new Uint8Array(t.pushes);

  const push = (k: number, r: number): void => {
    if (n === cap) {
      cap *= 2;
      const k2 = new Float64Array(cap);
      k2.set(key);
      key = k2;
      const s2 = new Float64Array(cap);
      s2.set(seq);
      seq = s2;
      const r2 = new Int32Array(cap);
      r2.set(rec);
      rec = r2;
    }
    const s = nextSeq++;
    let i = n++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pk = key[p]!;
      if (pk < k || (pk === k && seq[p]! < s)) break;
      key[i] = pk;
      seq[i] = seq[p]!;
      rec[i] = rec[p]!;
      i = p;
    }
    key[i] = k;
    seq[i] = s;
    rec[i] = r;
  };

  const removeTop = (): void => {
    const last = --n;
    if (last === 0) return;
    const k = key[last]!;
    const s = seq[last]!;
    const r = rec[last]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      const c2 = c + 1;
      if (c2 < last && (key[c2]! < key[c]! || (key[c2] === key[c] && seq[c2]! < seq[c]!))) c = c2;
      if (k < key[c]! || (k === key[c] && s < seq[c]!)) break;
      key[i] = key[c]!;
      seq[i] = seq[c]!;
      rec[i] = rec[c]!;
      i = c;
    }
    key[i] = k;
    seq[i] = s;
    rec[i] = r;
  };

  const dropCancelledTop = (): void => {
    while (n > 0 && cancelled[rec[0]!] === 1) removeTop();
  };

  const { op, value, priority } = t;
  for (let i = 0; i < t.length; i++) {
    const o = op[i]!;
    if (o === OP_POP) {
      dropCancelledTop();
      const k = key[0]!;
      const r = rec[0]!;
      removeTop();
      now = Math.floor(k / 256);
      sum = (Math.imul(sum, 31) + r + (now % 1_000_003)) | 0;
    } else if (o === OP_PUSH_AFTER) {
      push((now + value[i]!) * 256 + priority[i]!, pushes++);
    } else if (o === OP_PEEK) {
      dropCancelledTop();
      if (n === 0) sum ^= 1;
    } else if (o === OP_PUSH) {
      push(value[i]! * 256 + priority[i]!, pushes++);
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
