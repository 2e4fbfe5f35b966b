/**
 * Example call-forward policy: trucks are called in the order they joined the line, but a perishable load
 * counts as having waited `headStartMinutes` already. Perishables overtake general cargo that joined less
 * than the head start before them; general cargo that has waited longer goes first, so it is never starved.
 *
 * Copy this file to start your own policy:
 *   1. keep it self-contained (only `import type`), since its content is what the scenario hash covers;
 *   2. name it in a scenario:  policies: { callForward: { module: ./my-rule.ts, params: { headStartMinutes: 90 } } }
 *   3. run it:                 npx gatesim run my-scenario.yaml   or   npx gatesim bench-policies --policy ./my-rule.ts
 * Everything a rule can read is typed in gatesim/policy (src/model/policies/types.ts); docs/policies.md explains it.
 */
import type { CallForwardPolicy } from "gatesim/policy";

/** The parameters this rule takes (their defaults below; a scenario's `params:` override them). */
interface Params {
  /** Minutes a perishable load counts as having waited already. */
  headStartMinutes: number;
}

const perishablesAgeing: CallForwardPolicy<Params> = {
  decision: "callForward",
  description: "FIFO with a head start for perishable loads (ageing: general cargo is never starved)",
  defaults: { headStartMinutes: 120 },
  check: (p) =>
    typeof p.headStartMinutes === "number" && p.headStartMinutes >= 0 ? undefined : "headStartMinutes must be >= 0",
  // Lower ranks are called first; equal ranks in the order they joined. A time as a rank ages the line.
  rank(truck, gate, ctx) {
    const headStartMs = truck.perishable ? ctx.params.headStartMinutes * 60_000 : 0;
    return gate.nowMs - headStartMs;
  },
};

export default perishablesAgeing;
