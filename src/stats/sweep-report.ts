/**
 * The report of a parameter sweep: its JSON shape (one row of KPIs per grid point), its aligned text and
 * its CSV rows. One section of the reports in report.ts, in its own file so that each report can be
 * read alone.
 */
import type { ReportKpi, ScenarioRef, Timing } from "./report.js";
import { formatCi, formatNumber, renderTextTable } from "./text-table.js";

/** One point of a sweep: its overrides and the KPIs there. */
export interface SweepRow {
  point: Record<string, unknown>;
  scenarioHash: string;
  kpis: Record<string, ReportKpi>;
  conservationHolds: boolean;
}

/** The JSON report of a parameter sweep (`timing` last). */
export interface SweepReport {
  base: ScenarioRef;
  grid: Record<string, unknown[]>;
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  rows: SweepRow[];
  timing: Timing;
}

/** Formats an override value for a table cell. */
function formatValue(v: unknown): string {
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The sweep as aligned text: one row per point, the chosen KPIs as "mean [lo, hi]". */
export function renderSweepTable(report: SweepReport, kpiNames?: readonly string[]): string {
  const paths = Object.keys(report.grid);
  const names = kpiNames ?? Object.keys(report.rows[0]?.kpis ?? {});
  const out: string[] = [];
  out.push(
    `Sweep of ${report.base.name} (hash ${report.base.hash}): seed ${report.seed}, ${report.replications} replication(s) per point (common random numbers) of ${report.horizonDays} simulated day(s) (${report.warmupDays} of warm-up)`,
  );
  out.push("");
  out.push(
    renderTextTable(
      [...paths, ...names],
      report.rows.map((r) => [
        ...paths.map((p) => formatValue(r.point[p])),
        ...names.map((n) => {
          const k = r.kpis[n];
          return k ? `${formatNumber(k.mean)} ${formatCi(k.ci95)}` : "-";
        }),
      ]),
    ),
  );
  return `${out.join("\n")}\n`;
}

/** The sweep as CSV rows (header first): the grid columns, then mean, lo and hi of every KPI. */
export function sweepCsvRows(report: SweepReport): (string | number | boolean)[][] {
  const paths = Object.keys(report.grid);
  const names = Object.keys(report.rows[0]?.kpis ?? {});
  const header: string[] = [...paths, "scenario_hash"];
  for (const n of names) header.push(`${n}_mean`, `${n}_ci95_lo`, `${n}_ci95_hi`);
  const rows: (string | number | boolean)[][] = [header];
  for (const r of report.rows) {
    const row: (string | number | boolean)[] = [...paths.map((p) => formatValue(r.point[p])), r.scenarioHash];
    for (const n of names) {
      const k = r.kpis[n];
      row.push(k?.mean ?? "", k?.ci95[0] ?? "", k?.ci95[1] ?? "");
    }
    rows.push(row);
  }
  return rows;
}
