import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ChunkWheelQueue, createEventQueue, queueImplementations } from "../../src/kernel/event-queue/index.js";
import type { EventQueue, EventQueueFactory } from "../../src/kernel/event-queue/types.js";
import { TINY_LADDER } from "./event-queue.case.js";

/** One command of the model-based test; time offsets are relative to the reference's current time. */
type Op =
  | { op: "push"; dt: number; priority: number; base: number }
  | { op: "burst"; count: number; dtMax: number; priorities: number }
  | { op: "pop" }
  | { op: "popPush"; dt: number; priority: number }
  | { op: "peek" }
  | { op: "cancel"; pick: number }
  | { op: "cancelMany"; every: number }
  | { op: "clear" };

interface RefEvent {
  time: number;
  priority: number;
  seq: number;
  kind: number;
  arg: number;
  handle: number;
}

/** Naive reference: an array kept sorted by (time, priority, seq). */
class Reference {
  now = 0;
  events: RefEvent[] = [];
  seq = 0;

  insert(e: Omit<RefEvent, "seq">): void {
    const ev = { ...e, seq: this.seq++ };
    let i = this.events.length;
    while (i > 0) {
      const p = this.events[i - 1]!;
      if (p.time < ev.time || (p.time === ev.time && p.priority <= ev.priority)) break;
      i--;
    }
    this.events.splice(i, 0, ev);
  }
}

/** Base times that exercise small values, ~1 year in ms, and 3e10+ ms. */
const BASES = [0, 0, 0, 3.15e10, 3e10, 1e11];

/** Command generator; weights tuned per scenario. */
function opsArb(w: {
  ties: boolean;
  cancels: number;
  clears: number;
  big: boolean;
  maxLen: number;
}): fc.Arbitrary<Op[]> {
  const dtArb = w.ties
    ? fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 3 })
    : fc.oneof(
        { arbitrary: fc.constant(0), weight: 1 },
        { arbitrary: fc.integer({ min: 0, max: 50 }), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 5000 }), weight: 3 },
        { arbitrary: fc.integer({ min: 0, max: 2e9 }), weight: 1 },
      );
  const prioArb = fc.oneof(
    { arbitrary: fc.constant(0), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: 3 }), weight: 2 },
    { arbitrary: fc.integer({ min: 0, max: 255 }), weight: 1 },
  );
  const baseArb = w.big ? fc.constantFrom(...BASES) : fc.constant(0);
  return fc.array(
    fc.oneof(
      {
        arbitrary: fc.record({ op: fc.constant("push" as const), dt: dtArb, priority: prioArb, base: baseArb }),
        weight: 6,
      },
      {
        arbitrary: fc.record({
          op: fc.constant("burst" as const),
          count: fc.integer({ min: 1, max: 300 }),
          dtMax: fc.constantFrom(0, 1, 3, 100, 10_000, 1e8),
          priorities: fc.constantFrom(1, 2, 256),
        }),
        weight: 1,
      },
      { arbitrary: fc.constant({ op: "pop" as const }), weight: 4 },
      { arbitrary: fc.record({ op: fc.constant("popPush" as const), dt: dtArb, priority: prioArb }), weight: 5 },
      { arbitrary: fc.constant({ op: "peek" as const }), weight: 2 },
      { arbitrary: fc.record({ op: fc.constant("cancel" as const), pick: fc.nat() }), weight: w.cancels },
      {
        arbitrary: fc.record({ op: fc.constant("cancelMany" as const), every: fc.integer({ min: 1, max: 4 }) }),
        weight: Math.max(1, w.cancels >> 2),
      },
      { arbitrary: fc.constant({ op: "clear" as const }), weight: w.clears },
    ),
    { maxLength: w.maxLen },
  );
}

/** Deterministic per-burst pseudo-random numbers (the burst's own content must be reproducible). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

/** Runs the commands against the queue and the reference, comparing every observation. */
function check(factory: EventQueueFactory, ops: Op[]): void {
  const q: EventQueue = factory();
  const ref = new Reference();
  const issued: number[] = [];
  let kind = 0;

  // `after` schedules through pushAfter (relative to the last popped time), which must equal push.
  const push = (time: number, priority: number, after = false) => {
    const k = kind++ & 0x7fffffff;
    const arg = (k * 7919) | 0;
    const handle = after ? q.pushAfter(time - ref.now, priority, k, arg) : q.push(time, priority, k, arg);
    issued.push(handle);
    ref.insert({ time, priority, kind: k, arg, handle });
  };
  const pop = () => {
    const ok = q.pop();
    const e = ref.events.shift();
    expect(ok).toBe(e !== undefined);
    if (e) {
      expect([q.time, q.priority, q.kind, q.arg, q.handle]).toEqual([e.time, e.priority, e.kind, e.arg, e.handle]);
      ref.now = e.time;
    }
  };
  const cancel = (handle: number) => {
    const i = ref.events.findIndex((e) => e.handle === handle);
    expect(q.cancel(handle)).toBe(i >= 0);
    if (i >= 0) ref.events.splice(i, 1);
  };

  for (const o of ops) {
    switch (o.op) {
      case "push":
        push(Math.max(ref.now, o.base) + o.dt, o.priority);
        break;
      case "burst": {
        const r = lcg(kind);
        for (let i = 0; i < o.count; i++)
          push(ref.now + Math.floor(r() * (o.dtMax + 1)), Math.floor(r() * o.priorities), (i & 1) === 1);
        break;
      }
      case "pop":
        pop();
        break;
      case "popPush":
        pop();
        push(ref.now + o.dt, o.priority, true);
        break;
      case "peek":
        expect(q.peekTime()).toBe(ref.events[0]?.time ?? Number.POSITIVE_INFINITY);
        break;
      case "cancel":
        if (issued.length > 0) cancel(issued[o.pick % issued.length]!);
        break;
      case "cancelMany": {
        const pending = ref.events.filter((_, i) => i % o.every === 0).map((e) => e.handle);
        for (const h of pending) cancel(h);
        break;
      }
      case "clear":
        q.clear();
        ref.events = [];
        break;
    }
    expect(q.size).toBe(ref.events.length);
  }
  // Drain and compare the rest, then make sure every old handle is dead.
  while (ref.events.length > 0) pop();
  expect(q.pop()).toBe(false);
  for (const h of issued) expect(q.cancel(h)).toBe(false);
}

const SCENARIOS = [
  { name: "mixed", w: { ties: false, cancels: 2, clears: 1, big: true, maxLen: 200 }, runs: 300 },
  { name: "heavy ties", w: { ties: true, cancels: 2, clears: 0, big: false, maxLen: 300 }, runs: 300 },
  { name: "many cancels", w: { ties: true, cancels: 12, clears: 0, big: true, maxLen: 300 }, runs: 300 },
  { name: "big times", w: { ties: false, cancels: 1, clears: 0, big: true, maxLen: 200 }, runs: 200 },
  { name: "long runs", w: { ties: false, cancels: 3, clears: 0, big: false, maxLen: 3000 }, runs: 25 },
  { name: "long tied runs", w: { ties: true, cancels: 3, clears: 0, big: true, maxLen: 3000 }, runs: 25 },
];

const impls = [
  ...queueImplementations,
  { name: "createEventQueue (default)", factory: createEventQueue },
  // A tiny wheel that wraps, resizes, spills and sweeps all the time, to reach the rare paths.
  {
    name: "wheel-chunked (tiny wheel)",
    factory: (hint?: number) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4 }),
  },
  {
    name: "wheel-chunked (tiny wheel, no small mode)",
    factory: (hint?: number) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallLive: 0 }),
  },
  {
    name: "wheel-chunked (small mode below 4)",
    factory: (hint?: number) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallLive: 4 }),
  },
  // Small mode whose sorted list overflows into the heap after three entries (and comes back when both drain).
  {
    name: "wheel-chunked (small-mode list of 3)",
    factory: (hint?: number) =>
      new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallLive: 16, smallListMax: 3 }),
  },
  // A tiny coarse tier taking pushes from the start: drains, marker moves and pushes past the ring all the time.
  { name: "wheel-ladder (tiny tier)", factory: (hint?: number) => new ChunkWheelQueue(hint, TINY_LADDER) },
  {
    name: "wheel-ladder (tiny tier, no small mode)",
    factory: (hint?: number) => new ChunkWheelQueue(hint, { ...TINY_LADDER, smallLive: 0 }),
  },
];

for (const impl of impls) {
  describe(`EventQueue model: ${impl.name}`, () => {
    for (const [i, s] of SCENARIOS.entries()) {
      it(s.name, () => {
        fc.assert(
          fc.property(opsArb(s.w), (ops) => check(impl.factory, ops)),
          { seed: 20240611 + i, numRuns: s.runs },
        );
      });
    }
  });
}
