/**
 * `/scenarios`: the shipped scenarios, one scenario's content, validation of an inline scenario, and
 * the JSON Schema of the scenario format (for editors and the dashboard's form).
 */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { scenarioJsonSchema } from "../../scenario/index.js";
import { loadShipped, resolveScenario, shippedScenarios } from "../scenarios.js";
import {
  ErrorSchema,
  ScenarioGroupParamsSchema,
  ScenarioInfoSchema,
  ScenarioNameParamsSchema,
  ValidationResultSchema,
} from "../schemas.js";

/** A scenario's content as served. */
const ScenarioContentSchema = z
  .object({ name: z.string(), scenario: z.record(z.string(), z.unknown()) })
  .meta({ id: "ScenarioContent" });

/** The scenarios routes (an encapsulated plugin). */
export const scenariosRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/scenarios",
    {
      schema: {
        tags: ["scenarios"],
        summary: "Shipped scenarios",
        response: { 200: z.object({ items: z.array(ScenarioInfoSchema) }) },
      },
    },
    async () => ({
      items: shippedScenarios().map((s) => ({ ...s, url: `/scenarios/${s.aliases[0] ?? s.name}` })),
    }),
  );

  const content = (name: string) => ({ name, scenario: loadShipped(name) as unknown as Record<string, unknown> });

  app.get(
    "/scenarios/:name",
    {
      schema: {
        tags: ["scenarios"],
        summary: "A shipped scenario (validated, defaults filled in)",
        params: ScenarioNameParamsSchema,
        response: { 200: ScenarioContentSchema, 404: ErrorSchema },
      },
    },
    async (request) => content(request.params.name),
  );

  app.get(
    "/scenarios/:group/:name",
    {
      schema: {
        tags: ["scenarios"],
        summary: "A shipped scenario by group/name (e.g. textbook/mm1)",
        params: ScenarioGroupParamsSchema,
        response: { 200: ScenarioContentSchema, 404: ErrorSchema },
      },
    },
    async (request) => content(`${request.params.group}/${request.params.name}`),
  );

  app.post(
    "/scenarios/validate",
    {
      schema: {
        tags: ["scenarios"],
        summary: "Validate an inline scenario",
        description:
          "Body: a scenario in the file format (it may `extends` a shipped scenario). 200 with its hash and assumed inputs, or 400 `GATESIM_ERR_SCENARIO_INVALID` with every issue as `{path, message}`.",
        body: z.record(z.string(), z.unknown()).describe("a scenario object"),
        response: { 200: ValidationResultSchema, 400: ErrorSchema, 404: ErrorSchema },
      },
    },
    async (request) => {
      const compiled = resolveScenario(request.body, undefined, "body");
      return {
        valid: true as const,
        name: compiled.name,
        hash: compiled.hash,
        horizonDays: compiled.horizonDays,
        warmupDays: compiled.warmupDays,
        assumedInputs: compiled.assumedInputs,
      };
    },
  );

  app.get(
    "/scenario-schema",
    {
      schema: {
        tags: ["scenarios"],
        summary: "JSON Schema of the scenario format",
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async () => scenarioJsonSchema() as Record<string, unknown>,
  );
};
