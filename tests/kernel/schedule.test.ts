/**
 * Capacity schedules: dated changes of profile (a cut from a date on), weekly profiles with many pieces
 * (binary search), and the next-change times a resource follows, checked against a minute-by-minute
 * reference on generated schedules.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  CapacitySchedule,
  type CapacityScheduleSpec,
  RequestStatus,
  Resource,
  Simulation,
} from "../../src/kernel/index.js";

const DAY = 86_400_000;
const HOUR = 3_600_000;

describe("CapacitySchedule with dated changes", () => {
  // Open 07:00-22:00 with 4 servers; from day 10 on, 2 servers 08:00-17:00; from day 20 on, 24 h with 1.
  const spec: CapacityScheduleSpec = {
    startsMs: [0, 7 * HOUR, 22 * HOUR],
    capacities: [0, 4, 0],
    periodMs: DAY,
    changes: [
      { fromMs: 10 * DAY, startsMs: [0, 8 * HOUR, 17 * HOUR], capacities: [0, 2, 0], periodMs: DAY },
      { fromMs: 20 * DAY, startsMs: [0], capacities: [1] },
    ],
  };
  const s = new CapacitySchedule(spec);

  it("gives each profile's value while it is in force, aligned to the clock", () => {
    expect(s.capacityAt(9 * DAY + 12 * HOUR)).toBe(4);
    expect(s.capacityAt(9 * DAY + 7.5 * HOUR)).toBe(4);
    expect(s.capacityAt(10 * DAY + 7.5 * HOUR)).toBe(0);
    expect(s.capacityAt(10 * DAY + 12 * HOUR)).toBe(2);
    expect(s.capacityAt(19 * DAY + 17 * HOUR)).toBe(0);
    expect(s.capacityAt(20 * DAY + 3 * HOUR)).toBe(1);
    expect(s.capacityAt(400 * DAY)).toBe(1);
    expect(s.capacityMax).toBe(4);
  });

  it("announces the change dates and the new profile's pieces", () => {
    expect(s.nextChangeAfter(9 * DAY + 22 * HOUR)).toBe(10 * DAY); // the change itself (may not change the value)
    expect(s.nextChangeAfter(10 * DAY)).toBe(10 * DAY + 8 * HOUR);
    expect(s.nextChangeAfter(19 * DAY + 17 * HOUR)).toBe(20 * DAY);
    expect(s.nextChangeAfter(20 * DAY)).toBe(Number.POSITIVE_INFINITY);
  });

  it("refuses changes that are not strictly ascending or start at 0", () => {
    const p = { startsMs: [0], capacities: [1] };
    expect(() => new CapacitySchedule({ ...p, changes: [{ fromMs: 0, ...p }] })).toThrow(/fromMs must be a positive/);
    expect(
      () =>
        new CapacitySchedule({
          ...p,
          changes: [
            { fromMs: 5, ...p },
            { fromMs: 5, ...p },
          ],
        }),
    ).toThrow(/strictly ascending by fromMs at 1/);
    expect(() => new CapacitySchedule({ ...p, changes: [{ fromMs: 5, startsMs: [0], capacities: [-1] }] })).toThrow(
      /capacities\[0\].*changes\[0\]/,
    );
  });

  it("a resource follows the cut: trucks in service finish, the next ones wait for the new profile", () => {
    const sim = new Simulation();
    const cut = new CapacitySchedule({
      startsMs: [0],
      capacities: [2],
      changes: [{ fromMs: 100, startsMs: [0], capacities: [1] }],
    });
    const res = new Resource(sim, { name: "r", schedule: cut });
    const grants: string[] = [];
    const done = sim.defineEvent("done", () => res.release());
    const grant = sim.defineEvent("grant", (e) => {
      grants.push(`${sim.now}:${e}`);
      sim.schedule(50, done, e);
    });
    const arrive = sim.defineEvent("arrive", (e) => {
      if (res.request(e, grant) === RequestStatus.granted) {
        grants.push(`${sim.now}:${e}`);
        sim.schedule(50, done, e);
      }
    });
    for (const [t, e] of [
      [80, 0],
      [90, 1],
      [110, 2],
      [120, 3],
    ] as const)
      sim.scheduleAt(t, arrive, e);
    sim.run({ untilMs: 1000 });
    // 0 and 1 keep both servers across the cut and finish; one server from then on: 2 waits until both have
    // left (140), 3 until 2 is done (190).
    expect(grants).toEqual(["80:0", "90:1", "140:2", "190:3"]);
  });
});

describe("CapacitySchedule against a minute-by-minute reference", () => {
  const MIN = 60_000;
  /** A random weekly profile (up to 40 pieces, so both the linear scan and the binary search run). */
  const profile = (period: number) =>
    fc.uniqueArray(fc.integer({ min: 1, max: period / MIN - 1 }), { maxLength: 40 }).chain((cuts) => {
      const starts = [0, ...cuts.sort((a, b) => a - b)].map((m) => m * MIN);
      return fc
        .array(fc.integer({ min: 0, max: 6 }), { minLength: starts.length, maxLength: starts.length })
        .map((capacities) => ({ startsMs: starts, capacities, periodMs: period }));
    });

  it("capacityAt and nextChangeAfter agree with a direct evaluation", () => {
    const week = 7 * 1440 * MIN;
    fc.assert(
      fc.property(profile(week), profile(1440 * MIN), fc.integer({ min: 1, max: 20 }), (a, b, changeDay) => {
        const fromMs = changeDay * 1440 * MIN;
        const s = new CapacitySchedule({ ...a, changes: [{ fromMs, ...b }] });
        const ref = (t: number): number => {
          const p = t >= fromMs ? b : a;
          const ph = t % (p.periodMs as number);
          let c = p.capacities[0] as number;
          for (let i = 0; i < p.startsMs.length; i++)
            if ((p.startsMs[i] as number) <= ph) c = p.capacities[i] as number;
          return c;
        };
        // Walk 30 days by the announced change times: the value never changes between announcements.
        let t = 0;
        let steps = 0;
        while (t < 30 * 1440 * MIN && steps++ < 5000) {
          expect(s.capacityAt(t)).toBe(ref(t));
          const next = s.nextChangeAfter(t);
          expect(next).toBeGreaterThan(t);
          if (next === Number.POSITIVE_INFINITY) break;
          // Probe one minute before the announced change: still the same value.
          if (next - MIN > t) expect(ref(next - MIN)).toBe(ref(t));
          t = next;
        }
      }),
      { numRuns: 60, seed: 20260501 },
    );
  });
});
