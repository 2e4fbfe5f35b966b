/**
 * Reneging through the kernel: `Resource.cancelWait(entity)` takes an entity out of a line (FIFO or
 * priority) or out of the entities blocked upstream, keeps the others' order, updates the line statistics
 * and lets a blocked entity take the freed room. The waiting lines' `remove` is checked against a naive
 * sorted array by a fast-check model test.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  FifoWaitQueue,
  PriorityWaitQueue,
  RequestStatus,
  Resource,
  Simulation,
  type WaitQueue,
} from "../../src/kernel/index.js";

describe("Resource.cancelWait", () => {
  function setup(discipline: "fifo" | "priority", queueLengthMax = Number.POSITIVE_INFINITY) {
    const sim = new Simulation();
    const grants: number[] = [];
    const admitted: number[] = [];
    const grant = sim.defineEvent("grant", (e) => grants.push(e));
    const admit = sim.defineEvent("admit", (e) => admitted.push(e));
    const res = new Resource(sim, {
      name: "gate",
      capacity: 1,
      discipline,
      queueLengthMax,
      whenFull: Number.isFinite(queueLengthMax) ? "block" : "reject",
      admitKind: admit,
    });
    const release = sim.defineEvent("release", () => res.release());
    return { sim, res, grants, admitted, grant, release };
  }

  for (const discipline of ["fifo", "priority"] as const) {
    it(`removes a waiting entity and serves the others in order (${discipline})`, () => {
      const { sim, res, grants, grant, release } = setup(discipline);
      expect(res.request(0, grant)).toBe(RequestStatus.granted);
      for (let e = 1; e <= 5; e++) expect(res.request(e, grant, e % 2)).toBe(RequestStatus.queued);
      expect(res.queued).toBe(5);
      expect(res.cancelWait(3)).toBe(true);
      expect(res.cancelWait(3)).toBe(false); // not waiting any more
      expect(res.cancelWait(0)).toBe(false); // in service, not waiting
      expect(res.cancelWait(42)).toBe(false); // never asked
      expect(res.queued).toBe(4);
      expect(res.cancelledWaits).toBe(1);
      // Each grant releases at once, so the line drains one entity per instant.
      for (let k = 1; k <= 5; k++) sim.scheduleAt(k, release, 0);
      sim.run();
      // FIFO: 1, 2, 4, 5; priority: class 0 (2, 4) before class 1 (1, 5).
      expect(grants).toEqual(discipline === "fifo" ? [1, 2, 4, 5] : [2, 4, 1, 5]);
    });
  }

  it("counts the line's time-weighted length only while the entity waited", () => {
    const { sim, res, grant } = setup("fifo");
    const cancel = sim.defineEvent("cancel", (e) => res.cancelWait(e));
    res.request(0, grant);
    res.request(1, grant);
    sim.scheduleAt(10, cancel, 1);
    sim.run({ untilMs: 20 });
    // One entity waiting for 10 of 20 ms.
    expect(res.queueLength.mean(sim.now)).toBe(0.5);
    expect(res.queued).toBe(0);
  });

  it("takes a blocked entity out upstream, and a cancelled wait frees room for a blocked one", () => {
    const { sim, res, admitted, grant } = setup("fifo", 1);
    res.request(0, grant); // served
    expect(res.request(1, grant)).toBe(RequestStatus.queued);
    expect(res.request(2, grant)).toBe(RequestStatus.blocked);
    expect(res.request(3, grant)).toBe(RequestStatus.blocked);
    expect(res.cancelWait(2)).toBe(true); // leaves from upstream
    expect(res.blocked).toBe(1);
    expect(res.cancelWait(1)).toBe(true); // leaves the line: entity 3 is admitted into it
    expect(res.queued).toBe(1);
    expect(res.blocked).toBe(0);
    sim.run();
    expect(admitted).toEqual([3]);
  });
});

/** Naive reference line: entries sorted by (priority, arrival). */
function reference(priority: boolean) {
  let seq = 0;
  const items: { e: number; p: number; s: number }[] = [];
  return {
    items,
    push(e: number, p: number) {
      items.push({ e, p: priority ? p : 0, s: seq++ });
      items.sort((a, b) => a.p - b.p || a.s - b.s);
    },
    shift() {
      return items.shift()?.e;
    },
    remove(e: number) {
      const i = items.findIndex((x) => x.e === e);
      if (i >= 0) items.splice(i, 1);
      return i >= 0;
    },
  };
}

describe("WaitQueue.remove (model test against a sorted array)", () => {
  const op = fc.oneof(
    fc.record({ op: fc.constant("push" as const), p: fc.integer({ min: 0, max: 3 }) }),
    fc.record({ op: fc.constant("shift" as const) }),
    fc.record({ op: fc.constant("remove" as const), pick: fc.nat() }),
  );
  for (const [name, make, prio] of [
    ["fifo", () => new FifoWaitQueue(2), false],
    ["priority", () => new PriorityWaitQueue(2), true],
  ] as const) {
    it(`${name}: any sequence of push, shift and remove matches the reference`, () => {
      fc.assert(
        fc.property(fc.array(op, { maxLength: 300 }), (ops) => {
          const q: WaitQueue = make();
          const ref = reference(prio);
          let next = 0;
          for (const o of ops) {
            if (o.op === "push") {
              q.push(next, 7, o.p, next);
              ref.push(next, o.p);
              next++;
            } else if (o.op === "shift") {
              const want = ref.shift();
              expect(q.shift()).toBe(want !== undefined);
              if (want !== undefined) expect(q.entity).toBe(want);
            } else {
              // Half the picks name an entity that is in the line, half one that may have left.
              const e =
                ref.items.length > 0 && o.pick % 2 === 0
                  ? ref.items[o.pick % ref.items.length]!.e
                  : o.pick % (next + 1);
              expect(q.remove(e)).toBe(ref.remove(e));
            }
            expect(q.size).toBe(ref.items.length);
          }
          const rest: number[] = [];
          while (q.shift()) rest.push(q.entity);
          expect(rest).toEqual(ref.items.map((x) => x.e));
        }),
        { seed: 13, numRuns: 300 },
      );
    });
  }
});
