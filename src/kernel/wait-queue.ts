/**
 * Lines of entities waiting for a resource or a store: first-in-first-out, or by priority class (lower
 * first) and first-in-first-out within a class. Entries live in typed arrays that grow by doubling up to
 * a hard bound, so waiting allocates nothing per entity and memory stays bounded.
 */
import { assert } from "./assert.js";

/** Queue disciplines a resource may use. */
export type Discipline = "fifo" | "priority";

/** Hard upper bound on any waiting line, whatever the model asks: a run that exceeds it is broken. */
export const WAIT_QUEUE_HARD_MAX = 1 << 24;

/** A waiting line. `shift()` loads the head into the `entity/kind/priority/enqueuedMs` fields. */
export interface WaitQueue {
  readonly size: number;
  /** Entity of the entry last shifted. */
  entity: number;
  /** Event kind of the entry last shifted (what to run when it is served). */
  kind: number;
  /** Priority class of the entry last shifted. */
  priority: number;
  /** Time the entry last shifted joined the line. */
  enqueuedMs: number;
  /** Adds an entry at the back of its class. */
  push(entity: number, kind: number, priority: number, enqueuedMs: number): void;
  /** Removes the head into the fields above; false when empty. */
  shift(): boolean;
  /** Removes the entry of `entity` wherever it is in the line (reneging), keeping the others' order; false if absent. */
  remove(entity: number): boolean;
}

/** First-in-first-out line as a growable ring buffer. */
export class FifoWaitQueue implements WaitQueue {
  size = 0;
  entity = 0;
  kind = 0;
  priority = 0;
  enqueuedMs = 0;
  private head = 0;
  private entities: Int32Array;
  private kinds: Int32Array;
  private priorities: Int32Array;
  private times: Float64Array;

  constructor(capacity = 16) {
    // Double representation from the start: see the Simulation constructor.
    this.enqueuedMs = 0.5;
    this.enqueuedMs = 0;
    this.entities = new Int32Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.priorities = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(entity: number, kind: number, priority: number, enqueuedMs: number): void {
    if (this.size === this.entities.length) this.grow();
    const cap = this.entities.length;
    let i = this.head + this.size;
    if (i >= cap) i -= cap;
    this.entities[i] = entity;
    this.kinds[i] = kind;
    this.priorities[i] = priority;
    this.times[i] = enqueuedMs;
    this.size++;
  }

  shift(): boolean {
    if (this.size === 0) return false;
    const i = this.head;
    this.entity = this.entities[i] as number;
    this.kind = this.kinds[i] as number;
    this.priority = this.priorities[i] as number;
    this.enqueuedMs = this.times[i] as number;
    this.head = i + 1 === this.entities.length ? 0 : i + 1;
    this.size--;
    return true;
  }

  remove(entity: number): boolean {
    const cap = this.entities.length;
    let i = this.head;
    for (let j = 0; j < this.size; j++) {
      if (this.entities[i] === entity) {
        // Close the gap: every later entry moves one place toward the head (O(size), bounded by the line).
        for (let k = j + 1; k < this.size; k++) {
          const next = i + 1 === cap ? 0 : i + 1;
          this.entities[i] = this.entities[next] as number;
          this.kinds[i] = this.kinds[next] as number;
          this.priorities[i] = this.priorities[next] as number;
          this.times[i] = this.times[next] as number;
          i = next;
        }
        this.size--;
        return true;
      }
      i = i + 1 === cap ? 0 : i + 1;
    }
    return false;
  }

  private grow(): void {
    const cap = this.entities.length;
    assert(cap * 2 <= WAIT_QUEUE_HARD_MAX, `waiting line exceeds the hard bound of ${WAIT_QUEUE_HARD_MAX}`);
    const e = new Int32Array(cap * 2);
    const k = new Int32Array(cap * 2);
    const p = new Int32Array(cap * 2);
    const t = new Float64Array(cap * 2);
    for (let j = 0; j < this.size; j++) {
      const i = (this.head + j) % cap;
      e[j] = this.entities[i] as number;
      k[j] = this.kinds[i] as number;
      p[j] = this.priorities[i] as number;
      t[j] = this.times[i] as number;
    }
    this.entities = e;
    this.kinds = k;
    this.priorities = p;
    this.times = t;
    this.head = 0;
  }
}

/** Priority line: a binary heap keyed by (priority, arrival sequence), so equal classes stay FIFO. */
export class PriorityWaitQueue implements WaitQueue {
  size = 0;
  entity = 0;
  kind = 0;
  priority = 0;
  enqueuedMs = 0;
  private seq = 0;
  private keys: Float64Array;
  private entities: Int32Array;
  private kinds: Int32Array;
  private priorities: Int32Array;
  private times: Float64Array;

  constructor(capacity = 16) {
    // Double representation from the start: see the Simulation constructor.
    this.enqueuedMs = 0.5;
    this.enqueuedMs = 0;
    this.keys = new Float64Array(capacity);
    this.entities = new Int32Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.priorities = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
  }

  push(entity: number, kind: number, priority: number, enqueuedMs: number): void {
    if (!(priority >= 0 && priority < 1 << 12)) assert(false, `waiting priority must be in [0, 4095], got ${priority}`);
    if (this.size === this.keys.length) this.grow();
    // priority · 2^40 + seq stays exact in a double (< 2^53) for 2^40 arrivals per line.
    const key = priority * 1_099_511_627_776 + this.seq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pk = this.keys[parent] as number;
      if (pk <= key) break;
      this.move(parent, i);
      i = parent;
    }
    this.keys[i] = key;
    this.entities[i] = entity;
    this.kinds[i] = kind;
    this.priorities[i] = priority;
    this.times[i] = enqueuedMs;
  }

  shift(): boolean {
    if (this.size === 0) return false;
    this.entity = this.entities[0] as number;
    this.kind = this.kinds[0] as number;
    this.priority = this.priorities[0] as number;
    this.enqueuedMs = this.times[0] as number;
    const last = --this.size;
    if (last === 0) return true;
    const key = this.keys[last] as number;
    const ent = this.entities[last] as number;
    const knd = this.kinds[last] as number;
    const pri = this.priorities[last] as number;
    const tim = this.times[last] as number;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last && (this.keys[r] as number) < (this.keys[c] as number)) c = r;
      if ((this.keys[c] as number) >= key) break;
      this.move(c, i);
      i = c;
    }
    this.keys[i] = key;
    this.entities[i] = ent;
    this.kinds[i] = knd;
    this.priorities[i] = pri;
    this.times[i] = tim;
    return true;
  }

  remove(entity: number): boolean {
    let i = 0;
    while (i < this.size && this.entities[i] !== entity) i++;
    if (i === this.size) return false;
    const last = --this.size;
    if (i === last) return true;
    // The last entry fills the hole, then moves up or down to its place in the heap.
    const key = this.keys[last] as number;
    const ent = this.entities[last] as number;
    const knd = this.kinds[last] as number;
    const pri = this.priorities[last] as number;
    const tim = this.times[last] as number;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if ((this.keys[parent] as number) <= key) break;
      this.move(parent, i);
      i = parent;
    }
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last && (this.keys[c + 1] as number) < (this.keys[c] as number)) c++;
      if ((this.keys[c] as number) >= key) break;
      this.move(c, i);
      i = c;
    }
    this.keys[i] = key;
    this.entities[i] = ent;
    this.kinds[i] = knd;
    this.priorities[i] = pri;
    this.times[i] = tim;
    return true;
  }

  private move(from: number, to: number): void {
    this.keys[to] = this.keys[from] as number;
    this.entities[to] = this.entities[from] as number;
    this.kinds[to] = this.kinds[from] as number;
    this.priorities[to] = this.priorities[from] as number;
    this.times[to] = this.times[from] as number;
  }

  private grow(): void {
    const cap = this.keys.length * 2;
    assert(cap <= WAIT_QUEUE_HARD_MAX, `waiting line exceeds the hard bound of ${WAIT_QUEUE_HARD_MAX}`);
    const k = new Float64Array(cap);
    k.set(this.keys);
    this.keys = k;
    const e = new Int32Array(cap);
    e.set(this.entities);
    this.entities = e;
    const kd = new Int32Array(cap);
    kd.set(this.kinds);
    this.kinds = kd;
    const p = new Int32Array(cap);
    p.set(this.priorities);
    this.priorities = p;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
  }
}

/** Makes an empty waiting line of the given discipline. */
export function createWaitQueue(discipline: Discipline): WaitQueue {
  return discipline === "priority" ? new PriorityWaitQueue() : new FifoWaitQueue();
}
