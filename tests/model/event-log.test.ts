/**
 * The per-truck event log (issue 12): opt-in, bounded, one row per truck event with a case id never
 * recycled; the run with the log on gives exactly the same result as without it.
 */
import { describe, expect, it } from "vitest";
import { EventLog, simulate, TruckEvent, truckEventType, truckEventTypes } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario } from "../../src/scenario/index.js";

const compiled = compileScenario(loadShippedScenario("baseline-2026q1"));
const opts = { seed: 9, replication: 2, horizonDays: 3, warmupDays: 1 };

describe("event log", () => {
  it("observes without changing anything: the same result with the log on as off", () => {
    const off = simulate(compiled.config, opts);
    const log = new EventLog(2_000_000);
    const on = simulate(compiled.config, { ...opts, eventLog: log });
    expect(JSON.stringify(on)).toBe(JSON.stringify(off));
    expect(log.rows).toBeGreaterThan(50_000);
    expect(log.droppedRows).toBe(0);
  });

  it("follows every truck from arrival: unique case ids, one arrive each, times in order, a cross per crossing", () => {
    const log = new EventLog(2_000_000);
    const r = simulate(compiled.config, { ...opts, warmupDays: 0 });
    simulate(compiled.config, { ...opts, warmupDays: 0, eventLog: log });
    const d = log.data({
      calendar: compiled.config.calendar,
      stageIds: compiled.config.stages.map((s) => s.id),
      cargoClasses: compiled.config.cargoClasses,
    });
    const arrive = new Map<number, number>();
    const last = new Map<number, number>();
    const counts = new Map<string, number>();
    const trips = new Set<number>();
    const problems: string[] = [];
    for (let i = 0; i < d.rows; i++) {
      const c = d.caseId[i]!;
      const type = d.eventTypes[d.type[i]!]!;
      // A transshipment partner's or an emptied truck's trip starts its case: it is no arrival.
      if (type === "trip") trips.add(c);
      if (!trips.has(c)) counts.set(type, (counts.get(type) ?? 0) + 1);
      if (type === "arrive" || type === "trip") {
        if (arrive.has(c)) problems.push(`case ${c} arrives twice`);
        arrive.set(c, i);
      } else if (!arrive.has(c)) problems.push(`case ${c}: ${type} before arriving`);
      if (d.timeMs[i]! < (last.get(c) ?? 0)) problems.push(`case ${c}: time goes back at row ${i}`);
      last.set(c, d.timeMs[i]!);
      if (i > 0 && d.timeMs[i]! < d.timeMs[i - 1]!) problems.push(`row ${i} is earlier than row ${i - 1}`);
    }
    expect(problems.slice(0, 5)).toEqual([]);
    // Case ids are 1, 2, 3, ... in order of arrival for trucks generated at arrival (no booking here).
    expect([...arrive.keys()].filter((c) => !trips.has(c)).slice(0, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(trips.size).toBeGreaterThan(100);
    expect(counts.get("arrive")).toBe(r.conservation.arrivals);
    expect(counts.get("cross")).toBe(r.conservation.cleared + crossedStillInside(r));
    expect(counts.get("exit")).toBe(r.conservation.cleared);
    // Blocked events happen only at servers; every start at a server or holding was preceded by its arrival.
    expect(counts.get("start")!).toBeGreaterThan(counts.get("arrive")!);
  });

  it("is bounded: past rowsMax the rows are counted as dropped and the log says it is truncated", () => {
    const log = new EventLog(1000);
    const on = simulate(compiled.config, { ...opts, eventLog: log });
    expect(log.rows).toBe(1000);
    expect(log.droppedRows).toBeGreaterThan(10_000);
    const d = log.data({ calendar: compiled.config.calendar, stageIds: [], cargoClasses: [] });
    expect(d.truncated).toBe(true);
    expect(d.caseId.length).toBe(1000);
    // Still the same run.
    expect(JSON.stringify(on.kpis)).toBe(JSON.stringify(simulate(compiled.config, opts).kpis));
    expect(() => new EventLog(0)).toThrow(/rowsMax/);
    expect(() => new EventLog(5_000_001)).toThrow(/rowsMax/);
  });

  it("has an open list of event types that other parts extend", () => {
    for (const t of ["arrive", "queue", "start", "end", "blocked", "cross", "divert", "lose", "exit", "balk", "trip"]) {
      expect(truckEventTypes()).toContain(t);
    }
    expect(truckEventType("arrive")).toBe(TruckEvent.arrive);
    const renege = truckEventType("renegeTest");
    expect(truckEventType("renegeTest")).toBe(renege);
    expect(truckEventTypes()[renege]).toBe("renegeTest");
    expect(() => truckEventType("not a name")).toThrow();
  });
});

/** Trucks that crossed and are still inside at the horizon (imports in the ICD): they crossed but did not exit. */
function crossedStillInside(r: ReturnType<typeof simulate>): number {
  return r.conservation.inSystemAtEnd - r.kpis.stillWaitingAtEnd!.value;
}
