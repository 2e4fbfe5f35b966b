/**
 * The policy leaderboard: what `gatesim bench-policies` and `POST /policy-benchmarks` produce for a list of
 * policies over a versioned suite of scenarios, and its renderings (terminal table, CSV rows). Every
 * scenario has the policies ranked on the selection KPI, the suite's KPIs with 95 % intervals (common
 * random numbers: the same seeds and replication indices for every policy), the paired difference to the
 * best, and a ranking-and-selection result with its guarantee; the overall ranking averages the ranks.
 */

import { formatNumber, renderTextTable } from "./report.js";
import type { SelectionResult } from "./selection.js";
import type { Summary } from "./summary.js";

/** A policy as the leaderboard identifies it: its label and, for each decision, what it is and its hash. */
export interface LeaderboardPolicy {
  label: string;
  /** sha256 of the canonical JSON of `decisions` (built-in names and parameters, modules' source hashes). */
  hash: string;
  decisions: { decision: string; name: string; sha256: string; file?: string; params?: Record<string, unknown> }[];
}

/** One policy's row in a scenario. */
export interface LeaderboardRow {
  label: string;
  /** 1 for the best mean on the selection KPI. */
  rank: number;
  scenarioHash: string;
  kpis: Record<string, Summary & { unit: string }>;
  /** Paired difference of the selection KPI to the best policy's (this minus best), over the common replications. */
  vsBest: { mean: number; ci95: [number, number]; significant: boolean };
}

/** The selection of one scenario. */
export interface LeaderboardSelection extends SelectionResult {
  kpi: string;
  unit: string;
  selectedLabel: string;
  /** The guarantee in words. */
  statement: string;
  /** Replications each policy received in all (the common ones plus the procedure's). */
  replicationsByPolicy: Record<string, number>;
}

/** One scenario of the suite. */
export interface LeaderboardScenario {
  id: string;
  scenario: string;
  title: string;
  seed: number | string;
  horizonDays: number;
  warmupDays: number;
  /** Common replications of every policy (the procedure's first stage). */
  replications: number;
  rows: LeaderboardRow[];
  selection: LeaderboardSelection;
}

/** The whole leaderboard. */
export interface LeaderboardReport {
  suite: { name: string; version: number; title: string; hash: string };
  modelVersion: string;
  /** The KPIs reported for every policy. */
  kpis: string[];
  selection: {
    kpi: string;
    minimize: boolean;
    alpha: number;
    procedure: "KN" | "NM";
    maxReplications: number;
  };
  policies: LeaderboardPolicy[];
  scenarios: LeaderboardScenario[];
  /** Policies by mean rank over the scenarios (descriptive: no guarantee across scenarios). */
  overall: { label: string; meanRank: number; selectedIn: string[] }[];
  /** Departures from the suite as published (horizons, replications, a subset of scenarios): stated, never silent. */
  notes: string[];
  timing: { wallMs: number; replicationsRun: number };
}

/** The guarantee of a selection in words. */
export function selectionStatement(r: SelectionResult, labels: readonly string[], kpi: string, unit: string): string {
  const chosen = labels[r.selected] ?? String(r.selected);
  const sense = r.minimize ? "lower is better" : "higher is better";
  const conf = `${Math.round((1 - r.alpha) * 1000) / 10} %`;
  const d = `δ = ${formatNumber(r.delta)} ${unit}`;
  if (!r.guaranteed) {
    return `"${chosen}" has the best mean ${kpi} (${sense}), but the replication budget ran out before the procedure could decide: no guarantee.`;
  }
  if (r.procedure === "NM") {
    return `"${chosen}" is the best policy on ${kpi} (${sense}), or within ${d} of the best, with probability at least ${conf} (Nelson & Matejcik 1995, two-stage with common random numbers).`;
  }
  return (
    `"${chosen}" is the best policy on ${kpi} (${sense}), or within ${d} of the best, with probability at least ${conf}. ` +
    "Procedure: Kim & Nelson (2001), fully sequential with common random numbers; formally it selects the best " +
    "with that probability whenever the best beats every other by at least δ (smaller differences are an indifference zone)."
  );
}

/** The terminal rendering: one table per scenario, the selection under it, then the overall ranking. */
export function renderLeaderboardTable(report: LeaderboardReport): string {
  const out: string[] = [];
  out.push(
    `Suite ${report.suite.name} v${report.suite.version} (sha256 ${report.suite.hash.slice(0, 12)}), model ${report.modelVersion}; ` +
      `selection on ${report.selection.kpi} (${report.selection.minimize ? "lower" : "higher"} is better), ` +
      `${report.selection.procedure}, 1 − α = ${1 - report.selection.alpha}`,
  );
  for (const n of report.notes) out.push(`note: ${n}`);
  out.push("");
  out.push("Policies:");
  for (const p of report.policies) {
    const what = p.decisions
      .map(
        (d) =>
          `${d.decision}=${d.name}${d.params ? ` ${JSON.stringify(d.params)}` : ""} (${d.sha256 === "built-in" ? "built-in" : d.sha256.slice(0, 12)})`,
      )
      .join(", ");
    out.push(`  ${p.label}: ${what}; hash ${p.hash.slice(0, 12)}`);
  }
  for (const s of report.scenarios) {
    out.push("");
    out.push(
      `${s.id} (${s.scenario}): ${s.horizonDays} day(s), warm-up ${s.warmupDays}, seed ${String(s.seed)}, ${s.replications} common replications`,
    );
    const header = ["rank", "policy", ...report.kpis, `vs best (${s.selection.kpi})`];
    const rows = s.rows.map((r) => [
      String(r.rank),
      r.label,
      ...report.kpis.map((k) => {
        const v = r.kpis[k];
        return v === undefined ? "-" : `${formatNumber(v.mean)} ± ${formatNumber(v.halfWidth)}`;
      }),
      r.rank === 1
        ? "best"
        : `${formatNumber(r.vsBest.mean)} [${formatNumber(r.vsBest.ci95[0])}, ${formatNumber(r.vsBest.ci95[1])}]${r.vsBest.significant ? " sig" : ""}`,
    ]);
    out.push(renderTextTable(header, rows).trimEnd());
    out.push(`selection: ${s.selection.statement}`);
    const spent = Object.entries(s.selection.replicationsByPolicy)
      .map(([l, n]) => `${l} ${n}`)
      .join(", ");
    out.push(
      `  replications: ${s.selection.totalReplications} (${spent}); a fixed-budget two-stage design would need ${s.selection.fixedBudget.total} (${s.selection.fixedBudget.perSystem} each)`,
    );
  }
  out.push("");
  out.push("Overall (mean rank over the scenarios; descriptive, no guarantee across scenarios):");
  out.push(
    renderTextTable(
      ["policy", "mean rank", "selected in"],
      report.overall.map((o) => [o.label, formatNumber(o.meanRank), o.selectedIn.join(", ") || "-"]),
    ).trimEnd(),
  );
  return `${out.join("\n")}\n`;
}

/** CSV rows: one per (scenario, policy) with every KPI's mean and interval, the rank and the selection. */
export function leaderboardCsvRows(report: LeaderboardReport): (string | number | boolean)[][] {
  const head = [
    "suite",
    "suiteVersion",
    "modelVersion",
    "scenario",
    "policy",
    "policyHash",
    "rank",
    "selected",
    "replications",
    ...report.kpis.flatMap((k) => [`${k}.mean`, `${k}.ci95Low`, `${k}.ci95High`]),
    "vsBest.mean",
    "vsBest.ci95Low",
    "vsBest.ci95High",
  ];
  const rows: (string | number | boolean)[][] = [head];
  const hashOf = new Map(report.policies.map((p) => [p.label, p.hash]));
  for (const s of report.scenarios) {
    for (const r of s.rows) {
      rows.push([
        report.suite.name,
        report.suite.version,
        report.modelVersion,
        s.id,
        r.label,
        hashOf.get(r.label) ?? "",
        r.rank,
        r.label === s.selection.selectedLabel,
        s.selection.replicationsByPolicy[r.label] ?? s.replications,
        ...report.kpis.flatMap((k): (string | number)[] => {
          const v = r.kpis[k];
          return v === undefined ? ["", "", ""] : [v.mean, v.ci95[0], v.ci95[1]];
        }),
        r.vsBest.mean,
        r.vsBest.ci95[0],
        r.vsBest.ci95[1],
      ]);
    }
  }
  return rows;
}
