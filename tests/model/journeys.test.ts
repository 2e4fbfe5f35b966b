/**
 * Journeys (issue 12, items 3 and 6): trucks still inside at the horizon are reported with their ages and
 * enter a censored time in system, so a scenario that jams cannot look better than one that flows; waits
 * and times in system by class; losses per stage and a loss ratio; arrival-day cohorts.
 */
import { describe, expect, it } from "vitest";
import { type ReplicationResult, simulate } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, parseScenario } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const demand = {
  export: { trucksPerDay: 240, entry: "in", cargoMixPercent: { fruit: 50, other: 50 } },
};
const common = {
  horizonDays: 10,
  cargoClasses: [{ id: "fruit", perishable: true }, { id: "other" }],
  demand,
};
/** Flows: every truck dwells a day (a lab hold), then a gate with room to spare. */
const flowing = parseScenario({
  ...common,
  name: "flowing",
  stages: {
    in: { type: "delay", minutes: 1440, next: "gate" },
    gate: { type: "server", servers: 3, serviceMinutes: 10, next: "out" },
    out: { type: "sink", crossing: true },
  },
});
/** Jams: a gate with 60 % of the capacity needed, perishables first; the other trucks mostly never get through. */
const jammed = parseScenario({
  ...common,
  name: "jammed",
  stages: {
    in: { type: "delay", minutes: 1, next: "gate" },
    gate: {
      type: "server",
      servers: 1,
      serviceMinutes: 10,
      discipline: "callForward",
      callForward: "perishablesFirst",
      next: "out",
    },
    out: { type: "sink", crossing: true },
  },
});

const reps = (sc: ReturnType<typeof parseScenario>, n: number): ReplicationResult[] =>
  Array.from({ length: n }, (_, i) => simulate(compileScenario(sc).config, { seed: 12, replication: i }));
const values = (rs: ReplicationResult[], k: string): number[] => rs.map((r) => r.kpis[k]!.value);

describe("journeys", () => {
  const f = reps(flowing, 4);
  const j = reps(jammed, 4);

  it("a scenario that jams looks better on crossed trucks alone, and worse once the trucks still waiting count", () => {
    // Survivorship bias: only the priority trucks (and the first others) get through, quickly.
    const crossed = pairedComparison(values(f, "timeInSystemMinutesMean"), values(j, "timeInSystemMinutesMean"));
    expect(crossed.ci95[1]).toBeLessThan(0);
    // With the trucks still waiting counted at their age (a lower bound of their time in system), it is worse.
    const censored = pairedComparison(
      values(f, "timeInSystemCensoredMinutesMean"),
      values(j, "timeInSystemCensoredMinutesMean"),
    );
    expect(censored.ci95[0]).toBeGreaterThan(0);
    for (const r of j) {
      expect(r.kpis.stillWaitingAtEnd!.value).toBeGreaterThan(700);
      expect(r.kpis.stillWaitingShare!.value).toBeGreaterThan(0.3);
      expect(r.kpis.stillWaitingAgeHoursMax!.value).toBeGreaterThan(150);
      expect(r.kpis.stillWaitingAgeHoursP95!.value).toBeLessThanOrEqual(r.kpis.stillWaitingAgeHoursMax!.value);
      expect(r.kpis.stillWaitingAgeHoursMean!.value).toBeLessThanOrEqual(r.kpis.stillWaitingAgeHoursP95!.value);
      // Waiting trucks are the others: the perishables got through.
      expect(r.kpis["class.cargo.fruit.waitMinutesMean"]!.value).toBeLessThan(
        r.kpis["class.cargo.other.waitMinutesMean"]!.value,
      );
    }
    // Trucks still waiting at the horizon are exactly those the counters say are in the system.
    for (const r of [...f, ...j]) expect(r.kpis.stillWaitingAtEnd!.value).toBe(r.conservation.inSystemAtEnd);
  });

  it("arrival-day cohorts: every truck that arrived has crossed, been lost, or is still waiting", () => {
    for (const r of [...f, ...j]) {
      const d = r.series.daily;
      expect(d.cohortArrived!.length).toBe(10);
      for (let i = 0; i < 10; i++) {
        expect(d.cohortCrossed![i]! + d.cohortLeft![i]! + d.cohortStillWaiting![i]!).toBe(d.cohortArrived![i]);
      }
      expect(d.cohortArrived!.reduce((a, b) => a + b, 0)).toBe(r.conservation.arrivals);
    }
    // In the jam, later cohorts wait longer: the restricted mean of day 1 is far below day 5's.
    const r = j[0]!;
    expect(r.series.daily.cohortTimeInSystemCensoredMinutesMean![0]!).toBeLessThan(
      r.series.daily.cohortTimeInSystemCensoredMinutesMean![4]!,
    );
  });

  it("a wait is time in system minus service and travel: zero where nothing queues", () => {
    const sc = parseScenario({
      name: "no-wait",
      horizonDays: 3,
      demand: { export: { trucksPerDay: 20, entry: "road", cargoMixPercent: { a: 30, b: 70 } } },
      cargoClasses: [{ id: "a" }, { id: "b" }],
      stages: {
        road: { type: "delay", minutes: 60, next: "desk" },
        desk: { type: "server", servers: 50, serviceMinutes: 10, next: "out" },
        out: { type: "sink", crossing: true },
      },
    });
    const r = simulate(compileScenario(sc).config, { seed: 1, replication: 0 });
    expect(r.kpis.waitMinutesMean!.value).toBe(0);
    expect(r.kpis["class.cargo.a.waitMinutesMean"]!.value).toBe(0);
    expect(r.kpis["class.cargo.b.waitMinutesMean"]!.value).toBe(0);
    expect(r.kpis["class.cargo.a.timeInSystemMinutesMean"]!.value).toBeCloseTo(70, 9);
    // No booking or channel layer in this scenario: no such classes.
    expect(Object.keys(r.kpis).some((k) => k.startsWith("class.booking") || k.startsWith("class.channel"))).toBe(false);
  });

  it("waits by booking and customs channel where the scenario has them; the cargo classes add up", () => {
    const c = compileScenario(loadShippedScenario("smart-gate-2026"));
    const r = simulate(c.config, { seed: 4, replication: 0, horizonDays: 5, warmupDays: 1 });
    const k = (n: string): number => r.kpis[n]!.value;
    for (const cls of ["booking.appointment", "booking.walkIn", "channel.green", "channel.yellow", "channel.red"]) {
      expect(k(`class.${cls}.waitMinutesMean`), cls).toBeGreaterThan(0);
      expect(k(`class.${cls}.timeInSystemMinutesMean`), cls).toBeGreaterThan(k(`class.${cls}.waitMinutesMean`));
    }
    // Red-channel trucks are scanned and inspected: they wait longer than green ones.
    expect(k("class.channel.red.timeInSystemMinutesMean")).toBeGreaterThan(
      k("class.channel.green.timeInSystemMinutesMean"),
    );
    expect(k("waitMinutesMean")).toBeLessThan(k("timeInSystemMinutesMean"));
  });

  it("losses per stage and the loss ratio", () => {
    const sc = parseScenario({
      name: "mm1k-loss",
      horizonDays: 20,
      warmupDays: 1,
      demand: { export: { trucksPerDay: 1440, entry: "s" } },
      stages: {
        s: { type: "server", servers: 1, serviceMinutes: { type: "exponential", mean: 1 }, queueMax: 2, next: "o" },
        o: { type: "sink", crossing: true },
      },
    });
    const r = simulate(compileScenario(sc).config, { seed: 2, replication: 0 });
    // M/M/1/3 at rho = 1: every state equally likely, a quarter of arrivals find the system full.
    expect(r.kpis.lossRatio!.value).toBeGreaterThan(0.23);
    expect(r.kpis.lossRatio!.value).toBeLessThan(0.27);
    const days = 19;
    expect(r.stages.s!.lost).toBeCloseTo(r.kpis.lostPerDay!.value * days, 6);
    expect(r.kpis.lossRatio!.value).toBeCloseTo(r.kpis.lostPerDay!.value / r.kpis.arrivalsPerDay!.value, 12);
  });
});
