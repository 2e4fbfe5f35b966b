/**
 * The coarse tier of the chunked wheel (coarse-buckets.ts) on the workload it exists for: hundreds of
 * pending events at delays from zero to days, as in the gate model, checked event by event against a
 * sorted reference (time, priority, insertion order), with the tier's rare paths forced by small sizes.
 */
import { describe, expect, it } from "vitest";
import { sfc32 } from "../../bench/event-queue/increments.js";
import { type ChunkWheelOptions, ChunkWheelQueue, createEventQueue } from "../../src/kernel/event-queue/index.js";
import { runQueueSuite, TINY_LADDER } from "./event-queue.case.js";

interface Ev {
  time: number;
  priority: number;
  seq: number;
  handle: number;
}

/** Reference: a list kept sorted by (time, priority, seq). */
class SortedRef {
  events: Ev[] = [];
  insert(e: Ev): void {
    let i = this.events.length;
    while (i > 0) {
      const p = this.events[i - 1]!;
      if (
        p.time < e.time ||
        (p.time === e.time && (p.priority < e.priority || (p.priority === e.priority && p.seq < e.seq)))
      )
        break;
      i--;
    }
    this.events.splice(i, 0, e);
  }
}

/** A gate-like delay: zero (hand-overs), minutes to hours, now and then days; sometimes beyond 2^31 ms. */
function gateDelay(rnd: () => number): number {
  const u = rnd();
  if (u < 0.3) return 0;
  if (u < 0.35) return Math.floor(rnd() * 20_000);
  if (u < 0.95) return Math.floor(-Math.log(1 - rnd()) * 600_000);
  if (u < 0.99) return Math.floor(rnd() * 3 * 86_400_000);
  return 2 ** 31 + Math.floor(rnd() * 2 ** 33);
}

/**
 * Keeps about `pending` events in the queue for `steps` pop-push rounds with gate-like delays, random
 * priorities (same-time events pushed with a lower priority after a higher one), occasional cancels
 * and absolute pushes, and compares every pop (and every peek) with the reference.
 */
function runGateLike(q: ChunkWheelQueue, seed: number, pending: number, steps: number): { maxCoarse: number } {
  const rnd = sfc32(seed);
  const ref = new SortedRef();
  let seq = 0;
  let now = 0;
  let maxCoarse = 0;
  const push = (delay: number, absolute: boolean) => {
    const priority = Math.floor(rnd() * 4) * 50;
    const handle = absolute ? q.push(now + delay, priority, seq & 0xffff, seq) : q.pushAfter(delay, priority, 1, seq);
    ref.insert({ time: now + delay, priority, seq, handle });
    seq++;
  };
  for (let i = 0; i < pending; i++) push(gateDelay(rnd), i % 3 === 0);
  for (let s = 0; s < steps; s++) {
    maxCoarse = Math.max(maxCoarse, q.coarseSize);
    expect(q.peekTime()).toBe(ref.events[0]?.time ?? Number.POSITIVE_INFINITY);
    const e = ref.events.shift();
    expect(q.pop()).toBe(e !== undefined);
    if (!e) break;
    if (q.arg !== e.seq || q.time !== e.time || q.priority !== e.priority || q.handle !== e.handle) {
      expect({ time: q.time, priority: q.priority, arg: q.arg }).toEqual({
        time: e.time,
        priority: e.priority,
        arg: e.seq,
      });
    }
    now = e.time;
    const r = rnd();
    // Mostly one push per pop; sometimes none or two (a little more often two, balancing the cancels
    // below), so the pending count wanders around its start.
    const pushes = r < 0.05 ? 0 : r < 0.13 ? 2 : 1;
    for (let k = 0; k < pushes; k++) push(gateDelay(rnd), rnd() < 0.1);
    if (rnd() < 0.03 && ref.events.length > 0) {
      const j = Math.floor(rnd() * ref.events.length);
      const victim = ref.events[j]!;
      expect(q.cancel(victim.handle)).toBe(true);
      expect(q.cancel(victim.handle)).toBe(false);
      ref.events.splice(j, 1);
    }
    expect(q.size).toBe(ref.events.length);
  }
  while (ref.events.length > 0) {
    const e = ref.events.shift()!;
    expect(q.pop()).toBe(true);
    expect([q.time, q.priority, q.arg]).toEqual([e.time, e.priority, e.seq]);
  }
  expect(q.pop()).toBe(false);
  return { maxCoarse };
}

const LADDER: ChunkWheelOptions = { coarseBits: 12, coarseWidthBits: 16 };
// The default tier, taking pushes from the start (by default it waits for 256 pending events).
const EAGER: ChunkWheelOptions = { ...LADDER, coarseMinLive: 0 };

describe("coarse tier (wheel-ladder)", () => {
  it("pops a gate-like workload (delays 0 to days, beyond 2^31 ms, cancels) in exact order", () => {
    const q = new ChunkWheelQueue(64, LADDER);
    const { maxCoarse } = runGateLike(q, 7, 600, 40_000);
    // The tier was really used: hundreds of events waited in coarse buckets.
    expect(maxCoarse).toBeGreaterThan(100);
  });

  it("pops the same workload in exact order with a tiny wheel and a short ring", () => {
    // 4 s buckets, a ring of 32 (2 minutes): most events pass the ring's end, many drains are one event.
    const q = new ChunkWheelQueue(16, { ...TINY_LADDER, coarseWidthBits: 12 });
    const { maxCoarse } = runGateLike(q, 11, 300, 20_000);
    expect(maxCoarse).toBeGreaterThan(10);
  });

  it("orders same-time events by priority when the lower priority was pushed first into a far bucket", () => {
    const q = new ChunkWheelQueue(64, EAGER);
    // Enough pending events to leave small mode.
    for (let i = 0; i < 40; i++) q.push(1000 + i, 0, 0, -1);
    const t = 5_000_000; // in a coarse bucket, not the wheel
    q.push(t, 200, 1, 1);
    q.push(t, 100, 1, 2);
    q.push(t, 100, 1, 3);
    q.push(t, 0, 1, 4);
    q.push(t - 1, 255, 1, 5);
    expect(q.coarseSize).toBe(5);
    const order: number[] = [];
    while (q.pop()) if (q.arg > 0) order.push(q.arg);
    expect(order).toEqual([5, 4, 2, 3, 1]);
  });

  it("moves its marker when a push lands in a bucket before the marked one", () => {
    const q = new ChunkWheelQueue(64, EAGER);
    for (let i = 0; i < 40; i++) q.push(100 + i, 0, 0, -1);
    q.push(10_000_000, 0, 1, 3); // marker at this bucket
    q.push(1_000_000, 0, 1, 2); // an earlier bucket: new marker, the old one goes stale
    q.push(500_000, 5, 1, 1);
    const order: number[] = [];
    while (q.pop()) if (q.arg > 0) order.push(q.time);
    expect(order).toEqual([500_000, 1_000_000, 10_000_000]);
  });

  it("cancels events waiting in coarse buckets and keeps memory bounded", () => {
    const q = new ChunkWheelQueue(64, EAGER);
    const rnd = sfc32(3);
    for (let i = 0; i < 40; i++) q.push(100 + i, 0, 0, -1);
    let kept = 0;
    for (let round = 0; round < 200; round++) {
      const handles: number[] = [];
      for (let i = 0; i < 1000; i++) handles.push(q.push(1_000_000 + Math.floor(rnd() * 1e8), 0, 1, i));
      for (let i = 0; i < 1000; i++) if (i % 100 !== 0) expect(q.cancel(handles[i]!)).toBe(true);
      kept += 10;
    }
    expect(q.size).toBe(40 + kept);
    // 200,000 pushes, 198,000 cancelled: sweeps keep the records near the live count.
    expect(q.footprint).toBeLessThan(1_000_000);
    let last = -1;
    let n = 0;
    while (q.pop()) {
      expect(q.time).toBeGreaterThanOrEqual(last);
      last = q.time;
      n++;
    }
    expect(n).toBe(40 + kept);
  });

  it("clear empties the tier and it works again afterwards", () => {
    const q = new ChunkWheelQueue(64, EAGER);
    for (let i = 0; i < 100; i++) q.push(i * 100_000, 0, 0, i);
    q.pop();
    q.clear();
    expect(q.size).toBe(0);
    expect(q.coarseSize).toBe(0);
    expect(q.pop()).toBe(false);
    runGateLike(q, 5, 200, 3000);
  });

  it("is the default queue, and takes pushes while a few hundred to a few thousand events are pending", () => {
    const steady = (pending: number): number => {
      const q = createEventQueue() as ChunkWheelQueue;
      expect(q).toBeInstanceOf(ChunkWheelQueue);
      for (let i = 0; i < pending; i++) q.push(i * 10, 0, 0, 0);
      // Before the first adaptation check (2^14 pushes) far events go to the heap.
      expect(q.coarseSize).toBe(0);
      for (let i = 0; i < 40_000; i++) {
        q.pop();
        q.pushAfter(60_000 + (i % 1000) * 1000, 0, 0, 0);
      }
      return q.coarseSize;
    };
    expect(steady(100)).toBe(0);
    expect(steady(1000)).toBeGreaterThan(100);
    expect(steady(5000)).toBe(0);
  });

  it("stops taking pushes when few events are pending, and still drains what it holds", () => {
    const q = new ChunkWheelQueue(64, { ...LADDER, adaptBits: 4, coarseMinLive: 300 });
    for (let i = 0; i < 400; i++) q.push(100_000 + i * 60_000, 0, 0, i);
    expect(q.coarseSize).toBeGreaterThan(50);
    for (let i = 0; i < 350; i++) expect(q.pop()).toBe(true);
    for (let i = 0; i < 20; i++) q.pushAfter(100_000_000 + i, 0, 0, 1000 + i);
    const inTier = q.coarseSize;
    q.pushAfter(50_000_000, 0, 0, 2000);
    expect(q.coarseSize).toBe(inTier);
    const order: number[] = [];
    while (q.pop()) order.push(q.arg);
    expect(order).toEqual([
      ...Array.from({ length: 50 }, (_, i) => 350 + i),
      2000,
      ...Array.from({ length: 20 }, (_, i) => 1000 + i),
    ]);
  });
});

// The whole conformance suite on the tiny tier.
runQueueSuite("wheel-ladder (tiny tier)", (hint) => new ChunkWheelQueue(hint, TINY_LADDER));
runQueueSuite(
  "wheel-ladder (tiny tier, no small mode)",
  (hint) => new ChunkWheelQueue(hint, { ...TINY_LADDER, smallLive: 0 }),
);
