import { mutableFromTheStart } from "../mutable-fields.js";
import {
  CHUNK,
  CHUNK_MASK,
  INV_PRIORITY_SPAN,
  REC_GEN_SPAN,
  REC_SPAN,
  ST_CANCELLED,
  ST_FREE,
  ST_LIVE,
} from "./chunk-records.js";
import { type ChunkWheelOptions, checkWheelOptions } from "./chunkwheel-options.js";
import { checkCapacityHint, pushError, TIME_MAX_MS } from "./common.js";
import { FarEvents } from "./far-events.js";
import type { EventQueue, EventQueueFactory } from "./types.js";
import { ctz } from "./wheel-buckets.js";

export type { ChunkWheelOptions } from "./chunkwheel-options.js";

/**
 * Future-event list on a timing wheel of exact-millisecond buckets whose events are stored inline in
 * chunked FIFO arrays, plus a 4-ary heap for whatever the wheel cannot take in order.
 *
 * Times are integers, so a wheel of `W` one-millisecond buckets covering `[now, now + W)` gives every
 * time its own bucket; a bucket is a FIFO of 32-byte records (key, seq, kind, arg, state, generation) in
 * a chain of 8-record chunks, appended at the tail and consumed at the head. Push and pop are O(1)
 * however many events share a time (where naive calendar queues degrade to linear insertion), and
 * popping walks memory sequentially, so even a million pending events cost few cache misses.
 *
 * The heap takes events beyond the window and events whose priority is lower than the last one queued
 * at their time (appending them would break the bucket's order); pop takes the smaller of the wheel's
 * front and the heap's root by the full key `(time, priority, seq)`, so the split never changes the
 * order. A two-level occupancy bitmap finds the next non-empty bucket. The wheel doubles (up to 2^20
 * buckets) when many pushes land beyond it and there are enough events to fill it. While fewer than
 * `smallLive` events are pending (small mode), pushes go to a short list kept sorted instead (a
 * queueing station holds a handful of timers; see far-events.ts).
 *
 * With `coarseBits` set, pushes beyond the window go first to a ring of coarse buckets that drain into
 * the heap as the clock reaches them (coarse-buckets.ts), so the heap stays shallow when hundreds of
 * events wait minutes to days ahead.
 *
 * The parts: chunk-records.ts (records, chunk pool), wheel-buckets.ts (the buckets and their bitmap),
 * coarse-buckets.ts (the heap and the coarse tier), far-events.ts (the small-mode list, the general pop);
 * this file adds push, pop and cancel.
 *
 * A handle is `generation * 2^22 + record` (below 2^30, so a Smi): records never move while pending,
 * and each record carries its own 8-bit generation, bumped when the record is reused. Chunks are
 * recycled first-freed-first-reused with a reserve of at least 16 free chunks and a fifth of the pool,
 * and a new bucket starts at a rotating offset inside its chunk, so a record is reused at most once per
 * `reserve + chunks in use` chunk allocations (once per eight times that in a sparse wheel); a stale
 * handle cannot match a later event before its record has been reused 256 times.
 */
export class ChunkWheelQueue extends FarEvents implements EventQueue {
  /** Largest wheel. */
  private readonly maxSpan: number;
  /** Pushes between adaptation checks. */
  private readonly adaptPeriod: number;
  /** Pushes since the last check that went to the heap for being beyond the window. */
  private farPushes = 0;
  /** `seq` at the last adaptation check. */
  private adaptSeq = 0;
  /** See {@link ChunkWheelOptions.coarseMinLive}. */
  private readonly coarseMinLive: number;
  /** See {@link ChunkWheelOptions.coarseMaxLive}. */
  private readonly coarseMaxLive: number;

  constructor(capacityHint?: number, options: ChunkWheelOptions = {}) {
    const cap = checkCapacityHint(capacityHint);
    const o = checkWheelOptions(options);
    super(cap, o.initialBits, o.smallLive, o.smallListMax, o.coarseBits, o.coarseWidthBits);
    this.maxSpan = 1 << o.maxBits;
    this.adaptPeriod = 2 ** o.adaptBits;
    this.coarseMinLive = o.coarseMinLive;
    this.coarseMaxLive = o.coarseMaxLive;
    this.coarseLimit = o.coarseMinLive === 0 ? this.coarseSpan : 0;
    // Set at the first adaptation check, after the code is optimized: see mutable-fields.ts.
    mutableFromTheStart(this, ["adaptSeq", "coarseLimit", "reach"]);
  }

  /** Number of live events. */
  get size(): number {
    return this.live;
  }

  /** Events (live or cancelled) waiting in the coarse tier's buckets; lets tests check that the tier is used. */
  get coarseSize(): number {
    return this.coarseCount;
  }

  /** Typed-array entries held (records, buckets, heap); lets tests check that memory stays bounded. */
  get footprint(): number {
    return (
      this.chunkNext.length * CHUNK +
      this.span * 3 +
      this.heap.key.length +
      this.hRing.length +
      this.tKey.length +
      this.coarseFootprint
    );
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    // One combined test on the hot path; the detailed diagnosis is out of line.
    if (
      !(timeMs >= this.time && timeMs <= TIME_MAX_MS && Math.floor(timeMs) === timeMs) ||
      (priority & 255) !== priority ||
      (kind | 0) !== kind ||
      kind < 0 ||
      (arg | 0) !== arg
    ) {
      throw pushError(timeMs, priority, kind, arg, this.time);
    }
    const key = timeMs * 256 + priority;
    // `reach` is the window (`span`), or 0 while few events are pending: then everything goes to the heap.
    if (timeMs - this.time >= this.reach) return this.pushFar(key, kind, arg);
    const b = timeMs & this.mask;
    const tail = this.bTail[b]!;
    let r: number;
    if (tail >= 0) {
      if (this.bTailKey[b]! > key) {
        // Same time, lower priority than the bucket's last event: appending would break the order.
        return this.pushHeap(key, kind, arg);
      }
      // Every bucket holds a single time: pops always take the least event and drop cancelled fronts
      // first, so a bucket is empty by the time the clock passes it and never holds an earlier lap.
      r = tail + 1;
      if ((r & CHUNK_MASK) === 0) r = this.linkChunk(tail);
    } else {
      r = this.startChunk();
      this.bHead[b] = r;
      const w = b >> 5;
      this.occ[w]! |= 1 << (b & 31);
      this.summary[w >> 5]! |= 1 << (w & 31);
    }
    this.bTail[b] = r;
    this.bTailKey[b] = key;
    this.wheelCount++;
    return this.fill(r, key, kind, arg);
  }

  pushAfter(delayMs: number, priority: number, kind: number, arg: number): number {
    if (
      !(delayMs >= 0 && delayMs <= TIME_MAX_MS - this.time && Math.floor(delayMs) === delayMs) ||
      (priority & 255) !== priority ||
      (kind | 0) !== kind ||
      kind < 0 ||
      (arg | 0) !== arg
    ) {
      throw pushError(this.time + delayMs, priority, kind, arg, this.time);
    }
    return this.insertAfter(delayMs, priority, kind, arg);
  }

  /**
   * `push`'s body for an event at `time + d`, used by `pushAfter` (the simulation's per-event path). The
   * time and the key (`time * 256 + priority`) exceed the Smi range after 24.8 days, so here they never
   * cross a call as arguments (V8 boxes a double argument into a fresh heap number per call unless it
   * inlines the callee): callees get the delay `d` (a Smi unless the event is weeks away) and the
   * priority, and recompute the key from the `time` field. `push` keeps its own copy of this code, tuned
   * on the hold benchmark, which calls it directly.
   */
  private insertAfter(d: number, priority: number, kind: number, arg: number): number {
    // `reach` is the window (`span`), or 0 while few events are pending: then everything goes to the heap.
    if (d >= this.reach) return this.pushFarAfter(d, priority, kind, arg);
    const key = (this.time + d) * 256 + priority;
    const b = (this.time + d) & this.mask;
    const tail = this.bTail[b]!;
    let r: number;
    if (tail >= 0) {
      // Same time, lower priority than the bucket's last event: appending would break the order.
      if (this.bTailKey[b]! > key) return this.pushHeapAfter(d, priority, kind, arg);
      r = tail + 1;
      if ((r & CHUNK_MASK) === 0) r = this.linkChunk(tail);
    } else {
      r = this.startChunk();
      this.bHead[b] = r;
      const w = b >> 5;
      this.occ[w]! |= 1 << (b & 31);
      this.summary[w >> 5]! |= 1 << (w & 31);
    }
    this.bTail[b] = r;
    this.bTailKey[b] = key;
    this.wheelCount++;
    return this.fillAfter(r, d, priority, kind, arg);
  }

  /** {@link pushFar} for an event at `time + d`. */
  private pushFarAfter(d: number, priority: number, kind: number, arg: number): number {
    if (this.reach !== this.span) {
      if (this.live < this.smallLive && this.smallListHasRoom()) {
        const r = this.takeHeapRecord();
        const handle = this.fillAfter(r, d, priority, kind, arg);
        this.smallListInsert(r);
        return handle;
      }
      this.leaveSmallList();
      return this.pushHeapAfter(d, priority, kind, arg);
    }
    return this.pushBeyondAfter(d, priority, kind, arg);
  }

  /**
   * A wheel-mode push beyond the window: counts it for adaptation and queues it in the coarse tier or
   * the heap. Out of line so that small mode's push path (M/M/c models) stays as small as it was.
   */
  private pushBeyondAfter(d: number, priority: number, kind: number, arg: number): number {
    this.farPushes++;
    if (this.seq - this.adaptSeq >= this.adaptPeriod) this.adapt();
    const c = Math.floor((this.time + d) * 256 * this.coarseInvKeyWidth);
    if (this.inCoarseRange(c)) {
      const r = this.takeHeapRecord();
      const handle = this.fillAfter(r, d, priority, kind, arg);
      this.coarseAdd(r, c);
      return handle;
    }
    return this.pushHeapAfter(d, priority, kind, arg);
  }

  pop(): boolean {
    if (this.wheelCount > 0) {
      // findBucket's word test and emit() are written out here: as calls they were not reliably inlined
      // (V8 gives an optimized caller ~920 bytes of inlining budget), and the hold benchmark then ran
      // at 16 instead of 21 M operations/s in some processes.
      const start = this.time & this.mask;
      const w = start >> 5;
      const bits = this.occ[w]! & (-1 << (start & 31));
      const b = bits !== 0 ? (w << 5) | ctz(bits) : this.findBucketFar(w);
      const r = this.bHead[b]!;
      const i = r << 3;
      const i32 = this.i32;
      if (i32[i + 6] === ST_LIVE) {
        const key = this.f64[r << 2]!;
        const heap = this.heap;
        if (heap.n === 0 || heap.key[0]! > key) {
          const time = Math.floor(key * INV_PRIORITY_SPAN);
          this.time = time;
          this.priority = key - time * 256;
          this.kind = i32[i + 4]!;
          this.arg = i32[i + 5]!;
          this.handle = i32[i + 7]! * REC_SPAN + r;
          i32[i + 6] = ST_FREE;
          this.live--;
          this.wheelCount--;
          if (r !== this.bTail[b] && ((r + 1) & CHUNK_MASK) !== 0) this.bHead[b] = r + 1;
          else this.advanceSlow(b, r);
          return true;
        }
      }
    } else if (this.tN > 0) {
      return this.popSmallList();
    } else if (this.heap.n > 0) {
      return this.popHeap();
    }
    return this.popSlow();
  }

  peekTime(): number {
    if (!this.settle()) return Number.POSITIVE_INFINITY;
    let key = Number.POSITIVE_INFINITY;
    if (this.wheelCount > 0) key = this.f64[this.bHead[this.findBucket()]! << 2]!;
    if (this.heap.n > 0 && this.heap.key[0]! < key) key = this.heap.key[0]!;
    if (this.tN > 0 && this.tKey[this.tN - 1]! < key) key = this.tKey[this.tN - 1]!;
    return Math.floor(key * INV_PRIORITY_SPAN);
  }

  cancel(handle: number): boolean {
    if (!Number.isInteger(handle) || handle < 0 || handle >= REC_SPAN * REC_GEN_SPAN) return false;
    const r = handle & (REC_SPAN - 1);
    if (r >= this.chunkNext.length * CHUNK) return false;
    const i = (r << 3) + 6;
    if (this.i32[i] !== ST_LIVE || this.i32[i + 1] !== (handle - r) / REC_SPAN) return false;
    this.i32[i] = ST_CANCELLED;
    this.live--;
    this.dead++;
    // Cancelled records are dropped when met; sweep when they could otherwise pile up.
    if (this.dead > 64 + this.live + (this.span >> 3) + 2 * this.deadFloor) this.compact();
    return true;
  }

  clear(): void {
    // Bumping every generation invalidates all outstanding handles at once.
    this.clearRecords();
    this.clearBuckets();
    this.clearCoarse();
    this.tN = 0;
    this.reach = this.smallLive > 0 ? 0 : this.span;
  }

  /** A push beyond the wheel's window (or in small mode): counts it for adaptation and queues it in the heap. */
  private pushFar(key: number, kind: number, arg: number): number {
    if (this.reach !== this.span) {
      // Small mode: stay in it while few events are pending.
      if (this.live < this.smallLive && this.smallListHasRoom()) {
        const r = this.takeHeapRecord();
        const handle = this.fill(r, key, kind, arg);
        this.smallListInsert(r);
        return handle;
      }
      this.leaveSmallList();
      return this.pushHeap(key, kind, arg);
    }
    return this.pushBeyond(key, kind, arg);
  }

  /** {@link pushBeyondAfter} for `push`, with the key. */
  private pushBeyond(key: number, kind: number, arg: number): number {
    this.farPushes++;
    if (this.seq - this.adaptSeq >= this.adaptPeriod) this.adapt();
    const c = Math.floor(key * this.coarseInvKeyWidth);
    if (this.inCoarseRange(c)) {
      const r = this.takeHeapRecord();
      const handle = this.fill(r, key, kind, arg);
      this.coarseAdd(r, c);
      return handle;
    }
    return this.pushHeap(key, kind, arg);
  }

  /** Grows the wheel when many pushes miss it and there are enough events to fill a larger one. */
  private adapt(): void {
    const pushes = this.seq - this.adaptSeq;
    const far = this.farPushes;
    this.farPushes = 0;
    this.adaptSeq = this.seq;
    const live = this.live;
    this.coarseLimit = live >= this.coarseMinLive && live < this.coarseMaxLive ? this.coarseSpan : 0;
    if (this.live * 2 < this.smallLive) {
      this.reach = 0;
      return;
    }
    if (this.span >= this.maxSpan) return;
    // Over 1/8 of pushes went beyond the window, and a doubled wheel would hold >= 1 event per 32 buckets.
    if (far * 8 > pushes && this.live * 16 >= this.span) this.resize(this.span * 2);
  }

  /** Moves every bucket to a wheel of `span` buckets, which becomes the window. */
  private resize(span: number): void {
    this.resizeBuckets(span);
    this.reach = span;
  }

  /**
   * Drops cancelled events: heap entries, and wheel records that do not share a chunk with a live
   * record (records never move, because handles point at them).
   */
  private compact(): void {
    this.compactBuckets();
    this.compactFar();
    this.deadFloor = this.dead;
  }
}

/** Factory for {@link ChunkWheelQueue} with the default sizing. */
export const createChunkWheelQueue: EventQueueFactory = (capacityHint) => new ChunkWheelQueue(capacityHint);

/** Factory for {@link ChunkWheelQueue} with the coarse tier in front of its heap (coarse-buckets.ts). */
export const createLadderWheelQueue: EventQueueFactory = (capacityHint) =>
  new ChunkWheelQueue(capacityHint, { coarseBits: 12, coarseWidthBits: 16 });
