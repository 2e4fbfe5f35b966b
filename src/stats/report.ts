/**
 * Report rendering: pure functions from aggregates to the JSON report (the contract other tools read),
 * an aligned text table for a terminal, and CSV rows (arrays; the CLI quotes them with csv-stringify).
 *
 * This file holds the report of one experiment (run); the comparison and sweep reports are in
 * compare-report.ts and sweep-report.ts, terminal number and table formatting in text-table.ts.
 *
 * In every report `timing` is the last key and the only non-deterministic part: the rest is a pure
 * function of (scenario, seed, replications, horizon, warm-up), so two reports can be diffed with
 * `timing` removed.
 */
import type { ResultCalendar, StageResult, TimeInSystemSpan } from "../model/index.js";
import { type Aggregate, type KpiSummary, type SeriesBand, STAGE_FIELDS } from "./aggregate.js";
import { glossaryEntryOf } from "./glossary.js";
import type { Summary } from "./summary.js";
import { formatCi, formatNumber, renderTextTable } from "./text-table.js";

/** Re-exported from their own files, where other modules import them from this path. */
export * from "./compare-report.js";
export * from "./sweep-report.js";
export { formatNumber, renderTextTable } from "./text-table.js";

/** Which scenario a report is about. */
export interface ScenarioRef {
  name: string;
  title: string;
  hash: string;
}

/** Wall-clock figures of a run; the only part of a report that changes from one run to the next. */
export interface Timing {
  wallMs: number;
  events: number;
  eventsPerSecond: number;
}

/** A figure as the JSON report prints it for a KPI. */
export interface ReportKpi {
  mean: number;
  ci95: [number, number];
  sd: number;
  unit: string;
  n: number;
}

/** A figure as the JSON report prints it for a stage. */
export interface ReportFigure {
  mean: number;
  ci95: [number, number];
}

/** The figures of one stage in the JSON report (every field of the model's `StageResult`). */
export type ReportStage = Record<keyof StageResult, ReportFigure>;

/** The JSON report of one experiment (keys in this order; `timing` last). */
export interface JsonReport {
  scenario: ScenarioRef;
  seed: number | string;
  replications: number;
  /** Simulated days per replication, warm-up included (the model measures from `warmupDays` to `horizonDays`). */
  horizonDays: number;
  /** Leading days discarded from every statistic. */
  warmupDays: number;
  modelVersion: string;
  /** Simulated time 0 is local midnight of `calendar.startDate`; series start `warmupDays` later. */
  calendar: ResultCalendar | null;
  /** Per direction, the stages where time in system starts and ends. */
  timeInSystemSpans: Record<string, TimeInSystemSpan>;
  kpis: Record<string, ReportKpi>;
  stages: Record<string, ReportStage>;
  series: {
    daily: Record<string, SeriesBand>;
    sampled: Record<string, SeriesBand>;
    sampleStepMinutes: number;
    stages: Record<string, SeriesBand>;
    stageStepMinutes: number;
  };
  assumedInputs: string[];
  conservation: Aggregate["conservation"];
  timing: Timing;
}

/** What `buildJsonReport` needs: identity and settings of the experiment, its aggregate and its timing. */
export interface ReportInput {
  scenario: ScenarioRef;
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  assumedInputs: readonly string[];
  aggregate: Aggregate;
  timing: Timing;
}

/** Figure of a KPI in the report's shape. */
function reportKpi(k: KpiSummary): ReportKpi {
  return { mean: k.mean, ci95: [k.ci95[0], k.ci95[1]], sd: k.sd, unit: k.unit, n: k.n };
}

/** Figure of a stage in the report's shape. */
function reportFigure(s: Summary): ReportFigure {
  return { mean: s.mean, ci95: [s.ci95[0], s.ci95[1]] };
}

/** Builds the JSON report of one experiment (the published contract; see the module comment). */
export function buildJsonReport(input: ReportInput): JsonReport {
  const a = input.aggregate;
  const kpis: Record<string, ReportKpi> = {};
  for (const [name, k] of Object.entries(a.kpis)) kpis[name] = reportKpi(k);
  const stages: Record<string, ReportStage> = {};
  for (const [id, s] of Object.entries(a.stages)) {
    const figures = {} as ReportStage;
    for (const f of STAGE_FIELDS) figures[f] = reportFigure(s[f]);
    stages[id] = figures;
  }
  return {
    scenario: { name: input.scenario.name, title: input.scenario.title, hash: input.scenario.hash },
    seed: input.seed,
    replications: input.replications,
    horizonDays: input.horizonDays,
    warmupDays: input.warmupDays,
    modelVersion: input.modelVersion,
    calendar: a.calendar,
    timeInSystemSpans: a.timeInSystemSpans,
    kpis,
    stages,
    series: {
      daily: a.series.daily,
      sampled: a.series.sampled,
      sampleStepMinutes: a.series.sampleStepMinutes,
      stages: a.series.stages,
      stageStepMinutes: a.series.stageStepMinutes,
    },
    assumedInputs: [...input.assumedInputs],
    conservation: a.conservation,
    timing: { ...input.timing },
  };
}

/** Report without its timing: the deterministic part, for diffs and cache keys. */
export function deterministicPart<T extends { timing: Timing }>(report: T): Omit<T, "timing"> {
  const { timing: _timing, ...rest } = report;
  return rest;
}

/** Comma-separated items wrapped to lines of at most `width` characters. */
function wrapList(items: readonly string[], width: number, indent: string): string[] {
  const lines: string[] = [];
  let line = indent;
  for (const [i, item] of items.entries()) {
    const piece = i < items.length - 1 ? `${item}, ` : item;
    if (line.length + piece.length > width && line.trim().length > 0) {
      lines.push(line.trimEnd());
      line = indent;
    }
    line += piece;
  }
  if (line.trim().length > 0) lines.push(line.trimEnd());
  return lines;
}

/** The conservation terms besides lost that are not zero, as " + N balked + ..." (diverted by crossing). */
function conservationExtra(c: JsonReport["conservation"]): string {
  const parts: string[] = [];
  if (c.balked > 0) parts.push(`${c.balked} balked`);
  if (c.reneged > 0) parts.push(`${c.reneged} reneged`);
  if (c.expelled > 0) parts.push(`${c.expelled} expelled`);
  for (const [crossing, n] of Object.entries(c.diverted)) if (n > 0) parts.push(`${n} diverted to ${crossing}`);
  return parts.map((p) => ` + ${p}`).join("");
}

/** The JSON report as aligned text: a header, KPIs, stages, conservation and timing. */
export function renderReportTable(report: JsonReport): string {
  const out: string[] = [];
  out.push(`Scenario ${report.scenario.name}: ${report.scenario.title} (hash ${report.scenario.hash})`);
  out.push(
    `seed ${report.seed}, ${report.replications} replication(s) of ${report.horizonDays} simulated day(s), the first ${report.warmupDays} discarded as warm-up, model ${report.modelVersion}`,
  );
  // One replication has no spread to measure: no interval is printed rather than a zero-width one.
  const intervals = report.replications >= 2;
  out.push(
    intervals
      ? "Intervals are 95 % Student-t intervals of the mean across replications."
      : "One replication: no confidence intervals (run at least 2 replications, 10 or more for usable ones).",
  );
  out.push("");
  out.push(
    renderTextTable(
      ["KPI", "mean", "95 % CI", "sd", "unit", "n"],
      Object.entries(report.kpis).map(([name, k]) => [
        name,
        formatNumber(k.mean),
        intervals ? formatCi(k.ci95) : "n/a",
        intervals ? formatNumber(k.sd) : "n/a",
        k.unit,
        String(k.n),
      ]),
    ),
  );
  const stageRows = Object.entries(report.stages);
  if (stageRows.length > 0) {
    out.push("");
    const measuredDays = report.horizonDays - report.warmupDays;
    const daysText = Number.isInteger(measuredDays) ? String(measuredDays) : formatNumber(measuredDays);
    const half = (f: ReportFigure, scale: number) =>
      intervals ? ` ±${formatNumber(((f.ci95[1] - f.ci95[0]) / 2) * scale)}` : "";
    const cell = (f: ReportFigure, pct = false) =>
      pct ? `${formatNumber(f.mean * 100)}%${half(f, 100)}` : `${formatNumber(f.mean)}${half(f, 1)}`;
    const perDay = (f: ReportFigure) => `${formatNumber(f.mean / measuredDays)}${half(f, 1 / measuredDays)}`;
    out.push(
      "Stages: shares of the capacity in force (busy + blocked + idle = 100 %); blocked = held by a truck that finished and cannot move on.",
    );
    out.push(
      renderTextTable(
        [
          "stage",
          "busy",
          "blocked",
          "idle",
          "wait (min)",
          "wait P95",
          "queue mean (trucks)",
          "queue max (trucks)",
          "held mean",
          "capacity",
          `served (total, ${daysText} d)`,
          "served per day",
          "lost",
          "left early",
        ],
        stageRows.map(([id, s]) => [
          id,
          cell(s.busyShare, true),
          cell(s.blockedShare, true),
          cell(s.idleShare, true),
          cell(s.waitMinutesMean),
          cell(s.waitMinutesP95),
          cell(s.queueLengthMean),
          cell(s.queueLengthMax),
          cell(s.heldMean),
          formatNumber(s.capacityMean.mean),
          cell(s.throughput),
          perDay(s.throughput),
          cell(s.lost),
          cell(s.leftEarly),
        ]),
      ),
    );
    out.push(
      intervals
        ? `Stage cells: mean across replications ± half-width of its 95 % interval; "served" counts trucks that left the stage in the ${daysText} measured day(s) after warm-up.`
        : `Stage cells: the one replication's value; "served" counts trucks that left the stage in the ${daysText} measured day(s) after warm-up.`,
    );
  }
  out.push("");
  const c = report.conservation;
  out.push(
    c.holds
      ? `Conservation holds: ${c.arrivals} arrivals = ${c.cleared} cleared + ${c.movedByRail !== undefined ? `${c.movedByRail} moved by rail + ` : ""}${c.inSystemAtEnd} in system + ${c.lost} lost${conservationExtra(c)} (all replications).`
      : `CONSERVATION FAILED in replication(s) ${c.failedReplications.join(", ")}.`,
  );
  if (report.assumedInputs.length > 0) {
    out.push(`Assumed inputs (${report.assumedInputs.length}, not from published sources):`);
    out.push(...wrapList(report.assumedInputs, 100, "  "));
  }
  out.push(
    `Timing: ${formatNumber(report.timing.wallMs / 1000)} s wall, ${report.timing.events} events, ${formatNumber(report.timing.eventsPerSecond)} events/s.`,
  );
  return `${out.join("\n")}\n`;
}

/** Header of the CSV export of a report (one row per figure). */
export const REPORT_CSV_HEADER = ["kind", "name", "figure", "mean", "ci95_lo", "ci95_hi", "sd", "unit", "n"] as const;

/** The report's KPIs and stage figures as CSV rows (header first); numbers are left unrounded. */
export function reportCsvRows(report: JsonReport): (string | number)[][] {
  const rows: (string | number)[][] = [[...REPORT_CSV_HEADER]];
  // One replication has no interval: its bounds and sd are left empty, not equal to the mean.
  const one = report.replications < 2;
  for (const [name, k] of Object.entries(report.kpis)) {
    rows.push(["kpi", name, "value", k.mean, one ? "" : k.ci95[0], one ? "" : k.ci95[1], one ? "" : k.sd, k.unit, k.n]);
  }
  for (const [id, s] of Object.entries(report.stages)) {
    for (const [figure, f] of Object.entries(s) as [string, ReportFigure][]) {
      // A stage figure's unit is its glossary entry's (`stages.<id>.<figure>`).
      const unit = glossaryEntryOf(`stages.${id}.${figure}`)?.unit ?? "";
      rows.push([
        "stage",
        id,
        figure,
        f.mean,
        one ? "" : f.ci95[0],
        one ? "" : f.ci95[1],
        "",
        unit,
        report.replications,
      ]);
    }
  }
  return rows;
}

/** KPI figures in the report's shape from an aggregate (shared by compare and sweep reports). */
export function reportKpis(aggregate: Aggregate): Record<string, ReportKpi> {
  const kpis: Record<string, ReportKpi> = {};
  for (const [name, k] of Object.entries(aggregate.kpis)) kpis[name] = reportKpi(k);
  return kpis;
}
