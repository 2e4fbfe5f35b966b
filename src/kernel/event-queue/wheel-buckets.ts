/**
 * The wheel of the chunked timing-wheel queue (chunkwheel.ts): one bucket per millisecond of the window,
 * each a FIFO chain of chunk records, a two-level occupancy bitmap to find the next non-empty bucket,
 * and the bucket-level moves (advance past a popped head, resize, sweep cancelled records).
 */
import { mutableFromTheStart } from "../mutable-fields.js";
import {
  CHUNK_BITS,
  CHUNK_MASK,
  ChunkRecords,
  INV_PRIORITY_SPAN,
  ST_CANCELLED,
  ST_FREE,
  ST_LIVE,
} from "./chunk-records.js";

/** Index of the lowest set bit of a non-zero int32. */
export function ctz(x: number): number {
  return 31 - Math.clz32(x & -x);
}

/** The buckets of a {@link ChunkWheelQueue} over its records. */
export abstract class WheelBuckets extends ChunkRecords {
  /** Buckets; the wheel covers times `[this.time, this.time + span)`. */
  protected span: number;
  /** `span - 1`. */
  protected mask: number;
  /** Record index of each bucket's first unconsumed record, or -1 when empty. */
  protected bHead: Int32Array;
  /** Record index of each bucket's last record, or -1 when empty. */
  protected bTail: Int32Array;
  /**
   * Key of each bucket's last record: a copy that spares push from reading the tail record, which at a
   * million pending events is usually a cache miss.
   */
  protected bTailKey: Float64Array;
  /** Bit per bucket: non-empty. */
  protected occ: Int32Array;
  /** Bit per `occ` word: that word is non-zero. */
  protected summary: Int32Array;
  /** Records (live or cancelled) in buckets. */
  protected wheelCount = 0;

  constructor(cap: number, bits: number) {
    super(cap);
    this.span = 1 << bits;
    this.mask = this.span - 1;
    this.bHead = new Int32Array(this.span).fill(-1);
    this.bTail = new Int32Array(this.span).fill(-1);
    this.bTailKey = new Float64Array(this.span);
    this.occ = new Int32Array(this.span >> 5);
    this.summary = new Int32Array(Math.max(1, this.span >> 10));
    // What `resizeBuckets` replaces (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["span", "mask", "bHead", "bTail", "bTailKey", "occ", "summary"]);
  }

  /** Empties every bucket (the records are freed by {@link ChunkRecords.clearRecords}). */
  protected clearBuckets(): void {
    this.bHead.fill(-1);
    this.bTail.fill(-1);
    this.occ.fill(0);
    this.summary.fill(0);
    this.wheelCount = 0;
  }

  /** Moves bucket `b`'s head past record `r` (its current head). */
  protected advance(b: number, r: number): void {
    if (r !== this.bTail[b] && ((r + 1) & CHUNK_MASK) !== 0) this.bHead[b] = r + 1;
    else this.advanceSlow(b, r);
  }

  /** {@link advance} when the bucket empties or the head leaves its chunk. */
  protected advanceSlow(b: number, r: number): void {
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

  /** First non-empty bucket at or after the current time's bucket, in circular (= time) order. */
  protected findBucket(): number {
    const start = this.time & this.mask;
    const w = start >> 5;
    const bits = this.occ[w]! & (-1 << (start & 31));
    if (bits !== 0) return (w << 5) | ctz(bits);
    return this.findBucketFar(w);
  }

  /** Slow path of {@link findBucket}: scans the summary from the word after `w`, wrapping around. */
  protected findBucketFar(w: number): number {
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

  /** Frees record `k` if it holds a cancelled wheel event (used by {@link compact}'s trimming). */
  protected trimCancelled(k: number): void {
    if (this.i32[(k << 3) + 6] === ST_CANCELLED) {
      this.i32[(k << 3) + 6] = ST_FREE;
      this.dead--;
      this.wheelCount--;
    }
  }

  /** Moves every bucket to a wheel of `span` buckets; one time per bucket, so chains move whole. */
  protected resizeBuckets(span: number): void {
    const oldHead = this.bHead;
    const oldTail = this.bTail;
    const oldTailKey = this.bTailKey;
    this.span = span;
    this.mask = span - 1;
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

  /** Drops cancelled wheel records that do not share a chunk with a live one (see {@link ChunkWheelQueue}). */
  protected compactBuckets(): void {
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
  }
}
