import { describe, expect, it } from "vitest";
// The benchmark's seeded sfc32: one copy of the generator for the suite and the hold benchmark.
import { sfc32 } from "../../bench/event-queue/increments.js";
import { TIME_MAX_MS } from "../../src/kernel/event-queue/common.js";
import type { ChunkWheelOptions } from "../../src/kernel/event-queue/index.js";
import type { EventQueue, EventQueueFactory } from "../../src/kernel/event-queue/types.js";
import { PRIORITY_MAX } from "../../src/kernel/event-queue/types.js";

/** One popped event, copied out of the queue's fields. */
export interface Popped {
  time: number;
  priority: number;
  kind: number;
  arg: number;
  handle: number;
}

/** Pops one event into a plain object, or undefined when the queue is empty. */
export function popOne(q: EventQueue): Popped | undefined {
  if (!q.pop()) return undefined;
  return { time: q.time, priority: q.priority, kind: q.kind, arg: q.arg, handle: q.handle };
}

/** Drains the queue. */
export function drain(q: EventQueue): Popped[] {
  const out: Popped[] = [];
  for (let e = popOne(q); e; e = popOne(q)) out.push(e);
  return out;
}

function footprint(q: EventQueue): number | undefined {
  return (q as EventQueue & { footprint?: number }).footprint;
}

/** Sort key comparator of the documented total order. */
function byKey(x: { time: number; priority: number; seq: number }, y: { time: number; priority: number; seq: number }) {
  return x.time - y.time || x.priority - y.priority || x.seq - y.seq;
}

/** The shared conformance suite: every implementation must pass it unchanged. */
export function runQueueSuite(name: string, factory: EventQueueFactory): void {
  describe(`EventQueue conformance: ${name}`, () => {
    it("starts empty", () => {
      const q = factory();
      expect(q.size).toBe(0);
      expect(q.pop()).toBe(false);
      expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
    });

    it("orders by time, then priority, then insertion (FIFO)", () => {
      const q = factory();
      const pushed: { time: number; priority: number; seq: number; kind: number }[] = [];
      const rnd = sfc32(1);
      for (let i = 0; i < 2000; i++) {
        const time = Math.floor(rnd() * 20);
        const priority = Math.floor(rnd() * 4);
        q.push(time, priority, i, 1000 - i);
        pushed.push({ time, priority, seq: i, kind: i });
      }
      expect(q.size).toBe(2000);
      pushed.sort(byKey);
      const got = drain(q);
      expect(got.map((e) => e.kind)).toEqual(pushed.map((e) => e.kind));
      expect(got.map((e) => e.arg)).toEqual(pushed.map((e) => 1000 - e.kind));
      expect(q.size).toBe(0);
    });

    it("pops equal keys in push order even with many of them", () => {
      const q = factory();
      for (let i = 0; i < 10_000; i++) q.push(5, 7, i, 0);
      const got = drain(q);
      expect(got.length).toBe(10_000);
      expect(got.every((e, i) => e.kind === i && e.time === 5 && e.priority === 7)).toBe(true);
    });

    it("exposes the popped event's fields and handle", () => {
      const q = factory();
      const h1 = q.push(10, 3, 42, -7);
      const h2 = q.push(10, 2, 43, 2147483647);
      const h3 = q.push(3, PRIORITY_MAX, 0x7fffffff, -2147483648);
      expect(new Set([h1, h2, h3]).size).toBe(3);
      expect(popOne(q)).toEqual({ time: 3, priority: PRIORITY_MAX, kind: 0x7fffffff, arg: -2147483648, handle: h3 });
      expect(popOne(q)).toEqual({ time: 10, priority: 2, kind: 43, arg: 2147483647, handle: h2 });
      expect(popOne(q)).toEqual({ time: 10, priority: 3, kind: 42, arg: -7, handle: h1 });
      expect(q.pop()).toBe(false);
    });

    it("peekTime reports the least live time without removing it", () => {
      const q = factory();
      q.push(9, 0, 1, 0);
      q.push(4, 0, 2, 0);
      expect(q.peekTime()).toBe(4);
      expect(q.peekTime()).toBe(4);
      expect(q.size).toBe(2);
      expect(popOne(q)?.kind).toBe(2);
      expect(q.peekTime()).toBe(9);
      q.push(5, 0, 3, 0);
      expect(q.peekTime()).toBe(5);
      expect(popOne(q)?.kind).toBe(3);
      expect(popOne(q)?.kind).toBe(1);
      expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
    });

    it("accepts a push at the current time with a lower priority than the event just popped", () => {
      const q = factory();
      q.push(5, 3, 1, 0);
      q.push(5, 3, 2, 0);
      q.push(5, 9, 3, 0);
      expect(popOne(q)?.kind).toBe(1);
      q.push(5, 0, 4, 0);
      q.push(5, 3, 5, 0);
      q.push(5, 200, 6, 0);
      q.push(6, 0, 7, 0);
      expect(drain(q).map((e) => e.kind)).toEqual([4, 2, 5, 3, 6, 7]);
    });

    it("cancels pending events exactly once", () => {
      const q = factory();
      const hs = [q.push(1, 0, 1, 0), q.push(2, 0, 2, 0), q.push(3, 0, 3, 0)];
      expect(q.cancel(hs[1]!)).toBe(true);
      expect(q.size).toBe(2);
      expect(q.cancel(hs[1]!)).toBe(false);
      expect(q.size).toBe(2);
      expect(q.cancel(hs[0]!)).toBe(true);
      expect(q.peekTime()).toBe(3);
      expect(drain(q).map((e) => e.kind)).toEqual([3]);
      expect(q.cancel(hs[2]!)).toBe(false);
    });

    it("rejects handles that are not pending", () => {
      const q = factory();
      const h = q.push(1, 0, 1, 0);
      for (const bad of [
        -1,
        Number.NaN,
        0.5,
        Number.POSITIVE_INFINITY,
        2 ** 53,
        h + 1,
        h + 2 ** 21,
        2 ** 30,
        2 ** 30 + h,
      ])
        expect(q.cancel(bad)).toBe(false);
      expect(q.size).toBe(1);
      expect(popOne(q)?.handle).toBe(h);
      expect(q.cancel(h)).toBe(false);
    });

    it("does not confuse a stale handle with the event that reuses its slot", () => {
      const q = factory(1);
      const stale: number[] = [];
      for (let round = 0; round < 5000; round++) {
        const h = q.push(round, 0, round, 0);
        // Every stale handle now and then; the most recent ones (the likeliest to collide) every round.
        const from = round % 500 === 0 ? 0 : Math.max(0, stale.length - 20);
        for (let k = from; k < stale.length; k++) {
          if (q.cancel(stale[k]!)) throw new Error(`stale handle ${stale[k]} cancelled a live event`);
        }
        expect(q.size).toBe(1);
        const e = popOne(q);
        if (e?.handle !== h || e.kind !== round) throw new Error(`round ${round}: popped ${JSON.stringify(e)}`);
        stale.push(h);
      }
      const live = q.push(1e6, 0, 100, 0);
      for (const s of stale) expect(q.cancel(s)).toBe(false);
      expect(q.cancel(live)).toBe(true);
      expect(q.pop()).toBe(false);
    });

    it("cancels the next event after a pop and then pushes", () => {
      const q = factory();
      q.push(1, 0, 1, 0);
      const h2 = q.push(2, 0, 2, 0);
      q.push(3, 0, 3, 0);
      expect(popOne(q)?.kind).toBe(1);
      expect(q.cancel(h2)).toBe(true);
      q.push(2, 0, 4, 0);
      expect(drain(q).map((e) => e.kind)).toEqual([4, 3]);
    });

    it("clear drops everything and invalidates handles", () => {
      const q = factory();
      const hs: number[] = [];
      for (let i = 0; i < 100; i++) hs.push(q.push(10 + (i % 7), 0, i, 0));
      expect(popOne(q)?.time).toBe(10);
      q.clear();
      expect(q.size).toBe(0);
      expect(q.pop()).toBe(false);
      expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
      for (const h of hs) expect(q.cancel(h)).toBe(false);
      const h = q.push(20, 1, 7, 8);
      for (const old of hs) expect(q.cancel(old)).toBe(false);
      expect(popOne(q)).toEqual({ time: 20, priority: 1, kind: 7, arg: 8, handle: h });
    });

    it("rejects bad arguments with RangeError and stays usable", () => {
      const q = factory();
      q.push(100, 0, 1, 0);
      expect(popOne(q)?.time).toBe(100);
      q.push(200, 0, 2, 0);
      const bad: [number, number, number, number][] = [
        [Number.NaN, 0, 0, 0],
        [-1, 0, 0, 0],
        [99, 0, 0, 0],
        [150.5, 0, 0, 0],
        [Number.POSITIVE_INFINITY, 0, 0, 0],
        [TIME_MAX_MS + 1, 0, 0, 0],
        [150, -1, 0, 0],
        [150, PRIORITY_MAX + 1, 0, 0],
        [150, 0.5, 0, 0],
        [150, Number.NaN, 0, 0],
        [150, 0, -1, 0],
        [150, 0, 2 ** 31, 0],
        [150, 0, 1.5, 0],
        [150, 0, 0, 2 ** 31],
        [150, 0, 0, -(2 ** 31) - 1],
        [150, 0, 0, 0.25],
      ];
      for (const [t, p, k, a] of bad) {
        expect(() => q.push(t, p, k, a), `push(${t}, ${p}, ${k}, ${a})`).toThrow(RangeError);
        // The same event relative to the last popped time (100).
        expect(() => q.pushAfter(t - 100, p, k, a), `pushAfter(${t - 100}, ${p}, ${k}, ${a})`).toThrow(RangeError);
      }
      expect(q.size).toBe(1);
      q.push(100, 0, 3, 0);
      q.push(TIME_MAX_MS, PRIORITY_MAX, 4, 0);
      expect(drain(q).map((e) => [e.time, e.kind])).toEqual([
        [100, 3],
        [200, 2],
        [TIME_MAX_MS, 4],
      ]);
    });

    it("pushAfter schedules relative to the last popped time, like push", () => {
      const q = factory();
      const base = 3e10 + 7;
      expect(q.pushAfter(5, 0, 1, 0)).toBeGreaterThanOrEqual(0);
      q.push(base, 0, 2, 0);
      expect(popOne(q)?.time).toBe(5);
      expect(popOne(q)?.time).toBe(base);
      const h1 = q.pushAfter(0, 3, 3, 30);
      q.push(base, 3, 4, 40);
      q.pushAfter(0, 1, 5, 50);
      q.pushAfter(2 ** 33, 0, 6, 60);
      q.pushAfter(10, 0, 7, 70);
      expect(q.cancel(h1)).toBe(true);
      expect(drain(q).map((e) => [e.time, e.priority, e.kind, e.arg])).toEqual([
        [base, 1, 5, 50],
        [base, 3, 4, 40],
        [base + 10, 0, 7, 70],
        [base + 2 ** 33, 0, 6, 60],
      ]);
    });

    it("handles large times (3e10 ms and beyond) with ties", () => {
      const q = factory();
      const base = 3e10;
      const ref: { time: number; priority: number; seq: number }[] = [];
      const rnd = sfc32(7);
      for (let i = 0; i < 3000; i++) {
        const time = base + Math.floor(rnd() * 4) * (rnd() < 0.5 ? 1 : 1e9);
        const priority = Math.floor(rnd() * 3);
        q.push(time, priority, i, 0);
        ref.push({ time, priority, seq: i });
      }
      ref.sort(byKey);
      expect(drain(q).map((e) => e.kind)).toEqual(ref.map((e) => e.seq));
    });

    it("grows from a tiny capacity hint", () => {
      const q = factory(0);
      const rnd = sfc32(3);
      const times: number[] = [];
      for (let i = 0; i < 50_000; i++) {
        const t = Math.floor(rnd() * 1e6);
        times.push(t);
        q.push(t, 0, i, 0);
      }
      times.sort((a, b) => a - b);
      const got = drain(q).map((e) => e.time);
      expect(got).toEqual(times);
    });

    for (const [label, pending, wide] of [
      ["mostly short increments", 1000, 2000],
      ["wide increments (bucket queues must grow)", 5000, 60_000],
    ] as const) {
      it(`runs a hold model in order: ${label}`, () => {
        const q = factory();
        const rnd = sfc32(11);
        for (let i = 0; i < pending; i++) q.push(Math.floor(rnd() * 1000), 0, i, 0);
        let last = -1;
        let lastSeqAtTime = -1;
        let seq = pending;
        for (let i = 0; i < 200_000; i++) {
          if (!q.pop()) throw new Error("queue ran dry");
          if (q.time < last) throw new Error(`time went backwards: ${q.time} < ${last}`);
          if (q.time === last && q.kind < lastSeqAtTime) throw new Error("FIFO violated");
          last = q.time;
          lastSeqAtTime = q.kind;
          const r = rnd();
          const dt = r < 0.3 ? 0 : r < 0.9 ? Math.floor(rnd() * wide) : Math.floor(rnd() * 200_000);
          q.push(q.time + dt, 0, seq++, 0);
        }
        expect(q.size).toBe(pending);
      });
    }

    it("returns handles that are small non-negative integers (no heap-number allocation)", () => {
      const q = factory();
      const seen = new Set<number>();
      for (let i = 0; i < 20_000; i++) {
        const h = q.push(i >> 3, i & 3, i, i);
        expect(Number.isInteger(h) && h >= 0 && h < 2 ** 30).toBe(true);
        seen.add(h);
        if (i % 3 === 0) q.pop();
      }
      for (let i = 0; i < 200_000; i++) {
        const h = q.push(q.time + (i & 7), 0, i, 0);
        if (!(Number.isInteger(h) && h >= 0 && h < 2 ** 30)) throw new Error(`handle ${h} out of range`);
        q.pop();
      }
    });

    it("follows time jumps: sparse far-apart events, then dense ones", () => {
      const q = factory();
      const ref: { time: number; priority: number; seq: number }[] = [];
      let seq = 0;
      const add = (time: number) => {
        q.push(time, 0, seq, 0);
        ref.push({ time, priority: 0, seq: seq++ });
      };
      for (let i = 0; i < 100; i++) add(i * 1e9);
      for (let i = 0; i < 5000; i++) add(5e10 + (i % 17));
      for (let i = 0; i < 100; i++) add(i);
      ref.sort(byKey);
      expect(drain(q).map((e) => e.kind)).toEqual(ref.map((e) => e.seq));
    });

    it("keeps memory bounded when most events are cancelled", () => {
      const q = factory();
      const rnd = sfc32(5);
      const keep: number[] = [];
      for (let i = 0; i < 10; i++) keep.push(q.push(1e12 + i, 0, i, 0));
      let time = 0;
      for (let i = 0; i < 300_000; i++) {
        const h = q.push(time + Math.floor(rnd() * 1000), 0, 100, 0);
        if (i % 50 === 0) {
          expect(q.pop()).toBe(true);
          time = q.time;
        } else expect(q.cancel(h)).toBe(true);
      }
      const fp = footprint(q);
      if (fp !== undefined) expect(fp).toBeLessThan(50_000);
      expect(q.size).toBe(10 + 300_000 / 50 - 300_000 / 50);
      const rest = drain(q);
      expect(rest.length).toBe(10);
      expect(rest.map((e) => e.kind)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    });

    it("cancelling everything leaves an empty queue", () => {
      const q = factory();
      const hs: number[] = [];
      for (let i = 0; i < 5000; i++) hs.push(q.push(i % 100, i % 5, i, 0));
      for (const h of hs) expect(q.cancel(h)).toBe(true);
      expect(q.size).toBe(0);
      expect(q.peekTime()).toBe(Number.POSITIVE_INFINITY);
      expect(q.pop()).toBe(false);
      q.push(3, 0, 1, 0);
      expect(popOne(q)?.kind).toBe(1);
    });
  });
}

/**
 * A tiny coarse tier taking pushes from the start: a 32 ms wheel, 64 ms coarse buckets and a ring of 32
 * (2 s), so drains, marker moves and pushes past the ring happen all the time.
 */
export const TINY_LADDER: ChunkWheelOptions = {
  initialBits: 5,
  maxBits: 9,
  adaptBits: 4,
  coarseBits: 5,
  coarseWidthBits: 6,
  coarseMinLive: 0,
};
