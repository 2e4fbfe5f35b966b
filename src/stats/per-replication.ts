/**
 * Per-replication values: each replication's KPIs as they came out of the model, for researchers who do
 * their own analysis (a data frame with one row per replication) rather than read the across-replication
 * intervals. JSON keeps units; CSV is wide (one column per KPI, units in the glossary).
 */
import type { ReplicationResult } from "../model/index.js";
import { formatNumber, renderTextTable } from "./report.js";

/** One replication's values in the per-replication report. */
export interface PerReplicationRow {
  replication: number;
  seed: number | string;
  conservationHolds: boolean;
  events: number;
  kpis: Record<string, number>;
}

/** The per-replication report of an experiment. */
export interface PerReplicationReport {
  scenario: { name: string; hash: string };
  seed: number | string;
  horizonDays: number;
  warmupDays: number;
  modelVersion: string;
  /** Unit of every KPI. */
  units: Record<string, string>;
  replications: PerReplicationRow[];
}

/** KPI names of all replications in first-seen order. */
function kpiNames(results: readonly ReplicationResult[]): string[] {
  const seen = new Set<string>();
  for (const r of results) for (const k of Object.keys(r.kpis)) seen.add(k);
  return [...seen];
}

/** The per-replication report (pass the results in replication order). */
export function perReplicationReport(
  scenario: { name: string; hash: string },
  results: readonly ReplicationResult[],
): PerReplicationReport {
  const units: Record<string, string> = {};
  for (const r of results) for (const [k, v] of Object.entries(r.kpis)) units[k] ??= v.unit;
  const first = results[0];
  return {
    scenario: { name: scenario.name, hash: scenario.hash },
    seed: first?.seed ?? "",
    horizonDays: first?.horizonDays ?? 0,
    warmupDays: first?.warmupDays ?? 0,
    modelVersion: first?.modelVersion ?? "",
    units,
    replications: results.map((r) => ({
      replication: r.replication,
      seed: r.seed,
      conservationHolds: r.conservation.holds,
      events: r.events,
      kpis: Object.fromEntries(Object.entries(r.kpis).map(([k, v]) => [k, v.value])),
    })),
  };
}

/** Wide CSV rows (header first): replication, seed, then one column per KPI. */
export function perReplicationCsvRows(results: readonly ReplicationResult[]): (string | number)[][] {
  const names = kpiNames(results);
  const rows: (string | number)[][] = [["replication", "seed", ...names]];
  for (const r of results) rows.push([r.replication, r.seed, ...names.map((n) => r.kpis[n]?.value ?? "")]);
  return rows;
}

/** A text table: one row per KPI, one column per replication. */
export function renderPerReplicationTable(results: readonly ReplicationResult[]): string {
  const names = kpiNames(results);
  const unit = (n: string): string => results.find((r) => r.kpis[n])?.kpis[n]?.unit ?? "";
  return `${renderTextTable(
    ["KPI", ...results.map((r) => `rep ${r.replication}`), "unit"],
    names.map((n) => [n, ...results.map((r) => formatNumber(r.kpis[n]?.value ?? Number.NaN)), unit(n)]),
  )}\n`;
}
