/**
 * The API's view of the scenario layer: shipped scenarios by a checked name (never a path from the
 * client), inline scenarios (optionally `extends` a shipped one), overrides, and compilation. Every
 * scenario problem becomes a 400 `GATESIM_ERR_SCENARIO_INVALID` listing each issue, or a 404 for an
 * unknown shipped name.
 */
import { relative } from "node:path";
import {
  applyOverrides,
  type CompiledScenario,
  compileScenario,
  deepMerge,
  listShippedScenarios,
  loadShippedScenario,
  parseScenario,
  type Scenario,
  ScenarioError,
  SHIPPED_DIR,
} from "../scenario/index.js";
import { ApiError, apiErrors } from "./errors.js";

/** A shipped scenario as `GET /scenarios` lists it. */
export interface ShippedScenarioInfo {
  /** Name to use in requests (e.g. `mm1`). */
  name: string;
  /** Other accepted spellings (e.g. `textbook/mm1`). */
  aliases: string[];
  title: string;
  description: string;
}

/** Shipped scenarios by accepted name. The list is read once: shipped files only change with a release. */
let shippedCache: { list: ShippedScenarioInfo[]; byName: Map<string, string> } | undefined;

/** The shipped scenarios and the map from every accepted name to the loader's name. */
function shipped(): { list: ShippedScenarioInfo[]; byName: Map<string, string> } {
  if (shippedCache !== undefined) return shippedCache;
  const list: ShippedScenarioInfo[] = [];
  const byName = new Map<string, string>();
  for (const s of listShippedScenarios()) {
    const rel = relative(SHIPPED_DIR, s.file)
      .replace(/\\/g, "/")
      .replace(/\.(ya?ml|json)$/, "");
    const aliases = rel !== s.name ? [rel] : [];
    if (byName.has(s.name)) continue;
    list.push({ name: s.name, aliases, title: s.title, description: s.description });
    byName.set(s.name, rel);
    for (const a of aliases) byName.set(a, rel);
  }
  shippedCache = { list, byName };
  return shippedCache;
}

/** The shipped scenarios (name, aliases, title, description). */
export function shippedScenarios(): ShippedScenarioInfo[] {
  return shipped().list;
}

/** Turns the scenario layer's error into the API's, keeping every issue with a `scenario.` path prefix. */
export function scenarioProblem(error: unknown, prefix: string): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof ScenarioError) {
    const details = error.issues.map((i) => ({
      path: i.path === "" ? prefix : `${prefix}.${i.path}`,
      message: i.message,
    }));
    const head = details[0];
    const message =
      head === undefined
        ? "invalid scenario"
        : `invalid scenario: ${head.path}: ${head.message}${details.length > 1 ? ` (and ${details.length - 1} more)` : ""}`;
    return apiErrors.scenarioInvalid(message, details);
  }
  // Compilation may throw plain errors on combinations the schema lets through; they are still the
  // client's scenario, not a server fault.
  const message = error instanceof Error ? error.message : String(error);
  return apiErrors.scenarioInvalid(`invalid scenario: ${message}`, [{ path: prefix, message }]);
}

/** Loads a shipped scenario by an accepted name; 404 for anything else (no path ever reaches the disk). */
export function loadShipped(name: string): Scenario {
  const file = shipped().byName.get(name);
  if (file === undefined) throw apiErrors.scenarioNotFound(name);
  try {
    return loadShippedScenario(file);
  } catch (e) {
    throw scenarioProblem(e, "scenario");
  }
}

/** Keys that must never reach a merge (prototype pollution). */
const FORBIDDEN_KEYS = new Set(["__proto__", "prototype", "constructor"]);

/** Deepest nesting accepted in a scenario or overrides; real scenarios are under 10 levels deep. */
const NESTING_MAX = 64;

/** True when an object nests deeper than `NESTING_MAX` (merges recurse; a deep body must not blow the stack). */
function tooDeep(value: unknown, depth = 0): boolean {
  if (depth > NESTING_MAX) return true;
  if (value === null || typeof value !== "object") return false;
  for (const v of Object.values(value)) if (tooDeep(v, depth + 1)) return true;
  return false;
}

/** Rejects forbidden keys and excessive nesting with a 400 naming the field. */
function assertSafeShape(value: unknown, path: string): void {
  if (tooDeep(value))
    throw apiErrors.validation(`${path}: nested deeper than ${NESTING_MAX} levels`, [
      { path, message: `nested deeper than ${NESTING_MAX} levels` },
    ]);
  if (hasForbiddenKey(value))
    throw apiErrors.validation(`${path}: forbidden key`, [
      { path, message: "keys __proto__, prototype and constructor are not allowed" },
    ]);
}

/** True when an object (at any depth) or a dotted override key uses a forbidden key. */
export function hasForbiddenKey(value: unknown, depth = 0): boolean {
  if (depth > NESTING_MAX) return true;
  if (Array.isArray(value)) return value.some((v) => hasForbiddenKey(v, depth + 1));
  if (value === null || typeof value !== "object") return false;
  for (const key of Object.keys(value)) {
    if (key.split(".").some((part) => FORBIDDEN_KEYS.has(part))) return true;
    if (hasForbiddenKey((value as Record<string, unknown>)[key], depth + 1)) return true;
  }
  return false;
}

/** An inline scenario: validated as is, or merged over the shipped scenario it `extends`. */
export function parseInline(data: unknown, prefix: string): Scenario {
  assertSafeShape(data, prefix);
  try {
    if (typeof data === "object" && data !== null && !Array.isArray(data) && "extends" in data) {
      const { extends: base, ...own } = data as Record<string, unknown>;
      if (typeof base !== "string")
        throw apiErrors.scenarioInvalid("invalid scenario: extends must be a shipped scenario name", [
          { path: `${prefix}.extends`, message: "must be a string naming a shipped scenario" },
        ]);
      return parseScenario(deepMerge(loadShipped(base), own), "request");
    }
    return parseScenario(data, "request");
  } catch (e) {
    throw scenarioProblem(e, prefix);
  }
}

/** A scenario reference of a request: a shipped name or an inline scenario. */
export type ScenarioRefInput = string | Record<string, unknown>;

/** The scenario of a request with its overrides applied, validated and compiled. */
export function resolveScenario(
  ref: ScenarioRefInput,
  overrides: Record<string, unknown> | undefined,
  prefix = "scenario",
): CompiledScenario {
  return resolveScenarioParts(ref, overrides, prefix).compiled;
}

/** The validated scenario of a request (after overrides) and its compiled form. */
export function resolveScenarioParts(
  ref: ScenarioRefInput,
  overrides: Record<string, unknown> | undefined,
  prefix = "scenario",
  overridesPrefix = "overrides",
): { scenario: Scenario; compiled: CompiledScenario } {
  let scenario = typeof ref === "string" ? loadShipped(ref) : parseInline(ref, prefix);
  if (overrides !== undefined && Object.keys(overrides).length > 0) {
    assertSafeShape(overrides, overridesPrefix);
    try {
      scenario = applyOverrides(scenario, overrides);
    } catch (e) {
      throw scenarioProblem(e, overridesPrefix);
    }
  }
  try {
    return { scenario, compiled: compileScenario(scenario) };
  } catch (e) {
    throw scenarioProblem(e, prefix);
  }
}
