import { PRIORITY_MAX } from "./types.js";

/**
 * Latest schedulable time (2^44 ms, about 557 years): keeps `time * 256 + priority` an exact double,
 * which lets the implementations compare time and priority with one floating-point comparison.
 */
export const TIME_MAX_MS = 2 ** 44;

/** Number of distinct priorities; multiplier that packs a priority under a time in one key. */
export const PRIORITY_SPAN = PRIORITY_MAX + 1;

/**
 * Slot index range inside a handle; bounds the number of simultaneously pending events (2^21, about
 * two million). Handles are `generation * SLOT_SPAN + slot < 2^30`, so they are small integers (Smis)
 * on every V8 configuration and returning one never allocates a heap number.
 */
export const SLOT_SPAN = 2 ** 21;

/**
 * Generation range inside a handle. Slots are recycled first-freed-first-reused with at least a quarter
 * of the pending count free, so a stale handle can only match again after its slot was reused this many
 * times, i.e. after at least `GEN_SPAN * pending / 4` pushes.
 */
export const GEN_SPAN = 2 ** 9;

/**
 * Explains why a push was rejected; kept out of line so the hot push paths stay small.
 * @returns the error to throw (the caller throws so the control flow stays visible)
 */
export function pushError(timeMs: number, priority: number, kind: number, arg: number, floorMs: number): RangeError {
  if (typeof timeMs !== "number" || Number.isNaN(timeMs))
    return new RangeError(`event time must be a number, got ${timeMs}`);
  if (timeMs < 0) return new RangeError(`event time must be non-negative, got ${timeMs}`);
  if (!Number.isInteger(timeMs)) return new RangeError(`event time must be an integer number of ms, got ${timeMs}`);
  if (timeMs < floorMs) return new RangeError(`event time ${timeMs} is before the current time ${floorMs}`);
  if (timeMs > TIME_MAX_MS) return new RangeError(`event time ${timeMs} exceeds the maximum ${TIME_MAX_MS}`);
  if (!Number.isInteger(priority) || priority < 0 || priority > PRIORITY_MAX)
    return new RangeError(`event priority must be an integer in [0, ${PRIORITY_MAX}], got ${priority}`);
  if (!Number.isInteger(kind) || kind < 0 || kind > 0x7fffffff)
    return new RangeError(`event kind must be an integer in [0, 2^31), got ${kind}`);
  if ((arg | 0) !== arg) return new RangeError(`event arg must be an int32, got ${arg}`);
  return new RangeError("invalid event");
}

/**
 * Shared by every implementation so a bad capacity hint fails the same way everywhere.
 * @returns the initial slot capacity: a power of two with room for the hint plus recycling slack
 */
export function checkCapacityHint(capacityHint: number | undefined): number {
  const hint = capacityHint ?? 64;
  if (!Number.isInteger(hint) || hint < 0 || hint > SLOT_SPAN)
    throw new RangeError(`capacityHint must be an integer in [0, ${SLOT_SPAN}], got ${capacityHint}`);
  let cap = 16;
  while (cap < hint + (hint >> 2) && cap < SLOT_SPAN) cap *= 2;
  return cap;
}

/**
 * FIFO ring of free slot indices. Reusing the slot freed longest ago (not the one just freed) spaces
 * out reuses of any one slot, which is what makes the short generation counter safe.
 */
export class SlotRing {
  /** Ring storage; its length is the slot capacity (a power of two). */
  ring: Int32Array;
  /** Position of the oldest free slot. */
  head = 0;
  /** Number of free slots. */
  count: number;

  constructor(capacity: number) {
    this.ring = new Int32Array(capacity);
    for (let i = 0; i < capacity; i++) this.ring[i] = i;
    this.count = capacity;
  }

  /** Returns a slot to the pool. */
  put(slot: number): void {
    this.ring[(this.head + this.count++) & (this.ring.length - 1)] = slot;
  }

  /** Takes the slot freed longest ago; the caller keeps `count` above zero by growing first. */
  take(): number {
    const slot = this.ring[this.head]!;
    this.head = (this.head + 1) & (this.ring.length - 1);
    this.count--;
    return slot;
  }

  /**
   * Whether the pool is too small to keep reuses spaced: fewer free slots than a quarter of those in use.
   * At the maximum capacity the pool just runs down to empty.
   */
  needsGrowth(): boolean {
    const cap = this.ring.length;
    return this.count <= (cap - this.count) >> 2 && (cap < SLOT_SPAN || this.count === 0);
  }

  /** Doubles the capacity, keeping the free order; the new slots go last. */
  grow(): number {
    const cap = this.ring.length;
    if (cap >= SLOT_SPAN) throw new RangeError(`event queue is full (${SLOT_SPAN} slots)`);
    const next = new Int32Array(cap * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.ring[(this.head + i) & (cap - 1)]!;
    for (let s = cap; s < cap * 2; s++) next[this.count + s - cap] = s;
    this.ring = next;
    this.head = 0;
    this.count += cap;
    return cap * 2;
  }

  /** Marks every slot free again, in index order. */
  reset(): void {
    const cap = this.ring.length;
    for (let i = 0; i < cap; i++) this.ring[i] = i;
    this.head = 0;
    this.count = cap;
  }
}

/** Copies a typed array into a larger one; growth is rare (doubling) so this stays off the hot path. */
export function growF64(a: Float64Array, len: number): Float64Array {
  const b = new Float64Array(len);
  b.set(a);
  return b;
}

/** Int32 counterpart of {@link growF64}. */
export function growI32(a: Int32Array, len: number): Int32Array {
  const b = new Int32Array(len);
  b.set(a);
  return b;
}

/** Uint8 counterpart of {@link growF64}. */
export function growU8(a: Uint8Array, len: number): Uint8Array {
  const b = new Uint8Array(len);
  b.set(a);
  return b;
}
