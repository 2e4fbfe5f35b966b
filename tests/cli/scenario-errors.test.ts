/**
 * Scenario errors as a new user meets them: every problem of a file at once, each once, with its path,
 * the reason and the nearest valid name; overrides that name a missing stage say so; a variant made with
 * `extends:` does not pass for its base.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { applyOverrides, loadScenarioFile, loadShippedScenario, ScenarioError } from "../../src/scenario/index.js";
import { closestName, editDistance } from "../../src/scenario/suggest.js";
import { gatesim } from "./helpers.js";

const dir = mkdtempSync(join(tmpdir(), "gatesim-scenario-errors-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A file with six problems: three of shape (caught by zod) and three across fields (caught after). */
const SIX_PROBLEMS = `name: six-problems
horizonDays: 10
demand:
  export:
    trucksPerDay: -5
    entry: gate
    channelPercent: { green: 50, yellow: 30, red: 10 }
stages:
  gate:
    type: server
    servers: -1
    serviceMinutes: { type: exponentail, mean: 3 }
    next: dnoe
  done: { type: sink }
policies:
  callForward: fifoo
`;

function write(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function issuesOf(fn: () => unknown): { path: string; message: string }[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error("expected a ScenarioError");
}

describe("scenario errors", () => {
  it("reports all six problems of a file, each with its path and the nearest valid name", () => {
    const issues = issuesOf(() => loadScenarioFile(write("six.yaml", SIX_PROBLEMS)));
    const byPath = Object.fromEntries(issues.map((i) => [i.path, i.message]));
    expect(Object.keys(byPath).sort()).toEqual([
      "demand.export.channelPercent",
      "demand.export.trucksPerDay",
      "policies.callForward",
      "stages.gate.next",
      "stages.gate.servers",
      "stages.gate.serviceMinutes.type",
    ]);
    expect(byPath["stages.gate.serviceMinutes.type"]).toMatch(
      /unknown distribution type "exponentail"; did you mean "exponential"\?/,
    );
    expect(byPath["stages.gate.serviceMinutes.type"]).toMatch(/lognormal, gamma, erlang, weibull/);
    expect(byPath["policies.callForward"]).toMatch(/did you mean "fifo"\?/);
    expect(byPath["stages.gate.next"]).toMatch(/unknown stage "dnoe"; did you mean "done"\?/);
    expect(byPath["demand.export.channelPercent"]).toMatch(/sum to 100 %, got 90/);
  });

  it("prints them once, under one prefix, and exits 2", async () => {
    const out = await gatesim(["validate", write("six-cli.yaml", SIX_PROBLEMS)]);
    expect(out.code).toBe(2);
    expect(out.stderr.match(/invalid scenario/g)).toHaveLength(1);
    expect(out.stderr).toMatch(/6 problems/);
    const lines = out.stderr.trim().split("\n").slice(1);
    expect(lines).toHaveLength(6);
    expect(new Set(lines).size).toBe(6);
    expect(out.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it("names an unknown key with the nearest valid one", () => {
    const text = SIX_PROBLEMS.replace("servers: -1", "servrs: 2").replace("trucksPerDay: -5", "trucksPerDay: 5");
    const issues = issuesOf(() => loadScenarioFile(write("key.yaml", text)));
    const servrs = issues.find((i) => i.path === "stages.gate.servrs");
    expect(servrs?.message).toMatch(/unknown key "servrs"; did you mean "servers"\?/);
    expect(issues.find((i) => i.path === "stages.gate.servers")?.message).toMatch(/is required/);
  });

  it("says `--set stages.xrya.servers=3` names an unknown stage, and means xray", () => {
    const issues = issuesOf(() => applyOverrides(loadShippedScenario("baseline-2026q1"), { "stages.xrya.servers": 3 }));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ path: "stages.xrya.servers" });
    expect(issues[0]?.message).toMatch(/^unknown stage "xrya"; did you mean "xray"\?/);
  });

  it("reports every bad override at once, the missing stage and the misspelled key", () => {
    const issues = issuesOf(() =>
      applyOverrides(loadShippedScenario("baseline-2026q1"), {
        "stages.xrya.servers": 3,
        "policies.callFoward": "fifo",
        "stages.xray.servers": 2,
      }),
    );
    expect(issues.map((i) => i.path)).toEqual(["stages.xrya.servers", "policies.callFoward"]);
    expect(issues[1]?.message).toMatch(/did you mean "callForward"\?/);
  });

  it("gives a variant made with extends its own title, not its base's", () => {
    const base = loadShippedScenario("baseline-2026q1");
    const variant = loadScenarioFile(write("variant.yaml", "extends: baseline-2026q1\nname: my-variant\n"));
    expect(variant.title).not.toBe(base.title);
    expect(variant.title).toBe(`Variant of baseline-2026q1 (${base.title})`);
    expect(variant.description).toBe("");
    const titled = loadScenarioFile(write("titled.yaml", "extends: baseline-2026q1\nname: t\ntitle: Mine\n"));
    expect(titled.title).toBe("Mine");
  });
});

describe("did you mean", () => {
  it("suggests close names only", () => {
    expect(editDistance("xrya", "xray")).toBe(1);
    expect(closestName("xrya", ["xray", "exportGate", "inspection"])).toBe("xray");
    expect(closestName("exponentail", ["exponential", "normal"])).toBe("exponential");
    expect(closestName("zzzzzz", ["xray", "exportGate"])).toBeUndefined();
    expect(closestName("xray", ["xray"])).toBeUndefined();
  });
});
