/**
 * The scenario format's public face: load, validate, override and compile scenarios, the JSON Schema,
 * the calibration targets, and a helper that runs a compiled scenario.
 */
import { type ReplicationResult, simulate } from "../model/index.js";
import type { CompiledScenario } from "./compile.js";
import { policyModuleProvider } from "./policy-modules.js";

export * from "./budget.js";
export * from "./calibration.js";
export {
  type CompiledScenario,
  type CompileOptions,
  canonicalJson,
  compileScenario,
  describePolicyModule,
  type PolicyModuleInfo,
  type PolicyUse,
} from "./compile.js";
export {
  applyOverrides,
  deepMerge,
  listShippedScenarios,
  loadScenarioFile,
  loadShippedScenario,
  parseScenario,
  ScenarioError,
  type ScenarioIssue,
  SHIPPED_DIR,
  scenarioJsonSchema,
} from "./load.js";
export {
  compilePolicyFile,
  isPolicyPath,
  listInstalledPolicies,
  PolicyModuleError,
  policyDirs,
  policyModuleProvider,
  resolvePolicyFile,
  SHIPPED_POLICY_DIR,
} from "./policy-modules.js";
export type { PolicyRef, Scenario, ScenarioInput } from "./schema.js";
export { buildShippedCache, cachedShippedData, jsonSafe, parseYamlText } from "./shipped-cache.js";

/** Runs one replication of a compiled scenario (seed defaults to the scenario's own), stamped with its name and hash. */
export function runCompiled(
  compiled: CompiledScenario,
  replication: number,
  seed: number | string = compiled.seed,
  options: { horizonDays?: number; warmupDays?: number; isCancelled?: () => boolean; stepsMax?: number } = {},
): ReplicationResult {
  const modules = compiled.config.policyModules;
  return simulate(compiled.config, {
    seed,
    replication,
    scenarioName: compiled.name,
    scenarioHash: compiled.hash,
    ...(modules === undefined ? {} : { policyModules: policyModuleProvider(modules) }),
    ...options,
  });
}
