import { checkCapacityHint, GEN_SPAN, growI32, growU8, pushError, SLOT_SPAN, SlotRing, TIME_MAX_MS } from "./common.js";

/** Slot states: a slot is free, holds a pending event, or holds a cancelled event not yet reclaimed. */
export const SLOT_FREE = 0;
/** See {@link SLOT_FREE}. */
export const SLOT_LIVE = 1;
/** See {@link SLOT_FREE}. */
export const SLOT_CANCELLED = 2;

/**
 * Payload and handle bookkeeping shared by every queue: events live in recycled slots, and a handle is
 * `generation * SLOT_SPAN + slot` so that a handle kept after its slot was reused no longer matches.
 * Subclasses keep only their ordering structure (heap, buckets) and refer to events by slot index.
 */
export abstract class SlotStore {
  /** Time of the last popped event; also the floor below which pushes are rejected. */
  time = 0;
  /** Priority of the last popped event. */
  priority = 0;
  /** Kind of the last popped event. */
  kind = 0;
  /** Arg of the last popped event. */
  arg = 0;
  /** Handle of the last popped event. */
  handle = -1;

  /** Live event count (pending, not cancelled). */
  protected live = 0;
  /** Cancelled events still referenced by the ordering structure; reclaimed lazily. */
  protected dead = 0;
  /** Insertion counter: the FIFO tie-breaker. */
  protected seq = 0;

  /** Kind per slot. */
  protected sKind: Int32Array;
  /** Arg per slot. */
  protected sArg: Int32Array;
  /** Generation per slot; bumped whenever the slot's event leaves (pop, cancel reclaim, clear). */
  protected sGen: Int32Array;
  /** SLOT_FREE / SLOT_LIVE / SLOT_CANCELLED per slot. */
  protected sState: Uint8Array;
  /** Free slots, reused oldest first. */
  protected readonly free: SlotRing;

  constructor(capacityHint?: number) {
    const cap = checkCapacityHint(capacityHint);
    this.sKind = new Int32Array(cap);
    this.sArg = new Int32Array(cap);
    this.sGen = new Int32Array(cap);
    this.sState = new Uint8Array(cap);
    this.free = new SlotRing(cap);
  }

  /**
   * Typed-array entries held (slots plus the ordering structure); lets tests check that cancelled
   * events are reclaimed and memory stays bounded.
   */
  get footprint(): number {
    return this.sKind.length + this.structureFootprint();
  }

  /** Entries held by the subclass's ordering structure; see {@link footprint}. */
  protected abstract structureFootprint(): number;

  /** Number of live events. */
  get size(): number {
    return this.live;
  }

  /**
   * Validates a push and stores its payload in a fresh slot.
   * @returns the slot index
   */
  protected allocSlot(timeMs: number, priority: number, kind: number, arg: number): number {
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
    if (this.free.needsGrowth()) this.growSlots();
    const slot = this.free.take();
    this.sKind[slot] = kind;
    this.sArg[slot] = arg;
    this.sState[slot] = SLOT_LIVE;
    this.live++;
    return slot;
  }

  /** Handle of the event currently in `slot`. */
  protected handleOf(slot: number): number {
    return this.sGen[slot]! * SLOT_SPAN + slot;
  }

  /** Returns a slot to the free list and invalidates handles to it. */
  protected freeSlot(slot: number): void {
    this.sState[slot] = SLOT_FREE;
    this.sGen[slot] = (this.sGen[slot]! + 1) & (GEN_SPAN - 1);
    this.free.put(slot);
  }

  /**
   * Loads a live slot into the popped-event fields and frees it.
   * @param time the event time (kept by the ordering structure, not by the slot)
   */
  protected emit(slot: number, time: number, priority: number): void {
    this.time = time;
    this.priority = priority;
    this.kind = this.sKind[slot]!;
    this.arg = this.sArg[slot]!;
    const gen = this.sGen[slot]!;
    this.handle = gen * SLOT_SPAN + slot;
    this.sState[slot] = SLOT_FREE;
    this.sGen[slot] = (gen + 1) & (GEN_SPAN - 1);
    this.free.put(slot);
    this.live--;
  }

  /**
   * Marks a pending event cancelled; the ordering structure drops it when it meets it.
   * @returns the slot index, or -1 when the handle is not pending
   */
  protected cancelSlot(handle: number): number {
    if (!Number.isInteger(handle) || handle < 0) return -1;
    const slot = handle % SLOT_SPAN;
    const gen = (handle - slot) / SLOT_SPAN;
    if (slot >= this.sState.length || this.sState[slot] !== SLOT_LIVE || this.sGen[slot] !== gen) return -1;
    this.sState[slot] = SLOT_CANCELLED;
    this.sGen[slot] = (gen + 1) & (GEN_SPAN - 1);
    this.live--;
    this.dead++;
    return slot;
  }

  /** Reclaims a cancelled slot once the ordering structure has dropped it. */
  protected reclaim(slot: number): void {
    this.sState[slot] = SLOT_FREE;
    this.free.put(slot);
    this.dead--;
  }

  /** Invalidates every outstanding handle and frees every slot; used by `clear()`. */
  protected resetSlots(): void {
    const state = this.sState;
    const gen = this.sGen;
    for (let s = 0; s < state.length; s++) {
      if (state[s] === SLOT_LIVE) gen[s] = (gen[s]! + 1) & (GEN_SPAN - 1);
      state[s] = SLOT_FREE;
    }
    this.free.reset();
    this.live = 0;
    this.dead = 0;
  }

  /** Doubles the slot arrays. */
  private growSlots(): void {
    const len = this.free.grow();
    this.sKind = growI32(this.sKind, len);
    this.sArg = growI32(this.sArg, len);
    this.sGen = growI32(this.sGen, len);
    this.sState = growU8(this.sState, len);
    this.growSlotExtras(len);
  }

  /** Lets a subclass grow its own per-slot arrays along with the shared ones. */
  protected growSlotExtras(_len: number): void {}
}
