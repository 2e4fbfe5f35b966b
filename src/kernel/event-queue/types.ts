/**
 * The future-event list: the one data structure every discrete-event step goes through.
 *
 * Order is total: `(timeMs, priority, insertion sequence)`. Two events with equal time and priority pop
 * in the order they were pushed (first in, first out), like SimPy's `(time, priority, eid)`. Keys and
 * payloads live in typed arrays inside each implementation; pushing and popping allocate nothing.
 *
 * Popping does not return an object: after `pop()` returns true, the popped event is readable from the
 * `time`, `priority`, `kind`, `arg` and `handle` fields until the next `pop()`.
 */
export interface EventQueue {
  /** Number of live (pushed, not yet popped, not cancelled) events. */
  readonly size: number;
  /** Time of the last popped event (valid after `pop()` returned true). */
  time: number;
  /** Priority of the last popped event. */
  priority: number;
  /** Integer kind (handler id) of the last popped event. */
  kind: number;
  /** Integer payload (usually an entity id) of the last popped event. */
  arg: number;
  /** Handle of the last popped event. */
  handle: number;

  /**
   * Schedules an event.
   * @param timeMs integer-valued time, never below the time of the last popped event
   * @param priority integer in [0, PRIORITY_MAX]; lower pops first at equal time
   * @param kind integer in [0, 2^31)
   * @param arg integer in [-2^31, 2^31)
   * @returns a handle that `cancel()` accepts: an integer in [0, 2^30) (a Smi, so returning it never
   *   allocates); never reused while the event is pending, and a stale handle does not match a later event
   *   until its slot has been reused many times (see each implementation's generation counter)
   */
  push(timeMs: number, priority: number, kind: number, arg: number): number;
  /**
   * Schedules an event `delayMs` after `time` (the time of the last popped event, 0 before any pop):
   * the same as `push(time + delayMs, ...)`, but every argument is a small integer (a Smi), so the call
   * never boxes a time beyond 2^31 ms into a heap number; the simulation's per-event `schedule` uses it.
   * @param delayMs non-negative integer
   */
  pushAfter(delayMs: number, priority: number, kind: number, arg: number): number;
  /** Removes the least event into the `time`/`priority`/`kind`/`arg`/`handle` fields; false when empty. */
  pop(): boolean;
  /** Time of the least live event, or `Infinity` when empty. Does not remove it. */
  peekTime(): number;
  /** Cancels a pending event; returns false if the handle is not pending (already popped or cancelled). */
  cancel(handle: number): boolean;
  /** Drops every event; handles issued before are no longer pending. The clock (`time`) is kept. */
  clear(): void;
}

/** Highest priority value an event may carry (lower values pop first). */
export const PRIORITY_MAX = 255;

/** Builds an empty queue; `capacityHint` sizes the typed arrays up front (they still grow). */
export type EventQueueFactory = (capacityHint?: number) => EventQueue;
