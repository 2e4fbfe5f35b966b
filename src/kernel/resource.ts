/**
 * A resource: `capacity` identical servers (gate lanes, X-ray units, officers, yard stalls) and a waiting
 * line. An entity requests a server and names the event kind to run when it gets one; it keeps the server
 * until it releases it. Holding one resource while requesting the next is how blocking propagates: a
 * truck that cannot get a yard stall keeps its gate lane, the gate line grows, and the queue backs up.
 *
 * Capacity may follow a schedule. When capacity drops below the number of busy servers, the servers that
 * are removed finish their current job first (no preemption); no waiter is served until busy < capacity.
 *
 * A freed server (a release, a capacity rise, a waiter that reneged) is reserved for the first waiter at
 * once. By default the waiter is told through a zero-delay event of its grant kind (`Priority.handoff`),
 * which runs after the releasing event; with `handOvers` it is told inside the releasing call instead
 * (see hand-over.ts).
 */
import { assert } from "./assert.js";
import type { HandOvers } from "./hand-over.js";
import { Priority } from "./priority.js";
import type { CapacitySchedule } from "./schedule.js";
import type { Simulation } from "./simulation.js";
import { Tally, TimeWeighted } from "./stats.js";
import { createWaitQueue, type Discipline, FifoWaitQueue, type WaitQueue } from "./wait-queue.js";

/** Outcome of `Resource.request`. */
export const RequestStatus = {
  /** A server was free: the caller holds it now and continues synchronously (no event follows). */
  granted: 0,
  /** The caller waits; its grant event (or hand-over) runs when a server is handed to it. */
  queued: 1,
  /** The line was full and the resource rejects when full: the caller was turned away (a loss). */
  rejected: 2,
  /** The line was full and the resource blocks when full: the caller waits upstream for room in the line. */
  blocked: 3,
} as const;

/** One of the values of RequestStatus. */
export type RequestStatusCode = (typeof RequestStatus)[keyof typeof RequestStatus];

/** How a resource is built. */
export interface ResourceOptions {
  name: string;
  /** Initial number of servers (ignored when `schedule` is given). */
  capacity?: number;
  /** Capacity over time; the resource follows it through its own events. */
  schedule?: CapacitySchedule;
  /** Order of the waiting line (default first-in-first-out). */
  discipline?: Discipline;
  /** Most entities that may wait (not counting those in service); default unbounded up to the hard bound. */
  queueLengthMax?: number;
  /** What a request finds when the line is full: turned away (`reject`) or held upstream (`block`). */
  whenFull?: "reject" | "block";
  /**
   * Event kind run (with the entity as argument) when a blocked entity is admitted into the line, so that
   * it can release what it holds upstream. Required with `whenFull: "block"`. With `handOvers` it is the
   * kind passed to the target's `handOver` instead (any non-negative integer, not an event kind).
   */
  admitKind?: number;
  /**
   * Synchronous hand-over: a freed server (or room for a blocked entity) is handed over inside the call
   * that freed it (`release`, `setCapacity`, `cancelWait`, a scheduled capacity change) through
   * `handOvers`' target, instead of by a zero-delay event. The request's grant kind and `admitKind` are
   * then the kinds the target receives, not event kinds. Several resources may share one `HandOvers`.
   * Default: none (hand-overs are scheduled events).
   */
  handOvers?: HandOvers;
}

/** A multi-server resource with a waiting line, a capacity schedule and streaming statistics. */
export class Resource {
  readonly name: string;
  /** Servers in force now. */
  capacity: number;
  /** Servers held now (may exceed capacity briefly after a capacity drop). */
  busy = 0;
  /** Time-weighted number waiting. */
  readonly queueLength: TimeWeighted;
  /** Time-weighted number of busy servers. */
  readonly busyServers: TimeWeighted;
  /**
   * Time-weighted servers present, the denominator of utilization: the capacity in force, or more while
   * servers removed by a capacity drop are still finishing their job (so utilization never exceeds 1).
   */
  readonly capacityInForce: TimeWeighted;
  /** Waiting time in ms of every entity granted a server (zero for immediate grants). */
  readonly waitMs = new Tally();
  /** Requests made. */
  requests = 0;
  /** Requests turned away. */
  rejected = 0;
  /** Requests that had to wait upstream for room in the line. */
  blockedCount = 0;
  /** Servers released. */
  releases = 0;
  /** Waits cancelled by `cancelWait` (entities that left the line unserved: reneging). */
  cancelledWaits = 0;

  private readonly sim: Simulation;
  private readonly waiting: WaitQueue;
  private readonly blockedLine: FifoWaitQueue | null;
  private readonly queueLengthMax: number;
  private readonly rejectWhenFull: boolean;
  private readonly admitKind: number;
  private readonly schedule: CapacitySchedule | null;
  private readonly scheduleKind: number;
  private readonly handOvers: HandOvers | null;

  constructor(sim: Simulation, options: ResourceOptions) {
    this.sim = sim;
    this.name = options.name;
    this.schedule = options.schedule ?? null;
    const initial = this.schedule ? this.schedule.capacityAt(sim.now) : (options.capacity ?? 1);
    assert(Number.isInteger(initial) && initial >= 0, `${this.name}: capacity must be a non-negative integer`);
    this.capacity = initial;
    this.waiting = createWaitQueue(options.discipline ?? "fifo");
    this.queueLengthMax = options.queueLengthMax ?? Number.POSITIVE_INFINITY;
    assert(this.queueLengthMax >= 0, `${this.name}: queueLengthMax must be ≥ 0`);
    this.rejectWhenFull = (options.whenFull ?? "reject") === "reject";
    this.admitKind = options.admitKind ?? -1;
    assert(this.rejectWhenFull || this.admitKind >= 0, `${this.name}: whenFull "block" needs an admitKind`);
    this.blockedLine = this.rejectWhenFull ? null : new FifoWaitQueue();
    this.queueLength = new TimeWeighted(sim.now, 0);
    this.busyServers = new TimeWeighted(sim.now, 0);
    this.capacityInForce = new TimeWeighted(sim.now, initial);
    this.scheduleKind = -1;
    this.handOvers = options.handOvers ?? null;
    if (this.schedule) {
      this.scheduleKind = sim.defineEvent(`capacity:${this.name}`, () => this.onScheduleChange());
      this.scheduleNextChange();
    }
  }

  /** Entities waiting in the line now. */
  get queued(): number {
    return this.waiting.size;
  }

  /** Entities held upstream because the line was full. */
  get blocked(): number {
    return this.blockedLine ? this.blockedLine.size : 0;
  }

  /**
   * Asks for one server for `entity`. When granted the caller continues now; when queued, `grantKind`
   * runs with `entity` at the instant a server is handed over (an event, or with `handOvers` a call of
   * the target's `handOver(entity, grantKind)` inside the call that freed the server).
   * @param priority waiting rank for the priority discipline: any finite number, lower first, FIFO among equals
   */
  request(entity: number, grantKind: number, priority = 0): RequestStatusCode {
    this.requests++;
    const now = this.sim.now;
    if (this.busy < this.capacity && this.waiting.size === 0) {
      this.busy++;
      this.busyServers.update(this.busy, now);
      this.waitMs.add(0);
      return RequestStatus.granted;
    }
    if (this.waiting.size >= this.queueLengthMax) {
      if (this.rejectWhenFull) {
        this.rejected++;
        return RequestStatus.rejected;
      }
      this.blockedCount++;
      (this.blockedLine as FifoWaitQueue).push(entity, grantKind, priority, now);
      return RequestStatus.blocked;
    }
    this.waiting.push(entity, grantKind, priority, now);
    this.queueLength.update(this.waiting.size, now);
    return RequestStatus.queued;
  }

  /**
   * Gives back one server; the next waiter (if capacity allows) gets it at this instant: by an event after
   * this one, or with `handOvers` before this call returns.
   */
  release(): void {
    // The message is built only on failure: a template literal as an argument would allocate a string per call.
    if (this.busy <= 0) assert(false, `${this.name}: release without a held server`);
    this.busy--;
    this.releases++;
    const now = this.sim.now;
    this.busyServers.update(this.busy, now);
    // A server removed by a capacity drop leaves when its job ends.
    if (this.busy >= this.capacity) this.capacityInForce.update(Math.max(this.capacity, this.busy), now);
    this.dispatch();
  }

  /**
   * Takes `entity` out of the line (or out of the blocked entities upstream) without serving it: it reneged.
   * Returns false when it is not waiting here (it was already handed a server, or never asked). The others
   * keep their order; a blocked entity may take the freed room in the line at this instant.
   */
  cancelWait(entity: number): boolean {
    if (this.waiting.remove(entity)) {
      this.cancelledWaits++;
      this.queueLength.update(this.waiting.size, this.sim.now);
      this.dispatch();
      return true;
    }
    if (this.blockedLine?.remove(entity)) {
      this.cancelledWaits++;
      return true;
    }
    return false;
  }

  /** Sets the number of servers now (shifts, lanes opened, an outage). */
  setCapacity(capacity: number): void {
    assert(Number.isInteger(capacity) && capacity >= 0, `${this.name}: capacity must be a non-negative integer`);
    this.capacity = capacity;
    this.capacityInForce.update(Math.max(capacity, this.busy), this.sim.now);
    this.dispatch();
  }

  /** Busy share of the capacity in force since the start (or last reset); 0 if capacity was always 0. */
  utilization(nowMs: number): number {
    const cap = this.capacityInForce.areaUntil(nowMs);
    return cap > 0 ? this.busyServers.areaUntil(nowMs) / cap : 0;
  }

  /** Restarts every statistic at `nowMs` (end of warm-up), keeping the current state. */
  resetStats(nowMs: number): void {
    this.queueLength.reset(nowMs);
    this.busyServers.reset(nowMs);
    this.capacityInForce.reset(nowMs);
    this.waitMs.reset();
    this.requests = 0;
    this.rejected = 0;
    this.blockedCount = 0;
    this.releases = 0;
    this.cancelledWaits = 0;
  }

  /**
   * Hands free servers to waiters, then admits blocked entities into the freed room of the line. With
   * `handOvers`, the hand-overs run once this resource's state and statistics are settled.
   */
  private dispatch(): void {
    const sim = this.sim;
    const now = sim.now;
    const waiting = this.waiting;
    const blocked = this.blockedLine;
    const handOvers = this.handOvers;
    let changed = false;
    for (;;) {
      while (this.busy < this.capacity && waiting.shift()) {
        this.busy++;
        changed = true;
        this.waitMs.add(now - waiting.enqueuedMs);
        // The server is reserved now; the waiter's own event runs at this instant before ordinary events.
        if (handOvers === null) sim.schedule(0, waiting.kind, waiting.entity, Priority.handoff);
        else handOvers.push(waiting.entity, waiting.kind);
      }
      if (blocked === null || blocked.size === 0) break;
      // A free server counts as room even when the line holds none (queueLengthMax 0: no room between stations).
      if (waiting.size >= this.queueLengthMax && this.busy >= this.capacity) break;
      // Room: the longest-blocked entity joins the line and is told so (it frees what it holds upstream); with a
      // free server the next pass of the loop hands it over at once.
      blocked.shift();
      waiting.push(blocked.entity, blocked.kind, blocked.priority, blocked.enqueuedMs);
      changed = true;
      if (handOvers === null) sim.schedule(0, this.admitKind, blocked.entity, Priority.handoff);
      else handOvers.push(blocked.entity, this.admitKind);
    }
    if (changed) {
      this.busyServers.update(this.busy, now);
      this.queueLength.update(waiting.size, now);
      // Last: a handler may call this resource again (it finds it settled) or others (they only record).
      if (handOvers !== null) handOvers.run();
    }
  }

  private onScheduleChange(): void {
    const schedule = this.schedule as CapacitySchedule;
    const c = schedule.capacityAt(this.sim.now);
    if (c !== this.capacity) this.setCapacity(c);
    this.scheduleNextChange();
  }

  private scheduleNextChange(): void {
    const next = (this.schedule as CapacitySchedule).nextChangeAfter(this.sim.now);
    if (next !== Number.POSITIVE_INFINITY) this.sim.scheduleAt(next, this.scheduleKind, 0, Priority.capacity);
  }
}
