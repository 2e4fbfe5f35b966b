/**
 * The built-in rules of every decision point, by the names scenarios use, and the checks shared by the
 * scenario validator and the run: merging a policy's default parameters with the scenario's, refusing
 * unknown keys, and the policy's own `check`.
 */
import { appointmentBuiltins } from "./appointment.js";
import { balkingBuiltins } from "./balking.js";
import { callForwardBuiltins } from "./call-forward.js";
import { diversionBuiltins } from "./diversion.js";
import { laneAllocationBuiltins } from "./lane-allocation.js";
import { quotaBuiltins } from "./quota.js";
import type { DecisionName, Policy, PolicyParams } from "./types.js";
import { xraySelectionBuiltins } from "./xray-selection.js";

/** The built-in rules of each decision point (decision points without built-ins have an empty registry). */
export const BUILTIN_POLICIES: Readonly<Record<DecisionName, Readonly<Record<string, Policy<object>>>>> = {
  callForward: callForwardBuiltins,
  xraySelection: xraySelectionBuiltins,
  laneAllocation: laneAllocationBuiltins,
  appointment: appointmentBuiltins,
  quota: quotaBuiltins,
  balking: balkingBuiltins,
  diversion: diversionBuiltins,
};

/** Every decision point, in documentation order. */
export const DECISIONS: readonly DecisionName[] = [
  "callForward",
  "xraySelection",
  "laneAllocation",
  "appointment",
  "quota",
  "balking",
  "diversion",
];

/** The method a policy of each decision point must have. */
export const DECISION_METHOD: Readonly<Record<DecisionName, string>> = {
  callForward: "rank",
  xraySelection: "select",
  laneAllocation: "review",
  appointment: "accept",
  quota: "quota",
  balking: "balk",
  diversion: "choose",
};

/** A built-in rule, or undefined. */
export function builtinPolicy(decision: DecisionName, name: string): Policy<object> | undefined {
  const registry = BUILTIN_POLICIES[decision];
  return Object.hasOwn(registry, name) ? registry[name] : undefined;
}

/** The names of every built-in policy, by registry (what the scenario validator accepts). */
export function policyNames(): {
  callForward: string[];
  selection: string[];
  appointment: string[];
  laneAllocation: string[];
  quota: string[];
  balking: string[];
  diversion: string[];
} {
  return {
    callForward: Object.keys(callForwardBuiltins),
    selection: Object.keys(xraySelectionBuiltins),
    appointment: Object.keys(appointmentBuiltins),
    laneAllocation: Object.keys(laneAllocationBuiltins),
    quota: Object.keys(quotaBuiltins),
    balking: Object.keys(balkingBuiltins),
    diversion: Object.keys(diversionBuiltins),
  };
}

/** Why an exported object is not a policy of `decision`, or undefined when it is one. */
export function policyShapeProblem(policy: unknown, decision: DecisionName): string | undefined {
  if (typeof policy !== "object" || policy === null) return "its default export is not an object";
  const p = policy as Record<string, unknown>;
  if (typeof p.decision !== "string" || !(DECISIONS as readonly string[]).includes(p.decision)) {
    return `its "decision" must be one of ${DECISIONS.join(", ")}, got ${JSON.stringify(p.decision)}`;
  }
  if (p.decision !== decision) return `it is a ${p.decision} policy, used here for ${decision}`;
  const method = DECISION_METHOD[decision];
  if (typeof p[method] !== "function") return `a ${decision} policy needs a function "${method}"`;
  if (
    p.defaults !== undefined &&
    (typeof p.defaults !== "object" || p.defaults === null || Array.isArray(p.defaults))
  ) {
    return `its "defaults" must be an object of parameters`;
  }
  if (p.check !== undefined && typeof p.check !== "function") return `its "check" must be a function`;
  return undefined;
}

/**
 * The parameters in force: `params` merged over the policy's `defaults`. Returns the merged parameters, or
 * a message naming the first bad field (an unknown key when the policy lists defaults, or its own check).
 */
export function mergePolicyParams(
  policy: Policy<object>,
  params: PolicyParams | undefined,
  builtin = false,
): { params: PolicyParams } | { problem: string } {
  const defaults = (policy.defaults ?? {}) as Record<string, unknown>;
  const given = params ?? {};
  if (policy.defaults !== undefined) {
    const known = Object.keys(defaults);
    for (const key of Object.keys(given)) {
      if (!known.includes(key)) {
        return { problem: `unknown parameter "${key}"; known: ${known.length > 0 ? known.join(", ") : "none"}` };
      }
    }
  } else if (builtin && Object.keys(given).length > 0) {
    return { problem: "this rule takes no parameters" };
  }
  let merged: PolicyParams;
  try {
    merged = deepFreeze(structuredClone({ ...defaults, ...given })) as PolicyParams;
  } catch {
    return { problem: "parameters and defaults must be plain data (numbers, strings, booleans, lists, objects)" };
  }
  if (policy.check !== undefined) {
    let problem: string | undefined;
    try {
      problem = policy.check(merged);
    } catch (e) {
      problem = `its check threw: ${e instanceof Error ? e.message : String(e)}`;
    }
    if (problem !== undefined && problem !== null && problem !== "") return { problem: String(problem) };
  }
  return { params: merged };
}

/** Freezes plain data all the way down (parameters are read-only for the policy). */
function deepFreeze(value: unknown): unknown {
  if (value !== null && typeof value === "object") {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}
