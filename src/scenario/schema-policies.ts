/**
 * The `policies:` block of a scenario: which rule decides at each decision point. A rule is named by a
 * built-in's name (`appointmentFirst`), by `{ rule, params }` (a built-in with parameters), or by
 * `{ module, params }` (a researcher's policy module: a name under `policies/` or the operator's
 * `GATESIM_POLICY_DIR`, or, from the command line only, a path to a .ts/.mjs/.js file).
 */
import { z } from "zod";
import { nonNeg, pos } from "./schema-common.js";

/** Parameters of a policy: plain data, at most 64 keys. */
export const policyParamsSchema = z
  .record(z.string().max(100), z.unknown())
  .refine((p) => Object.keys(p).length <= 64, { error: "at most 64 parameters" });

/** A policy given with parameters, or as a researcher's module. */
export const policyObjectSchema = z
  .object({
    /** A built-in rule's name. */
    rule: z.string().min(1).max(200).optional(),
    /** A policy module: a name under `policies/` or `GATESIM_POLICY_DIR`, or (command line) a file path. */
    module: z.string().min(1).max(1000).optional(),
    params: policyParamsSchema.optional(),
  })
  .strict();

/** A policy reference: a built-in's name, or `{ rule | module, params }`. */
export const policyRefSchema = z.union([z.string().min(1).max(200), policyObjectSchema]);

/** A policy reference as written in a scenario. */
export type PolicyRef = z.infer<typeof policyRefSchema>;

/** The `policies:` block. */
export const policiesSchema = z
  .object({
    callForward: policyRefSchema.default("fifo"),
    xraySelection: policyRefSchema.default("channelAndCargo"),
    appointment: policyRefSchema.default("quota"),
    /** How a diverted truck picks among its divertTo stages: weighted (by percent), leastLoaded, leastExpectedWait. */
    diversion: policyRefSchema.default("weighted"),
    laneAllocation: z
      .object({
        rule: z.string().default("fixed"),
        /** A lane-allocation module instead of a built-in `rule`. */
        module: z.string().min(1).max(1000).optional(),
        params: policyParamsSchema.optional(),
        stages: z.tuple([z.string(), z.string()]).optional(),
        lanesShiftMax: z.number().int().min(0).default(0),
        thresholdTrucks: nonNeg.default(20),
        reviewMinutes: pos.default(15),
      })
      .strict()
      .default({ rule: "fixed", lanesShiftMax: 0, thresholdTrucks: 20, reviewMinutes: 15 }),
  })
  .strict()
  .default({
    callForward: "fifo",
    xraySelection: "channelAndCargo",
    appointment: "quota",
    diversion: "weighted",
    laneAllocation: { rule: "fixed", lanesShiftMax: 0, thresholdTrucks: 20, reviewMinutes: 15 },
  });

/** A reference's built-in name, module and parameters (exactly one of name or module). */
export function splitPolicyRef(ref: PolicyRef): { rule?: string; module?: string; params?: Record<string, unknown> } {
  if (typeof ref === "string") return { rule: ref };
  return {
    ...(ref.rule === undefined ? {} : { rule: ref.rule }),
    ...(ref.module === undefined ? {} : { module: ref.module }),
    ...(ref.params === undefined ? {} : { params: ref.params }),
  };
}
