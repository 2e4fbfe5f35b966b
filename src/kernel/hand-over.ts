/**
 * Synchronous hand-overs. By default a `Resource` hands a freed server to its first waiter through a
 * zero-delay event (`Priority.handoff`): the waiter runs after the releasing event. A model that wants the
 * waiter to start at once, inside the releasing event, builds its resources with one `HandOvers` and gives
 * it a `HandOverTarget`: the resources then record each hand-over (entity and kind) here instead of
 * scheduling it, and run them through the target's one method before `release`, `setCapacity` or
 * `cancelWait` returns. That saves the event's push, pop and dispatch through the handler table, and the
 * call to the target is one call site with one receiver class (monomorphic, inlinable).
 *
 * Cascades stay iterative: a hand-over whose handler releases another server (a granted truck gives back
 * what it held upstream, which is handed to the next truck, ...) only records the new hand-over; the
 * outermost run takes it from the list after the current one returns. So the stack depth does not grow
 * with the length of a blocking chain, and hand-overs run first-in-first-out, in the order the scheduled
 * events of the default would have had among themselves.
 */
import { assert } from "./assert.js";
import { mutableFromTheStart } from "./mutable-fields.js";

/** Receives the hand-overs of resources built with a `HandOvers`. */
export interface HandOverTarget {
  /**
   * Entity `entity` was handed what it waited for: a server (its request's grant kind) or room in a full
   * line (the resource's admit kind). Runs synchronously inside the call that freed it; never re-entered.
   */
  handOver(entity: number, kind: number): void;
}

/** Most hand-overs in one run (a run is one instant's cascade): a model that exceeds it loops. */
export const HAND_OVERS_PER_RUN_MAX = 1 << 24;

/** Pending synchronous hand-overs of a model's resources, run through one target. */
export class HandOvers {
  /** Hand-overs run since construction (they are not events: `Simulation.steps` does not count them). */
  count = 0;
  private readonly target: HandOverTarget;
  /** Entity and kind of each pending hand-over, interleaved, as a ring. */
  private ring = new Int32Array(32);
  private head = 0;
  private size = 0;
  private running = false;

  constructor(target: HandOverTarget) {
    this.target = target;
    // Replaced when it grows (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["ring"]);
  }

  /** Hand-overs recorded and not yet run. */
  get pending(): number {
    return this.size;
  }

  /** Records a hand-over (called by `Resource`); `run` runs it. */
  push(entity: number, kind: number): void {
    if (this.size === this.ring.length >> 1) this.grow();
    const cap = this.ring.length >> 1;
    let i = this.head + this.size;
    if (i >= cap) i -= cap;
    this.ring[2 * i] = entity;
    this.ring[2 * i + 1] = kind;
    this.size++;
  }

  /**
   * Runs the recorded hand-overs, and those their handlers record, first-in-first-out until none is left.
   * A call made while a run is under way (from inside a handler) returns at once: the running loop takes
   * over what was recorded.
   */
  run(): void {
    if (this.running) return;
    this.running = true;
    try {
      let n = 0;
      while (this.size > 0) {
        if (++n > HAND_OVERS_PER_RUN_MAX) assert(false, "too many hand-overs in one instant: a loop in the model?");
        const cap = this.ring.length >> 1;
        const i = this.head;
        const entity = this.ring[2 * i] as number;
        const kind = this.ring[2 * i + 1] as number;
        this.head = i + 1 === cap ? 0 : i + 1;
        this.size--;
        this.count++;
        this.target.handOver(entity, kind);
      }
    } finally {
      this.running = false;
    }
  }

  private grow(): void {
    const cap = this.ring.length >> 1;
    assert(cap * 2 <= HAND_OVERS_PER_RUN_MAX, `pending hand-overs exceed the bound of ${HAND_OVERS_PER_RUN_MAX}`);
    const next = new Int32Array(this.ring.length * 2);
    for (let j = 0; j < this.size; j++) {
      const i = (this.head + j) % cap;
      next[2 * j] = this.ring[2 * i] as number;
      next[2 * j + 1] = this.ring[2 * i + 1] as number;
    }
    this.ring = next;
    this.head = 0;
  }
}
