/**
 * How long a run will take, said before it is launched. The cost of a replication grows with the
 * trucks it simulates (days × trucks per day), so the estimate is a cost per simulated truck, measured
 * on this server's recent runs (their stored wall time, replications, horizon and measured arrivals),
 * times the trucks the new run simulates, in waves of as many replications as the executor runs at
 * once. With no history yet, the figure measured by bench/experiment.bench.ts stands in.
 */
import type { RunStore } from "../store/index.js";

/** Milliseconds of one thread per simulated truck with no history (bench/experiment: 227,000 trucks/s on 2 threads, cold start included). */
export const DEFAULT_MS_PER_TRUCK = 0.009;

/** One finished run as a cost sample. */
export interface CostSample {
  wallMs: number;
  replications: number;
  horizonDays: number;
  trucksPerDay: number;
}

/** What a run will take. */
export interface RunEstimate {
  /** Most likely wall time, seconds. */
  seconds: number;
  /** A range around it (machines are shared; cold threads are slower). */
  low: number;
  high: number;
  /** "history": measured on this server's recent runs; "default": the benchmark's figure. */
  basis: "history" | "default";
  samples: number;
}

/** Cost of one replication-truck on one thread from samples (the median), or null without samples. */
export function msPerTruck(samples: readonly CostSample[], concurrency: number): number | null {
  const values = samples
    .filter((s) => s.wallMs > 0 && s.replications > 0 && s.horizonDays > 0 && s.trucksPerDay > 0)
    .map((s) => {
      const waves = Math.ceil(s.replications / Math.max(1, concurrency));
      return s.wallMs / waves / (s.horizonDays * s.trucksPerDay);
    })
    .sort((a, b) => a - b);
  if (values.length === 0) return null;
  return values[Math.floor(values.length / 2)] as number;
}

/** The estimate of a run of `replications` × `horizonDays` days at `trucksPerDay`. */
export function estimateRun(
  run: { replications: number; horizonDays: number; trucksPerDay: number },
  concurrency: number,
  samples: readonly CostSample[],
): RunEstimate {
  const measured = msPerTruck(samples, concurrency);
  const perTruck = measured ?? DEFAULT_MS_PER_TRUCK;
  const waves = Math.ceil(run.replications / Math.max(1, concurrency));
  const seconds = (waves * run.horizonDays * Math.max(1, run.trucksPerDay) * perTruck) / 1000 + 0.2;
  const spread = measured === null ? [0.5, 2] : [0.7, 1.5];
  return {
    seconds,
    low: seconds * (spread[0] as number),
    high: seconds * (spread[1] as number),
    basis: measured === null ? "default" : "history",
    samples: samples.length,
  };
}

/** Shape of the stored report fields the sampler reads. */
interface ReportCost {
  timing?: { wallMs?: number };
  kpis?: { arrivalsPerDay?: { mean?: number } };
}

/**
 * Cost samples from the store's most recent succeeded runs that simulated (not cache hits), recomputed
 * only when a newer run has succeeded.
 */
export class CostHistory {
  private key = "";
  private samples: CostSample[] = [];

  /** Reads from `store`; at most `size` recent runs. */
  constructor(
    private readonly store: RunStore,
    private readonly size = 8,
  ) {}

  /** The current samples. */
  current(): CostSample[] {
    const page = this.store.listRuns({ limit: 40, status: "succeeded" });
    const runs = page.items.filter((r) => r.cachedFrom === null).slice(0, this.size);
    const key = runs.map((r) => r.id).join(",");
    if (key === this.key) return this.samples;
    this.samples = runs.flatMap((r) => {
      const report = this.store.getReport(r.id) as ReportCost | undefined;
      const wallMs = report?.timing?.wallMs;
      const arrivals = report?.kpis?.arrivalsPerDay?.mean;
      if (typeof wallMs !== "number" || typeof arrivals !== "number" || !Number.isFinite(arrivals)) return [];
      return [{ wallMs, replications: r.replications, horizonDays: r.horizonDays, trucksPerDay: arrivals }];
    });
    this.key = key;
    return this.samples;
  }
}
