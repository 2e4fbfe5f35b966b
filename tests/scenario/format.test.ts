/** The scenario format: validation errors with paths, extends, overrides, compile, hash, JSON Schema. */
import { describe, expect, it } from "vitest";
import {
  applyOverrides,
  compileScenario,
  listShippedScenarios,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
  scenarioJsonSchema,
} from "../../src/scenario/index.js";

const minimal = () => ({
  name: "tiny",
  demand: { export: { trucksPerDay: 100, entry: "gate" } },
  stages: {
    gate: { type: "server", servers: 2, serviceMinutes: { type: "exponential", mean: 5 }, next: "out" },
    out: { type: "sink", crossing: true },
  },
});

function issuesOf(data: unknown): { path: string; message: string }[] {
  try {
    parseScenario(data);
  } catch (e) {
    expect(e).toBeInstanceOf(ScenarioError);
    return (e as ScenarioError).issues;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario validation", () => {
  it("accepts a minimal network", () => {
    expect(parseScenario(minimal()).name).toBe("tiny");
  });

  it("collects every problem with its path", () => {
    const bad = minimal() as Record<string, unknown> & { stages: Record<string, Record<string, unknown>> };
    bad.stages.gate!.servers = -1;
    bad.stages.gate!.next = "nowhere";
    bad.stages.split = {
      type: "branch",
      routes: [
        { percent: 60, to: "out" },
        { percent: 30, to: "gate" },
      ],
    };
    bad.stages.scan = { type: "server", servers: 1, serviceMinutes: { type: "zipf", s: 1 }, next: "out" };
    (bad as Record<string, unknown>).policies = { callForward: "vipFirst" };
    const issues = issuesOf(bad);
    const paths = issues.map((i) => i.path);
    expect(paths).toContain("stages.gate.servers");
    expect(issues.find((i) => i.path === "stages.gate.servers")!.message).toMatch(/≥ 0/);
    expect(paths.some((p) => p.startsWith("stages.scan.serviceMinutes"))).toBe(true);
    // Cross-field checks run only on structurally valid data, so check them separately.
    const cross = minimal() as Record<string, unknown> & { stages: Record<string, Record<string, unknown>> };
    cross.stages.gate!.next = "nowhere";
    cross.stages.split = {
      type: "branch",
      routes: [
        { percent: 60, to: "out" },
        { percent: 30, to: "gate" },
      ],
    };
    (cross as Record<string, unknown>).policies = { callForward: "vipFirst" };
    const ci = issuesOf(cross);
    expect(ci.find((i) => i.path === "stages.gate.next")!.message).toMatch(/unknown stage "nowhere"/);
    expect(ci.find((i) => i.path === "stages.split.routes")!.message).toMatch(/sum to 100/);
    expect(ci.find((i) => i.path === "policies.callForward")!.message).toMatch(/known: fifo, appointmentFirst/);
  });

  it("rejects an unknown distribution type with the known ones", () => {
    const bad = minimal();
    (bad.stages.gate as Record<string, unknown>).serviceMinutes = { type: "zipf", s: 1 };
    const issues = issuesOf(bad);
    expect(issues.some((i) => i.path.startsWith("stages.gate.serviceMinutes"))).toBe(true);
  });

  it("rejects shares that do not sum to 100 % and an empty schedule", () => {
    const bad = minimal() as ReturnType<typeof minimal> & { openingHours?: unknown };
    (bad.demand.export as Record<string, unknown>).channelPercent = { green: 50, yellow: 20, red: 5 };
    bad.openingHours = [];
    const issues = issuesOf(bad);
    expect(issues.map((i) => i.path)).toContain("openingHours");
    const bad2 = minimal();
    (bad2.demand.export as Record<string, unknown>).channelPercent = { green: 50, yellow: 20, red: 5 };
    expect(issuesOf(bad2).find((i) => i.path === "demand.export.channelPercent")!.message).toMatch(/100/);
  });
});

describe("shipped scenarios, extends and overrides", () => {
  it("lists every shipped scenario with a title", () => {
    const list = listShippedScenarios();
    const names = list.map((s) => s.name);
    for (const n of [
      "baseline-2026q1",
      "smart-gate-2026",
      "smart-gate-2030",
      "tet-peak",
      "fruit-season",
      "december-2021",
      "xray-outage",
      "rail-diversion",
      "ecommerce-peak",
      "mm1",
      "mmc",
      "md1",
      "mm1k",
      "tandem",
    ]) {
      expect(names).toContain(n);
    }
    for (const s of list) expect(s.title.length).toBeGreaterThan(0);
  });

  it("resolves extends with deep merge (distributions replace whole)", () => {
    const sg = loadShippedScenario("smart-gate-2026");
    const t = sg.stages.transshipDocks!;
    expect(t.type === "server" && t.serviceMinutes).toEqual({ type: "uniform", min: 30, max: 40 });
    expect(sg.stages.parkYard).toEqual(loadShippedScenario("baseline-2026q1").stages.parkYard);
  });

  it("applies dotted and nested overrides and re-validates", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const o = applyOverrides(base, { "stages.exportGate.servers": 6, policies: { callForward: "perishablesFirst" } });
    expect(o.stages.exportGate!.type === "server" && o.stages.exportGate!.servers).toBe(6);
    expect(o.policies.callForward).toBe("perishablesFirst");
    expect(() => applyOverrides(base, { "stages.xray.servers": -2 })).toThrow(ScenarioError);
    expect(compileScenario(o).hash).not.toBe(compileScenario(base).hash);
  });

  it("compiles to plain data with a stable hash and the assumed inputs", () => {
    const c = compileScenario(loadShippedScenario("baseline-2026q1"));
    expect(structuredClone(c)).toEqual(c);
    expect(c.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(compileScenario(loadShippedScenario("baseline-2026q1")).hash).toBe(c.hash);
    expect(c.assumedInputs).toContain("stages.parkYard.capacityTrucks");
    expect(c.assumedInputs).not.toContain("demand.export.trucksPerDay");
  });

  it("exports a JSON Schema", () => {
    const s = scenarioJsonSchema() as { properties?: Record<string, unknown> };
    expect(s.properties).toHaveProperty("stages");
    expect(JSON.stringify(s).length).toBeGreaterThan(1000);
  });
});

describe("hostile input", () => {
  it("refuses shipped names that climb out of scenarios/", () => {
    expect(() => loadShippedScenario("../package")).toThrow(ScenarioError);
    expect(() => loadShippedScenario("textbook/../../package")).toThrow(/no shipped scenario/);
  });

  it("refuses prototype keys in overrides and merges", () => {
    const base = loadShippedScenario("textbook/mm1");
    expect(() => applyOverrides(base, { "__proto__.polluted": 1 })).toThrow(/not allowed/);
    expect(() => applyOverrides(base, { stages: JSON.parse('{"__proto__": {"polluted": 1}}') })).toThrow(/not allowed/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
