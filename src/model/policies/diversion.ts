/**
 * Built-in diversion rules: which of a `divertTo:` list's crossings a truck goes to when it balks, reneges
 * or finds no slot. One uniform draw per decision, whatever the rule.
 */
import type { DiversionPolicy } from "./types.js";

/** The built-in diversion rules, by the name `policies.diversion` uses. */
export const diversionBuiltins: Readonly<Record<string, DiversionPolicy<object>>> = {
  weighted: {
    decision: "diversion",
    description: "at random by the targets' weights",
    choose: (_truck, _gate, _ctx, t) => {
      let total = 0;
      for (let i = 0; i < t.n; i++) total += t.weights[i] as number;
      let acc = 0;
      for (let i = 0; i < t.n - 1; i++) {
        acc += t.weights[i] as number;
        if (t.u * total < acc) return i;
      }
      return t.n - 1;
    },
  },
  leastLoaded: {
    decision: "diversion",
    description: "the target with the fewest trucks already sent there and not yet gone (the first on ties)",
    choose: (_truck, _gate, _ctx, t) => {
      let best = 0;
      for (let i = 1; i < t.n; i++) if ((t.loads[i] as number) < (t.loads[best] as number)) best = i;
      return best;
    },
  },
  leastExpectedWait: {
    decision: "diversion",
    description:
      "the target whose first stage a truck arriving now would wait least at (expected wait; the first on ties)",
    choose: (_truck, _gate, _ctx, t) => {
      let best = 0;
      for (let i = 1; i < t.n; i++) {
        if ((t.stages[i]?.expectedWaitMs ?? 0) < (t.stages[best]?.expectedWaitMs ?? 0)) best = i;
      }
      return best;
    },
  },
};
