/** The M/M/3 model of bench/mm3.bench.ts, shared with its worker threads. */
import { runStation } from "../../tests/kernel/station.js";

const serviceMeanMs = 10_000;
const servers = 3;

/** One M/M/3 run at ρ = 0.9; returns events and wall time. */
export function runMm3Once(customers: number, replication = 0): { events: number; wallMs: number } {
  const t0 = performance.now();
  const r = runStation({
    seed: 7,
    replication,
    arrivalMeanMs: serviceMeanMs / (0.9 * servers),
    service: { type: "exponential", mean: serviceMeanMs },
    servers,
    customers,
    warmupCustomers: 0,
  });
  return { events: r.steps, wallMs: performance.now() - t0 };
}
