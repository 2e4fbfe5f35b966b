/**
 * Every decision point takes a researcher's module through the same path as its built-ins: a module that
 * re-implements the built-in adaptive quota, balking or diversion rule gives bit-identical results on the
 * shipped scenarios that use them, and a module that returns nonsense at one of them fails naming it.
 */
import { afterAll, describe, expect, it } from "vitest";
import { runReplication } from "../../src/runner/index.js";
import { compileScenario, loadShippedScenario, parseScenario, runCompiled } from "../../src/scenario/index.js";
import { policyFolder } from "./policy-helpers.js";

const folder = policyFolder();
afterAll(() => folder.remove());

// biome-ignore lint/suspicious/noExplicitAny: scenario data is edited freely in these tests
type Data = Record<string, any>;

/** A shipped scenario, shortened, with `edit` applied to its parsed data; compiled with module paths allowed. */
function variant(name: string, days: number, edit: (data: Data) => void) {
  const data = structuredClone(loadShippedScenario(name)) as unknown as Data;
  data.horizonDays = days;
  data.warmupDays = Math.min(data.warmupDays, days / 4);
  edit(data);
  return compileScenario(parseScenario(data), { policyPaths: true });
}

/** Results without the scenario hash (the module variant's hash differs by construction). */
const same = (a: unknown, b: unknown) =>
  expect(JSON.stringify({ ...(a as object), scenarioHash: "" })).toBe(
    JSON.stringify({ ...(b as object), scenarioHash: "" }),
  );

describe("policy modules at the booking and diversion decision points", () => {
  it("quota: a module re-implementing yardOccupancy matches the built-in (fruit-season-booking)", () => {
    const file = folder.write(
      "yard-quota.mjs",
      `export default {
  decision: "quota",
  quota(slot, gate, ctx, load) {
    if (load.occupancyPercent <= load.fromPercent) return slot.quota;
    const min = load.minPercent / 100;
    if (load.occupancyPercent >= load.toPercent) return slot.quota * min;
    return slot.quota * (1 - ((1 - min) * (load.occupancyPercent - load.fromPercent)) / (load.toPercent - load.fromPercent));
  },
};`,
    );
    const builtin = variant("fruit-season-booking", 10, () => {});
    const mod = variant("fruit-season-booking", 10, (d) => {
      const qr = d.demand.export.appointment.quotaRule;
      delete qr.rule;
      qr.module = file;
    });
    const fixed = variant("fruit-season-booking", 10, (d) => {
      d.demand.export.appointment.quotaRule.rule = "fixed";
    });
    expect(mod.config.policyModules).toHaveLength(1);
    const b = runCompiled(builtin, 0);
    same(runCompiled(mod, 0), b);
    // The yard filled enough for the rule to cut quotas: the fixed quota gives other results.
    expect(JSON.stringify(runCompiled(fixed, 0).kpis)).not.toBe(JSON.stringify(b.kpis));
  });

  it("balking and diversion: modules re-implementing expectedWait and weighted match the built-ins (december-2021-diversion)", () => {
    const balk = folder.write(
      "balk.mjs",
      `export default { decision: "balking", balk: (truck, gate, ctx, at) => at.expectedWaitMs > at.expectedWaitMsMax && at.u < at.probability };`,
    );
    const divert = folder.write(
      "divert.mjs",
      `export default {
  decision: "diversion",
  choose(truck, gate, ctx, t) {
    let total = 0;
    for (let i = 0; i < t.n; i++) total += t.weights[i];
    let acc = 0;
    for (let i = 0; i < t.n - 1; i++) { acc += t.weights[i]; if (t.u * total < acc) return i; }
    return t.n - 1;
  },
};`,
    );
    // By day 21 (the cut binds from 10 December) trucks have balked and been diverted to both other crossings.
    const builtin = variant("december-2021-diversion", 21, () => {});
    const mod = variant("december-2021-diversion", 21, (d) => {
      for (const st of Object.values(d.stages) as Data[]) if (st.balking) st.balking.module = balk;
      d.policies.diversion = { module: divert };
    });
    expect(mod.config.policyModules).toHaveLength(2);
    const a = runCompiled(mod, 0);
    const b = runCompiled(builtin, 0);
    same(a, b);
    expect(b.kpis.balkedPerDay?.value).toBeGreaterThan(0);
    expect(b.kpis["diverted.tanThanhPerDay"]?.value).toBeGreaterThan(0);
    expect(b.kpis["diverted.chiMaPerDay"]?.value).toBeGreaterThan(0);
  });

  it("a diversion module that returns a target out of range fails naming the policy and the decision", () => {
    const bad = folder.write("bad-divert.mjs", `export default { decision: "diversion", choose: () => 7 };`);
    const c = variant("december-2021-diversion", 21, (d) => {
      d.policies.diversion = { module: bad };
    });
    expect(() => runReplication(c, 1, 0)).toThrow(
      /policy "bad-divert" \(module bad-divert, sha256 \w+\) returned 7 \(number\); it must return a target index, an integer in \[0, 1\], deciding diversion at balk:exportStaging for truck/,
    );
  });
});
