/**
 * Named same-instant priorities. Events at equal simulated time pop in ascending priority, then in the
 * order they were scheduled. The names say why one kind of event must come before another at the same
 * instant, in the way simmer's `PRIORITY_RELEASE ... PRIORITY_MIN` table does.
 */
export const Priority = {
  /**
   * Capacity changes (opening hours, shift starts, lanes opened, an outage) take effect first, so that
   * everything else happening at that instant sees the new capacity (a truck arriving at 07:00 sees the
   * gate open).
   */
  capacity: 10,
  /**
   * A released server (or a freed stall, or a stored item) is handed to the waiter that was already
   * reserved for it, before ordinary events of the same instant run: the waiter was first in line. (A
   * resource built with `handOvers` tells the waiter inside the freeing call instead: no event.)
   */
  handoff: 20,
  /** Service completions and movements: the ordinary business of the model. */
  normal: 100,
  /** New arrivals come after completions, so that a completion at time t frees room for an arrival at t. */
  arrival: 150,
  /** Sampling of statistics and end-of-period bookkeeping see the settled state of the instant. */
  monitor: 200,
  /** Stop markers run after everything else at their instant. */
  stop: 250,
} as const;

/** One of the named same-instant priorities. */
export type PriorityLevel = (typeof Priority)[keyof typeof Priority];
