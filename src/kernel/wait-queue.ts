/**
 * Lines of entities waiting for a resource or a store: first-in-first-out, or by priority rank (lower
 * first) and first-in-first-out among equal ranks. A rank is any finite number: a class (0, 1, 2) or a
 * time (a truck's arrival minus a head start, so a rule can age waiting trucks without re-sorting).
 * Entries live in typed arrays that grow by doubling up to a hard bound, so waiting allocates nothing per
 * entity and memory stays bounded.
 */
import { assert } from "./assert.js";
import { doubleFromTheStart, mutableFromTheStart } from "./mutable-fields.js";

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
  /** Priority rank of the entry last shifted. */
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
  private priorities: Float64Array;
  private times: Float64Array;

  constructor(capacity = 16) {
    // Double representation from the start: see mutable-fields.ts.
    doubleFromTheStart(this, ["enqueuedMs", "priority"]);
    this.entities = new Int32Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.priorities = new Float64Array(capacity);
    this.times = new Float64Array(capacity);
    // Replaced when they grow (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["entities", "kinds", "priorities", "times"]);
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
    const p = new Float64Array(cap * 2);
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

/**
 * Priority line: a binary heap keyed by (rank, arrival sequence), so equal ranks stay FIFO. The rank and
 * the sequence are two columns compared in turn (a rank may be any finite double, e.g. a time in ms).
 */
export class PriorityWaitQueue implements WaitQueue {
  size = 0;
  entity = 0;
  kind = 0;
  priority = 0;
  enqueuedMs = 0;
  private seq = 0;
  private ranks: Float64Array;
  private seqs: Float64Array;
  private entities: Int32Array;
  private kinds: Int32Array;
  private times: Float64Array;

  constructor(capacity = 16) {
    // Double representation from the start: see mutable-fields.ts.
    doubleFromTheStart(this, ["enqueuedMs", "priority"]);
    this.ranks = new Float64Array(capacity);
    this.seqs = new Float64Array(capacity);
    this.entities = new Int32Array(capacity);
    this.kinds = new Int32Array(capacity);
    this.times = new Float64Array(capacity);
    // Replaced when they grow (after the code is optimized): see mutable-fields.ts.
    mutableFromTheStart(this, ["ranks", "seqs", "entities", "kinds", "times"]);
  }

  push(entity: number, kind: number, priority: number, enqueuedMs: number): void {
    // The message is built only on failure (a template literal argument would allocate per call).
    if (!Number.isFinite(priority)) assert(false, `waiting priority must be a finite number, got ${priority}`);
    if (this.size === this.ranks.length) this.grow();
    const seq = this.seq++;
    let i = this.size++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pr = this.ranks[parent] as number;
      // The parent stays above when its rank is lower, or equal (it came first: its sequence is lower).
      if (pr <= priority) break;
      this.move(parent, i);
      i = parent;
    }
    this.ranks[i] = priority;
    this.seqs[i] = seq;
    this.entities[i] = entity;
    this.kinds[i] = kind;
    this.times[i] = enqueuedMs;
  }

  shift(): boolean {
    if (this.size === 0) return false;
    this.entity = this.entities[0] as number;
    this.kind = this.kinds[0] as number;
    this.priority = this.ranks[0] as number;
    this.enqueuedMs = this.times[0] as number;
    const last = --this.size;
    if (last === 0) return true;
    const rank = this.ranks[last] as number;
    const sq = this.seqs[last] as number;
    const ent = this.entities[last] as number;
    const knd = this.kinds[last] as number;
    const tim = this.times[last] as number;
    const ranks = this.ranks;
    const seqs = this.seqs;
    let i = 0;
    const half = last >> 1;
    while (i < half) {
      let c = 2 * i + 1;
      const r = c + 1;
      if (r < last) {
        const rr = ranks[r] as number;
        const rc = ranks[c] as number;
        if (rr < rc || (rr === rc && (seqs[r] as number) < (seqs[c] as number))) c = r;
      }
      const rc = ranks[c] as number;
      if (rc > rank || (rc === rank && (seqs[c] as number) > sq)) break;
      this.move(c, i);
      i = c;
    }
    this.ranks[i] = rank;
    this.seqs[i] = sq;
    this.entities[i] = ent;
    this.kinds[i] = knd;
    this.times[i] = tim;
    return true;
  }

  remove(entity: number): boolean {
    let i = 0;
    while (i < this.size && this.entities[i] !== entity) i++;
    if (i === this.size) return false;
    const last = --this.size;
    if (i === last) return true;
    // The last entry fills the hole, then moves up or down to its place in the heap (keys: rank, then sequence).
    const rank = this.ranks[last] as number;
    const sq = this.seqs[last] as number;
    const ent = this.entities[last] as number;
    const knd = this.kinds[last] as number;
    const tim = this.times[last] as number;
    const ranks = this.ranks;
    const seqs = this.seqs;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const pr = ranks[parent] as number;
      if (pr < rank || (pr === rank && (seqs[parent] as number) < sq)) break;
      this.move(parent, i);
      i = parent;
    }
    for (;;) {
      let c = 2 * i + 1;
      if (c >= last) break;
      if (c + 1 < last) {
        const r1 = ranks[c + 1] as number;
        const r0 = ranks[c] as number;
        if (r1 < r0 || (r1 === r0 && (seqs[c + 1] as number) < (seqs[c] as number))) c++;
      }
      const rc = ranks[c] as number;
      if (rc > rank || (rc === rank && (seqs[c] as number) > sq)) break;
      this.move(c, i);
      i = c;
    }
    this.ranks[i] = rank;
    this.seqs[i] = sq;
    this.entities[i] = ent;
    this.kinds[i] = knd;
    this.times[i] = tim;
    return true;
  }

  private move(from: number, to: number): void {
    this.ranks[to] = this.ranks[from] as number;
    this.seqs[to] = this.seqs[from] as number;
    this.entities[to] = this.entities[from] as number;
    this.kinds[to] = this.kinds[from] as number;
    this.times[to] = this.times[from] as number;
  }

  private grow(): void {
    const cap = this.ranks.length * 2;
    assert(cap <= WAIT_QUEUE_HARD_MAX, `waiting line exceeds the hard bound of ${WAIT_QUEUE_HARD_MAX}`);
    const k = new Float64Array(cap);
    k.set(this.ranks);
    this.ranks = k;
    const q = new Float64Array(cap);
    q.set(this.seqs);
    this.seqs = q;
    const e = new Int32Array(cap);
    e.set(this.entities);
    this.entities = e;
    const kd = new Int32Array(cap);
    kd.set(this.kinds);
    this.kinds = kd;
    const t = new Float64Array(cap);
    t.set(this.times);
    this.times = t;
  }
}

/** Makes an empty waiting line of the given discipline. */
export function createWaitQueue(discipline: Discipline): WaitQueue {
  return discipline === "priority" ? new PriorityWaitQueue() : new FifoWaitQueue();
}
