/**
 * Benchmark suites and policy lists. A suite (`suites/<name>.yaml`, versioned) fixes the scenarios with
 * their seeds, horizons and warm-ups, the KPIs and the selection settings; a policy list names the
 * policies to compare, each as the `policies:` entries it puts into every scenario of the suite. Both are
 * validated with errors naming the field.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";
import { BUILTIN_POLICIES, DECISIONS, type DecisionName } from "../model/index.js";
import {
  type CompileOptions,
  canonicalJson,
  describePolicyModule,
  isPolicyPath,
  listInstalledPolicies,
  type PolicyRef,
  parseYamlText,
  ScenarioError,
} from "../scenario/index.js";

/** The suites shipped with gatesim. */
export const SHIPPED_SUITE_DIR = fileURLToPath(new URL("../../suites/", import.meta.url));

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, { error: "letters, digits, '.', '_' or '-'" });
const seed = z.union([z.number().int(), z.string().min(1).max(200)]);

/** A suite file. */
export const suiteSchema = z
  .object({
    suite: id,
    version: z.number().int().positive(),
    title: z.string().max(500).default(""),
    description: z.string().max(5000).default(""),
    seed: seed.default(1),
    replications: z.number().int().min(2).max(200).default(10),
    kpis: z.array(z.string().max(100)).min(1).max(40),
    selection: z
      .object({
        kpi: z.string().max(100),
        minimize: z.boolean().default(true),
        alpha: z.number().gt(0).lt(0.5).default(0.05),
        delta: z.number().positive(),
        procedure: z.enum(["KN", "NM"]).default("KN"),
        maxReplications: z.number().int().min(2).max(1000).default(60),
      })
      .strict(),
    scenarios: z
      .array(
        z
          .object({
            id,
            scenario: z.string().max(200),
            horizonDays: z.number().positive().max(3660),
            warmupDays: z.number().min(0),
            seed: seed.optional(),
            /** Indifference zone of this scenario (default: the suite's). */
            delta: z.number().positive().optional(),
          })
          .strict(),
      )
      .min(1)
      .max(20),
  })
  .strict();

/** A validated suite. */
export type PolicySuite = z.infer<typeof suiteSchema> & { hash: string };

/** The policies of one entry: decision → reference (as the scenario's `policies:` block takes them). */
export type PolicyDecisions = Partial<Record<DecisionName, PolicyRef | Record<string, unknown>>>;

/** One policy to compare: a label and the `policies:` entries it sets in every scenario. */
export interface PolicyEntry {
  label: string;
  policies: PolicyDecisions;
}

const refSchema = z.union([
  z.string().min(1).max(1000),
  z
    .object({
      rule: z.string().optional(),
      module: z.string().optional(),
      params: z.record(z.string(), z.unknown()).optional(),
    })
    .strict(),
]);

/** One policy of a list: a label and the decisions it sets. */
export const policyEntrySchema = z
  .object({
    label: id,
    callForward: refSchema.optional(),
    xraySelection: refSchema.optional(),
    appointment: refSchema.optional(),
    laneAllocation: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .refine((e) => Object.keys(e).length > 1, { error: "names no decision (callForward, xraySelection, ...)" });

/** A policy list (a file, or the body of `POST /policy-benchmarks`). */
export const policyListSchema = z.array(policyEntrySchema).min(2, { error: "compare at least two policies" }).max(12);

function issues(err: z.ZodError): { path: string; message: string }[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** Loads a suite by shipped name (`congestion-v1`) or file path. */
export function loadSuite(nameOrFile: string): PolicySuite {
  const file =
    /\.(ya?ml|json)$/i.test(nameOrFile) || nameOrFile.includes("/")
      ? resolve(nameOrFile)
      : join(SHIPPED_SUITE_DIR, `${nameOrFile}.yaml`);
  if (!/^[A-Za-z0-9._/-]+$/.test(nameOrFile) || !existsSync(file)) {
    throw new ScenarioError([{ path: "suite", message: `no suite "${nameOrFile}" (shipped suites are in suites/)` }]);
  }
  let data: unknown;
  try {
    data = parseYamlText(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ScenarioError([{ path: "", message: `cannot parse: ${(e as Error).message}` }], file);
  }
  return parseSuite(data, file);
}

/** Validates suite data; the hash covers its canonical JSON. */
export function parseSuite(data: unknown, source?: string): PolicySuite {
  const r = suiteSchema.safeParse(data);
  if (!r.success) throw new ScenarioError(issues(r.error), source);
  const ids = new Set<string>();
  for (const [i, s] of r.data.scenarios.entries()) {
    if (ids.has(s.id))
      throw new ScenarioError([{ path: `scenarios.${i}.id`, message: `duplicate id "${s.id}"` }], source);
    ids.add(s.id);
    if (s.warmupDays >= s.horizonDays) {
      throw new ScenarioError(
        [{ path: `scenarios.${i}.warmupDays`, message: "must be less than horizonDays" }],
        source,
      );
    }
  }
  const hash = createHash("sha256").update(canonicalJson(r.data)).digest("hex");
  return { ...r.data, hash };
}

/**
 * Validates a policy list (at least `minimum` entries); relative module paths are made absolute against
 * `baseDir`.
 */
export function parsePolicyList(data: unknown, baseDir?: string, source?: string, minimum = 2): PolicyEntry[] {
  const r = (minimum === 2 ? policyListSchema : z.array(policyEntrySchema).max(12)).safeParse(data);
  if (!r.success)
    throw new ScenarioError(
      issues(r.error).map((i) => ({ ...i, path: `policies.${i.path}` })),
      source,
    );
  const labels = new Set<string>();
  return r.data.map((e, i) => {
    if (labels.has(e.label))
      throw new ScenarioError([{ path: `policies.${i}.label`, message: "duplicate label" }], source);
    labels.add(e.label);
    const { label, ...decisions } = e;
    const policies = structuredClone(decisions) as PolicyDecisions;
    if (baseDir !== undefined) {
      for (const ref of Object.values(policies)) {
        const m = (ref as { module?: unknown } | undefined)?.module;
        if (typeof m === "string" && isPolicyPath(m) && !isAbsolute(m))
          (ref as { module: string }).module = resolve(baseDir, m);
      }
    }
    return { label, policies };
  });
}

/** Loads a policy list file (YAML or JSON: `policies: [...]` or a bare list). */
export function loadPolicyList(file: string): PolicyEntry[] {
  let data: unknown;
  try {
    data = parseYamlText(readFileSync(file, "utf8"));
  } catch (e) {
    throw new ScenarioError([{ path: "", message: `cannot read: ${(e as Error).message}` }], file);
  }
  const list =
    data !== null && typeof data === "object" && !Array.isArray(data)
      ? (data as { policies?: unknown }).policies
      : data;
  return parsePolicyList(list, dirname(resolve(file)), file);
}

/** Reads `key=value&key=value` parameters (numbers and booleans typed). */
function parseParams(text: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const part of text.split("&")) {
    const eq = part.indexOf("=");
    if (eq <= 0) throw new ScenarioError([{ path: "policy", message: `parameter "${part}" is not key=value` }]);
    const raw = part.slice(eq + 1);
    const n = Number(raw);
    out[part.slice(0, eq)] =
      raw === "true" ? true : raw === "false" ? false : raw !== "" && Number.isFinite(n) ? n : raw;
  }
  return out;
}

/**
 * A policy from one command-line spec: `[label=]what[?key=value&...]`, where `what` is a built-in name
 * (`perishablesFirst`), `decision:name` (`callForward:fifo`), a module file (`./my-rule.ts`) or an installed
 * module (`module:examples/perishables-ageing`). A module's decision is read from the module itself.
 */
export function parsePolicySpec(spec: string, options: CompileOptions = { policyPaths: true }): PolicyEntry {
  const fail = (message: string): never => {
    throw new ScenarioError([{ path: "policy", message: `"${spec}": ${message}` }]);
  };
  let rest = spec.trim();
  let label: string | undefined;
  const labelMatch = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63})=(.+)$/.exec(rest);
  if (labelMatch) {
    label = labelMatch[1];
    rest = labelMatch[2] as string;
  }
  let params: Record<string, unknown> | undefined;
  const q = rest.indexOf("?");
  if (q >= 0) {
    params = parseParams(rest.slice(q + 1));
    rest = rest.slice(0, q);
  }
  const withParams = (ref: { rule?: string; module?: string }): PolicyRef =>
    (params === undefined ? ref : { ...ref, params }) as PolicyRef;
  const moduleSpec = rest.startsWith("module:") ? rest.slice("module:".length) : isPolicyPath(rest) ? rest : undefined;
  if (moduleSpec !== undefined) {
    let info: ReturnType<typeof describePolicyModule>;
    try {
      info = describePolicyModule(moduleSpec, options);
    } catch (e) {
      return fail((e as Error).message);
    }
    const decision = info.decision as DecisionName;
    if (!DECISIONS.includes(decision)) fail(`unknown decision "${info.decision}"`);
    const module = isPolicyPath(moduleSpec) ? info.file : moduleSpec;
    return { label: label ?? info.name, policies: { [decision]: withParams({ module }) } };
  }
  const colon = rest.indexOf(":");
  const found: DecisionName[] = [];
  let name = rest;
  if (colon > 0) {
    const decision = rest.slice(0, colon) as DecisionName;
    name = rest.slice(colon + 1);
    if (!DECISIONS.includes(decision)) fail(`unknown decision "${decision}"; known: ${DECISIONS.join(", ")}`);
    found.push(decision);
  } else {
    for (const d of DECISIONS) if (Object.hasOwn(BUILTIN_POLICIES[d], name)) found.push(d);
  }
  if (found.length === 0 || !Object.hasOwn(BUILTIN_POLICIES[found[0] as DecisionName], name)) {
    const known = DECISIONS.flatMap((d) => Object.keys(BUILTIN_POLICIES[d]).map((n) => `${d}:${n}`));
    fail(
      `no built-in policy "${name}" and not a policy file (installed modules are named module:<name>); built-ins: ${known.join(", ")}`,
    );
  }
  if (found.length > 1) fail(`"${name}" is a built-in of ${found.join(" and ")}: write decision:name`);
  const decision = found[0] as DecisionName;
  if (decision === "laneAllocation") {
    fail("a lane rule needs its lane group (stages, lanesShiftMax): give it in a --policies file");
  }
  return { label: label ?? name, policies: { [decision]: withParams({ rule: name }) } };
}

/** The shipped suites (name, version, title, scenario ids). */
export function listSuites(): { name: string; version: number; title: string; scenarios: string[]; hash: string }[] {
  if (!existsSync(SHIPPED_SUITE_DIR)) return [];
  return readdirSync(SHIPPED_SUITE_DIR)
    .filter((f) => f.endsWith(".yaml"))
    .sort()
    .map((f) => {
      const s = loadSuite(f.replace(/\.yaml$/, ""));
      return {
        name: s.suite,
        version: s.version,
        title: s.title,
        scenarios: s.scenarios.map((x) => x.id),
        hash: s.hash,
      };
    });
}

/** One policy a service can run: a built-in, or a module installed in policies/ or GATESIM_POLICY_DIR. */
export interface PolicyCatalogEntry {
  decision: string;
  name: string;
  kind: "built-in" | "module";
  description?: string;
  defaults?: Record<string, unknown>;
  sha256?: string;
  /** Why an installed file cannot be used (it is listed so the operator sees it). */
  problem?: string;
}

/** Every policy a service can run, by decision: the built-ins, then the installed modules. */
export function policyCatalog(): PolicyCatalogEntry[] {
  const out: PolicyCatalogEntry[] = [];
  for (const d of DECISIONS) {
    for (const [name, p] of Object.entries(BUILTIN_POLICIES[d])) {
      out.push({
        decision: d,
        name,
        kind: "built-in",
        ...(p.description === undefined ? {} : { description: p.description }),
        ...(p.defaults === undefined ? {} : { defaults: structuredClone(p.defaults) as Record<string, unknown> }),
      });
    }
  }
  for (const m of listInstalledPolicies()) {
    try {
      const info = describePolicyModule(m.name);
      out.push({
        decision: info.decision,
        name: `module:${m.name}`,
        kind: "module",
        sha256: info.sha256,
        ...(info.description === undefined ? {} : { description: info.description }),
        ...(info.defaults === undefined ? {} : { defaults: info.defaults }),
      });
    } catch (e) {
      out.push({ decision: "?", name: `module:${m.name}`, kind: "module", problem: (e as Error).message });
    }
  }
  return out;
}
