/**
 * The coarse tier of the chunked timing-wheel queue (chunkwheel.ts): a ring of wide buckets (2^k ms
 * each) in front of the heap, the second rung of a ladder queue (Tang, Goh and Thng, "Ladder queue: an
 * O(1) priority queue structure for large-scale discrete event simulation", ACM TOMACS 15(3), 2005).
 *
 * A gate-model run keeps hundreds of events pending at delays from a minute to days, beyond any
 * exact-millisecond wheel that fits in cache, so without this tier most events go through the heap,
 * which then holds hundreds of entries. Here an event beyond the wheel but within the ring is appended,
 * unsorted, to the list of its bucket (a singly linked list through its record: O(1), no comparison);
 * when the clock reaches a bucket, its events move into the heap in one go, so the heap holds only the
 * current bucket's events and stays a few levels deep.
 *
 * "The clock reaches a bucket" is a marker entry in the heap: a record in state ST_MARKER whose key is
 * the start of the lowest non-empty bucket (priority 0) and whose sequence is -1, so it orders before
 * every event at or after that time. Whoever finds it at the heap root (settle, on pop or peek) drains
 * that bucket and places the marker at the next non-empty one. A push into a bucket below the marker's
 * places a new marker and turns the old one into a cancelled entry that is dropped when met. Buckets
 * cover `[frontier, frontier + ring * width)`, `frontier` being the start of the first bucket not yet
 * drained; pushes before it go to the heap (they are at most one bucket away), pushes past the ring too.
 * The split never changes the order: every event reaches the heap before anything after it pops.
 */
import { mutableFromTheStart } from "../mutable-fields.js";
import { CHUNK, ST_CANCELLED, ST_FREE, ST_LIVE } from "./chunk-records.js";
import { growI32 } from "./common.js";
import { KeyHeap } from "./keyheap.js";
import { ctz, WheelBuckets } from "./wheel-buckets.js";

/** Record state of a marker (no event; see the file comment). */
export const ST_MARKER = 3;
/** `markerIdx` when no marker is placed. */
const NO_MARKER = 0x7fffffff;

/** The heap and the coarse buckets in front of it. */
export abstract class CoarseBuckets extends WheelBuckets {
  /** Events the wheel cannot hold in order, plus the coarse tier's marker; `slot` holds their record index. */
  protected readonly heap: KeyHeap;

  /** Buckets in the ring (a power of two), or 0 when the tier is off. */
  protected readonly coarseSpan: number;
  /**
   * How far past the frontier (in buckets) pushes may go into the tier: `coarseSpan` while it takes
   * pushes, 0 while it does not (few events pending: then a shallow heap is cheaper than the tier's
   * drains and markers). Events already in the tier drain either way.
   */
  protected coarseLimit = 0;
  /** 1 / bucket width (a power of two: multiplying by it is exact). */
  private readonly coarseInvWidth: number;
  /** 1 / (bucket width * 256): turns a key into its bucket index. */
  protected readonly coarseInvKeyWidth: number;
  /** Bucket width in ms. */
  private readonly coarseWidth: number;
  /** First record of each bucket's list (ring position `index & (coarseSpan - 1)`), or -1. */
  private coarseHead: Int32Array;
  /** Next record in the same bucket's list, per record. */
  private coarseLink: Int32Array;
  /** Bit per bucket: non-empty. */
  private coarseOcc: Int32Array;
  /** Records (live or cancelled) in the buckets. */
  protected coarseCount = 0;
  /** Index (time / width) of the first bucket not yet drained; pushes before it go to the heap. */
  protected frontier = 0;
  /** Record of the marker in the heap, or -1. */
  private markerRec = -1;
  /** Bucket index the marker stands for, or NO_MARKER. */
  private markerIdx = NO_MARKER;

  constructor(cap: number, bits: number, coarseBits: number, coarseWidthBits: number) {
    super(cap, bits);
    this.heap = new KeyHeap(16);
    this.coarseSpan = coarseBits > 0 ? 1 << coarseBits : 0;
    this.coarseWidth = 2 ** coarseWidthBits;
    this.coarseInvWidth = 1 / this.coarseWidth;
    this.coarseInvKeyWidth = 1 / (this.coarseWidth * 256);
    const ring = Math.max(32, this.coarseSpan);
    this.coarseHead = new Int32Array(ring).fill(-1);
    this.coarseOcc = new Int32Array(ring >> 5);
    this.coarseLink = new Int32Array(this.chunkNext.length * CHUNK);
    // The frontier first moves, and the links grow, after the code is optimized: see mutable-fields.ts.
    mutableFromTheStart(this, ["frontier", "coarseLink"]);
  }

  /**
   * Whether bucket `c` (an event time divided by the width, floored) is in the ring: not drained yet
   * and less than a ring ahead of the frontier.
   */
  protected inCoarseRange(c: number): boolean {
    return c >= this.frontier && c - this.frontier < this.coarseLimit;
  }

  /** Appends filled heap-side record `r` to bucket `c` (see {@link inCoarseRange}). */
  protected coarseAdd(r: number, c: number): void {
    const slot = c & (this.coarseSpan - 1);
    const head = this.coarseHead[slot]!;
    this.coarseLink[r] = head;
    this.coarseHead[slot] = r;
    if (head < 0) this.coarseOcc[slot >> 5]! |= 1 << (slot & 31);
    this.coarseCount++;
    if (c < this.markerIdx) this.placeMarker(c);
  }

  /** Puts the marker into the heap at the start of bucket `c`; an older marker becomes a cancelled entry. */
  private placeMarker(c: number): void {
    if (this.markerRec >= 0) {
      this.i32[(this.markerRec << 3) + 6] = ST_CANCELLED;
      this.dead++;
    }
    const r = this.takeHeapRecord();
    const f = r << 2;
    this.f64[f] = c * this.coarseWidth * 256;
    this.f64[f + 1] = -1;
    this.i32[(r << 3) + 6] = ST_MARKER;
    this.heap.pushFrom(this.f64, f, -1, r);
    this.markerRec = r;
    this.markerIdx = c;
  }

  /**
   * The marker is at the heap root: removes it, moves the events of the first non-empty bucket into the
   * heap (dropping cancelled ones) and places the marker at the next non-empty bucket.
   */
  protected drainCoarse(): void {
    const heap = this.heap;
    const mr = heap.slot[0]!;
    heap.removeTop();
    this.i32[(mr << 3) + 6] = ST_FREE;
    this.putHeapRecord(mr);
    this.markerRec = -1;
    this.markerIdx = NO_MARKER;
    if (this.coarseCount === 0) return;
    const c = this.nextCoarse();
    const slot = c & (this.coarseSpan - 1);
    const f64 = this.f64;
    const i32 = this.i32;
    const link = this.coarseLink;
    let r = this.coarseHead[slot]!;
    while (r >= 0) {
      const next = link[r]!;
      if (i32[(r << 3) + 6] === ST_LIVE) heap.pushFrom(f64, r << 2, f64[(r << 2) + 1]!, r);
      else this.dropCancelledHeapRecord(r);
      this.coarseCount--;
      r = next;
    }
    this.coarseHead[slot] = -1;
    this.coarseOcc[slot >> 5]! &= ~(1 << (slot & 31));
    this.frontier = c + 1;
    if (this.coarseCount > 0) this.placeMarker(this.nextCoarse());
  }

  /** Index of the first non-empty bucket at or after the frontier (the caller checks there is one). */
  private nextCoarse(): number {
    const mask = this.coarseSpan - 1;
    const start = this.frontier & mask;
    let w = start >> 5;
    let bits = this.coarseOcc[w]! & (-1 << (start & 31));
    const words = this.coarseSpan >> 5;
    for (let i = 0; bits === 0; i++) {
      if (i > words) throw new Error("event queue coarse tier: occupancy bitmap out of sync");
      w = (w + 1) & (words - 1);
      bits = this.coarseOcc[w]!;
    }
    const slot = (w << 5) | ctz(bits);
    return this.frontier + ((slot - start) & mask);
  }

  /** Drops cancelled records from every bucket's list. */
  protected compactCoarse(): void {
    if (this.coarseCount === 0) return;
    const i32 = this.i32;
    const link = this.coarseLink;
    for (let slot = 0; slot < this.coarseSpan; slot++) {
      let r = this.coarseHead[slot]!;
      let prev = -1;
      while (r >= 0) {
        const next = link[r]!;
        if (i32[(r << 3) + 6] === ST_CANCELLED) {
          this.dropCancelledHeapRecord(r);
          this.coarseCount--;
          if (prev < 0) this.coarseHead[slot] = next;
          else link[prev] = next;
        } else {
          prev = r;
        }
        r = next;
      }
      if (this.coarseHead[slot]! < 0) this.coarseOcc[slot >> 5]! &= ~(1 << (slot & 31));
    }
  }

  /** Empties the tier and the heap (the records are freed by clearRecords); the frontier moves to the clock. */
  protected clearCoarse(): void {
    this.coarseHead.fill(-1);
    this.coarseOcc.fill(0);
    this.coarseCount = 0;
    this.markerRec = -1;
    this.markerIdx = NO_MARKER;
    this.frontier = Math.floor(this.time * this.coarseInvWidth);
    this.heap.n = 0;
  }

  /** Typed-array entries held by the tier. */
  protected get coarseFootprint(): number {
    return this.coarseHead.length + this.coarseLink.length;
  }

  protected override growPool(): void {
    super.growPool();
    const records = this.chunkNext.length * CHUNK;
    if (this.coarseLink.length < records) this.coarseLink = growI32(this.coarseLink, records);
  }
}
