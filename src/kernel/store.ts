/**
 * A store: a finite buffer of items (integer ids) with a line of waiting putters and a line of waiting
 * getters, as SimPy's `Store`. A full store blocks its putters, which keep whatever they hold upstream;
 * an empty store makes getters wait. With trucks as items this is a staging yard that releases trucks in
 * order; with one country's trucks as items and the other's as getters it is a transshipment rendezvous.
 *
 * Deferred completions run as events of the store at the same instant (priority `handoff`), calling the
 * callbacks given at construction; the callbacks are made once, never per item.
 */
import { assert } from "./assert.js";
import { Priority } from "./priority.js";
import type { Simulation } from "./simulation.js";
import { Tally, TimeWeighted } from "./stats.js";
import { FifoWaitQueue } from "./wait-queue.js";

/** How a store is built. */
export interface StoreOptions {
  name: string;
  /** Most items held at once (a positive integer, or Infinity). */
  capacity: number;
  /** Runs when a getter that had to wait receives `item`. */
  onGet?: (getter: number, item: number) => void;
  /** Runs when a putter that had to wait has stored its item (it may now release what it held). */
  onPut?: (putter: number, item: number) => void;
}

/** A finite FIFO buffer of items with blocking puts and waiting gets. */
export class Store {
  readonly name: string;
  readonly capacity: number;
  /** Time-weighted number of items held. */
  readonly level: TimeWeighted;
  /** Time-weighted number of waiting getters. */
  readonly gettersWaiting: TimeWeighted;
  /** Time-weighted number of blocked putters. */
  readonly puttersWaiting: TimeWeighted;
  /** Time each item spent in the store, in ms. */
  readonly itemWaitMs = new Tally();

  private readonly sim: Simulation;
  private readonly items = new FifoWaitQueue();
  private readonly getters = new FifoWaitQueue();
  private readonly putters = new FifoWaitQueue();
  /** Completions decided but not yet delivered: (waiter, item), run in order by the delivery events. */
  private readonly pending = new FifoWaitQueue();
  private readonly deliverKind: number;
  private readonly onGet: (getter: number, item: number) => void;
  private readonly onPut: (putter: number, item: number) => void;

  constructor(sim: Simulation, options: StoreOptions) {
    assert(options.capacity > 0, `${options.name}: store capacity must be positive`);
    assert(
      Number.isInteger(options.capacity) || options.capacity === Number.POSITIVE_INFINITY,
      `${options.name}: store capacity must be an integer or Infinity`,
    );
    this.sim = sim;
    this.name = options.name;
    this.capacity = options.capacity;
    this.level = new TimeWeighted(sim.now, 0);
    this.gettersWaiting = new TimeWeighted(sim.now, 0);
    this.puttersWaiting = new TimeWeighted(sim.now, 0);
    this.onGet = options.onGet ?? noCallback;
    this.onPut = options.onPut ?? noCallback;
    this.deliverKind = sim.defineEvent(`store:${this.name}`, () => this.deliver());
  }

  /** Items held now. */
  get size(): number {
    return this.items.size;
  }

  /** Getters waiting now. */
  get waitingGetters(): number {
    return this.getters.size;
  }

  /** Putters blocked now. */
  get waitingPutters(): number {
    return this.putters.size;
  }

  /**
   * Offers `item`. Returns true when it is taken now (stored, or handed straight to a waiting getter);
   * false when the store is full: the putter waits and `onPut` runs once the item is stored.
   */
  put(putter: number, item: number): boolean {
    const now = this.sim.now;
    if (this.getters.shift()) {
      // A getter was waiting, so the store was empty: hand the item over directly.
      this.itemWaitMs.add(0);
      this.schedule(this.getters.entity, item, 0);
      this.gettersWaiting.update(this.getters.size, now);
      return true;
    }
    if (this.items.size < this.capacity) {
      this.items.push(item, 0, 0, now);
      this.level.update(this.items.size, now);
      return true;
    }
    this.putters.push(putter, item, 0, now);
    this.puttersWaiting.update(this.putters.size, now);
    return false;
  }

  /**
   * Takes the oldest item for `getter`: returns its id now, or -1 when the store is empty (the getter
   * waits, and `onGet` runs when an item arrives). Item ids must therefore be non-negative.
   */
  get(getter: number): number {
    const now = this.sim.now;
    if (this.items.shift()) {
      const item = this.items.entity;
      this.itemWaitMs.add(now - this.items.enqueuedMs);
      // Room freed: the longest-blocked putter's item moves in.
      if (this.putters.shift()) {
        this.items.push(this.putters.kind, 0, 0, now);
        this.schedule(this.putters.entity, this.putters.kind, 1);
        this.puttersWaiting.update(this.putters.size, now);
      }
      this.level.update(this.items.size, now);
      return item;
    }
    this.getters.push(getter, 0, 0, now);
    this.gettersWaiting.update(this.getters.size, now);
    return -1;
  }

  /** Restarts every statistic at `nowMs` (end of warm-up). */
  resetStats(nowMs: number): void {
    this.level.reset(nowMs);
    this.gettersWaiting.reset(nowMs);
    this.puttersWaiting.reset(nowMs);
    this.itemWaitMs.reset();
  }

  /** Records a completion (0: a get, 1: a put) and schedules its delivery at this instant. */
  private schedule(waiter: number, item: number, which: number): void {
    this.pending.push(waiter, item, which, this.sim.now);
    this.sim.schedule(0, this.deliverKind, 0, Priority.handoff);
  }

  private deliver(): void {
    const p = this.pending;
    if (!p.shift()) assert(false, `${this.name}: delivery event without a pending completion`);
    if (p.priority === 0) this.onGet(p.entity, p.kind);
    else this.onPut(p.entity, p.kind);
  }
}

function noCallback(): void {}
