/**
 * Compiling the scenario's policy references: a built-in name (kept as it was, so scenarios without
 * modules keep their hash), a built-in with parameters, or a module, which is found, compiled, checked
 * once (its shape and parameters, with the errors at the scenario path that named it) and added to the
 * configuration's `policyModules`, whose code the scenario hash then covers.
 */
import {
  type DecisionName,
  mergePolicyParams,
  POLICY_LOOP_BUDGET,
  type PolicyBudget,
  type PolicyModuleConfig,
  policyShapeProblem,
} from "../model/index.js";
import { ScenarioError } from "./load.js";
import {
  type CompiledPolicySource,
  compilePolicyFile,
  evaluatePolicyOnce,
  PolicyModuleError,
  resolvePolicyFile,
} from "./policy-modules.js";
import { type PolicyRef, splitPolicyRef } from "./schema-policies.js";

/** How a scenario is compiled. */
export interface CompileOptions {
  /**
   * Accept policy modules given by file path (the command line, where users run their own files).
   * Default false: modules are given by name, from `policies/` or `GATESIM_POLICY_DIR` (what a service runs).
   */
  policyPaths?: boolean;
}

/** A policy in force in a compiled scenario, as reports list it. */
export interface PolicyUse {
  decision: DecisionName;
  /** Scenario path that named it (e.g. `policies.callForward`, `stages.exportGate.callForward`). */
  path: string;
  name: string;
  /** "built-in", or the module's sha256. */
  sha256: string;
  /** The module's file (absent for built-ins). */
  file?: string;
  /** Parameters given in the scenario (absent: the policy's defaults). */
  params?: Record<string, unknown>;
}

/** The fields a policy reference compiles to (the model's `name`, `module` index and `params`). */
export interface CompiledPolicyRef {
  name: string;
  module?: number;
  params?: Record<string, unknown>;
}

/** What a module says about itself (read by evaluating it once). */
export interface PolicyModuleInfo {
  name: string;
  file: string;
  sha256: string;
  decision: string;
  description?: string;
  defaults?: Record<string, unknown>;
}

/** Finds, compiles and evaluates a module once to read its decision, description and defaults. */
export function describePolicyModule(spec: string, options: CompileOptions = {}): PolicyModuleInfo {
  const compiled = compilePolicyFile(resolvePolicyFile(spec, options.policyPaths === true));
  const ex = evaluatePolicyOnce(compiled, checkBudget()) as { default?: unknown } | null;
  const policy = (ex !== null && typeof ex === "object" && ex.default !== undefined ? ex.default : ex) as Record<
    string,
    unknown
  > | null;
  if (policy === null || typeof policy !== "object" || typeof policy.decision !== "string") {
    throw new PolicyModuleError(`${compiled.file}: its default export is not a policy (no "decision")`);
  }
  return {
    name: compiled.name,
    file: compiled.file,
    sha256: compiled.sha256,
    decision: policy.decision,
    ...(typeof policy.description === "string" ? { description: policy.description } : {}),
    ...(policy.defaults !== null && typeof policy.defaults === "object"
      ? { defaults: structuredClone(policy.defaults as Record<string, unknown>) }
      : {}),
  };
}

/** A budget for checking a module once at compile time. */
function checkBudget(): PolicyBudget {
  return {
    n: POLICY_LOOP_BUDGET,
    exceeded() {
      throw new Error(`more than ${POLICY_LOOP_BUDGET} loop iterations while loading (an endless loop?)`);
    },
  };
}

/** Collects the modules a scenario uses while its parts are compiled. */
export class PolicyCompiler {
  /** The modules, in order of first use (their index is what the config refers to). */
  readonly modules: CompiledPolicySource[] = [];
  /** Every policy reference compiled, for reports. */
  readonly uses: PolicyUse[] = [];
  private readonly allowPaths: boolean;
  /** References already compiled, by scenario path (a default reference is used by many stages). */
  private readonly byPath = new Map<string, CompiledPolicyRef>();

  constructor(options: CompileOptions = {}) {
    this.allowPaths = options.policyPaths === true;
  }

  /** Compiles one reference found at `path` (dotted segments). */
  ref(decision: DecisionName, ref: PolicyRef, path: (string | number)[]): CompiledPolicyRef {
    const where = path.join(".");
    const done = this.byPath.get(where);
    if (done !== undefined) return done;
    const out = this.compileRef(decision, ref, path, where);
    this.byPath.set(where, out);
    return out;
  }

  private compileRef(
    decision: DecisionName,
    ref: PolicyRef,
    path: (string | number)[],
    where: string,
  ): CompiledPolicyRef {
    const { rule, module, params } = splitPolicyRef(ref);
    if (module === undefined) {
      const name = rule ?? "";
      this.uses.push({ decision, path: where, name, sha256: "built-in", ...(params ? { params } : {}) });
      return params === undefined ? { name } : { name, params };
    }
    const fail = (message: string, sub: string[] = ["module"]): never => {
      throw new ScenarioError([{ path: [...path, ...sub].join("."), message }]);
    };
    let compiled: CompiledPolicySource;
    try {
      compiled = compilePolicyFile(resolvePolicyFile(module, this.allowPaths));
    } catch (e) {
      return fail(e instanceof PolicyModuleError || e instanceof Error ? e.message : String(e));
    }
    let exports: unknown;
    try {
      exports = evaluatePolicyOnce(compiled, checkBudget());
    } catch (e) {
      return fail(`${compiled.file} failed to load: ${e instanceof Error ? e.message : String(e)}`);
    }
    const ex = exports as { default?: unknown } | null;
    const policy = ex !== null && typeof ex === "object" && ex.default !== undefined ? ex.default : ex;
    const problem = policyShapeProblem(policy, decision);
    if (problem !== undefined) fail(`${compiled.file}: ${problem}`);
    const merged = mergePolicyParams(policy as Parameters<typeof mergePolicyParams>[0], params);
    if ("problem" in merged) fail(merged.problem, ["params"]);
    let index = this.modules.findIndex((m) => m.sha256 === compiled.sha256);
    if (index < 0) {
      index = this.modules.length;
      this.modules.push(compiled);
    }
    this.uses.push({
      decision,
      path: where,
      name: compiled.name,
      sha256: compiled.sha256,
      file: compiled.file,
      ...(params ? { params } : {}),
    });
    return params === undefined
      ? { name: compiled.name, module: index }
      : { name: compiled.name, module: index, params };
  }

  /** The modules for `ModelConfig.policyModules` (what the hash covers: name, source hash, code). */
  configModules(): PolicyModuleConfig[] {
    return this.modules.map((m) => ({ name: m.name, sha256: m.sha256, code: m.code }));
  }
}
