/** `GET /glossary`: the KPI glossary (every figure a run reports and the terms of the reports), in English and Vietnamese. */
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { GLOSSARY_KINDS, glossaryAsServed } from "../../stats/index.js";

const TextSchema = z.object({ label: z.string(), definition: z.string() });

/** The glossary as served. */
const GlossarySchema = z
  .object({
    items: z.array(
      z.object({
        id: z.string().describe("KPI name, a pattern with <id> or <n>, or a term"),
        kind: z.enum(GLOSSARY_KINDS).describe("kpi, stage figure, series, other field of a result, or term"),
        unit: z.string(),
        better: z.enum(["higher", "lower"]).optional(),
        match: z
          .string()
          .optional()
          .describe(
            "for a pattern id (not a term): the regular expression of the names it stands for, one capture group per <…> part",
          ),
        en: TextSchema,
        vi: TextSchema,
      }),
    ),
  })
  .meta({ id: "Glossary" });

/** The glossary route (an encapsulated plugin). */
export const glossaryRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    "/glossary",
    {
      schema: {
        tags: ["service"],
        summary: "The KPI glossary",
        description:
          "Every KPI and stage figure a run reports, with its unit, which way is better, and a label and definition in English and Vietnamese; plus the terms replication, seed, warm-up and 95 % interval.",
        response: { 200: GlossarySchema },
      },
    },
    async (_request, reply) => {
      void reply.header("cache-control", "no-cache");
      return { items: glossaryAsServed() };
    },
  );
};
