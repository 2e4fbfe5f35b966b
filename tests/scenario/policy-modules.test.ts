/**
 * Policy modules from a researcher's own file: the same results as the equivalent built-in, the module's
 * content in the scenario hash, a fresh instance per replication, and safety (a policy that throws, returns
 * nonsense, loops or reaches for Math.random fails its run with a message naming policy, decision and truck).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runReplication } from "../../src/runner/index.js";
import { runCompiled, ScenarioError } from "../../src/scenario/index.js";
import { compileData, policyFolder, priorityQueueScenario } from "./policy-helpers.js";

const folder = policyFolder();
afterAll(() => folder.remove());

/** A call-forward module whose rank function body is `body` (a JS expression or block). */
function rankModule(name: string, body: string, extra = ""): string {
  return folder.write(
    name,
    `${extra}\nexport default { decision: "callForward", rank(truck, gate, ctx) { ${body} } };\n`,
  );
}

/** Runs replication 0 of the priority scenario with this call-forward module and returns the thrown message. */
function failureOf(file: string): string {
  const c = compileData(priorityQueueScenario({ module: file }, 1));
  try {
    runReplication(c, 1, 0);
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error("the replication did not fail");
}

describe("policy modules", () => {
  it("a module gives bit-identical results to the built-in rule it re-implements", () => {
    const file = folder.write(
      "ageing.ts",
      `import type { CallForwardPolicy } from "gatesim/policy";
const p: CallForwardPolicy<{ headStartMinutes: number }> = {
  decision: "callForward",
  defaults: { headStartMinutes: 120 },
  rank: (truck, gate, ctx) => gate.nowMs - (truck.perishable ? ctx.params.headStartMinutes * 60_000 : 0),
};
export default p;`,
    );
    const mod = compileData(priorityQueueScenario({ module: file, params: { headStartMinutes: 45 } }));
    const builtin = compileData(priorityQueueScenario({ rule: "perishablesAgeing", params: { headStartMinutes: 45 } }));
    const fifo = compileData(priorityQueueScenario("fifo"));
    const a = runCompiled(mod, 0);
    const b = runCompiled(builtin, 0);
    expect(JSON.stringify({ ...a, scenarioHash: "" })).toBe(JSON.stringify({ ...b, scenarioHash: "" }));
    // The rule matters here: FIFO gives another tail of time in system.
    expect(runCompiled(fifo, 0).kpis.timeInSystemMinutesP99?.value).not.toBe(a.kpis.timeInSystemMinutesP99?.value);
  });

  it("the module's content is part of the scenario hash; the folder it sits in is not", () => {
    const one = rankModule("h1.mjs", "return truck.perishable ? 0 : 1;");
    mkdirSync(join(folder.dir, "elsewhere"));
    const moved = folder.write("elsewhere/h1.mjs", readFileSync(one, "utf8"));
    const edited = folder.write("elsewhere/h1b.mjs", readFileSync(one, "utf8").replace("? 0 : 1", "? 1 : 0"));
    const h = (f: string) => compileData(priorityQueueScenario({ module: f })).hash;
    expect(h(moved)).toBe(h(one));
    writeFileSync(moved, readFileSync(edited, "utf8"));
    expect(h(moved)).not.toBe(h(one));
    const c1 = compileData(priorityQueueScenario({ module: one }));
    expect(c1.policies.find((p) => p.decision === "callForward")?.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(c1.config.policyModules?.[0]?.code).toContain("exports.default");
  });

  it("instantiates a module afresh for every replication: module-level state does not leak", () => {
    const file = rankModule("counter.mjs", "calls++; return calls % 3;", "let calls = 0;");
    const c = compileData(priorityQueueScenario({ module: file }, 1));
    const alone = runReplication(c, 1, 2);
    runReplication(c, 1, 0);
    runReplication(c, 1, 1);
    const after = runReplication(c, 1, 2);
    expect(JSON.stringify(after)).toBe(JSON.stringify(alone));
  });

  it("a policy's own random stream is reproducible and leaves the other streams alone", () => {
    const file = rankModule("random.mjs", "return ctx.random() < 0.5 ? 0 : 1;");
    const c = compileData(priorityQueueScenario({ module: file }, 1));
    const a = runReplication(c, 1, 0);
    const b = runReplication(c, 1, 0);
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    // Arrivals come from their own stream: the same with any rule.
    const fifo = runReplication(compileData(priorityQueueScenario("fifo", 1)), 1, 0);
    expect(a.conservation.arrivals).toBe(fifo.conservation.arrivals);
  });

  it("a policy that throws fails its run naming the policy, the decision and the truck", () => {
    const message = failureOf(rankModule("throws.mjs", "if (truck.perishable) throw new Error('boom'); return 0;"));
    expect(message).toMatch(/policy "throws" \(module throws, sha256 [0-9a-f]{12}\) threw Error: boom/);
    expect(message).toMatch(
      /deciding callForward at gate for truck \d+ \(export, fruit, arrived day 0 \d\d:\d\d, at gate\)/,
    );
    expect(message).toMatch(/reproduce: scenario policy-test/);
  });

  it("a policy that returns nonsense fails its run", () => {
    expect(failureOf(rankModule("nan.mjs", "return Number.NaN;"))).toMatch(
      /returned NaN \(number\); it must return a finite number, deciding callForward at gate for truck/,
    );
    expect(failureOf(rankModule("text.mjs", "return 'first';"))).toMatch(/returned "first" \(string\)/);
  });

  it("a policy that loops fails its run within its loop budget, even if it catches the budget error", () => {
    expect(failureOf(rankModule("loop.mjs", "while (true) {} "))).toMatch(
      /ran more than 10,000,000 loop iterations in one decision \(an endless loop\?\), deciding callForward at gate for truck/,
    );
    const sly = rankModule("sly.mjs", "for (;;) { try { for (;;) {} } catch (e) {} }");
    expect(failureOf(sly)).toMatch(/ran more than 10,000,000 loop iterations/);
  });

  it("Math.random and the wall clock are refused inside a policy", () => {
    expect(failureOf(rankModule("mr.mjs", "return Math.random();"))).toMatch(/use ctx\.random\(\)/);
    expect(failureOf(rankModule("dn.mjs", "return Date.now();"))).toMatch(/use gate\.nowMs/);
    expect(failureOf(rankModule("nd.mjs", "return new Date().getTime();"))).toMatch(/use gate\.nowMs/);
  });

  it("the state views are read-only", () => {
    expect(failureOf(rankModule("write.mjs", "truck.perishable = true; return 0;"))).toMatch(
      /threw TypeError: Cannot set property perishable/,
    );
    expect(failureOf(rankModule("stage.mjs", "return gate.stage('nope').waiting;"))).toMatch(
      /gate\.stage\("nope"\): no such stage; known: gate, done/,
    );
  });

  it("refuses at compile time: runtime imports, syntax errors, a policy of another decision, bad parameters", () => {
    const problem = (file: string, params?: Record<string, unknown>): string => {
      try {
        compileData(priorityQueueScenario(params ? { module: file, params } : { module: file }));
      } catch (e) {
        expect(e).toBeInstanceOf(ScenarioError);
        return (e as ScenarioError).issues.map((i) => `${i.path}: ${i.message}`).join("\n");
      }
      throw new Error("compiled");
    };
    const imp = folder.write(
      "imp.mjs",
      `import fs from "node:fs";\nexport default { decision: "callForward", rank: () => 0 };`,
    );
    expect(problem(imp)).toMatch(
      /policies\.callForward\.module: .*imports "node:fs" at run time; a policy file must be self-contained/,
    );
    const syntax = folder.write("syntax.ts", "export default { decision: 'callForward', rank( => 0 };");
    expect(problem(syntax)).toMatch(/policies\.callForward\.module: .*line 1:/);
    const other = folder.write("other.mjs", "export default { decision: 'xraySelection', select: () => true };");
    expect(problem(other)).toMatch(/it is a xraySelection policy, used here for callForward/);
    const withDefaults = folder.write(
      "defaults.mjs",
      "export default { decision: 'callForward', defaults: { k: 1 }, check: (p) => p.k > 0 ? undefined : 'k must be > 0', rank: () => 0 };",
    );
    expect(problem(withDefaults, { j: 2 })).toMatch(/policies\.callForward\.params: unknown parameter "j"; known: k/);
    expect(problem(withDefaults, { k: -1 })).toMatch(/policies\.callForward\.params: k must be > 0/);
  });

  it("built-in rules check their parameters too", () => {
    expect(() =>
      compileData(priorityQueueScenario({ rule: "perishablesAgeing", params: { headStartMinutes: -5 } })),
    ).toThrow(/headStartMinutes must be a number >= 0/);
    expect(() => compileData(priorityQueueScenario({ rule: "fifo", params: { x: 1 } }))).toThrow(
      /this rule takes no parameters/,
    );
  });

  it("without paths allowed (the API), only installed policies by name; with GATESIM_POLICY_DIR the operator's", () => {
    const file = rankModule("installed-rule.mjs", "return 0;");
    expect(() => compileData(priorityQueueScenario({ module: file }), {})).toThrow(
      /is a file path; here policies are given by name.*never runs code sent in a request/,
    );
    const shipped = compileData(priorityQueueScenario({ module: "examples/perishables-ageing" }), {});
    expect(shipped.policies[0]?.name).toBe("perishables-ageing");
    expect(() => compileData(priorityQueueScenario({ module: "installed-rule" }), {})).toThrow(/no installed policy/);
    process.env.GATESIM_POLICY_DIR = folder.dir;
    try {
      const c = compileData(priorityQueueScenario({ module: "installed-rule" }), {});
      expect(c.config.policyModules?.[0]?.name).toBe("installed-rule");
      expect(() => compileData(priorityQueueScenario({ module: "../etc/passwd" }), {})).toThrow(/is a file path/);
    } finally {
      delete process.env.GATESIM_POLICY_DIR;
    }
  });
});
