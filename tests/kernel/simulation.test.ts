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
