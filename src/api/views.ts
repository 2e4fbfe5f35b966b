/**
 * How stored records are shown over HTTP: ISO times, links to the related endpoints, progress, and
 * no internal fields (the stored request, the cache key). One place, so every endpoint shows a run
 * the same way.
 */
import type { z } from "zod";
import type { ComparisonRecord, ReplicationSummary, RunRecord } from "../store/index.js";
import type { ComparisonViewSchema, RunViewSchema } from "./schemas.js";

/** A run as the API shows it. */
export type RunView = z.infer<typeof RunViewSchema>;
/** A comparison as the API shows it. */
export type ComparisonView = z.infer<typeof ComparisonViewSchema>;

/** ISO string of an epoch-ms time, or null. */
function iso(ms: number | null): string | null {
  return ms === null ? null : new Date(ms).toISOString();
}

/** The scenario reference and overrides of a stored run request. */
function requestParts(request: unknown): { scenarioRef: string | null; overrides: Record<string, unknown> } {
  const r = (request ?? {}) as { scenario?: unknown; overrides?: unknown };
  const overrides =
    typeof r.overrides === "object" && r.overrides !== null && !Array.isArray(r.overrides)
      ? (r.overrides as Record<string, unknown>)
      : {};
  return { scenarioRef: typeof r.scenario === "string" ? r.scenario : null, overrides };
}

/** The view of a run; `queuePosition` and `waitingFor` come from the live service. */
export function runView(
  run: RunRecord,
  queuePosition: number | null = null,
  waitingFor: string | null = null,
): RunView {
  const url = `/runs/${run.id}`;
  const view: RunView = {
    id: run.id,
    status: run.status,
    url,
    eventsUrl: `${url}/events`,
    resultsUrl: `${url}/results`,
    scenario: { name: run.scenarioName, title: run.scenarioTitle, hash: run.scenarioHash },
    seed: run.seed,
    replications: run.replications,
    horizonDays: run.horizonDays,
    warmupDays: run.warmupDays,
    modelVersion: run.modelVersion,
    cached: run.cachedFrom !== null,
    cachedFrom: run.cachedFrom,
    comparisonId: run.comparisonId,
    number: run.seq,
    label: run.label,
    note: run.note,
    ...requestParts(run.request),
    sweepId: run.sweepId,
    progress: { done: run.done, total: run.replications },
    attempts: run.attempts,
    queuePosition: run.status === "queued" ? queuePosition : null,
    waitingFor: run.status === "running" ? waitingFor : null,
    createdAt: iso(run.createdAt) as string,
    startedAt: iso(run.startedAt),
    finishedAt: iso(run.finishedAt),
    durationMs: run.startedAt !== null && run.finishedAt !== null ? run.finishedAt - run.startedAt : null,
    error: run.error,
  };
  return view;
}

/** Per-replication figures with non-finite values as null (JSON has no NaN). */
export function replicationViews(rows: readonly ReplicationSummary[]): {
  replication: number;
  kpis: Record<string, number | null>;
  events: number;
  conservationHolds: boolean;
}[] {
  return rows.map((r) => {
    const kpis: Record<string, number | null> = {};
    for (const [k, v] of Object.entries(r.kpis)) kpis[k] = Number.isFinite(v) ? v : null;
    return { replication: r.replication, kpis, events: r.events, conservationHolds: r.conservationHolds };
  });
}

/** The view of a comparison, with its runs' live statuses. */
export function comparisonView(c: ComparisonRecord, runs: readonly (RunRecord | undefined)[]): ComparisonView {
  let done = 0;
  let total = 0;
  const items = c.runIds.map((id, i) => {
    const r = runs[i];
    done += r?.done ?? 0;
    total += r?.replications ?? 0;
    return { id, status: r?.status ?? "interrupted", url: `/runs/${id}` };
  });
  return {
    id: c.id,
    status: c.status,
    url: `/comparisons/${c.id}`,
    runs: items,
    progress: { done, total },
    createdAt: new Date(c.createdAt).toISOString(),
    finishedAt: c.finishedAt === null ? null : new Date(c.finishedAt).toISOString(),
    report: (c.report as ComparisonView["report"]) ?? null,
    error: c.error,
  };
}
