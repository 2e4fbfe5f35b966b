/**
 * Trucks as pooled columns: one typed-array slot per truck in the system, recycled through a free list.
 * No object is made per truck, and memory depends on how many trucks are in the system at once, never
 * on how many passed through, so a year-long run needs no more than a month-long one.
 */
import { assert } from "../kernel/index.js";

/** States of a loaded truck's transshipment partner (one Int8 column). */
export const PartnerState = {
  none: 0,
  /** Dispatched, not yet at the yard (an event is pending for it). */
  enRoute: 1,
  /** At the yard gate, waiting for a free stall (in the outside FIFO line). */
  outside: 2,
  /** In a partner-yard stall, its loaded truck not yet at the docks. */
  inYard: 3,
  /** Paired with its loaded truck at the docks, no stall held (waiting for a dock, or transferring). */
  paired: 4,
  /** Paired, still in its stall while the pair waits for a dock. */
  pairedInYard: 5,
  /** The loaded truck left the network (lost) while the partner was en route: the slot is freed on arrival. */
  orphan: 6,
  /** Sent away at its dwell limit before its loaded truck came: another partner is called at the docks. */
  expelled: 7,
  /** Driving its route to the yard as a truck of its own (its trip truck is `mate`). */
  onRoad: 8,
} as const;

/** Columns of all trucks currently in the network. */
export class TruckPool {
  /** Slots allocated (grows by doubling up to `hardMax`). */
  capacity: number;
  /** Slots ever used: every truck alive now has an id below this. */
  get used(): number {
    return this.nextUnused;
  }
  /** Trucks alive now. */
  live = 0;
  /** Case ids handed out so far: each truck gets the next one, never reused even when its slot is. */
  cases = 0;
  private readonly hardMax: number;
  private freeList: Int32Array;
  private freeCount = 0;
  private nextUnused = 0;

  /** Current stage index; -1 before the truck enters the network, -2 once its slot is free. */
  stage: Int32Array;
  /** Unique case id of the truck (1, 2, ...), for the event log; never recycled with the slot. */
  caseId: Float64Array;
  /** Time the truck asked for its current stage (joined its line), ms: its wait there ends when it starts. */
  queuedMs: Float64Array;
  /** Time spent in service and travelling (delays) so far, ms: the rest of its time in system is waiting. */
  workMs: Float64Array;
  /** Server stage whose server the truck still holds (finished there, waiting to move on), or -1. */
  heldServer: Int32Array;
  /** Bit mask of holding-stage bits whose stall the truck holds. */
  holdMask: Int32Array;
  /** Zone index, or -1. */
  zone: Int32Array;
  direction: Int8Array;
  cargo: Int8Array;
  channel: Int8Array;
  flags: Int32Array;
  /** Waiting class given by the call-forward policy in force where it waits. */
  source: Int8Array;
  /** Time the truck arrived on NH1A (entered the network), ms. */
  arrivalMs: Float64Array;
  /** Start of the truck's booked slot, ms, or -1 for a walk-in. */
  slotMs: Float64Array;
  /** State of the truck's transshipment partner (see `PartnerState`). */
  partner: Int8Array;
  /** Time the partner arrived at the yard, or (while the loaded truck waits for it) when the wait began, ms. */
  partnerMs: Float64Array;
  /** Time the loaded truck began waiting for its partner at the docks, ms. */
  waitPartnerMs: Float64Array;
  /** Time the partner was called (the loaded truck entered the designated yard), ms: its yard dwell starts here. */
  yardMs: Float64Array;
  /** Time the truck began waiting for a member of a staff pool (an officer, a crew), ms. */
  poolSinceMs: Float64Array;
  /** Links of the FIFO line of partners waiting outside a full partner yard (-1: none). */
  partnerNext: Int32Array;
  partnerPrev: Int32Array;
  /** Pending reneging or dwell-expulsion event of a waiting truck (a kernel handle), or -1. */
  leaveEvent: Int32Array;
  /** Stage the truck was diverted to (another crossing's route), or -1. */
  diversion: Int32Array;
  /** E-commerce parcels the truck carries (0 for other loads). */
  parcels: Int32Array;
  /** A loaded truck's partner on its trip, and a partner trip's loaded truck (-1: none or gone). */
  mate: Int32Array;
  /** A trip truck's route and position on it (route × 256 + stage index in the route). */
  leg: Int32Array;

  constructor(initial: number, hardMax: number) {
    assert(initial > 0 && hardMax >= initial, "truck pool sizes must be positive, hardMax ≥ initial");
    this.capacity = initial;
    this.hardMax = hardMax;
    this.freeList = new Int32Array(initial);
    this.stage = new Int32Array(initial);
    this.caseId = new Float64Array(initial);
    this.queuedMs = new Float64Array(initial);
    this.workMs = new Float64Array(initial);
    this.heldServer = new Int32Array(initial);
    this.holdMask = new Int32Array(initial);
    this.zone = new Int32Array(initial);
    this.direction = new Int8Array(initial);
    this.cargo = new Int8Array(initial);
    this.channel = new Int8Array(initial);
    this.flags = new Int32Array(initial);
    this.source = new Int8Array(initial);
    this.arrivalMs = new Float64Array(initial);
    this.slotMs = new Float64Array(initial);
    this.partner = new Int8Array(initial);
    this.partnerMs = new Float64Array(initial);
    this.waitPartnerMs = new Float64Array(initial);
    this.yardMs = new Float64Array(initial);
    this.poolSinceMs = new Float64Array(initial);
    this.partnerNext = new Int32Array(initial);
    this.partnerPrev = new Int32Array(initial);
    this.leaveEvent = new Int32Array(initial);
    this.diversion = new Int32Array(initial);
    this.parcels = new Int32Array(initial);
    this.mate = new Int32Array(initial);
    this.leg = new Int32Array(initial);
    // Not `mutableFromTheStart` (kernel/mutable-fields.ts), on purpose: the columns' first replacement
    // (the pool grows) throws away about 20 optimized functions, but the code V8 compiles again after it
    // is faster for the rest of the run and every later replication: with the columns mutable from the
    // start, steady replications took 1.068 the time (12 alternating pairs in one process).
  }

  /** Takes a free slot (reset to a blank truck) and returns its id. */
  allocate(): number {
    let id: number;
    if (this.freeCount > 0) id = this.freeList[--this.freeCount] as number;
    else {
      if (this.nextUnused === this.capacity) this.grow();
      id = this.nextUnused++;
    }
    this.live++;
    this.stage[id] = -1;
    this.caseId[id] = ++this.cases;
    this.workMs[id] = 0;
    this.heldServer[id] = -1;
    this.holdMask[id] = 0;
    this.zone[id] = -1;
    this.flags[id] = 0;
    this.channel[id] = -1;
    this.partner[id] = 0;
    this.leaveEvent[id] = -1;
    this.diversion[id] = -1;
    this.parcels[id] = 0;
    return id;
  }

  /** Gives a slot back. */
  free(id: number): void {
    this.stage[id] = -2;
    this.freeList[this.freeCount++] = id;
    this.live--;
  }

  private grow(): void {
    const cap = this.capacity * 2;
    assert(
      cap <= this.hardMax,
      `more than ${this.hardMax} trucks in the system at once (trucksInSystemMax): the network is overwhelmed`,
    );
    const g = <T extends Int32Array | Int8Array | Float64Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.freeList = g(this.freeList);
    this.stage = g(this.stage);
    this.caseId = g(this.caseId);
    this.queuedMs = g(this.queuedMs);
    this.workMs = g(this.workMs);
    this.heldServer = g(this.heldServer);
    this.holdMask = g(this.holdMask);
    this.zone = g(this.zone);
    this.direction = g(this.direction);
    this.cargo = g(this.cargo);
    this.channel = g(this.channel);
    this.flags = g(this.flags);
    this.source = g(this.source);
    this.arrivalMs = g(this.arrivalMs);
    this.slotMs = g(this.slotMs);
    this.partner = g(this.partner);
    this.partnerMs = g(this.partnerMs);
    this.waitPartnerMs = g(this.waitPartnerMs);
    this.yardMs = g(this.yardMs);
    this.poolSinceMs = g(this.poolSinceMs);
    this.partnerNext = g(this.partnerNext);
    this.partnerPrev = g(this.partnerPrev);
    this.leaveEvent = g(this.leaveEvent);
    this.diversion = g(this.diversion);
    this.parcels = g(this.parcels);
    this.mate = g(this.mate);
    this.leg = g(this.leg);
    this.capacity = cap;
  }
}
