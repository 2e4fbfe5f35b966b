import { mutableFromTheStart } from "../mutable-fields.js";
import { growF64, growI32 } from "./common.js";

/**
 * Implicit 4-ary min-heap of `(key, seq, slot)` triples ordered by `(key, seq)`; the ordering core
 * shared by the heap queue and the bucket queues' overflow. Four children per node halve the depth
 * of a binary heap, and the child tournament is written with branch-free index arithmetic so the
 * unpredictable comparisons do not cost pipeline flushes.
 */
export class KeyHeap {
  /** Primary key (`time * 256 + priority`) per position. */
  key: Float64Array;
  /** Insertion sequence per position: breaks key ties first in, first out. */
  seq: Float64Array;
  /** Owner's slot index per position. */
  slot: Int32Array;
  /** Number of entries. */
  n = 0;

  constructor(capacity: number) {
    const cap = Math.max(16, capacity);
    this.key = new Float64Array(cap);
    this.seq = new Float64Array(cap);
    this.slot = new Int32Array(cap);
    // Replaced when they grow (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["key", "seq", "slot"]);
  }

  /** Inserts an entry. */
  push(key: number, seq: number, slot: number): void {
    if (this.n === this.key.length) this.grow();
    this.siftUp(this.n++, key, seq, slot);
  }

  /**
   * Inserts an entry whose key is `keys[at]`: {@link push} without a double argument (a key beyond the
   * Smi range passed to a call V8 does not inline is boxed into a heap number), sifting up in place.
   */
  pushFrom(keys: Float64Array, at: number, seq: number, slot: number): void {
    if (this.n === this.key.length) this.grow();
    const hKey = this.key;
    const hSeq = this.seq;
    const hSlot = this.slot;
    const key = keys[at]!;
    let i = this.n++;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = hKey[p]!;
      if (pk < key || (pk === key && hSeq[p]! < seq)) break;
      hKey[i] = pk;
      hSeq[i] = hSeq[p]!;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hKey[i] = key;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  /** Removes the root (the caller has read it); the last entry takes its place. */
  removeTop(): void {
    const last = --this.n;
    if (last > 0) this.siftDown(0, this.key[last]!, this.seq[last]!, this.slot[last]!);
  }

  /** Overwrites the root with a new entry and restores order: a pop and a push in one pass. */
  replaceTop(key: number, seq: number, slot: number): void {
    this.siftDown(0, key, seq, slot);
  }

  /** Restores heap order over positions `[0, n)` after bulk edits (Floyd's bottom-up build). */
  heapify(): void {
    for (let i = (this.n - 2) >> 2; i >= 0; i--) this.siftDown(i, this.key[i]!, this.seq[i]!, this.slot[i]!);
  }

  /** Places `(key, seq, slot)` into the hole at `i` and moves it up. */
  private siftUp(i: number, key: number, seq: number, slot: number): void {
    const hKey = this.key;
    const hSeq = this.seq;
    const hSlot = this.slot;
    while (i > 0) {
      const p = (i - 1) >> 2;
      const pk = hKey[p]!;
      if (pk < key || (pk === key && hSeq[p]! < seq)) break;
      hKey[i] = pk;
      hSeq[i] = hSeq[p]!;
      hSlot[i] = hSlot[p]!;
      i = p;
    }
    hKey[i] = key;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  /** Places `(key, seq, slot)` into the hole at `i` and moves it down. */
  private siftDown(i: number, key: number, seq: number, slot: number): void {
    const hKey = this.key;
    const hSeq = this.seq;
    const hSlot = this.slot;
    const n = this.n;
    for (;;) {
      const c = 4 * i + 1;
      if (c >= n) break;
      let m = c;
      if (c + 3 < n) {
        // Branch-free tournament: the winner of each pair is an index computed from 0/1 comparisons.
        const k0 = hKey[c]!;
        const k1 = hKey[c + 1]!;
        const k2 = hKey[c + 2]!;
        const k3 = hKey[c + 3]!;
        const a = c + (+(k1 < k0) | (+(k1 === k0) & +(hSeq[c + 1]! < hSeq[c]!)));
        const b = c + 2 + (+(k3 < k2) | (+(k3 === k2) & +(hSeq[c + 3]! < hSeq[c + 2]!)));
        const ka = hKey[a]!;
        const kb = hKey[b]!;
        m = +(kb < ka) | (+(kb === ka) & +(hSeq[b]! < hSeq[a]!)) ? b : a;
      } else {
        for (let j = c + 1; j < n; j++) {
          const kj = hKey[j]!;
          const km = hKey[m]!;
          if (kj < km || (kj === km && hSeq[j]! < hSeq[m]!)) m = j;
        }
      }
      const mk = hKey[m]!;
      if (key < mk || (key === mk && seq < hSeq[m]!)) break;
      hKey[i] = mk;
      hSeq[i] = hSeq[m]!;
      hSlot[i] = hSlot[m]!;
      i = m;
    }
    hKey[i] = key;
    hSeq[i] = seq;
    hSlot[i] = slot;
  }

  /** Doubles the arrays. */
  private grow(): void {
    const len = this.key.length * 2;
    this.key = growF64(this.key, len);
    this.seq = growF64(this.seq, len);
    this.slot = growI32(this.slot, len);
  }
}
