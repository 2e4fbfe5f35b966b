/**
 * The calibration targets of docs/model.md §8 as data, and the comparison of simulated means against
 * the reported ranges (what `gatesim calibrate` prints side by side).
 */
import type { ReplicationResult } from "../model/index.js";

/** One reported figure the model should reproduce. */
export interface CalibrationTarget {
  id: string;
  description: string;
  /** Shipped scenario the figure belongs to. */
  scenario: string;
  /** KPI compared (a key of `ReplicationResult.kpis`). */
  kpi: string;
  low: number;
  high: number;
  unit: string;
  source: "Seed" | "Public";
}

/** The targets of docs/model.md §8 that a KPI of a run checks. */
export const calibrationTargets: readonly CalibrationTarget[] = [
  {
    id: "T1.arrivals",
    description: "Province-wide import-export trucks per day, Q1 2026",
    scenario: "baseline-2026q1",
    kpi: "arrivalsPerDay",
    low: 1600,
    high: 1900,
    unit: "trucks/day",
    source: "Seed",
  },
  {
    id: "T1.exports",
    description: "Export trucks per day, Q1 2026",
    scenario: "baseline-2026q1",
    kpi: "exportArrivalsPerDay",
    low: 380,
    high: 520,
    unit: "trucks/day",
    source: "Seed",
  },
  {
    id: "T1.imports",
    description: "Import trucks per day, Q1 2026",
    scenario: "baseline-2026q1",
    kpi: "importArrivalsPerDay",
    low: 1200,
    high: 1500,
    unit: "trucks/day",
    source: "Seed",
  },
  {
    id: "T2.clearance",
    description:
      "Average clearance per day, 2021-25 (equals demand while the gate keeps up, so it checks demand; the capacity is T2.capacity)",
    scenario: "baseline-2026q1",
    kpi: "throughputPerDay",
    low: 1600,
    high: 1700,
    unit: "trucks/day",
    source: "Seed",
  },
  {
    id: "T2.peakDay",
    description: "Peak-day clearance above 2,000 trucks (largest cleared day of the run)",
    scenario: "tet-peak",
    kpi: "clearedPerDayMax",
    low: 2000,
    high: 3000,
    unit: "trucks/day",
    source: "Seed",
  },
  {
    id: "T3.huuNghi",
    description: "Hữu Nghị alone: trucks cleared per day, 2023-24",
    scenario: "huu-nghi-2024",
    kpi: "throughputPerDay",
    low: 620,
    high: 860,
    unit: "trucks/day",
    source: "Public",
  },
  {
    id: "T7.dec2021",
    description: "December 2021: with Chinese clearance cut to 300-400/day, thousands of trucks queue within days",
    scenario: "december-2021",
    kpi: "vnQueueTrucksMax",
    low: 2000,
    high: 10000,
    unit: "trucks",
    source: "Public",
  },
  {
    id: "T7.dec2021.nh1a",
    description: "December 2021: the queue is visible on NH1A (roadside and staging), not only inside the park",
    scenario: "december-2021",
    kpi: "nh1aQueueTrucksMax",
    low: 1000,
    high: 10000,
    unit: "trucks",
    source: "Public",
  },
];

/**
 * Targets checked with the capacity experiment rather than a KPI: the reported figure is a clearance
 * capacity, which mean throughput cannot show (it equals demand whenever the gate keeps up). The simulated
 * figure is the clearance under overload (`CapacityReport.saturated.throughputPerDay`).
 */
export const capacityTargets: readonly CalibrationTarget[] = [
  {
    id: "T2.capacity",
    description:
      "Clearance capacity: peaks above 2,000 trucks a day (Seed F04), so the gate can clear more than 2,000 when its queue never empties",
    scenario: "baseline-2026q1",
    kpi: "capacity.clearedPerDay",
    low: 2000,
    high: Number.POSITIVE_INFINITY,
    unit: "trucks/day",
    source: "Seed",
  },
];

/** Simulated mean against a reported range. */
export interface CalibrationRow {
  id: string;
  description: string;
  scenario: string;
  kpi: string;
  unit: string;
  source: "Seed" | "Public";
  reportedLow: number;
  reportedHigh: number;
  /** Mean over the replications given; NaN when the scenario was not run. */
  simulatedMean: number;
  replications: number;
  inRange: boolean;
}

/** Compares simulated results (by scenario name) to every target whose scenario was run. */
export function compareToTargets(resultsByScenario: Record<string, ReplicationResult[]>): CalibrationRow[] {
  return calibrationTargets.map((t) => {
    const runs = resultsByScenario[t.scenario] ?? [];
    const values = runs.map((r) => r.kpis[t.kpi]?.value).filter((v): v is number => typeof v === "number");
    const mean = values.length > 0 ? values.reduce((a, b) => a + b, 0) / values.length : Number.NaN;
    return {
      id: t.id,
      description: t.description,
      scenario: t.scenario,
      kpi: t.kpi,
      unit: t.unit,
      source: t.source,
      reportedLow: t.low,
      reportedHigh: t.high,
      simulatedMean: mean,
      replications: values.length,
      inRange: values.length > 0 && mean >= t.low && mean <= t.high,
    };
  });
}
