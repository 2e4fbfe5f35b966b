/**
 * Loading scenarios: YAML or JSON files, `extends:` with deep-merge overrides (arrays replace), the
 * shipped set under `scenarios/`, overrides by dotted path, and validation errors collected with their paths.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { basename, dirname, extname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { checkScenarioBudget } from "./budget.js";
import { checkNetwork } from "./network-check.js";
import { absolutizePolicyPaths } from "./policy-modules.js";
import { type Scenario, scenarioSchema } from "./schema.js";
import { cachedShippedData, parseYamlText } from "./shipped-cache.js";
import { explainIssues, unknownName } from "./suggest.js";

/** One problem found in a scenario, at a dotted path. */
export interface ScenarioIssue {
  path: string;
  message: string;
}

/** A scenario that could not be read or validated; `issues` lists every problem found. */
export class ScenarioError extends Error {
  override readonly name = "ScenarioError";
  readonly issues: ScenarioIssue[];
  readonly source: string | undefined;

  constructor(issues: ScenarioIssue[], source?: string) {
    const where = source ? ` in ${source}` : "";
    const list = issues.map((i) => `  - ${i.path || "(root)"}: ${i.message}`).join("\n");
    super(`invalid scenario${where}:\n${list}`);
    this.issues = issues;
    this.source = source;
  }
}

/** The package's shipped scenarios folder (relative to this file, not to the cwd). */
export const SHIPPED_DIR = fileURLToPath(new URL("../../scenarios/", import.meta.url));

const EXTENDS_DEPTH_MAX = 8;

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/**
 * Deep merge: objects merge key by key, arrays and scalars in `over` replace those in `base`, and an object
 * whose `type` changes (a distribution, a stage) replaces the old one whole, since its fields differ.
 */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return structuredClone(over);
  if ("type" in over && over.type !== base.type) return structuredClone(over);
  const out: Record<string, unknown> = structuredClone(base);
  for (const [k, v] of Object.entries(over)) {
    if (v === undefined) continue;
    assertSafeKey(k);
    out[k] = k in out ? deepMerge(out[k], v) : structuredClone(v);
  }
  return out;
}

/** Keys that would reach an object's prototype when merged are refused, wherever they come from. */
function assertSafeKey(key: string, path: string = key): void {
  if (key === "__proto__" || key === "constructor" || key === "prototype") {
    throw new ScenarioError([{ path, message: `"${key}" is not allowed as a key` }]);
  }
}

/** Validates scenario data; throws a ScenarioError listing every problem (never a stack trace for bad input). */
export function parseScenario(data: unknown, source?: string): Scenario {
  const r = scenarioSchema.safeParse(data);
  if (!r.success) throw new ScenarioError(explainIssues(r.error.issues, data, scenarioSchema), source);
  const more = beyondSchema(r.data);
  if (more.length > 0) throw new ScenarioError(more, source);
  return r.data;
}

/** What a valid scenario may still not do: exceed the budget (budget.ts), or route trucks nowhere (network-check.ts). */
function beyondSchema(sc: Scenario): ScenarioIssue[] {
  return [...checkScenarioBudget(sc), ...checkNetwork(sc)];
}

function readData(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ScenarioError([{ path: "", message: `cannot read file: ${(e as Error).message}` }], path);
  }
  const cached = cachedShippedData(SHIPPED_DIR, path, text);
  if (cached !== undefined) return cached;
  try {
    return extname(path).toLowerCase() === ".json" ? JSON.parse(text) : parseYamlText(text);
  } catch (e) {
    throw new ScenarioError([{ path: "", message: `cannot parse: ${(e as Error).message}` }], path);
  }
}

/** Shipped names are `name` or `group/name` of letters, digits, `-` and `_`: nothing can climb out of scenarios/. */
const SHIPPED_NAME = /^(?:[A-Za-z0-9_-]+\/)?[A-Za-z0-9_-]+$/;

function shippedPath(name: string): string | null {
  if (!SHIPPED_NAME.test(name)) return null;
  const candidates = [
    join(SHIPPED_DIR, `${name}.yaml`),
    join(SHIPPED_DIR, `${name}.yml`),
    join(SHIPPED_DIR, `${name}.json`),
    join(SHIPPED_DIR, "textbook", `${name}.yaml`),
  ];
  return candidates.find((p) => existsSync(p)) ?? null;
}

/** Reads a file and resolves its `extends:` chain into one merged data object. */
function resolveExtends(path: string, depth: number): Record<string, unknown> {
  if (depth > EXTENDS_DEPTH_MAX) {
    throw new ScenarioError([{ path: "extends", message: `extends chain deeper than ${EXTENDS_DEPTH_MAX}` }], path);
  }
  const data = readData(path);
  if (!isPlainObject(data)) throw new ScenarioError([{ path: "", message: "must be a mapping" }], path);
  // Policy files named by a relative path are relative to the scenario file that names them.
  absolutizePolicyPaths(data, dirname(path));
  const ext = data.extends;
  if (ext === undefined) return data;
  if (typeof ext !== "string") throw new ScenarioError([{ path: "extends", message: "must be a string" }], path);
  const rel = ext.startsWith(".") || ext.startsWith("/") || /\.(ya?ml|json)$/.test(ext);
  const basePath = rel ? (isAbsolute(ext) ? ext : resolve(dirname(path), ext)) : shippedPath(ext);
  if (basePath === null || !existsSync(basePath)) {
    throw new ScenarioError([{ path: "extends", message: `unknown base scenario "${ext}"` }], path);
  }
  const base = resolveExtends(basePath, depth + 1);
  const { extends: _drop, ...own } = data;
  const merged = deepMerge(base, own) as Record<string, unknown>;
  delete merged.extends;
  // A title and description describe the scenario that wrote them: a variant that gives none does not
  // pass for its base in reports, it says what it is a variant of.
  if (own.title === undefined) {
    merged.title = `Variant of ${ext}${typeof base.title === "string" && base.title !== "" ? ` (${base.title})` : ""}`;
  }
  if (own.description === undefined) delete merged.description;
  return merged;
}

/** Loads and validates a scenario file (YAML or JSON), resolving `extends:`. */
export function loadScenarioFile(path: string): Scenario {
  return parseScenario(resolveExtends(resolve(path), 0), path);
}

/** Loads a shipped scenario by name (e.g. "baseline-2026q1", "mm1"). */
export function loadShippedScenario(name: string): Scenario {
  const p = shippedPath(name);
  if (p === null) {
    const known = listShippedScenarios()
      .map((s) => s.name)
      .join(", ");
    throw new ScenarioError([{ path: "", message: `no shipped scenario "${name}"; known: ${known}` }]);
  }
  return loadScenarioFile(p);
}

/** The shipped scenarios, with their title and description. */
export function listShippedScenarios(): { name: string; title: string; description: string; file: string }[] {
  const out: { name: string; title: string; description: string; file: string }[] = [];
  for (const dir of [SHIPPED_DIR, join(SHIPPED_DIR, "textbook")]) {
    if (!existsSync(dir)) continue;
    for (const f of readdirSync(dir).sort()) {
      if (!/\.(ya?ml|json)$/.test(f)) continue;
      const file = join(dir, f);
      const data = resolveExtends(file, 0);
      out.push({
        name: basename(f).replace(/\.(ya?ml|json)$/, ""),
        title: typeof data.title === "string" ? data.title : "",
        description: typeof data.description === "string" ? data.description : "",
        file,
      });
    }
  }
  return out;
}

/**
 * Applies overrides to a scenario and re-validates: keys are dotted paths (`"stages.smartGate.servers": 6`)
 * or nested objects (deep partial), merged the same way as `extends:`.
 */
export function applyOverrides(scenario: Scenario, overrides: Record<string, unknown>): Scenario {
  let data: unknown = structuredClone(scenario);
  const problems: ScenarioIssue[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    const parts = key.split(".");
    for (const part of parts) assertSafeKey(part, key);
    const missing = missingParent(data, parts);
    if (missing !== null) {
      problems.push({ path: key, message: missing });
      continue;
    }
    let patch: unknown = value;
    for (let i = parts.length - 1; i >= 0; i--) patch = { [parts[i] as string]: patch };
    data = deepMerge(data, patch);
  }
  const r = scenarioSchema.safeParse(data);
  // The budget and network checks judge a valid scenario, as in parseScenario.
  const issues = r.success ? beyondSchema(r.data) : explainIssues(r.error.issues, data, scenarioSchema);
  if (r.success && problems.length === 0 && issues.length === 0) return r.data;
  throw new ScenarioError([...problems, ...issues], "overrides");
}

/** What an entry of a mapping is called in messages (`stages.xrya` is an unknown "stage"). */
const ENTRY_NAMES: Record<string, string> = { stages: "stage", demand: "direction", policies: "policy setting" };

/**
 * Why a dotted override path cannot apply: it goes through a key the scenario does not have
 * (`stages.xrya.servers` when there is no stage xrya). Setting a new last key is allowed (the schema
 * judges it); creating a parent on the way would silently build a half object instead.
 */
function missingParent(data: unknown, parts: readonly string[]): string | null {
  let node = data;
  for (let i = 0; i < parts.length - 1; i++) {
    if (!isPlainObject(node)) return null;
    const key = parts[i] as string;
    if (!(key in node)) {
      const parent = parts.slice(0, i).join(".");
      const what = ENTRY_NAMES[parent] ?? (parent === "" ? "key" : `key of ${parent}`);
      return unknownName(what, key, Object.keys(node));
    }
    node = node[key];
  }
  return null;
}

/** JSON Schema of the scenario format (for `gatesim schema` and editors). */
export function scenarioJsonSchema(): object {
  return z.toJSONSchema(scenarioSchema, { io: "input", unrepresentable: "any" });
}
