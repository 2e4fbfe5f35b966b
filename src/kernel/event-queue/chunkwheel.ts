import { checkCapacityHint, growI32, pushError, TIME_MAX_MS } from "./common.js";
import { KeyHeap } from "./keyheap.js";
import type { EventQueue, EventQueueFactory } from "./types.js";

/** log2 of the records per chunk. */
const CHUNK_BITS = 3;
/** Records per chunk: a bucket's events sit contiguously in chunks of this many. */
const CHUNK = 1 << CHUNK_BITS;
/** `CHUNK - 1`. */
const CHUNK_MASK = CHUNK - 1;
/** Record index range inside a handle (2^22 records: about four million pending events). */
const REC_SPAN = 1 << 22;
/** Generation range inside a handle; handles stay below 2^30, i.e. Smis, so returning one never allocates. */
const REC_GEN_SPAN = 1 << 8;
/** Most chunks the pool may hold. */
const MAX_CHUNKS = REC_SPAN >> CHUNK_BITS;
/** Free chunks kept in reserve (besides a quarter of those in use) so that reuses of a record are spaced out. */
const MIN_FREE_CHUNKS = 16;
/** Record state: not holding a pending event. */
const ST_FREE = 0;
/** Record state: holds a pending event. */
const ST_LIVE = 1;
/** Record state: holds a cancelled event not yet dropped. */
const ST_CANCELLED = 2;
/** 1/256, exact: multiplying by it divides a key by 256 exactly and much faster than a division. */
const INV_PRIORITY_SPAN = 1 / 256;

/** Tuning knobs of {@link ChunkWheelQueue}; exposed so tests can force wrap-around and resizing. */
export interface ChunkWheelOptions {
  /** log2 of the initial number of one-millisecond buckets (5..24). */
  initialBits?: number;
  /** log2 of the largest wheel the adaptation may grow to (initialBits..24). */
  maxBits?: number;
  /** log2 of the number of pushes between two adaptation checks (>= 4). */
  adaptBits?: number;
  /**
   * While fewer events than this are pending, every push goes to the heap (0 = always use the wheel):
   * a heap of a few entries is cheaper than a wheel whose few buckets lie far apart.
   */
  smallLive?: number;
}

/** Sizing used when no options are given (tuned on the hold-model benchmark). */
const DEFAULTS: Required<ChunkWheelOptions> = { initialBits: 12, maxBits: 20, adaptBits: 14, smallLive: 16 };

/** Index of the lowest set bit of a non-zero int32. */
function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

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
 * buckets) when many pushes land beyond it and there are enough events to fill it.
 *
 * A handle is `generation * 2^22 + record` (below 2^30, so a Smi): records never move while pending,
 * and each record carries its own 8-bit generation, bumped when the record is reused. Chunks are
 * recycled first-freed-first-reused with a reserve of at least 16 free chunks and a fifth of the pool,
 * and a new bucket starts at a rotating offset inside its chunk, so a record is reused at most once per
 * `reserve + chunks in use` chunk allocations (once per eight times that in a sparse wheel); a stale
 * handle cannot match a later event before its record has been reused 256 times.
 */
export class ChunkWheelQueue implements EventQueue {
  time = 0;
  priority = 0;
  kind = 0;
  arg = 0;
  handle = -1;

  /** Pending, not cancelled. */
  private live = 0;
  /** Cancelled but still stored; dropped when met or swept. */
  private dead = 0;
  /** Cancelled records a sweep could not drop (they share chunks with live ones); paces the sweeps. */
  private deadFloor = 0;
  /** Insertion counter (FIFO tie-break). */
  private seq = 0;

  /** Record storage, Float64 view: key (`time * 256 + priority`), seq. */
  private f64: Float64Array;
  /** Record storage, Int32 view over the same bytes: kind, arg, state, generation at words 4..7. */
  private i32: Int32Array;
  /** Per chunk: the record where its bucket's chain continues (in the next chunk). */
  private chunkNext: Int32Array;
  /**
   * Record offset at which a bucket starts when it next gets this chunk; rotates so that a wheel whose
   * buckets hold one event each does not wear out the generation of every chunk's first record.
   */
  private chunkStart: Int32Array;
  /** FIFO ring of free chunks (capacity = chunk count, a power of two). */
  private cRing: Int32Array;
  /** Ring position of the oldest free chunk. */
  private cHead = 0;
  /** Free chunks. */
  private cCount: number;
  /**
   * Reserve below which the pool grows: at least MIN_FREE_CHUNKS and a fifth of all chunks (so free
   * ones stay at least a quarter of those in use); recomputed when the pool grows.
   */
  private cLow: number;

  /** FIFO ring of free records reserved for heap events. */
  private hRing: Int32Array;
  /** Ring position of the oldest free heap record. */
  private hHead = 0;
  /** Free heap records. */
  private hCount = 0;
  /** Records owned by the heap side (free or in use). */
  private heapRecs = 0;

  /** Buckets; the wheel covers times `[this.time, this.time + span)`. */
  private span: number;
  /**
   * Pushes at `time + reach` or later go to the heap: `span` in wheel mode, 0 in small mode (fewer than
   * `smallLive` pending). Small mode ends on a push that finds `smallLive` pending events and starts
   * again at an adaptation check that finds fewer than half that.
   */
  private reach = 0;
  /** See {@link ChunkWheelOptions.smallLive}. */
  private readonly smallLive: number;
  /** `span - 1`. */
  private mask: number;
  /** Record index of each bucket's first unconsumed record, or -1 when empty. */
  private bHead: Int32Array;
  /** Record index of each bucket's last record, or -1 when empty. */
  private bTail: Int32Array;
  /**
   * Key of each bucket's last record: a copy that spares push from reading the tail record, which at a
   * million pending events is usually a cache miss.
   */
  private bTailKey: Float64Array;
  /** Bit per bucket: non-empty. */
  private occ: Int32Array;
  /** Bit per `occ` word: that word is non-zero. */
  private summary: Int32Array;
  /** Records (live or cancelled) in buckets. */
  private wheelCount = 0;

  /** Events the wheel cannot hold in order; `slot` holds their record index. */
  private readonly heap: KeyHeap;

  /** Largest wheel. */
  private readonly maxSpan: number;
  /** Pushes between adaptation checks. */
  private readonly adaptPeriod: number;
  /** Pushes since the last check that went to the heap for being beyond the window. */
  private farPushes = 0;
  /** `seq` at the last adaptation check. */
  private adaptSeq = 0;

  constructor(capacityHint?: number, options: ChunkWheelOptions = {}) {
    const cap = checkCapacityHint(capacityHint);
    // Double representation from the start: see the Simulation constructor.
    this.time = 0.5;
    this.time = 0;
    const o = { ...DEFAULTS, ...options };
    if (
      !(o.initialBits >= 5 && o.initialBits <= o.maxBits && o.maxBits <= 24 && o.adaptBits >= 4 && o.adaptBits <= 30) ||
      !(Number.isInteger(o.smallLive) && o.smallLive >= 0 && o.smallLive <= REC_SPAN)
    ) {
      throw new RangeError(`invalid wheel options ${JSON.stringify(options)}`);
    }
    let chunks = 128;
    while (chunks < (cap >> CHUNK_BITS) * 2 && chunks < MAX_CHUNKS) chunks *= 2;
    const buf = new ArrayBuffer(chunks * CHUNK * 32);
    this.f64 = new Float64Array(buf);
    this.i32 = new Int32Array(buf);
    this.chunkNext = new Int32Array(chunks);
    this.chunkStart = new Int32Array(chunks);
    this.cRing = new Int32Array(chunks);
    for (let c = 0; c < chunks; c++) this.cRing[c] = c;
    this.cCount = chunks;
    this.cLow = ChunkWheelQueue.reserveFor(chunks);
    this.hRing = new Int32Array(64);
    this.heap = new KeyHeap(16);
    this.maxSpan = 1 << o.maxBits;
    this.adaptPeriod = 2 ** o.adaptBits;
    this.span = 1 << o.initialBits;
    this.mask = this.span - 1;
    this.smallLive = o.smallLive;
    this.reach = o.smallLive > 0 ? 0 : this.span;
    this.bHead = new Int32Array(this.span).fill(-1);
    this.bTail = new Int32Array(this.span).fill(-1);
    this.bTailKey = new Float64Array(this.span);
    this.occ = new Int32Array(this.span >> 5);
    this.summary = new Int32Array(Math.max(1, this.span >> 10));
  }

  /** Number of live events. */
  get size(): number {
    return this.live;
  }

  /** Typed-array entries held (records, buckets, heap); lets tests check that memory stays bounded. */
  get footprint(): number {
    return this.chunkNext.length * CHUNK + this.span * 3 + this.heap.key.length + this.hRing.length;
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
      if (this.live >= this.smallLive) this.reach = this.span;
    } else {
      this.farPushes++;
      if (this.seq - this.adaptSeq >= this.adaptPeriod) this.adapt();
    }
    return this.pushHeapAfter(d, priority, kind, arg);
  }

  /** {@link pushHeap} for an event at `time + d`; the heap reads the key from the record `fillAfter` wrote. */
  private pushHeapAfter(d: number, priority: number, kind: number, arg: number): number {
    if (this.hCount <= Math.max(16, (this.heapRecs - this.hCount) >> 2)) this.refillHeapRecords();
    const r = this.hRing[this.hHead]!;
    this.hHead = (this.hHead + 1) & (this.hRing.length - 1);
    this.hCount--;
    const seq = this.seq;
    const handle = this.fillAfter(r, d, priority, kind, arg);
    this.heap.pushFrom(this.f64, r << 2, seq, r);
    return handle;
  }

  /** {@link fill} for an event at `time + d`. */
  private fillAfter(r: number, d: number, priority: number, kind: number, arg: number): number {
    const f = r << 2;
    this.f64[f] = (this.time + d) * 256 + priority;
    this.f64[f + 1] = this.seq++;
    const i = r << 3;
    const i32 = this.i32;
    i32[i + 4] = kind;
    i32[i + 5] = arg;
    i32[i + 6] = ST_LIVE;
    const gen = (i32[i + 7]! + 1) & (REC_GEN_SPAN - 1);
    i32[i + 7] = gen;
    this.live++;
    return gen * REC_SPAN + r;
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
    const i32 = this.i32;
    const records = this.chunkNext.length * CHUNK;
    for (let r = 0; r < records; r++) {
      i32[(r << 3) + 6] = ST_FREE;
      i32[(r << 3) + 7] = (i32[(r << 3) + 7]! + 1) & (REC_GEN_SPAN - 1);
    }
    const chunks = this.chunkNext.length;
    for (let c = 0; c < chunks; c++) this.cRing[c] = c;
    this.cHead = 0;
    this.cCount = chunks;
    this.hHead = 0;
    this.hCount = 0;
    this.heapRecs = 0;
    this.bHead.fill(-1);
    this.bTail.fill(-1);
    this.occ.fill(0);
    this.summary.fill(0);
    this.wheelCount = 0;
    this.heap.n = 0;
    this.live = 0;
    this.dead = 0;
    this.deadFloor = 0;
    this.reach = this.smallLive > 0 ? 0 : this.span;
  }

  /** Writes a new live event into record `r` and returns its handle. */
  private fill(r: number, key: number, kind: number, arg: number): number {
    const f = r << 2;
    this.f64[f] = key;
    this.f64[f + 1] = this.seq++;
    const i = r << 3;
    const i32 = this.i32;
    i32[i + 4] = kind;
    i32[i + 5] = arg;
    i32[i + 6] = ST_LIVE;
    const gen = (i32[i + 7]! + 1) & (REC_GEN_SPAN - 1);
    i32[i + 7] = gen;
    this.live++;
    return gen * REC_SPAN + r;
  }

  /** Loads record `r` (key `key`) into the popped-event fields and frees it. */
  private emit(r: number, key: number): void {
    const time = Math.floor(key * INV_PRIORITY_SPAN);
    this.time = time;
    this.priority = key - time * 256;
    const i = r << 3;
    const i32 = this.i32;
    this.kind = i32[i + 4]!;
    this.arg = i32[i + 5]!;
    this.handle = i32[i + 7]! * REC_SPAN + r;
    i32[i + 6] = ST_FREE;
    this.live--;
  }

  /** A push beyond the wheel's window (or in small mode): counts it for adaptation and queues it in the heap. */
  private pushFar(key: number, kind: number, arg: number): number {
    if (this.reach !== this.span) {
      // Small mode: stay in it while few events are pending.
      if (this.live >= this.smallLive) this.reach = this.span;
      return this.pushHeap(key, kind, arg);
    }
    this.farPushes++;
    if (this.seq - this.adaptSeq >= this.adaptPeriod) this.adapt();
    return this.pushHeap(key, kind, arg);
  }

  /** Queues an event in the heap, its payload in a heap-side record. */
  private pushHeap(key: number, kind: number, arg: number): number {
    if (this.hCount <= Math.max(16, (this.heapRecs - this.hCount) >> 2)) this.refillHeapRecords();
    const r = this.hRing[this.hHead]!;
    this.hHead = (this.hHead + 1) & (this.hRing.length - 1);
    this.hCount--;
    this.heap.push(key, this.seq, r);
    return this.fill(r, key, kind, arg);
  }

  /** Returns a heap-side record to its ring. */
  private putHeapRecord(r: number): void {
    this.hRing[(this.hHead + this.hCount++) & (this.hRing.length - 1)] = r;
  }

  /** Moves one chunk's records to the heap side, growing the ring when needed. */
  private refillHeapRecords(): void {
    const c = this.takeChunk();
    if (this.heapRecs + CHUNK > this.hRing.length) {
      const len = this.hRing.length;
      const next = new Int32Array(len * 2);
      for (let k = 0; k < this.hCount; k++) next[k] = this.hRing[(this.hHead + k) & (len - 1)]!;
      this.hRing = next;
      this.hHead = 0;
    }
    for (let k = 0; k < CHUNK; k++) this.putHeapRecord((c << CHUNK_BITS) + k);
    this.heapRecs += CHUNK;
  }

  /** Pop when the wheel is empty: the heap root is the least event (no bitmap work). */
  private popHeap(): boolean {
    const heap = this.heap;
    const hr = heap.slot[0]!;
    if (this.i32[(hr << 3) + 6] !== ST_LIVE) return this.popSlow();
    const hk = heap.key[0]!;
    heap.removeTop();
    this.emit(hr, hk);
    this.putHeapRecord(hr);
    return true;
  }

  /** General pop: drops cancelled fronts, then takes the least of wheel front and heap root. */
  private popSlow(): boolean {
    if (!this.settle()) return false;
    const heap = this.heap;
    let r = -1;
    let b = 0;
    if (this.wheelCount > 0) {
      b = this.findBucket();
      r = this.bHead[b]!;
    }
    if (heap.n > 0) {
      const hk = heap.key[0]!;
      if (r < 0 || hk < this.f64[r << 2]! || (hk === this.f64[r << 2]! && heap.seq[0]! < this.f64[(r << 2) + 1]!)) {
        const hr = heap.slot[0]!;
        heap.removeTop();
        this.emit(hr, hk);
        this.putHeapRecord(hr);
        return true;
      }
    }
    this.emit(r, this.f64[r << 2]!);
    this.wheelCount--;
    this.advance(b, r);
    return true;
  }

  /**
   * Drops cancelled events from the wheel front and the heap root until both fronts are live.
   * @returns whether any live event is left
   */
  private settle(): boolean {
    const heap = this.heap;
    const i32 = this.i32;
    for (;;) {
      if (this.wheelCount > 0) {
        const b = this.findBucket();
        const r = this.bHead[b]!;
        if (i32[(r << 3) + 6] === ST_CANCELLED) {
          i32[(r << 3) + 6] = ST_FREE;
          this.dead--;
          this.wheelCount--;
          this.advance(b, r);
          continue;
        }
      }
      if (heap.n > 0) {
        const hr = heap.slot[0]!;
        if (i32[(hr << 3) + 6] === ST_CANCELLED) {
          heap.removeTop();
          i32[(hr << 3) + 6] = ST_FREE;
          this.dead--;
          this.putHeapRecord(hr);
          continue;
        }
      }
      return this.wheelCount > 0 || heap.n > 0;
    }
  }

  /** Moves bucket `b`'s head past record `r` (its current head). */
  private advance(b: number, r: number): void {
    if (r !== this.bTail[b] && ((r + 1) & CHUNK_MASK) !== 0) this.bHead[b] = r + 1;
    else this.advanceSlow(b, r);
  }

  /** {@link advance} when the bucket empties or the head leaves its chunk. */
  private advanceSlow(b: number, r: number): void {
    const c = r >> CHUNK_BITS;
    if (r === this.bTail[b]) {
      this.bHead[b] = -1;
      this.bTail[b] = -1;
      const w = b >> 5;
      const word = this.occ[w]! & ~(1 << (b & 31));
      this.occ[w] = word;
      if (word === 0) this.summary[w >> 5]! &= ~(1 << (w & 31));
    } else {
      this.bHead[b] = this.chunkNext[c]!;
    }
    this.putChunk(c);
  }

  /** Takes the chunk freed longest ago, growing the pool to keep a reserve. */
  private takeChunk(): number {
    if (this.cCount <= this.cLow) this.growPool();
    if (this.cCount === 0) throw new RangeError(`event queue is full (${REC_SPAN} records)`);
    const c = this.cRing[this.cHead]!;
    this.cHead = (this.cHead + 1) & (this.cRing.length - 1);
    this.cCount--;
    return c;
  }

  /** Takes a chunk for a new bucket or a chain extension; returns the record to start at. */
  private startChunk(): number {
    const c = this.takeChunk();
    const off = this.chunkStart[c]!;
    this.chunkStart[c] = (off + 1) & CHUNK_MASK;
    return (c << CHUNK_BITS) + off;
  }

  /** Returns a chunk to the free ring. */
  private putChunk(c: number): void {
    this.cRing[(this.cHead + this.cCount++) & (this.cRing.length - 1)] = c;
  }

  /** Appends a fresh chunk after the full chunk holding `tail`; returns its first record. */
  private linkChunk(tail: number): number {
    const r = this.takeChunk() << CHUNK_BITS;
    this.chunkNext[tail >> CHUNK_BITS] = r;
    return r;
  }

  /** The growth threshold for a pool of `chunks` chunks (zero at the maximum size: use everything). */
  private static reserveFor(chunks: number): number {
    return chunks >= MAX_CHUNKS ? 0 : Math.max(MIN_FREE_CHUNKS, Math.floor(chunks / 5));
  }

  /** Doubles the record pool; the new chunks join the free ring last. */
  private growPool(): void {
    const chunks = this.chunkNext.length;
    if (chunks >= MAX_CHUNKS) {
      this.cLow = 0;
      return;
    }
    const next = chunks * 2;
    const buf = new ArrayBuffer(next * CHUNK * 32);
    new Float64Array(buf).set(this.f64);
    this.f64 = new Float64Array(buf);
    this.i32 = new Int32Array(buf);
    this.chunkNext = growI32(this.chunkNext, next);
    this.chunkStart = growI32(this.chunkStart, next);
    const ring = new Int32Array(next);
    for (let k = 0; k < this.cCount; k++) ring[k] = this.cRing[(this.cHead + k) & (chunks - 1)]!;
    for (let c = chunks; c < next; c++) ring[this.cCount + c - chunks] = c;
    this.cRing = ring;
    this.cHead = 0;
    this.cCount += chunks;
    this.cLow = ChunkWheelQueue.reserveFor(next);
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

  /** Grows the wheel when many pushes miss it and there are enough events to fill a larger one. */
  private adapt(): void {
    const pushes = this.seq - this.adaptSeq;
    const far = this.farPushes;
    this.farPushes = 0;
    this.adaptSeq = this.seq;
    if (this.live * 2 < this.smallLive) {
      this.reach = 0;
      return;
    }
    if (this.span >= this.maxSpan) return;
    // Over 1/8 of pushes went beyond the window, and a doubled wheel would hold >= 1 event per 32 buckets.
    if (far * 8 > pushes && this.live * 16 >= this.span) this.resize(this.span * 2);
  }

  /** Moves every bucket to a wheel of `span` buckets; one time per bucket, so chains move whole. */
  private resize(span: number): void {
    const oldHead = this.bHead;
    const oldTail = this.bTail;
    const oldTailKey = this.bTailKey;
    this.span = span;
    this.mask = span - 1;
    this.reach = span;
    this.bHead = new Int32Array(span).fill(-1);
    this.bTail = new Int32Array(span).fill(-1);
    this.bTailKey = new Float64Array(span);
    this.occ = new Int32Array(span >> 5);
    this.summary = new Int32Array(Math.max(1, span >> 10));
    for (let b = 0; b < oldHead.length; b++) {
      const r = oldHead[b]!;
      if (r < 0) continue;
      // Live buckets hold distinct times within one span of the clock, so they stay distinct.
      const nb = Math.floor(this.f64[r << 2]! * INV_PRIORITY_SPAN) & this.mask;
      this.bHead[nb] = r;
      this.bTail[nb] = oldTail[b]!;
      this.bTailKey[nb] = oldTailKey[b]!;
      const w = nb >> 5;
      this.occ[w]! |= 1 << (nb & 31);
      this.summary[w >> 5]! |= 1 << (w & 31);
    }
  }

  /** Frees record `k` if it holds a cancelled wheel event (used by {@link compact}'s trimming). */
  private trimCancelled(k: number): void {
    if (this.i32[(k << 3) + 6] === ST_CANCELLED) {
      this.i32[(k << 3) + 6] = ST_FREE;
      this.dead--;
      this.wheelCount--;
    }
  }

  /**
   * Drops cancelled events: heap entries, and wheel records that do not share a chunk with a live
   * record (records never move, because handles point at them).
   */
  private compact(): void {
    const i32 = this.i32;
    for (let b = 0; b < this.span; b++) {
      const head = this.bHead[b]!;
      if (head < 0) continue;
      const tail = this.bTail[b]!;
      let first = -1; // first live record
      let last = -1; // last live record
      let keptChunk = -1; // last chunk kept in the new chain
      let r = head;
      let chunkFirst = head; // first record of the bucket in the current chunk
      let chunkHasLive = false;
      let chunkDead = 0;
      for (;;) {
        const st = i32[(r << 3) + 6]!;
        if (st === ST_LIVE) {
          if (first < 0) first = r;
          last = r;
          chunkHasLive = true;
        } else if (st === ST_CANCELLED) {
          chunkDead++;
        }
        if (r === tail || ((r + 1) & CHUNK_MASK) === 0) {
          const c = r >> CHUNK_BITS;
          const next = this.chunkNext[c]!;
          if (chunkHasLive) {
            if (keptChunk >= 0) this.chunkNext[keptChunk] = chunkFirst;
            keptChunk = c;
          } else {
            // No live record in this chunk: drop it (records outside the bucket are already free).
            for (let k = c << CHUNK_BITS; k <= r; k++) i32[(k << 3) + 6] = ST_FREE;
            this.dead -= chunkDead;
            this.wheelCount -= chunkDead;
            this.putChunk(c);
          }
          chunkHasLive = false;
          chunkDead = 0;
          if (r === tail) break;
          r = next;
          chunkFirst = next;
        } else {
          r++;
        }
      }
      if (first < 0) {
        this.bHead[b] = -1;
        this.bTail[b] = -1;
        const w = b >> 5;
        const word = this.occ[w]! & ~(1 << (b & 31));
        this.occ[w] = word;
        if (word === 0) this.summary[w >> 5]! &= ~(1 << (w & 31));
        continue;
      }
      // Trim cancelled records sharing a chunk with the first or last live one but outside them.
      for (let k = first & ~CHUNK_MASK; k < first; k++) this.trimCancelled(k);
      for (let k = last + 1; (k & CHUNK_MASK) !== 0; k++) this.trimCancelled(k);
      this.bHead[b] = first;
      this.bTail[b] = last;
      this.bTailKey[b] = this.f64[last << 2]!;
    }
    const heap = this.heap;
    const { key, seq, slot: hRec } = heap;
    let n = 0;
    for (let k = 0; k < heap.n; k++) {
      const r = hRec[k]!;
      if (i32[(r << 3) + 6] === ST_CANCELLED) {
        i32[(r << 3) + 6] = ST_FREE;
        this.dead--;
        this.putHeapRecord(r);
        continue;
      }
      key[n] = key[k]!;
      seq[n] = seq[k]!;
      hRec[n] = r;
      n++;
    }
    heap.n = n;
    heap.heapify();
    this.deadFloor = this.dead;
  }
}

/** Factory for {@link ChunkWheelQueue} with the default sizing. */
export const createChunkWheelQueue: EventQueueFactory = (capacityHint) => new ChunkWheelQueue(capacityHint);
