/**
 * The record store behind the chunked timing wheel (chunkwheel.ts): 32-byte event records in 8-record
 * chunks, a first-freed-first-reused pool of chunks, the ring of records set aside for events held
 * outside the wheel (the heap and small mode's list), and the writing and reading of one record.
 */
import { doubleFromTheStart, mutableFromTheStart } from "../mutable-fields.js";
import { growI32 } from "./common.js";

/** log2 of the records per chunk. */
export const CHUNK_BITS = 3;
/** Records per chunk: a bucket's events sit contiguously in chunks of this many. */
export const CHUNK = 1 << CHUNK_BITS;
/** `CHUNK - 1`. */
export const CHUNK_MASK = CHUNK - 1;
/** Record index range inside a handle (2^22 records: about four million pending events). */
export const REC_SPAN = 1 << 22;
/** Generation range inside a handle; handles stay below 2^30, i.e. Smis, so returning one never allocates. */
export const REC_GEN_SPAN = 1 << 8;
/** Most chunks the pool may hold. */
export const MAX_CHUNKS = REC_SPAN >> CHUNK_BITS;
/** Free chunks kept in reserve (besides a quarter of those in use) so that reuses of a record are spaced out. */
export const MIN_FREE_CHUNKS = 16;
/** Record state: not holding a pending event. */
export const ST_FREE = 0;
/** Record state: holds a pending event. */
export const ST_LIVE = 1;
/** Record state: holds a cancelled event not yet dropped. */
export const ST_CANCELLED = 2;
/** 1/256, exact: multiplying by it divides a key by 256 exactly and much faster than a division. */
export const INV_PRIORITY_SPAN = 1 / 256;

/**
 * Records and chunks of a {@link ChunkWheelQueue}, and the popped-event fields that reading a record
 * fills. A handle is `generation * 2^22 + record` (see ChunkWheelQueue).
 */
export abstract class ChunkRecords {
  time = 0;
  priority = 0;
  kind = 0;
  arg = 0;
  handle = -1;

  /** Pending, not cancelled. */
  protected live = 0;
  /** Cancelled but still stored; dropped when met or swept. */
  protected dead = 0;
  /** Cancelled records a sweep could not drop (they share chunks with live ones); paces the sweeps. */
  protected deadFloor = 0;
  /** Insertion counter (FIFO tie-break). */
  protected seq = 0;

  /** Record storage, Float64 view: key (`time * 256 + priority`), seq. */
  protected f64: Float64Array;
  /** Record storage, Int32 view over the same bytes: kind, arg, state, generation at words 4..7. */
  protected i32: Int32Array;
  /** Per chunk: the record where its bucket's chain continues (in the next chunk). */
  protected chunkNext: Int32Array;
  /**
   * Record offset at which a bucket starts when it next gets this chunk; rotates so that a wheel whose
   * buckets hold one event each does not wear out the generation of every chunk's first record.
   */
  protected chunkStart: Int32Array;
  /** FIFO ring of free chunks (capacity = chunk count, a power of two). */
  protected cRing: Int32Array;
  /** Ring position of the oldest free chunk. */
  protected cHead = 0;
  /** Free chunks. */
  protected cCount: number;
  /**
   * Reserve below which the pool grows: at least MIN_FREE_CHUNKS and a fifth of all chunks (so free
   * ones stay at least a quarter of those in use); recomputed when the pool grows.
   */
  protected cLow: number;

  /** FIFO ring of free records reserved for heap events. */
  protected hRing: Int32Array;
  /** Ring position of the oldest free heap record. */
  protected hHead = 0;
  /** Free heap records. */
  protected hCount = 0;
  /** Records owned by the heap side (free or in use). */
  protected heapRecs = 0;

  constructor(cap: number) {
    // Double representation from the start: see mutable-fields.ts. `priority` too: after 2^31 ms the pop
    // computes it from double keys.
    doubleFromTheStart(this, ["time", "priority"]);
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
    this.cLow = ChunkRecords.reserveFor(chunks);
    this.hRing = new Int32Array(64);
    // Replaced when they grow (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["f64", "i32", "chunkNext", "chunkStart", "cRing", "hRing"]);
  }

  /** Frees every record and bumps every generation (all outstanding handles become stale). */
  protected clearRecords(): void {
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
    this.live = 0;
    this.dead = 0;
    this.deadFloor = 0;
  }

  /** {@link fill} for an event at `time + d`. */
  protected fillAfter(r: number, d: number, priority: number, kind: number, arg: number): number {
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

  /** Writes a new live event into record `r` and returns its handle. */
  protected fill(r: number, key: number, kind: number, arg: number): number {
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
  protected emit(r: number, key: number): void {
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

  /** Takes the heap-side record freed longest ago. */
  protected takeHeapRecord(): number {
    if (this.hCount <= Math.max(16, (this.heapRecs - this.hCount) >> 2)) this.refillHeapRecords();
    const r = this.hRing[this.hHead]!;
    this.hHead = (this.hHead + 1) & (this.hRing.length - 1);
    this.hCount--;
    return r;
  }

  /** Returns a heap-side record to its ring. */
  protected putHeapRecord(r: number): void {
    this.hRing[(this.hHead + this.hCount++) & (this.hRing.length - 1)] = r;
  }

  /** Frees heap-side record `r`, which holds a cancelled event, back to its ring. */
  protected dropCancelledHeapRecord(r: number): void {
    this.i32[(r << 3) + 6] = ST_FREE;
    this.dead--;
    this.putHeapRecord(r);
  }

  /** Moves one chunk's records to the heap side, growing the ring when needed. */
  protected refillHeapRecords(): void {
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

  /** Takes the chunk freed longest ago, growing the pool to keep a reserve. */
  protected takeChunk(): number {
    if (this.cCount <= this.cLow) this.growPool();
    if (this.cCount === 0) throw new RangeError(`event queue is full (${REC_SPAN} records)`);
    const c = this.cRing[this.cHead]!;
    this.cHead = (this.cHead + 1) & (this.cRing.length - 1);
    this.cCount--;
    return c;
  }

  /** Takes a chunk for a new bucket or a chain extension; returns the record to start at. */
  protected startChunk(): number {
    const c = this.takeChunk();
    const off = this.chunkStart[c]!;
    this.chunkStart[c] = (off + 1) & CHUNK_MASK;
    return (c << CHUNK_BITS) + off;
  }

  /** Returns a chunk to the free ring. */
  protected putChunk(c: number): void {
    this.cRing[(this.cHead + this.cCount++) & (this.cRing.length - 1)] = c;
  }

  /** Appends a fresh chunk after the full chunk holding `tail`; returns its first record. */
  protected linkChunk(tail: number): number {
    const r = this.takeChunk() << CHUNK_BITS;
    this.chunkNext[tail >> CHUNK_BITS] = r;
    return r;
  }

  /** The growth threshold for a pool of `chunks` chunks (zero at the maximum size: use everything). */
  protected static reserveFor(chunks: number): number {
    return chunks >= MAX_CHUNKS ? 0 : Math.max(MIN_FREE_CHUNKS, Math.floor(chunks / 5));
  }

  /** Doubles the record pool; the new chunks join the free ring last. */
  protected growPool(): void {
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
    this.cLow = ChunkRecords.reserveFor(next);
  }
}
