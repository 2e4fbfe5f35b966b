import { describe, expect, it } from "vitest";
import { Priority, Simulation, SimulationAssertionError } from "../../src/kernel/index.js";

describe("Simulation run loop", () => {
  it("runs events in (time, priority, insertion) order", () => {
    const sim = new Simulation();
    const log: string[] = [];
    const k = sim.defineEvent("log", (arg) => log.push(`${sim.now}:${arg}`));
    sim.schedule(10, k, 1, Priority.normal);
    sim.schedule(10, k, 2, Priority.capacity);
    sim.schedule(5, k, 3, Priority.normal);
    sim.schedule(10, k, 4, Priority.normal);
    sim.schedule(10, k, 5, Priority.capacity);
    expect(sim.run().reason).toBe("empty");
    expect(log).toEqual(["5:3", "10:2", "10:5", "10:1", "10:4"]);
  });

  it("processes events at untilMs, stops before later ones, and can continue", () => {
    const sim = new Simulation();
    let count = 0;
    const tick = sim.defineEvent("tick", () => {
      count++;
      sim.schedule(10, tick);
    });
    sim.schedule(0, tick);
    const first = sim.run({ untilMs: 100 });
    expect(first.reason).toBe("until");
    expect(count).toBe(11); // t = 0, 10, ..., 100
    expect(sim.now).toBe(100);
    sim.run({ untilMs: 150 });
    expect(count).toBe(16);
  });

  it("bounds a run by stepsMax and polls the cancel flag", () => {
    const sim = new Simulation();
    const loop = sim.defineEvent("loop", () => sim.schedule(1, loop));
    sim.schedule(0, loop);
    expect(sim.run({ stepsMax: 1000 })).toMatchObject({ reason: "stepsMax", steps: 1000 });
    let polls = 0;
    const out = sim.run({ cancelCheckEvery: 100, isCancelled: () => ++polls === 3 });
    expect(out.reason).toBe("cancelled");
    expect(out.steps).toBe(300);
  });

  it("cancels a scheduled event", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const k = sim.defineEvent("k", (a) => seen.push(a));
    const h = sim.schedule(5, k, 1);
    sim.schedule(6, k, 2);
    expect(sim.cancel(h)).toBe(true);
    expect(sim.cancel(h)).toBe(false);
    sim.run();
    expect(seen).toEqual([2]);
  });

  it("stops on request after the current event", () => {
    const sim = new Simulation();
    const k = sim.defineEvent("k", (a) => {
      if (a === 2) sim.stop();
    });
    for (let i = 0; i < 5; i++) sim.schedule(i, k, i);
    expect(sim.run().reason).toBe("stopped");
    expect(sim.now).toBe(2);
  });

  it("rejects bad delays, past times and duplicate kinds with a clear error", () => {
    const sim = new Simulation();
    const k = sim.defineEvent("k", () => {});
    expect(() => sim.schedule(-1, k)).toThrow(SimulationAssertionError);
    expect(() => sim.schedule(1.5, k)).toThrow(/integer/);
    expect(() => sim.defineEvent("k", () => {})).toThrow(/twice/);
    sim.schedule(10, k);
    sim.run();
    expect(() => sim.scheduleAt(5, k)).toThrow(/≥ now/);
  });
});

describe("a bounded run", () => {
  /** A model whose handlers schedule more events, some at exactly the horizon with the highest priority. */
  function model(horizons: number[]) {
    const sim = new Simulation();
    const log: string[] = [];
    let n = 0;
    const k: number = sim.defineEvent("k", (a) => {
      log.push(`${sim.now}/${a}`);
      if (n++ > 400) return;
      const d = (a * 7919) % 13; // 0..12 ms ahead, zero delays included
      sim.schedule(d, k, (a * 31 + 7) % 1000, [Priority.handoff, Priority.normal, 255][a % 3]);
      // At a horizon with the highest priority, pushed during the run that ends there: still part of it.
      if (horizons.includes(sim.now + 3)) sim.scheduleAt(sim.now + 3, k, 999, 255);
    });
    for (let a = 1; a <= 5; a++) sim.schedule(a * 4, k, a, a % 2 === 0 ? 255 : Priority.normal);
    return { sim, log };
  }

  it("processes exactly the events up to and including untilMs, in the same order as one unbounded run", () => {
    const horizons = [20, 21, 55, 90];
    const whole = model(horizons);
    whole.sim.run();
    const parts = model(horizons);
    for (const h of horizons) {
      expect(parts.sim.run({ untilMs: h }).reason).toBe("until");
      expect(parts.sim.now).toBe(h);
      const upTo = whole.log.filter((e) => Number(e.split("/")[0]) <= h);
      expect(parts.log).toEqual(upTo);
      expect(parts.sim.peekTime()).toBeGreaterThan(h);
    }
    expect(parts.sim.run().reason).toBe("empty");
    expect(parts.log).toEqual(whole.log);
    expect(parts.sim.steps).toBe(whole.sim.steps);
  });

  it("leaves the pending events as they were when it ends early (steps, cancel, stop) or a handler throws", () => {
    const sim = new Simulation();
    const loop = sim.defineEvent("loop", () => sim.schedule(1, loop));
    sim.schedule(0, loop);
    expect(sim.run({ untilMs: 10_000, stepsMax: 50 }).reason).toBe("stepsMax");
    expect(sim.pendingEvents).toBe(1);
    expect(sim.run({ untilMs: 10_000, cancelCheckEvery: 10, isCancelled: () => true }).reason).toBe("cancelled");
    expect(sim.pendingEvents).toBe(1);
    const stopper = sim.defineEvent("stop", () => sim.stop());
    sim.schedule(5, stopper);
    expect(sim.run({ untilMs: 10_000 }).reason).toBe("stopped");
    expect(sim.pendingEvents).toBe(1);
    const thrower = sim.defineEvent("throw", () => {
      throw new Error("model bug");
    });
    sim.schedule(3, thrower);
    expect(() => sim.run({ untilMs: 10_000 })).toThrow("model bug");
    expect(sim.pendingEvents).toBe(1);
    expect(sim.peekTime()).toBeLessThan(10_000);
  });

  it("shows handlers the pending events and the next time as they are, whatever the run's horizon", () => {
    const sim = new Simulation();
    const seen: [number, number][] = [];
    const look = sim.defineEvent("look", () => seen.push([sim.pendingEvents, sim.peekTime()]));
    sim.scheduleAt(5, look);
    sim.scheduleAt(200, look);
    expect(sim.run({ untilMs: 100 }).reason).toBe("until");
    // At 5: one event pending (at 200, beyond the horizon), not the run's own bookkeeping.
    expect(seen).toEqual([[1, 200]]);
    expect(sim.pendingEvents).toBe(1);
    expect(sim.run({ untilMs: 300 }).reason).toBe("until");
    expect(seen).toEqual([
      [1, 200],
      [0, Number.POSITIVE_INFINITY],
    ]);
    expect(sim.pendingEvents).toBe(0);
  });

  it("refuses a run started from inside a run", () => {
    const sim = new Simulation();
    const nested = sim.defineEvent("nested", () => sim.run({ untilMs: 50 }));
    sim.scheduleAt(1, nested);
    expect(() => sim.run({ untilMs: 10 })).toThrow("run called from inside a run");
    expect(sim.pendingEvents).toBe(0);
    sim.scheduleAt(20, nested);
    expect(() => sim.run()).toThrow("run called from inside a run");
    // The refused call changed nothing, and the simulation still runs.
    const later = sim.defineEvent("later", () => {});
    sim.scheduleAt(30, later);
    expect(sim.run({ untilMs: 40 })).toEqual({ reason: "until", steps: 1, nowMs: 40 });
  });

  it("keeps a horizon that is not a whole millisecond or lies beyond the queue's range", () => {
    const sim = new Simulation();
    const seen: number[] = [];
    const k = sim.defineEvent("k", () => seen.push(sim.now));
    for (const t of [10, 11, 12]) sim.scheduleAt(t, k);
    expect(sim.run({ untilMs: 11.5 }).reason).toBe("until");
    expect(seen).toEqual([10, 11]);
    expect(sim.now).toBe(11.5);
    expect(sim.run({ untilMs: 2 ** 50 }).reason).toBe("until");
    expect(seen).toEqual([10, 11, 12]);
  });
});
