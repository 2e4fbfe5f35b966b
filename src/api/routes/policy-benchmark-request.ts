/**
 * A policy benchmark request (`POST /policy-benchmarks`): its body schema, the refusal of anything that
 * looks like code, and the full check against this server's limits that turns it into the runner's
 * options before the 202. Apart from the routes (policy-benchmarks.ts), which keep the queue and the
 * views, so that what a request may ask can be read in one place.
 */
import { z } from "zod";
import {
  loadSuite,
  type PolicyBenchmarkOptions,
  type PolicyEntry,
  parsePolicyList,
  parsePolicySpec,
  validatePolicyBenchmark,
} from "../../runner/index.js";
import {
  loadShippedScenario,
  SCENARIO_BUDGET,
  ScenarioError,
  sampledValuesPerReplication,
} from "../../scenario/index.js";
import type { ServiceLimits } from "../config.js";
import { ApiError, apiErrors } from "../errors.js";
import { scenarioProblem } from "../scenarios.js";

/** Replications one benchmark may plan at most (policies × scenarios × budget per policy). */
const PLANNED_REPLICATIONS_MAX = 10_000;

/** Why a request can name installed policies only (said in errors and in the API description). */
export const NEVER_CODE =
  "this service runs only installed policies: built-ins, or modules the operator put in policies/ or GATESIM_POLICY_DIR, named as module:<name>; it never runs code sent in a request";

/** A policy reference: a spec string, or a rule or installed module with its parameters. */
const RefBody = z.union([
  z.string().max(300),
  z
    .object({
      rule: z.string().max(200).optional(),
      module: z.string().max(300).optional(),
      params: z.record(z.string().max(100), z.unknown()).optional(),
    })
    .strict(),
]);

/** `POST /policy-benchmarks`. */
export const PolicyBenchmarkRequestSchema = z
  .object({
    suite: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/)
      .default("congestion-v1"),
    policies: z
      .array(
        z.union([
          z.string().max(300),
          z
            .object({
              label: z.string().max(64),
              callForward: RefBody.optional(),
              xraySelection: RefBody.optional(),
              appointment: RefBody.optional(),
              laneAllocation: z.record(z.string(), z.unknown()).optional(),
            })
            .strict(),
        ]),
      )
      .min(2)
      .max(12),
    scenarios: z.array(z.string().max(64)).min(1).max(20).optional(),
    replications: z.number().int().min(2).optional(),
    horizonDays: z.number().positive().optional(),
    selection: z
      .object({
        kpi: z.string().max(100).optional(),
        minimize: z.boolean().optional(),
        alpha: z.number().gt(0).lt(0.5).optional(),
        delta: z.number().positive().optional(),
        procedure: z.enum(["KN", "NM"]).optional(),
        maxReplications: z.number().int().min(2).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

/** A validated `POST /policy-benchmarks` body. */
export type PolicyBenchmarkRequest = z.infer<typeof PolicyBenchmarkRequestSchema>;

/** Refuses anything that looks like code or a path before it reaches the scenario layer. */
export function assertNoCode(policies: unknown[]): void {
  policies.forEach((p, i) => {
    const text = JSON.stringify(p);
    if (/"(code|source|script)"\s*:/.test(text)) {
      throw apiErrors.validation(`policies.${i}: ${NEVER_CODE}`, [{ path: `policies.${i}`, message: NEVER_CODE }]);
    }
  });
}

/**
 * Checks a benchmark request in full against this server's limits (every policy compiled into every
 * scenario) and resolves it to the runner's options; throws an ApiError naming the field.
 */
export function planPolicyBenchmark(body: PolicyBenchmarkRequest, limits: ServiceLimits): PolicyBenchmarkOptions {
  if (body.replications !== undefined && body.replications > limits.maxReplications) {
    throw apiErrors.limitExceeded("replications", `at most ${limits.maxReplications} on this server`);
  }
  if (body.horizonDays !== undefined && body.horizonDays > limits.maxHorizonDays) {
    throw apiErrors.limitExceeded("horizonDays", `at most ${limits.maxHorizonDays} days on this server`);
  }
  let options: PolicyBenchmarkOptions;
  try {
    const suite = loadSuite(body.suite);
    const specs = body.policies.filter((p): p is string => typeof p === "string");
    const objects = body.policies.filter((p) => typeof p !== "string");
    const entries: PolicyEntry[] = [
      ...parsePolicyList(objects, undefined, "request", 0),
      ...specs.map((s) => parsePolicySpec(s, { policyPaths: false })),
    ];
    const labels = new Set<string>();
    for (const [i, e] of entries.entries()) {
      if (labels.has(e.label)) {
        throw apiErrors.validation(`policies: two policies are labelled "${e.label}"`, [
          {
            path: `policies.${i}`,
            message: `duplicate label "${e.label}" (give one a label=... prefix or a label field)`,
          },
        ]);
      }
      labels.add(e.label);
    }
    const sel = body.selection ?? {};
    const budget = sel.maxReplications ?? suite.selection.maxReplications;
    if (budget > limits.maxReplications) {
      throw apiErrors.limitExceeded("selection.maxReplications", `at most ${limits.maxReplications} on this server`);
    }
    const scenarioCount = body.scenarios?.length ?? suite.scenarios.length;
    const planned = entries.length * scenarioCount * Math.max(budget, body.replications ?? suite.replications);
    if (planned > PLANNED_REPLICATIONS_MAX) {
      throw apiErrors.limitExceeded(
        "policies",
        `plans up to ${planned} replications; at most ${PLANNED_REPLICATIONS_MAX} per benchmark`,
      );
    }
    const horizon = body.horizonDays ?? Math.max(...suite.scenarios.map((s) => s.horizonDays));
    if (horizon > limits.maxHorizonDays) {
      throw apiErrors.limitExceeded(
        "horizonDays",
        `the suite runs ${horizon} days; at most ${limits.maxHorizonDays} here`,
      );
    }
    // What one scenario's replications hold at once (all policies, up to the selection's budget each).
    const perPolicy = Math.max(budget, body.replications ?? suite.replications);
    for (const s of suite.scenarios.filter((x) => body.scenarios?.includes(x.id) ?? true)) {
      const days = body.horizonDays ?? s.horizonDays;
      const sampled = sampledValuesPerReplication(loadShippedScenario(s.scenario), days);
      const held = sampled * entries.length * perPolicy;
      if (sampled > SCENARIO_BUDGET.sampledValuesPerReplicationMax || held > limits.maxSampledValuesPerRun) {
        throw apiErrors.limitExceeded(
          body.horizonDays === undefined ? "policies" : "horizonDays",
          `scenario ${s.id} over ${days} days records ${sampled.toLocaleString("en-US")} sampled values per replication (at most ${SCENARIO_BUDGET.sampledValuesPerReplicationMax.toLocaleString("en-US")}); ${entries.length} policies × ${perPolicy} replications would hold ${held.toLocaleString("en-US")}, at most ${limits.maxSampledValuesPerRun.toLocaleString("en-US")} on this server`,
        );
      }
    }
    options = {
      suite,
      policies: entries,
      compileOptions: { policyPaths: false },
      selection: Object.fromEntries(Object.entries(sel).filter(([, v]) => v !== undefined)),
      ...(body.scenarios === undefined ? {} : { scenarios: body.scenarios }),
      ...(body.replications === undefined ? {} : { replications: body.replications }),
      ...(body.horizonDays === undefined ? {} : { horizonDays: body.horizonDays }),
    };
    validatePolicyBenchmark(options);
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (e instanceof ScenarioError) throw scenarioProblem(e, "policies");
    throw apiErrors.validation(`invalid benchmark: ${(e as Error).message}`, [
      { path: "body", message: (e as Error).message },
    ]);
  }
  return options;
}
