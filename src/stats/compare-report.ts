/**
 * The report of a comparison under common random numbers: its JSON shape (scenarios, and the paired
 * differences of each against the reference), its aligned text and its CSV rows. One section of the
 * reports in report.ts, in its own file so that each report can be read alone.
 */
import type { Aggregate } from "./aggregate.js";
import { type PairedComparison, pairedComparison } from "./paired.js";
import type { ReportKpi, ScenarioRef, Timing } from "./report.js";
import { formatCi, formatNumber, renderTextTable } from "./text-table.js";

/** One scenario's KPIs in a comparison report. */
export interface CompareScenarioEntry {
  scenario: ScenarioRef;
  kpis: Record<string, ReportKpi>;
  conservation: Aggregate["conservation"];
}

/** One KPI's paired difference in a comparison report. */
export interface CompareDifference extends PairedComparison {
  unit: string;
}

/** Paired differences of one scenario against the reference. */
export interface CompareDifferences {
  scenario: string;
  against: string;
  kpis: Record<string, CompareDifference>;
}

/** One side of a comparison: its replications' KPI values (in replication order) and their aggregate. */
export interface ComparedSide {
  results: readonly { kpis: Record<string, { value: number } | undefined> }[];
  kpis: Aggregate["kpis"];
}

/**
 * The paired difference of every KPI both sides have (`b` − `ref`), pairing replications by index: under
 * common random numbers, replication i of each side saw the same random streams.
 */
export function kpiDifferences(ref: ComparedSide, b: ComparedSide): Record<string, CompareDifference> {
  const kpis: Record<string, CompareDifference> = {};
  for (const [name, k] of Object.entries(ref.kpis)) {
    if (b.kpis[name] === undefined) continue;
    const va = ref.results.map((x) => x.kpis[name]?.value ?? Number.NaN);
    const vb = b.results.map((x) => x.kpis[name]?.value ?? Number.NaN);
    kpis[name] = { ...pairedComparison(va, vb), unit: k.unit };
  }
  return kpis;
}

/** The JSON report of a comparison under common random numbers (`timing` last). */
export interface CompareReport {
  seed: number | string;
  replications: number;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  /** Name of the reference scenario (the first one) every difference is taken against. */
  reference: string;
  scenarios: CompareScenarioEntry[];
  differences: CompareDifferences[];
  timing: Timing;
}

/** The comparison as aligned text: one block per scenario against the reference. */
export function renderCompareTable(report: CompareReport): string {
  const out: string[] = [];
  out.push(
    `Comparison against ${report.reference}: seed ${report.seed}, ${report.replications} paired replication(s) (common random numbers) of ${report.horizonDays} simulated day(s) (${report.warmupDays} of warm-up), model ${report.modelVersion}`,
  );
  out.push(
    "Differences are B - A with a 95 % Student-t interval on the paired differences; * marks an interval excluding 0.",
  );
  for (const s of report.scenarios) out.push(`  ${s.scenario.name}: ${s.scenario.title} (hash ${s.scenario.hash})`);
  for (const d of report.differences) {
    out.push("");
    out.push(`${d.scenario} - ${d.against}`);
    out.push(
      renderTextTable(
        ["KPI", d.against, d.scenario, "difference", "95 % CI", "relative", "sig", "unit"],
        Object.entries(d.kpis).map(([name, k]) => [
          name,
          formatNumber(k.meanA),
          formatNumber(k.meanB),
          formatNumber(k.diffMean),
          formatCi(k.ci95),
          Number.isFinite(k.relativeDiff) ? `${formatNumber(k.relativeDiff * 100)}%` : "-",
          k.significant ? "*" : "",
          k.unit,
        ]),
      ),
    );
  }
  out.push("");
  out.push(`Timing: ${formatNumber(report.timing.wallMs / 1000)} s wall, ${report.timing.events} events.`);
  return `${out.join("\n")}\n`;
}

/**
 * The comparison's differences as CSV rows (header first). Runs are named by their scenario, or by
 * `labels` when given (index 0 the reference, then the compared runs in order: the names a page shows).
 */
export function compareCsvRows(report: CompareReport, labels: readonly string[] = []): (string | number | boolean)[][] {
  const rows: (string | number | boolean)[][] = [
    [
      "scenario",
      "against",
      "kpi",
      "mean_a",
      "mean_b",
      "diff_mean",
      "ci95_lo",
      "ci95_hi",
      "relative_diff",
      "significant",
      "unit",
      "n",
    ],
  ];
  report.differences.forEach((d, i) => {
    for (const [name, k] of Object.entries(d.kpis)) {
      rows.push([
        labels[i + 1] ?? d.scenario,
        labels[0] ?? d.against,
        name,
        k.meanA,
        k.meanB,
        k.diffMean,
        k.ci95[0],
        k.ci95[1],
        k.relativeDiff,
        k.significant,
        k.unit,
        k.n,
      ]);
    }
  });
  return rows;
}
