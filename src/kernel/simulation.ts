/**
 * The clock and the run loop. A model registers its event kinds once (a name and a handler each), then
 * schedules events that carry an integer kind and an integer argument (usually an entity id). The loop
 * pops the least event, advances the clock and calls the handler: no objects, closures or promises are
 * created per event, which is what makes the loop fast and the run a pure function of its inputs.
 */
import { assert, SimulationAssertionError } from "./assert.js";
import {
  createEventQueue,
  type EventQueue,
  type EventQueueFactory,
  PRIORITY_MAX,
  TIME_MAX_MS,
} from "./event-queue/index.js";
import { doubleFromTheStart } from "./mutable-fields.js";
import { Priority } from "./priority.js";

/** A handler of one event kind; `arg` is the integer the event was scheduled with. */
export type EventHandler = (arg: number) => void;

/** Options of `Simulation.run`. */
export interface RunOptions {
  /** Process events up to and including this simulated time, then set the clock to it. */
  untilMs?: number;
  /** Upper bound on events processed by this call; reaching it ends the run with reason `stepsMax`. */
  stepsMax?: number;
  /** Polled every `cancelCheckEvery` events; returning true ends the run with reason `cancelled`. */
  isCancelled?: () => boolean;
  /** How many events between two polls of `isCancelled` (default 65,536: cheap, and prompt enough). */
  cancelCheckEvery?: number;
}

/** Why a call to `run` returned. */
export type RunEndReason = "until" | "empty" | "stopped" | "cancelled" | "stepsMax";

/** What a call to `run` did. */
export interface RunOutcome {
  reason: RunEndReason;
  /** Events processed by this call. */
  steps: number;
  /** The clock when the call returned. */
  nowMs: number;
}

/** Options of a new Simulation. */
export interface SimulationOptions {
  /** Which event-queue implementation to use (default: the fastest, see event-queue/index.ts). */
  queueFactory?: EventQueueFactory;
  /** Expected number of pending events, to size the queue up front. */
  capacityHint?: number;
}

/** Default number of events between two polls of the cancel flag (as simmer checks every 100,000). */
export const CANCEL_CHECK_EVERY_DEFAULT = 65_536;

/** Kind of the marker event a bounded run queues at its horizon: above every handler's index. */
const UNTIL_KIND = 0x7fff_ffff;

/** A discrete-event simulation: clock, event kinds, the future-event list and the run loop. */
export class Simulation {
  /** Current simulated time in integer milliseconds. */
  now = 0;
  /** Events processed since construction. */
  steps = 0;
  private readonly queue: EventQueue;
  private readonly handlers: EventHandler[] = [];
  private readonly kindNames: string[] = [];
  private stopRequested = false;
  /** True while `run` runs (a handler must not start another run). */
  private running = false;
  /** Handle of the horizon marker of the bounded run in progress (see `run`), or -1. */
  private untilHandle = -1;
  /** Time of that marker. */
  private untilMarkMs = 0;

  constructor(options: SimulationOptions = {}) {
    this.queue = (options.queueFactory ?? createEventQueue)(options.capacityHint ?? 1024);
    // Times pass 2^31 ms: see mutable-fields.ts. The kernel's other time fields (queue time, time-weighted
    // statistics, waiting lines) do the same.
    doubleFromTheStart(this, ["now", "untilMarkMs"]);
  }

  /**
   * Registers an event kind and returns its integer id. Call once per kind at model construction, never
   * per event: the handler is a closure made once.
   */
  defineEvent(name: string, handler: EventHandler): number {
    assert(name.length > 0, "event kind name must not be empty");
    assert(!this.kindNames.includes(name), `event kind "${name}" is defined twice`);
    this.handlers.push(handler);
    this.kindNames.push(name);
    return this.handlers.length - 1;
  }

  /** Name of an event kind (for traces and error messages). */
  kindName(kind: number): string {
    return this.kindNames[kind] ?? `#${kind}`;
  }

  /** Number of pending events. */
  get pendingEvents(): number {
    return this.queue.size - (this.untilHandle >= 0 ? 1 : 0);
  }

  /** Time of the next pending event, or Infinity. */
  peekTime(): number {
    if (this.untilHandle < 0) return this.queue.peekTime();
    // Inside a bounded run: look past the run's horizon marker (taken out, then queued again).
    this.queue.cancel(this.untilHandle);
    const t = this.queue.peekTime();
    this.untilHandle = this.queue.push(this.untilMarkMs, PRIORITY_MAX, UNTIL_KIND, 0);
    return t;
  }

  /**
   * Schedules `kind(arg)` after `delayMs` (a non-negative integer) at the given same-instant priority.
   * @returns a handle for `cancel`
   */
  schedule(delayMs: number, kind: number, arg = 0, priority: number = Priority.normal): number {
    if (!(delayMs >= 0) || !Number.isInteger(delayMs)) this.badDelay(delayMs, kind);
    const queue = this.queue;
    // During a run the clock is the queue's time, so only the delay (a Smi) crosses the call: passing
    // `now + delayMs`, a double beyond 2^31 after 24.8 days, would allocate a heap number per event.
    if (this.now === queue.time) return queue.pushAfter(delayMs, priority, kind, arg);
    return queue.push(this.now + delayMs, priority, kind, arg);
  }

  /** Out of line so that `schedule` stays small enough to inline. */
  private badDelay(delayMs: number, kind: number): never {
    throw new SimulationAssertionError(
      `delay of "${this.kindName(kind)}" must be a non-negative integer of ms, got ${delayMs}`,
    );
  }

  /** Schedules `kind(arg)` at the absolute integer time `timeMs` (not in the past). */
  scheduleAt(timeMs: number, kind: number, arg = 0, priority: number = Priority.normal): number {
    if (!(timeMs >= this.now) || !Number.isInteger(timeMs)) {
      assert(false, `time of "${this.kindName(kind)}" must be an integer ≥ now (${this.now}), got ${timeMs}`);
    }
    if (!(kind >= 0 && kind < this.handlers.length)) assert(false, `unknown event kind ${kind}`);
    if (!(priority >= 0 && priority <= PRIORITY_MAX)) {
      assert(false, `priority must be in [0, ${PRIORITY_MAX}], got ${priority}`);
    }
    return this.queue.push(timeMs, priority, kind, arg);
  }

  /** Cancels a pending event; false if it already ran or was cancelled. */
  cancel(handle: number): boolean {
    return this.queue.cancel(handle);
  }

  /** Asks the running loop to return after the current event (reason `stopped`). */
  stop(): void {
    this.stopRequested = true;
  }

  /**
   * Runs events in `(time, priority, sequence)` order until the horizon, the step bound, a stop, a
   * cancellation, or an empty queue. Can be called again to continue (for example day by day).
   */
  run(options: RunOptions = {}): RunOutcome {
    const untilMs = options.untilMs ?? Number.POSITIVE_INFINITY;
    assert(untilMs >= this.now, `untilMs (${untilMs}) is before now (${this.now})`);
    const stepsMax = options.stepsMax ?? Number.MAX_SAFE_INTEGER;
    assert(stepsMax >= 0, `stepsMax must be ≥ 0, got ${stepsMax}`);
    const every = options.cancelCheckEvery ?? CANCEL_CHECK_EVERY_DEFAULT;
    assert(every >= 1, `cancelCheckEvery must be ≥ 1, got ${every}`);
    assert(!this.running, "run called from inside a run");
    const isCancelled = options.isCancelled;
    const queue = this.queue;
    const handlers = this.handlers;
    // A bounded run does not ask the queue for its next time before every event (as much work as the pop
    // itself): it queues a marker at the horizon, last among its time's priorities, and runs unchecked
    // until the marker comes out. Every event before the horizon has then run; the events of the horizon's
    // own instant that were queued after the marker, and those it triggers, run under the per-event check.
    let checkEach = false;
    if (untilMs !== Number.POSITIVE_INFINITY) {
      const mark = Math.floor(untilMs);
      if (mark <= TIME_MAX_MS) {
        this.untilMarkMs = mark;
        this.untilHandle = queue.push(mark, PRIORITY_MAX, UNTIL_KIND, 0);
      } else checkEach = true;
    }
    this.stopRequested = false;
    let steps = 0;
    // The loop checks the slow conditions (cancel flag, step bound) only at every `nextCheck`.
    let nextCheck = Math.min(every, stepsMax);
    let reason: RunEndReason;
    this.running = true;
    try {
      for (;;) {
        if (steps >= nextCheck) {
          if (steps >= stepsMax) {
            reason = "stepsMax";
            break;
          }
          if (isCancelled?.()) {
            reason = "cancelled";
            break;
          }
          nextCheck = Math.min(steps + every, stepsMax);
        }
        if (checkEach && queue.peekTime() > untilMs) {
          this.now = untilMs;
          reason = "until";
          break;
        }
        if (!queue.pop()) {
          reason = "empty";
          break;
        }
        const kind = queue.kind;
        if (kind === UNTIL_KIND) {
          this.untilHandle = -1;
          checkEach = true;
          continue;
        }
        this.now = queue.time;
        steps++;
        (handlers[kind] as EventHandler)(queue.arg);
        if (this.stopRequested) {
          reason = "stopped";
          break;
        }
      }
    } finally {
      this.running = false;
      // Ended before the horizon (stopped, cancelled, step bound, or a handler threw): the marker goes.
      if (this.untilHandle >= 0) {
        queue.cancel(this.untilHandle);
        this.untilHandle = -1;
      }
    }
    this.steps += steps;
    return { reason, steps, nowMs: this.now };
  }
}
