/**
 * Aggregation of replications: every KPI and every stage figure gets a mean, sd and 95 % interval,
 * and every series a per-index mean and 95 % band. Input order is the replication order and every
 * sum runs in that order, so the aggregate is bit-identical however the replications were scheduled.
 */
import type { ReplicationResult, ResultCalendar, StageResult, TimeInSystemSpan } from "../model/index.js";
import { tCritical95 } from "./student-t.js";
import { quantile, type Summary, summarize } from "./summary.js";

/** A KPI across replications, with its planner's unit. */
export interface KpiSummary extends Summary {
  unit: string;
}

/** The figures of one stage across replications. */
export type StageSummary = Record<keyof StageResult, Summary>;

/** A series across replications: per-index mean and a 95 % band. */
export interface SeriesBand {
  mean: number[];
  lo: number[];
  hi: number[];
}

/** How the band of a series is drawn. */
export type SeriesBandKind =
  /** 95 % Student-t interval of the mean at each index (where the mean curve lies). */
  | "ci95"
  /** 2.5 and 97.5 % empirical quantiles across replications (where one replication's curve lies). */
  | "range95";

/** Totals of the conservation checks of all replications. */
export interface ConservationSummary {
  /** True when every replication conserved its trucks. */
  holds: boolean;
  /** Replication indices whose check failed (empty when `holds`). */
  failedReplications: number[];
  arrivals: number;
  cleared: number;
  inSystemAtEnd: number;
  lost: number;
  /** Trucks that balked, reneged or were expelled and left the model; diverted ones by crossing. */
  balked: number;
  reneged: number;
  expelled: number;
  diverted: Record<string, number>;
  /** Loads moved by rail (only for models with a rail terminal). */
  movedByRail?: number;
}

/** Everything `stats/` derives from a set of replications of one scenario. */
export interface Aggregate {
  n: number;
  /** The calendar of the replications (the first one's; every replication of a scenario shares it). */
  calendar: ResultCalendar | null;
  /** Where time in system starts and ends, per direction (the first replication's). */
  timeInSystemSpans: Record<string, TimeInSystemSpan>;
  kpis: Record<string, KpiSummary>;
  stages: Record<string, StageSummary>;
  series: {
    sampleStepMinutes: number;
    band: SeriesBandKind;
    daily: Record<string, SeriesBand>;
    sampled: Record<string, SeriesBand>;
    /** Step of the per-stage series, minutes. */
    stageStepMinutes: number;
    /** Per-stage series (`<stage>.queue`, `.busy`, `.blocked`, `.servers`). */
    stages: Record<string, SeriesBand>;
  };
  conservation: ConservationSummary;
  /** Simulation events over all replications. */
  events: number;
}

/** Options of `aggregateReplications`. */
export interface AggregateOptions {
  /** Band of the series (default `ci95`, matching every other figure of the report). */
  seriesBand?: SeriesBandKind;
  /**
   * Whether to band the series (default true). Without them (`series` left empty) the KPIs, stages,
   * conservation and event count come at a fraction of the cost: the bands are most of the work.
   */
  series?: boolean;
}

/** The figures of a stage, in report order (every field of `StageResult`). */
export const STAGE_FIELDS: readonly (keyof StageResult)[] = [
  "utilization",
  "busyShare",
  "blockedShare",
  "idleShare",
  "capacityMean",
  "capacityMax",
  "heldMean",
  "heldMax",
  "waitMinutesMean",
  "waitMinutesP50",
  "waitMinutesP95",
  "waitMinutesMax",
  "queueLengthMean",
  "queueLengthMax",
  "throughput",
  "lost",
  "leftEarly",
];

/** Union of keys in first-seen order, so a figure missing from one replication is still reported. */
function keysInOrder(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}

/** Per-index mean and band of one series across replications (indices beyond a shorter replication use the rest). */
export function seriesBand(
  runs: readonly (readonly number[] | undefined)[],
  kind: SeriesBandKind = "ci95",
): SeriesBand {
  let len = 0;
  for (const r of runs) if (r && r.length > len) len = r.length;
  const out: SeriesBand = { mean: new Array(len), lo: new Array(len), hi: new Array(len) };
  const column: number[] = [];
  for (let i = 0; i < len; i++) {
    column.length = 0;
    for (const r of runs) {
      const v = r?.[i];
      if (v !== undefined && Number.isFinite(v)) column.push(v);
    }
    const s = summarize(column);
    out.mean[i] = s.mean;
    if (kind === "ci95") {
      out.lo[i] = s.ci95[0];
      out.hi[i] = s.ci95[1];
    } else {
      out.lo[i] = quantile(column, 0.025);
      out.hi[i] = quantile(column, 0.975);
    }
  }
  return out;
}

/** Aggregates replications of one scenario (pass them in replication order). */
export function aggregateReplications(
  results: readonly ReplicationResult[],
  options: AggregateOptions = {},
): Aggregate {
  const band = options.seriesBand ?? "ci95";
  const kpis: Record<string, KpiSummary> = {};
  for (const name of keysInOrder(results.map((r) => r.kpis))) {
    const values = results.map((r) => r.kpis[name]?.value ?? Number.NaN);
    const unit = results.find((r) => r.kpis[name] !== undefined)?.kpis[name]?.unit ?? "";
    kpis[name] = { ...summarize(values), unit };
  }
  const stages: Record<string, StageSummary> = {};
  for (const id of keysInOrder(results.map((r) => r.stages))) {
    const s = {} as StageSummary;
    for (const field of STAGE_FIELDS) s[field] = summarize(results.map((r) => r.stages[id]?.[field] ?? Number.NaN));
    stages[id] = s;
  }
  // Names of the series to band, in order of first appearance (none when the series are not wanted).
  const seriesNames = (pick: (r: ReplicationResult) => Record<string, unknown>): string[] =>
    (options.series ?? true) ? keysInOrder(results.map(pick)) : [];
  const daily: Record<string, SeriesBand> = {};
  for (const name of seriesNames((r) => r.series.daily)) {
    daily[name] = seriesBand(
      results.map((r) => r.series.daily[name]),
      band,
    );
  }
  const sampled: Record<string, SeriesBand> = {};
  for (const name of seriesNames((r) => r.series.sampled)) {
    sampled[name] = seriesBand(
      results.map((r) => r.series.sampled[name]),
      band,
    );
  }
  // Per-stage series come rounded to 0.001 from the model; their bands are kept at that resolution too
  // (they are most of a report's size: ~4 series per stage, hourly).
  const stageSeries: Record<string, SeriesBand> = {};
  const milli = (xs: number[]): number[] => xs.map((x) => (Number.isFinite(x) ? Math.round(x * 1000) / 1000 : x));
  for (const name of seriesNames((r) => r.series.stages ?? {})) {
    const b = seriesBand(
      results.map((r) => r.series.stages?.[name]),
      band,
    );
    stageSeries[name] = { mean: milli(b.mean), lo: milli(b.lo), hi: milli(b.hi) };
  }
  const conservation: ConservationSummary = {
    holds: true,
    failedReplications: [],
    arrivals: 0,
    cleared: 0,
    inSystemAtEnd: 0,
    lost: 0,
    balked: 0,
    reneged: 0,
    expelled: 0,
    diverted: {},
  };
  let events = 0;
  for (const r of results) {
    const c = r.conservation;
    if (!c.holds) {
      conservation.holds = false;
      conservation.failedReplications.push(r.replication);
    }
    conservation.arrivals += c.arrivals;
    conservation.cleared += c.cleared;
    conservation.inSystemAtEnd += c.inSystemAtEnd;
    conservation.lost += c.lost;
    // Results stored before these terms existed have none (0).
    conservation.balked += c.balked ?? 0;
    conservation.reneged += c.reneged ?? 0;
    conservation.expelled += c.expelled ?? 0;
    for (const [crossing, n] of Object.entries(c.diverted ?? {})) {
      conservation.diverted[crossing] = (conservation.diverted[crossing] ?? 0) + n;
    }
    if (c.movedByRail !== undefined) conservation.movedByRail = (conservation.movedByRail ?? 0) + c.movedByRail;
    events += r.events;
  }
  const first = results[0];
  return {
    n: results.length,
    calendar: first?.calendar ? { ...first.calendar } : null,
    timeInSystemSpans: first?.timeInSystemSpans ?? {},
    kpis,
    stages,
    series: {
      sampleStepMinutes: first?.series.sampleStepMinutes ?? 0,
      band,
      daily,
      sampled,
      stageStepMinutes: first?.series.stageStepMinutes ?? 0,
      stages: stageSeries,
    },
    conservation,
    events,
  };
}

/** Half-width of the 95 % interval that `n` replications with sample sd `sd` would give (planning aid). */
export function expectedHalfWidth(sd: number, n: number): number {
  if (n < 2) return Number.POSITIVE_INFINITY;
  return (tCritical95(n - 1) * sd) / Math.sqrt(n);
}
