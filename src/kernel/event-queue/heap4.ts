import { PRIORITY_SPAN } from "./common.js";
import { KeyHeap } from "./keyheap.js";
import { SLOT_CANCELLED, SlotStore } from "./slots.js";
import type { EventQueue, EventQueueFactory } from "./types.js";

/**
 * Future-event list on a typed-array 4-ary heap: O(log n) whatever the time distribution, the robust
 * baseline the bucket queues are measured against.
 *
 * Each heap entry is `(key = time * 256 + priority, seq, slot)`, so ordering needs one double comparison
 * and only looks at `seq` on exact (time, priority) ties. With `fused`, `pop()` leaves the root in place
 * and the next `push()` overwrites it and sifts down once (a pop followed by a push, the usual simulation
 * step, then costs one sift instead of two); without it, pop and push are the textbook operations.
 */
export class Heap4Queue extends SlotStore implements EventQueue {
  /** The ordering structure. */
  private readonly heap: KeyHeap;
  /** True when the root holds an already-popped event that the next push may overwrite. */
  private rootGone = false;
  /** Whether pop+push are fused through `rootGone`. */
  private readonly fused: boolean;

  constructor(capacityHint?: number, fused = false) {
    super(capacityHint);
    this.heap = new KeyHeap(this.sKind.length);
    this.fused = fused;
  }

  push(timeMs: number, priority: number, kind: number, arg: number): number {
    const slot = this.allocSlot(timeMs, priority, kind, arg);
    const key = timeMs * PRIORITY_SPAN + priority;
    if (this.rootGone) {
      this.rootGone = false;
      this.heap.replaceTop(key, this.seq++, slot);
    } else {
      this.heap.push(key, this.seq++, slot);
    }
    return this.handleOf(slot);
  }

  pushAfter(delayMs: number, priority: number, kind: number, arg: number): number {
    return this.push(this.time + delayMs, priority, kind, arg);
  }

  pop(): boolean {
    const heap = this.heap;
    if (this.rootGone) {
      this.rootGone = false;
      heap.removeTop();
    }
    if (heap.n === 0) return false;
    let slot = heap.slot[0]!;
    if (this.sState[slot] === SLOT_CANCELLED) {
      this.dropCancelledRoots();
      if (heap.n === 0) return false;
      slot = heap.slot[0]!;
    }
    const key = heap.key[0]!;
    const time = Math.floor(key / PRIORITY_SPAN);
    this.emit(slot, time, key - time * PRIORITY_SPAN);
    if (this.fused) this.rootGone = true;
    else heap.removeTop();
    return true;
  }

  peekTime(): number {
    const heap = this.heap;
    if (this.rootGone) {
      this.rootGone = false;
      heap.removeTop();
    }
    if (heap.n > 0 && this.sState[heap.slot[0]!] === SLOT_CANCELLED) this.dropCancelledRoots();
    return heap.n === 0 ? Number.POSITIVE_INFINITY : Math.floor(heap.key[0]! / PRIORITY_SPAN);
  }

  cancel(handle: number): boolean {
    if (this.cancelSlot(handle) < 0) return false;
    // Keep memory bounded: once cancelled entries outnumber live ones, rebuild without them.
    if (this.dead > 32 && this.dead > this.live) this.compact();
    return true;
  }

  clear(): void {
    this.resetSlots();
    this.heap.n = 0;
    this.rootGone = false;
  }

  protected structureFootprint(): number {
    return this.heap.key.length;
  }

  /** Pops cancelled entries off the top, reclaiming their slots. */
  private dropCancelledRoots(): void {
    const heap = this.heap;
    while (heap.n > 0) {
      const slot = heap.slot[0]!;
      if (this.sState[slot] !== SLOT_CANCELLED) return;
      this.reclaim(slot);
      heap.removeTop();
    }
  }

  /** Drops every cancelled entry and re-heapifies, reclaiming their slots. */
  private compact(): void {
    const heap = this.heap;
    if (this.rootGone) {
      this.rootGone = false;
      heap.removeTop();
    }
    const { key, seq, slot: hSlot } = heap;
    let w = 0;
    for (let r = 0; r < heap.n; r++) {
      const slot = hSlot[r]!;
      if (this.sState[slot] === SLOT_CANCELLED) {
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

/** Factory for {@link Heap4Queue} with textbook pop and push (in our hold runs, not slower than fused). */
export const createHeap4Queue: EventQueueFactory = (capacityHint) => new Heap4Queue(capacityHint, false);

/** Factory for {@link Heap4Queue} with lazy root removal fused into the next push. */
export const createHeap4FusedQueue: EventQueueFactory = (capacityHint) => new Heap4Queue(capacityHint, true);
