import { growF64, growI32, PRIORITY_SPAN } from "./common.js";
import { KeyHeap } from "./keyheap.js";
import { SLOT_CANCELLED, SlotStore } from "./slots.js";
import type { EventQueue, EventQueueFactory } from "./types.js";

/** Initial wheel size (buckets = milliseconds covered); a power of two. */
const WHEEL_BITS_INITIAL = 12;
/** Largest wheel the adaptation may grow to. */
const WHEEL_BITS_MAX = 20;
/** Pushes between two adaptation checks (a power of two). */
const ADAPT_PERIOD = 1 << 14;

/** Index of the lowest set bit of a non-zero int32. */
function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/**
 * Future-event list on a timing wheel of exact-millisecond buckets, with a 4-ary heap for the rest.
 *
 * Times are integers, so a wheel of `W` one-millisecond buckets covering `[now, now + W)` puts each
 * time in its own bucket: a bucket is a FIFO linked list (through the slots) of events with exactly that
 * time, kept in `(priority, seq)` order by appending only. That makes push and pop O(1) however many
 * events share a time (the case where naive calendar queues collapse). Everything the wheel cannot take
 * in order goes to the heap: events beyond the window, and an event whose priority is lower than the
 * last one already queued at its time. Pop takes the smaller of the wheel's front and the heap's root by
 * the full key `(time, priority, seq)`, so the split never changes the order.
 *
 * A two-level occupancy bitmap finds the next non-empty bucket without walking empty ones. The wheel
 * doubles (up to 2^20 buckets) when many pushes land beyond it and there are enough events to fill it;
 * it never shrinks, because a sparse wheel only costs bitmap words, and the heap keeps every case
 * O(log n).
 */
export class WheelQueue extends SlotStore implements EventQueue {
  /** `time * 256 + priority` per slot. */
  private sKey: Float64Array;
  /** Insertion sequence per slot, compared only between the wheel front and the heap root. */
  private sSeq: Float64Array;
  /** Next slot in the same bucket, or -1. */
  private sNext: Int32Array;

  /** Number of buckets (a power of two); the wheel covers times `[this.time, this.time + span)`. */
  private span: number;
  /** `span - 1`. */
  private mask: number;
  /** First slot per bucket, or -1. */
  private head: Int32Array;
  /** Last slot per bucket, or -1. */
  private tail: Int32Array;
  /** Bit per bucket: non-empty. */
  private occ: Int32Array;
  /** Bit per `occ` word: that word is non-zero. */
  private summary: Int32Array;
  /** Entries (live or cancelled) linked into buckets. */
  private wheelCount = 0;

  /** Events the wheel cannot hold in order. */
  private readonly heap: KeyHeap;

  /** Pushes since the last adaptation check that went to the heap for being beyond the window. */
  private farPushes = 0;
  /** Pushes since construction; drives the adaptation period. */
  private pushes = 0;

  /** Bucket holding the front event after `locate()` returned a wheel slot. */
  private frontBucket = 0;

  constructor(capacityHint?: number) {
    super(capacityHint);
    const cap = this.sKind.length;
    this.sKey = new Float64Array(cap);
    this.sSeq = new Float64Array(cap);
    this.sNext = new Int32Array(cap);
    this.heap = new KeyHeap(16);
    this.span = 1 << WHEEL_BITS_INITIAL;
    this.mask = this.span - 1;
    this.head = new Int32Array(this.span).fill(-1);
    this.tail = new Int32Array(this.span).fill(-1);
    this.occ = new Int32Array(this.span >> 5);
    this.summary = new Int32Array(Math.max(1, this.span >> 10));
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    const slot = this.allocSlot(timeMs, priority, kind, arg);
    const key = timeMs * PRIORITY_SPAN + priority;
    const seq = this.seq++;
    this.sKey[slot] = key;
    this.sSeq[slot] = seq;
    if (timeMs - this.time < this.span) {
      const b = timeMs & this.mask;
      const tail = this.tail[b]!;
      if (tail < 0) {
        this.head[b] = slot;
        this.tail[b] = slot;
        this.sNext[slot] = -1;
        this.wheelCount++;
        const w = b >> 5;
        this.occ[w]! |= 1 << (b & 31);
        this.summary[w >> 5]! |= 1 << (w & 31);
      } else {
        const tailKey = this.sKey[tail]!;
        if (tailKey <= key && tailKey >= key - priority) {
          // Same time, priority not lower than the bucket's last: appending keeps the bucket sorted.
          this.sNext[tail] = slot;
          this.tail[b] = slot;
          this.sNext[slot] = -1;
          this.wheelCount++;
        } else if (tailKey < key - priority) {
          // The bucket still holds cancelled events of an earlier lap; live ones cannot be there.
          this.dropStaleBucket(b);
          this.head[b] = slot;
          this.tail[b] = slot;
          this.sNext[slot] = -1;
          this.wheelCount++;
        } else {
          this.heap.push(key, seq, slot);
        }
      }
    } else {
      this.heap.push(key, seq, slot);
      this.farPushes++;
    }
    if ((++this.pushes & (ADAPT_PERIOD - 1)) === 0) this.adapt();
    return this.handleOf(slot);
  }

  pop(): boolean {
    const slot = this.locate();
    if (slot < 0) return false;
    const key = this.takeFront(slot);
    const time = Math.floor(key / PRIORITY_SPAN);
    this.emit(slot, time, key - time * PRIORITY_SPAN);
    return true;
  }

  peekTime(): number {
    const slot = this.locate();
    return slot < 0 ? Number.POSITIVE_INFINITY : Math.floor(this.sKey[slot]! / PRIORITY_SPAN);
  }

  cancel(handle: number): boolean {
    if (this.cancelSlot(handle) < 0) return false;
    // Cancelled entries are dropped when met; sweep when they could otherwise pile up.
    if (this.dead > 64 + this.live + (this.span >> 3)) this.compact();
    return true;
  }

  clear(): void {
    this.resetSlots();
    this.head.fill(-1);
    this.tail.fill(-1);
    this.occ.fill(0);
    this.summary.fill(0);
    this.wheelCount = 0;
    this.heap.n = 0;
  }

  protected structureFootprint(): number {
    return this.span * 2 + this.heap.key.length;
  }

  protected override growSlotExtras(len: number): void {
    this.sKey = growF64(this.sKey, len);
    this.sSeq = growF64(this.sSeq, len);
    this.sNext = growI32(this.sNext, len);
  }

  /**
   * Finds the least live event, dropping cancelled entries met on the way.
   * @returns its slot (the heap root when `heap.slot[0]` equals it, else the head of `frontBucket`), or -1
   */
  private locate(): number {
    const heap = this.heap;
    const sState = this.sState;
    for (;;) {
      let ws = -1;
      if (this.wheelCount > 0) {
        const b = this.findBucket();
        ws = this.head[b]!;
        if (sState[ws] === SLOT_CANCELLED) {
          this.unlinkHead(b, ws);
          this.reclaim(ws);
          continue;
        }
        this.frontBucket = b;
      }
      if (heap.n > 0) {
        const hs = heap.slot[0]!;
        if (sState[hs] === SLOT_CANCELLED) {
          heap.removeTop();
          this.reclaim(hs);
          continue;
        }
        if (ws < 0) return hs;
        const hk = heap.key[0]!;
        const wk = this.sKey[ws]!;
        if (hk < wk || (hk === wk && heap.seq[0]! < this.sSeq[ws]!)) return hs;
      }
      return ws;
    }
  }

  /** Removes the event `locate()` just returned from its structure; returns its key. */
  private takeFront(slot: number): number {
    const heap = this.heap;
    if (heap.n > 0 && heap.slot[0] === slot) {
      heap.removeTop();
    } else {
      this.unlinkHead(this.frontBucket, slot);
    }
    return this.sKey[slot]!;
  }

  /** Unlinks `slot`, the head of bucket `b`, clearing occupancy bits when the bucket empties. */
  private unlinkHead(b: number, slot: number): void {
    const next = this.sNext[slot]!;
    this.head[b] = next;
    this.wheelCount--;
    if (next < 0) {
      this.tail[b] = -1;
      const w = b >> 5;
      const word = this.occ[w]! & ~(1 << (b & 31));
      this.occ[w] = word;
      if (word === 0) this.summary[w >> 5]! &= ~(1 << (w & 31));
    }
  }

  /** First non-empty bucket at or after the current time's bucket, in circular (= time) order. */
  private findBucket(): number {
    const start = this.time & this.mask;
    const w = start >> 5;
    const bits = this.occ[w]! & (-1 << (start & 31));
    if (bits !== 0) return (w << 5) | ctz(bits);
    return this.findBucketFar(w);
  }

  /** Slow path of {@link findBucket}: scans the summary from the word after `w`, wrapping around. */
  private findBucketFar(w: number): number {
    const wordMask = (this.span >> 5) - 1;
    const summaryWords = this.summary.length;
    let x = (w + 1) & wordMask;
    for (let i = 0; i <= summaryWords; i++) {
      const sw = x >> 5;
      const sb = this.summary[sw]! & (-1 << (x & 31));
      if (sb !== 0) {
        const wi = (sw << 5) | ctz(sb);
        return (wi << 5) | ctz(this.occ[wi]!);
      }
      x = ((sw + 1) << 5) & wordMask;
    }
    throw new Error("event queue wheel: occupancy bitmap out of sync");
  }

  /** Reclaims every entry of bucket `b` (all cancelled, from an earlier lap) and leaves it empty. */
  private dropStaleBucket(b: number): void {
    let s = this.head[b]!;
    while (s >= 0) {
      const next = this.sNext[s]!;
      this.reclaim(s);
      this.wheelCount--;
      s = next;
    }
    this.head[b] = -1;
    this.tail[b] = -1;
  }

  /** Grows the wheel when many pushes miss it and there are enough events to fill a larger one. */
  private adapt(): void {
    const far = this.farPushes;
    this.farPushes = 0;
    if (this.span >= 1 << WHEEL_BITS_MAX) return;
    // Over 1/8 of pushes went beyond the window, and a doubled wheel would hold >= 1 event per 32 buckets.
    if (far * 8 > ADAPT_PERIOD && this.live * 16 >= this.span) this.resize(this.span * 2);
  }

  /** Moves every bucket to a wheel of `span` buckets; one time per bucket, so lists move whole. */
  private resize(span: number): void {
    const oldHead = this.head;
    const oldTail = this.tail;
    const floorKey = this.time * PRIORITY_SPAN;
    this.span = span;
    this.mask = span - 1;
    this.head = new Int32Array(span).fill(-1);
    this.tail = new Int32Array(span).fill(-1);
    this.occ = new Int32Array(span >> 5);
    this.summary = new Int32Array(Math.max(1, span >> 10));
    this.wheelCount = 0;
    for (let b = 0; b < oldHead.length; b++) {
      let s = oldHead[b]!;
      if (s < 0) continue;
      const key = this.sKey[s]!;
      if (key < floorKey) {
        // Stale lap: every entry is cancelled.
        while (s >= 0) {
          const next = this.sNext[s]!;
          this.reclaim(s);
          s = next;
        }
        continue;
      }
      const time = Math.floor(key / PRIORITY_SPAN);
      const nb = time & this.mask;
      this.head[nb] = s;
      this.tail[nb] = oldTail[b]!;
      for (; s >= 0; s = this.sNext[s]!) this.wheelCount++;
      const w = nb >> 5;
      this.occ[w]! |= 1 << (nb & 31);
      this.summary[w >> 5]! |= 1 << (w & 31);
    }
  }

  /** Removes every cancelled entry from the buckets and the heap, reclaiming their slots. */
  private compact(): void {
    const sState = this.sState;
    const sNext = this.sNext;
    for (let b = 0; b < this.span; b++) {
      let s = this.head[b]!;
      if (s < 0) continue;
      let last = -1;
      while (s >= 0) {
        const next = sNext[s]!;
        if (sState[s] === SLOT_CANCELLED) {
          this.reclaim(s);
          this.wheelCount--;
        } else {
          if (last < 0) this.head[b] = s;
          else sNext[last] = s;
          last = s;
        }
        s = next;
      }
      if (last < 0) {
        this.head[b] = -1;
        this.tail[b] = -1;
        const w = b >> 5;
        const word = this.occ[w]! & ~(1 << (b & 31));
        this.occ[w] = word;
        if (word === 0) this.summary[w >> 5]! &= ~(1 << (w & 31));
      } else {
        sNext[last] = -1;
        this.tail[b] = last;
      }
    }
    const heap = this.heap;
    const { key, seq, slot: hSlot } = heap;
    let w = 0;
    for (let r = 0; r < heap.n; r++) {
      const slot = hSlot[r]!;
      if (sState[slot] === SLOT_CANCELLED) {
        this.reclaim(slot);
        continue;
      }
      key[w] = key[r]!;
      seq[w] = seq[r]!;
      hSlot[w] = slot;
      w++;
    }
    heap.n = w;
    heap.heapify();
  }
}

/** Factory for {@link WheelQueue}. */
export const createWheelQueue: EventQueueFactory = (capacityHint) => new WheelQueue(capacityHint);
