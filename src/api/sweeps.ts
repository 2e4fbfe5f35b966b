/**
 * Sweeps over the API: "how many X-ray units (or lanes, or appointment share) do we need?". A sweep is
 * a grid of overrides over one scenario; each point becomes an ordinary run (same seed and
 * replications, so points differ by the parameter, not by resampled noise: common random numbers),
 * queued, followed, cancelled and stored like any other run and tagged with the sweep's id. The sweep
 * record keeps the grid and the runs; its report is assembled from the runs' stored reports, in the
 * shape of the runner's `SweepReport` (the CLI's `gatesim sweep` prints the same thing).
 */
import { gridPoints } from "../runner/index.js";
import type { ReportKpi, SweepReport } from "../stats/index.js";
import { newId, type RunRecord, type RunStore, type SweepRecord } from "../store/index.js";
import { resultsRunId } from "./comparisons.js";
import { ApiError, ApiErrorCodes, apiErrors } from "./errors.js";
import type { RunService, RunSpec } from "./run-service.js";

/** Most points of one sweep (each is a run; the run queue bounds them too). */
export const SWEEP_POINTS_MAX = 24;

/** A validated sweep request: a run request (without a note) and the grid of overrides. */
export interface SweepRequest extends Omit<RunSpec, "note"> {
  grid: Record<string, (number | string | boolean)[]>;
}

/** 404 for an unknown sweep. */
export function sweepNotFound(id: string): ApiError {
  return new ApiError(404, ApiErrorCodes.NOT_FOUND, `no sweep has id ${JSON.stringify(id)}`);
}

/** One point of a sweep as the API shows it. */
export interface SweepPointView {
  point: Record<string, unknown>;
  runId: string;
  status: RunRecord["status"] | "deleted";
  progress: { done: number; total: number };
}

/** The short text of a grid point for run labels: "servers=3, sharePercent=80". */
function pointText(point: Record<string, unknown>): string {
  return Object.entries(point)
    .map(([path, v]) => `${path.split(".").pop()}=${String(v)}`)
    .join(", ");
}

/** Launches a sweep: one run per grid point, all admitted or none. Throws ApiError. */
export function launchSweep(service: RunService, store: RunStore, body: SweepRequest): SweepRecord {
  const points = gridPoints(body.grid);
  if (points.length > SWEEP_POINTS_MAX) {
    throw apiErrors.limitExceeded("grid", `at most ${SWEEP_POINTS_MAX} points per sweep, got ${points.length}`);
  }
  const common = {
    scenario: body.scenario,
    replications: body.replications,
    horizonDays: body.horizonDays,
    warmupDays: body.warmupDays,
    recompute: body.recompute,
  };
  // Every point shares the top-level fields; a bad grid value is named by its override path.
  const first = service.prepare({ ...common, seed: body.seed, overrides: { ...body.overrides, ...points[0] } });
  const title = body.label ?? first.compiled.title;
  const prepared = points.map((point, k) =>
    k === 0
      ? { ...first, newRun: { ...first.newRun, label: `${title} · ${pointText(point)}`.slice(0, 120) } }
      : service.prepare({
          ...common,
          seed: first.newRun.seed,
          horizonDays: first.newRun.horizonDays,
          warmupDays: first.newRun.warmupDays,
          overrides: { ...body.overrides, ...point },
          label: `${title} · ${pointText(point)}`.slice(0, 120),
        }),
  );
  const id = newId("swp");
  // The sweep's record is written with its runs, in one transaction.
  service.submitPrepared(prepared, undefined, {
    id,
    label: body.label ?? null,
    scenarioName: first.compiled.name,
    request: body,
  });
  return store.getSweep(id) as SweepRecord;
}

/** The sweep with its points' live statuses, and the rows of the points that have succeeded. */
export function sweepView(store: RunStore, sweep: SweepRecord) {
  const request = sweep.request as SweepRequest;
  const points = gridPoints(request.grid);
  const runs = sweep.runIds.map((id) => store.getRun(id));
  const pointViews: SweepPointView[] = sweep.runIds.map((runId, k) => {
    const r = runs[k];
    return {
      point: points[k] ?? {},
      runId,
      status: r?.status ?? "deleted",
      progress: { done: r?.done ?? 0, total: r?.replications ?? 0 },
    };
  });
  const rows: SweepReport["rows"] = [];
  runs.forEach((r, k) => {
    if (r?.status !== "succeeded") return;
    const report = store.getReport(resultsRunId(r)) as { kpis?: Record<string, ReportKpi> } | undefined;
    if (!report?.kpis) return;
    rows.push({ point: points[k] ?? {}, scenarioHash: r.scenarioHash, kpis: report.kpis, conservationHolds: true });
  });
  const pending = pointViews.some((p) => p.status === "queued" || p.status === "running");
  const status: "running" | "succeeded" | "failed" = pending
    ? "running"
    : rows.length === points.length
      ? "succeeded"
      : "failed";
  const ref = runs.find((r) => r !== undefined);
  return {
    id: sweep.id,
    label: sweep.label,
    url: `/sweeps/${sweep.id}`,
    scenario: {
      name: sweep.scenarioName,
      title: ref?.scenarioTitle ?? sweep.scenarioName,
      ref: typeof request.scenario === "string" ? request.scenario : null,
    },
    grid: request.grid,
    overrides: request.overrides ?? {},
    seed: ref?.seed ?? request.seed ?? null,
    replications: ref?.replications ?? request.replications ?? null,
    horizonDays: ref?.horizonDays ?? request.horizonDays ?? null,
    warmupDays: ref?.warmupDays ?? request.warmupDays ?? null,
    status,
    progress: {
      done: pointViews.reduce((s, p) => s + p.progress.done, 0),
      total: pointViews.reduce((s, p) => s + p.progress.total, 0),
    },
    points: pointViews,
    rows,
    createdAt: new Date(sweep.createdAt).toISOString(),
  };
}

/** The sweep as the stats `SweepReport` (for the CSV): only the points that have succeeded. */
export function sweepReportOf(view: ReturnType<typeof sweepView>): SweepReport {
  return {
    base: { name: view.scenario.name, title: view.scenario.title, hash: "" },
    grid: view.grid,
    seed: view.seed ?? "",
    replications: view.replications ?? 0,
    horizonDays: view.horizonDays ?? 0,
    warmupDays: view.warmupDays ?? 0,
    modelVersion: "",
    rows: view.rows,
    timing: { wallMs: 0, events: 0, eventsPerSecond: 0 },
  };
}
