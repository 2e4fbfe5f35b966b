/**
 * Networks a run could only fail on or spin in (issue 14, item 9) are refused when the scenario is
 * validated, naming the stage: a stage routed to itself, stages from which no sink can be reached, and
 * loops that take no simulated time.
 */
import { describe, expect, it } from "vitest";
import { listShippedScenarios, loadScenarioFile, parseScenario, ScenarioError } from "../../src/scenario/index.js";
import { checkNetwork } from "../../src/scenario/network-check.js";

/** Issues of a one-direction scenario with these stages, entering at `a`. */
function issues(stages: Record<string, unknown>): { path: string; message: string }[] {
  try {
    parseScenario({ name: "net", demand: { export: { trucksPerDay: 100, entry: "a" } }, stages });
    return [];
  } catch (e) {
    if (e instanceof ScenarioError) return e.issues;
    throw e;
  }
}

describe("network checks", () => {
  it("accepts every shipped scenario", () => {
    for (const s of listShippedScenarios()) expect(checkNetwork(loadScenarioFile(s.file))).toEqual([]);
  });

  it("refuses a stage routed to itself, naming the field", () => {
    expect(issues({ a: { type: "server", servers: 1, serviceMinutes: 1, next: "a" }, done: { type: "sink" } })).toEqual(
      [{ path: "stages.a.next", message: 'stage "a" routes to itself: its trucks would never leave it' }],
    );
    const branch = issues({
      a: {
        type: "branch",
        routes: [
          { percent: 50, to: "a" },
          { percent: 50, to: "done" },
        ],
      },
      done: { type: "sink" },
    });
    expect(branch.map((i) => i.path)).toEqual(["stages.a.routes.0.to"]);
  });

  it("refuses a cycle with no way to a sink", () => {
    const found = issues({
      a: { type: "server", servers: 1, serviceMinutes: 1, next: "b" },
      b: { type: "delay", minutes: 5, next: "a" },
      done: { type: "sink" },
    });
    expect(found).toEqual([
      {
        path: "stages.a",
        message: 'trucks reaching stage "a" can never leave the network: no route from it leads to a sink',
      },
      {
        path: "stages.b",
        message: 'trucks reaching stage "b" can never leave the network: no route from it leads to a sink',
      },
    ]);
  });

  it("refuses a loop that takes no time, and accepts a rework loop through a server", () => {
    const instant = issues({
      a: {
        type: "branch",
        routes: [
          { percent: 90, to: "b" },
          { percent: 10, to: "done" },
        ],
      },
      b: { type: "holding", capacityTrucks: 10, next: "c" },
      c: { type: "server", servers: 1, serviceMinutes: 0, next: "a" },
      done: { type: "sink" },
    });
    expect(instant).toHaveLength(1);
    expect(instant[0]?.message).toMatch(/"a" → "b" → "c" → "a" form a loop that takes no time/);
    const rework = issues({
      a: { type: "server", servers: 1, serviceMinutes: { type: "exponential", mean: 1 }, next: "check" },
      check: {
        type: "branch",
        routes: [
          { percent: 20, to: "a" },
          { percent: 80, to: "done" },
        ],
      },
      done: { type: "sink" },
    });
    expect(rework).toEqual([]);
  });

  it("counts a rail terminal as a way out and follows overflow and diversion routes", () => {
    // Loads leave a rail terminal by train: no sink needed behind it.
    const rail = { type: "rail", timetable: [{ departs: "08:00" }], wagons: 10 };
    expect(issues({ a: { type: "delay", minutes: 1, next: "r" }, r: rail })).toEqual([]);
    // A terminal's overflow into a dead end is refused, naming the stage trucks get stuck in.
    const dead = issues({
      a: { type: "delay", minutes: 1, next: "r" },
      r: { ...rail, terminalCapacityLoads: 5, overflowTo: "stuck" },
      stuck: { type: "delay", minutes: 1, next: "round" },
      round: { type: "delay", minutes: 1, next: "stuck" },
    });
    expect(dead.map((i) => i.path)).toEqual(["stages.stuck", "stages.round"]);
    // A balking stage that diverts its trucks back to itself.
    const balk = issues({
      a: {
        type: "server",
        servers: 1,
        serviceMinutes: 1,
        next: "done",
        balking: { aboveTrucks: 5, divertTo: [{ to: "a" }] },
      },
      done: { type: "sink" },
    });
    expect(balk.map((i) => i.path)).toEqual(["stages.a.balking.divertTo.0.to"]);
  });
});
