/**
 * tet-peak shows what it claims (issue 12): hours are extended to 23:00 only in the catch-up window
 * (21 Feb - 6 Mar), and surge -> closure -> catch-up shows the trucks not yet across (end-of-day backlog)
 * building and then clearing. Within each replication the periods are paired (the same run): the backlog
 * during the closure is above the pre-Tết level, the last week of March is below the closure and back at
 * or near the pre-Tết level; against the same scenario without the extended hours (common random numbers)
 * the backlog at the end of the catch-up is lower. 95 % intervals; seed 2026, replications 0..3.
 */
import { describe, expect, it } from "vitest";
import { CapacitySchedule } from "../../src/kernel/index.js";
import { DAY_MS, HOUR_MS, type ReplicationResult } from "../../src/model/index.js";
import { compileScenario, loadShippedScenario, parseScenario, runCompiled } from "../../src/scenario/index.js";
import { pairedComparison } from "../../src/stats/index.js";

const REPS = 4;
const WARMUP = 3; // measured day k is day k + 3 of a run starting on 19 January 2026
const day = (date: string): number => (Date.parse(`${date}T00:00:00Z`) - Date.parse("2026-01-19T00:00:00Z")) / DAY_MS;
const mean = (xs: number[]): number => xs.reduce((a, b) => a + b, 0) / xs.length;
/** Mean end-of-day backlog over the run days [from, to] (inclusive), by date. */
const backlog = (r: ReplicationResult, from: string, to: string): number =>
  mean(r.series.daily.backlogEndOfDay!.slice(day(from) - WARMUP, day(to) - WARMUP + 1));

describe("tet-peak: surge, closure, catch-up with extended hours", () => {
  const scenario = loadShippedScenario("tet-peak");
  const compiled = compileScenario(scenario);
  const runs = Array.from({ length: REPS }, (_, i) => runCompiled(compiled, i));

  it("opens until 23:00 in the catch-up window only", () => {
    const gate = compiled.config.stages.find((s) => s.id === "exportGate")!;
    if (gate.type !== "server") throw new Error("server expected");
    const s = new CapacitySchedule(gate.schedule);
    const at2230 = (date: string) => s.capacityAt(day(date) * DAY_MS + 22.5 * HOUR_MS);
    expect(at2230("2026-01-28")).toBe(0); // the pre-Tết surge: usual hours
    expect(at2230("2026-02-21")).toBe(4);
    expect(at2230("2026-03-06")).toBe(4);
    expect(at2230("2026-03-07")).toBe(0);
    // The specialized road keeps its own 24 h.
    const road = compiled.config.stages.find((st) => st.id === "importRoad")!;
    if (road.type !== "server") throw new Error("server expected");
    expect(new CapacitySchedule(road.schedule).capacityAt(day("2026-01-28") * DAY_MS + 3 * HOUR_MS)).toBe(15);
  });

  it("the backlog builds: during the closure it is above the pre-Tết level", () => {
    const p = pairedComparison(
      runs.map((r) => backlog(r, "2026-01-22", "2026-01-25")),
      runs.map((r) => backlog(r, "2026-02-16", "2026-02-20")),
    );
    expect(p.significant).toBe(true);
    expect(p.ci95[0]).toBeGreaterThan(500);
  });

  it("and clears: the last week of March is below the closure, at or near the pre-Tết level", () => {
    const before = runs.map((r) => backlog(r, "2026-01-22", "2026-01-25"));
    const closure = runs.map((r) => backlog(r, "2026-02-16", "2026-02-20"));
    const after = runs.map((r) => backlog(r, "2026-03-25", "2026-03-31"));
    const cleared = pairedComparison(closure, after);
    expect(cleared.significant).toBe(true);
    expect(cleared.diffMean).toBeLessThan(0);
    // Back at the pre-Tết level or below it: the interval of (after - before) lies below a fifth of the rise.
    const rise = mean(closure) - mean(before);
    const back = pairedComparison(before, after);
    expect(back.ci95[1]).toBeLessThan(0.2 * rise);
  });

  it("the extended hours hold the backlog down through the catch-up (against the same days without them)", () => {
    const plain = structuredClone(scenario);
    for (const s of plain.seasons) delete s.openingHours;
    const noExtension = compileScenario(parseScenario(plain));
    const end = day("2026-03-06") + 1; // horizon: the end of the catch-up
    const without = Array.from({ length: REPS }, (_, i) =>
      runCompiled(noExtension, i, scenario.seed, { horizonDays: end }),
    );
    const at = (r: ReplicationResult) => r.series.daily.backlogEndOfDay![end - 1 - WARMUP]!;
    const p = pairedComparison(without.map(at), runs.map(at));
    expect(p.significant).toBe(true);
    expect(p.ci95[1]).toBeLessThan(0);
  });
});
