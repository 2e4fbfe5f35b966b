/**
 * Files a planner takes away: the self-contained HTML report of a run (its name, note and changes
 * included, the assumed inputs with the values used) and CSV files of a run, a comparison and a sweep.
 * Served as attachments with a filename from the run's name.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { stringify } from "csv-stringify/sync";
import type { FastifyReply } from "fastify";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import {
  type CompareReport,
  compareCsvRows,
  type JsonReport,
  REPORT_LANGS,
  renderHtmlReport,
  reportCsvRows,
  reportLangOf,
  reportText,
  sweepCsvRows,
} from "../../stats/index.js";
import type { RunRecord, RunStore } from "../../store/index.js";
import { refreshComparison, resultsRunId } from "../comparisons.js";
import { apiErrors } from "../errors.js";
import { runInputs } from "../run-inputs.js";
import { ErrorSchema, IdParamsSchema } from "../schemas.js";
import { sweepNotFound, sweepReportOf, sweepView } from "../sweeps.js";
import { requestOf } from "./run-inputs.js";

/** Most run labels a comparison CSV takes (a comparison holds fewer runs). */
const COMPARISON_LABELS_MAX = 64;

/** What the download routes need. */
export interface DownloadsRoutesOptions {
  store: RunStore;
  now: () => number;
}

let libraries: { d3: string; plot: string } | undefined;

/** The chart libraries the HTML report inlines, read once. */
function chartLibraries(): { d3: string; plot: string } {
  if (libraries === undefined) {
    // By path: the packages' exports maps do not expose their browser bundles.
    const file = (p: string) => fileURLToPath(new URL(`../../../node_modules/${p}`, import.meta.url));
    libraries = {
      d3: readFileSync(file("d3/dist/d3.min.js"), "utf8"),
      plot: readFileSync(file("@observablehq/plot/dist/plot.umd.min.js"), "utf8"),
    };
  }
  return libraries;
}

/** A file name from a run's name: letters, digits and dashes. */
function fileName(base: string, ext: string): string {
  const safe = base
    .normalize("NFKD")
    .replace(/[^\w-]+/g, "-")
    .replace(/-+/g, "-")
    .replace(/^-|-$/g, "")
    .slice(0, 60);
  return `gatesim-${safe || "run"}.${ext}`;
}

/** Stage figure, interval and unit columns as CSV text. */
function csv(rows: unknown[][]): string {
  return stringify(rows.map((r) => r.map((x) => (typeof x === "number" && !Number.isFinite(x) ? "" : x))));
}

/** Sends a file body; the route schemas describe errors only, the body is text of the given type. */
function sendFile(reply: FastifyReply, type: string, body: string): FastifyReply {
  return reply.type(type).send(body as never);
}

/** The download routes (an encapsulated plugin). */
export const downloadsRoutes: FastifyPluginAsyncZod<DownloadsRoutesOptions> = async (app, opts) => {
  const { store } = opts;
  const succeeded = (id: string): { run: RunRecord; report: JsonReport } => {
    const run = store.getRun(id);
    if (run === undefined) throw apiErrors.runNotFound(id);
    if (run.status !== "succeeded") throw apiErrors.runNotFinished(run.id, run.status);
    const report = store.getReport(resultsRunId(run)) as JsonReport | undefined;
    if (report === undefined) throw apiErrors.runNotFinished(run.id, "missing its report");
    return { run, report };
  };
  const errors = { 404: ErrorSchema, 409: ErrorSchema };

  app.get(
    "/runs/:id/report.html",
    {
      schema: {
        tags: ["runs"],
        summary: "The self-contained HTML report of a succeeded run",
        description:
          "One file with charts (the libraries inlined), opened without a server or network: the run's name, note and changes, KPIs with intervals, the assumed inputs with the values used. In English or Vietnamese: `lang`, else the request's Accept-Language, else English.",
        params: IdParamsSchema,
        querystring: z.object({ lang: z.enum(REPORT_LANGS).optional() }).strict(),
        response: errors,
      },
    },
    async (request, reply) => {
      const { run, report } = succeeded(request.params.id);
      const lang = reportLangOf(request.query.lang, request.headers["accept-language"]);
      const t = reportText(lang);
      const inputs = runInputs(requestOf(run), run.horizonDays, run.warmupDays);
      const show = (v: unknown) => (typeof v === "string" ? v : JSON.stringify(v));
      const withValues: JsonReport = {
        ...report,
        assumedInputs: inputs.assumed.map(
          (a) => `${a.path} = ${show(a.value)}${a.changed ? ` (${t.setForThisRun})` : ""}`,
        ),
      };
      const html = renderHtmlReport(
        withValues,
        chartLibraries(),
        {
          title: run.label ?? t.runTitle(run.seq, run.scenarioTitle),
          note: run.note,
          changes: inputs.changes.map((c) => `${c.path}: ${show(c.value)} (${t.scenarioWas}: ${show(c.was)})`),
        },
        lang,
      );
      void reply.header("content-language", lang);
      void reply.header("vary", "accept-language");
      void reply.header(
        "content-disposition",
        `attachment; filename="${fileName(run.label ?? `run-${run.seq}-${run.scenarioName}`, "html")}"`,
      );
      return sendFile(reply, "text/html; charset=utf-8", html);
    },
  );

  app.get(
    "/runs/:id/results.csv",
    {
      schema: {
        tags: ["runs"],
        summary: "A succeeded run's KPIs and stage figures as CSV",
        params: IdParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const { run, report } = succeeded(request.params.id);
      void reply.header(
        "content-disposition",
        `attachment; filename="${fileName(run.label ?? `run-${run.seq}-${run.scenarioName}`, "csv")}"`,
      );
      return sendFile(reply, "text/csv; charset=utf-8", csv(reportCsvRows(report)));
    },
  );

  app.get(
    "/comparisons/:id/results.csv",
    {
      schema: {
        tags: ["comparisons"],
        summary: "A comparison's paired differences as CSV",
        description:
          "Runs are named by their scenario, or by `label` (repeated: the reference first, then the compared runs in order), e.g. the names a page shows them by.",
        params: IdParamsSchema,
        querystring: z
          .object({
            label: z.union([z.string().max(200), z.array(z.string().max(200)).max(COMPARISON_LABELS_MAX)]).optional(),
          })
          .strict(),
        response: errors,
      },
    },
    async (request, reply) => {
      const found = store.getComparison(request.params.id);
      if (found === undefined) throw apiErrors.comparisonNotFound(request.params.id);
      const c = refreshComparison(store, found, opts.now());
      if (c.report === null) throw apiErrors.runNotFinished(c.id, `comparison ${c.status}`);
      const report = c.report as CompareReport;
      const label = request.query.label;
      const labels = label === undefined ? [] : typeof label === "string" ? [label] : label;
      if (labels.length > report.differences.length + 1) {
        const message = `at most one label per run of the comparison (${report.differences.length + 1}), got ${labels.length}`;
        throw apiErrors.validation(`label: ${message}`, [{ path: "label", message }]);
      }
      void reply.header("content-disposition", `attachment; filename="${fileName(`comparison-${c.id}`, "csv")}"`);
      return sendFile(reply, "text/csv; charset=utf-8", csv(compareCsvRows(report, labels)));
    },
  );

  app.get(
    "/sweeps/:id/results.csv",
    {
      schema: {
        tags: ["sweeps"],
        summary: "A sweep's points as CSV: the grid values, then mean and 95 % interval of every KPI",
        params: IdParamsSchema,
        response: errors,
      },
    },
    async (request, reply) => {
      const sweep = store.getSweep(request.params.id);
      if (sweep === undefined) throw sweepNotFound(request.params.id);
      const view = sweepView(store, sweep);
      void reply.header(
        "content-disposition",
        `attachment; filename="${fileName(sweep.label ?? `sweep-${sweep.id}`, "csv")}"`,
      );
      return sendFile(reply, "text/csv; charset=utf-8", csv(sweepCsvRows(sweepReportOf(view))));
    },
  );
};
