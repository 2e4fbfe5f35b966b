/**
 * What the wheel of the chunked timing-wheel queue (chunkwheel.ts) does not hold: small mode's sorted
 * list for a handful of pending events, pushes into the 4-ary heap (declared with the coarse tier in
 * coarse-buckets.ts) for events beyond the window or out of a bucket's order; the general pop that
 * merges them with the wheel, dropping cancelled fronts and draining the coarse tier's buckets.
 */
import { ST_CANCELLED, ST_FREE, ST_LIVE } from "./chunk-records.js";
import { CoarseBuckets, ST_MARKER } from "./coarse-buckets.js";

/** The heap and the small-mode list of a {@link ChunkWheelQueue}. */
export abstract class FarEvents extends CoarseBuckets {
  /**
   * Pushes at `time + reach` or later go to the heap (or the small-mode list): `span` in wheel mode, 0
   * in small mode (fewer than `smallLive` pending). Small mode ends on a push that finds `smallLive`
   * pending events and starts again at an adaptation check that finds fewer than half that.
   */
  protected reach = 0;
  /** See {@link ChunkWheelOptions.smallLive}. */
  protected readonly smallLive: number;

  /**
   * Small mode's list: keys and heap-side records of its events, sorted so that the last entry pops first.
   * While it holds anything, the wheel and the heap are empty and `reach` is 0: with a handful of pending
   * events, a push moves the few entries that pop before it and a pop takes the last one, cheaper than
   * sifting a heap. It moves into the heap when small mode ends or when it is full.
   */
  protected readonly tKey: Float64Array;
  /** Record of each entry of the small-mode list. */
  protected readonly tRec: Int32Array;
  /** Entries in the small-mode list. */
  protected tN = 0;

  constructor(
    cap: number,
    bits: number,
    smallLive: number,
    smallListMax: number,
    coarseBits: number,
    coarseWidthBits: number,
  ) {
    super(cap, bits, coarseBits, coarseWidthBits);
    this.smallLive = smallLive;
    this.reach = smallLive > 0 ? 0 : this.span;
    this.tKey = new Float64Array(smallListMax);
    this.tRec = new Int32Array(smallListMax);
  }

  /** Queues an event in the heap, its payload in a heap-side record. */
  protected pushHeap(key: number, kind: number, arg: number): number {
    const r = this.takeHeapRecord();
    this.heap.push(key, this.seq, r);
    return this.fill(r, key, kind, arg);
  }

  /** {@link pushHeap} for an event at `time + d`; the heap reads the key from the record `fillAfter` wrote. */
  protected pushHeapAfter(d: number, priority: number, kind: number, arg: number): number {
    const r = this.takeHeapRecord();
    const seq = this.seq;
    const handle = this.fillAfter(r, d, priority, kind, arg);
    this.heap.pushFrom(this.f64, r << 2, seq, r);
    return handle;
  }

  /** Whether a small-mode push may go to the list: it has room, and the wheel and the heap are empty. */
  protected smallListHasRoom(): boolean {
    return this.tN < this.tKey.length && this.wheelCount === 0 && this.heap.n === 0;
  }

  /**
   * Inserts filled record `r` (the newest event, so last among equal keys) into the small-mode list:
   * the entries that pop before it move up one place.
   */
  protected smallListInsert(r: number): void {
    const key = this.f64[r << 2]!;
    const tKey = this.tKey;
    const tRec = this.tRec;
    let j = this.tN++;
    while (j > 0 && tKey[j - 1]! <= key) {
      tKey[j] = tKey[j - 1]!;
      tRec[j] = tRec[j - 1]!;
      j--;
    }
    tKey[j] = key;
    tRec[j] = r;
  }

  /**
   * A small-mode push that the list cannot take: ends small mode when enough events are pending, and
   * moves the list's entries (cancelled ones too; they are dropped when met) into the heap.
   */
  protected leaveSmallList(): void {
    if (this.live >= this.smallLive) this.reach = this.span;
    const f64 = this.f64;
    for (let j = 0; j < this.tN; j++) {
      const r = this.tRec[j]!;
      this.heap.pushFrom(f64, r << 2, f64[(r << 2) + 1]!, r);
    }
    this.tN = 0;
  }

  /** Pop in small mode: the list's last entry is the least event. */
  protected popSmallList(): boolean {
    const j = this.tN - 1;
    const r = this.tRec[j]!;
    if (this.i32[(r << 3) + 6] !== ST_LIVE) return this.popSlow();
    this.tN = j;
    this.emit(r, this.tKey[j]!);
    this.putHeapRecord(r);
    return true;
  }

  /** Pop when the wheel is empty: the heap root is the least event (no bitmap work). */
  protected popHeap(): boolean {
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
  protected popSlow(): boolean {
    if (!this.settle()) return false;
    if (this.tN > 0) {
      // The list holds events only while the wheel and the heap are empty.
      const j = --this.tN;
      const tr = this.tRec[j]!;
      this.emit(tr, this.tKey[j]!);
      this.putHeapRecord(tr);
      return true;
    }
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
  protected settle(): boolean {
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
        const st = i32[(hr << 3) + 6];
        if (st === ST_CANCELLED) {
          heap.removeTop();
          this.dropCancelledHeapRecord(hr);
          continue;
        }
        if (st === ST_MARKER) {
          this.drainCoarse();
          continue;
        }
      }
      if (this.tN > 0) {
        const tr = this.tRec[this.tN - 1]!;
        if (i32[(tr << 3) + 6] === ST_CANCELLED) {
          this.tN--;
          this.dropCancelledHeapRecord(tr);
          continue;
        }
      }
      return this.wheelCount > 0 || heap.n > 0 || this.tN > 0;
    }
  }

  /** {@link compactBuckets} for the heap, the coarse buckets and the small-mode list. */
  protected compactFar(): void {
    this.compactCoarse();
    const i32 = this.i32;
    const heap = this.heap;
    const { key, seq, slot: hRec } = heap;
    let n = 0;
    for (let k = 0; k < heap.n; k++) {
      const r = hRec[k]!;
      if (i32[(r << 3) + 6] === ST_CANCELLED) {
        this.dropCancelledHeapRecord(r);
        continue;
      }
      key[n] = key[k]!;
      seq[n] = seq[k]!;
      hRec[n] = r;
      n++;
    }
    heap.n = n;
    heap.heapify();
    // The small-mode list keeps its order: live entries close up.
    const tRec = this.tRec;
    const tKey = this.tKey;
    let m = 0;
    for (let j = 0; j < this.tN; j++) {
      const r = tRec[j]!;
      if (i32[(r << 3) + 6] === ST_CANCELLED) {
        this.dropCancelledHeapRecord(r);
        continue;
      }
      tKey[m] = tKey[j]!;
      tRec[m] = r;
      m++;
    }
    this.tN = m;
  }
}
