/**
 * Two defects of the gate model (issue 13 §4), each reproduced first: Ultraview plate reading applied to every
 * truck at generation, also to imports that never pass the NH1A cameras; and the ICD container yard taking a
 * weighted 10 % of imports whatever they carry. Fixed seeds; every threshold is far from the other outcome.
 */
import { describe, expect, it } from "vitest";
import { simulate } from "../../src/model/index.js";
import {
  applyOverrides,
  compileScenario,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
} from "../../src/scenario/index.js";

/** Exports pass a gate (plate-read trucks take 60 min longer there), then the camera stretch, then a check. */
function camerasAfterGate(cameras: boolean) {
  return compileScenario(
    parseScenario({
      name: "cameras",
      horizonDays: 3,
      demand: { export: { trucksPerDay: 200, entry: "gate", plateReadPercent: 100 } },
      stages: {
        gate: {
          type: "server",
          servers: 100,
          serviceMinutes: 1,
          adders: [{ when: { plateRead: true }, minutes: 60 }],
          next: "nh1a",
        },
        nh1a: { type: "delay", minutes: 10, ...(cameras ? { plateCameras: true } : {}), next: "check" },
        check: {
          type: "server",
          servers: 100,
          serviceMinutes: 1,
          adders: [{ when: { plateRead: true }, minutes: 120 }],
          next: "out",
        },
        out: { type: "sink", crossing: true },
      },
    }),
  ).config;
}

describe("Ultraview plate reading happens where the cameras are", () => {
  it("a plate is read only once the truck has passed a stage with cameras, not at its arrival", () => {
    const r = simulate(camerasAfterGate(true), { seed: 5, replication: 0 });
    // 1 + 10 + 1 min of travel and service, +120 at the check after the cameras, never +60 at the gate before them.
    expect(r.kpis.timeInSystemMinutesMean!.value).toBeGreaterThan(130);
    expect(r.kpis.timeInSystemMinutesMax!.value).toBeLessThan(140);
    expect(r.conservation.holds).toBe(true);
  });

  it("refuses a plate-read share for trucks whose route passes no cameras (it would have no effect)", () => {
    expect(() => camerasAfterGate(false)).toThrow(ScenarioError);
    expect(() => camerasAfterGate(false)).toThrow(/demand\.export\.plateReadPercent.*plateCameras/s);
  });

  it("imports arriving from the zero line are not pre-identified: the smart gate refuses an import read share", () => {
    const smart = loadShippedScenario("smart-gate-2026");
    expect(smart.demand.export!.plateReadPercent).toBe(97);
    expect(smart.demand.import!.plateReadPercent).toBe(0);
    expect(() => applyOverrides(smart, { "demand.import.plateReadPercent": 97 })).toThrow(
      /demand\.import\.plateReadPercent/,
    );
    // Exports pass the cameras on NH1A: at 97 % nearly all export trucks skip the 2-min unread-plate adder.
    const opts = { seed: 3, replication: 0, horizonDays: 4, warmupDays: 1 };
    const compiled = compileScenario(smart).config;
    const none = compileScenario(applyOverrides(smart, { "demand.export.plateReadPercent": 0 })).config;
    const a = simulate(compiled, opts);
    const b = simulate(none, opts);
    const gateA = a.stages.exportGate!.utilization;
    const gateB = b.stages.exportGate!.utilization;
    expect(gateB).toBeGreaterThan(gateA * 1.3);
  });
});

describe("the container flag decides which imports go to the ICD container yard", () => {
  const opts = { seed: 9, replication: 0, horizonDays: 6, warmupDays: 1 };

  it("no import without a container enters the ICD", () => {
    const sc = applyOverrides(loadShippedScenario("baseline-2026q1"), { "demand.import.containerPercent": 0 });
    const r = simulate(compileScenario(sc).config, opts);
    expect(r.stages.icdYard!.throughput).toBe(0);
    expect(r.conservation.holds).toBe(true);
  });

  it("every import in the ICD carries a container: the ICD share follows the container share", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const all = applyOverrides(base, { "demand.import.containerPercent": 100 });
    const half = simulate(compileScenario(base).config, opts);
    const full = simulate(compileScenario(all).config, opts);
    // Twice the containers, about twice the ICD entries (20 % of containerised imports each; ±25 % over 5 days).
    const ratio = full.stages.icdYard!.throughput / half.stages.icdYard!.throughput;
    expect(ratio).toBeGreaterThan(1.5);
    expect(ratio).toBeLessThan(2.5);
  });
});
