/**
 * The M/M/3 model of bench/mm3.bench.ts through the kernel's public API, the same model as the peers'
 * scripts (bench/peers/mm3_simpy.py, bench/peers/mm3_simmer.R): exponential inter-arrival times (mean
 * 1/2.7 of a service mean) and service times, 3 servers (ρ = 0.9), exactly `customers` arrivals, run until
 * the system is empty; the wait in queue of every customer is recorded in order of service start.
 * Times are integer milliseconds with a service mean of 10 s, so rounding is 1e-4 of a mean.
 */
import {
  Exponential,
  Priority,
  RandomStreams,
  RequestStatus,
  Resource,
  roundMs,
  Simulation,
} from "../../src/kernel/index.js";

/** Mean service time in ms: the unit in which waits are reported (waits are divided by it). */
const SERVICE_MEAN_MS = 10_000;
/** Servers. */
export const MM3_SERVERS = 3;
/** Arrival rate per service mean: ρ = 2.7 / 3 = 0.9. */
export const MM3_ARRIVAL_RATE = 2.7;
/** Batches of the batch-means interval (the peers use the same number). */
export const MM3_BATCHES = 20;

/** What one run of any engine reports (the peers print the same fields as JSON). */
export interface Mm3Run {
  engine: string;
  version: string;
  runtime: string;
  /** Wall time of the simulation run only (no process start, no module loading). */
  wallSeconds: number;
  /** Customers served. */
  customers: number;
  /** Mean wait in queue, in service means. */
  waitMean: number;
  /** Means of the waits in `MM3_BATCHES` consecutive batches (order of service start). */
  waitBatchMeans: number[];
}

/** Runs the model once with the kernel; `seed` picks the random streams. */
export function runMm3Kernel(customers: number, seed: number): Mm3Run {
  const t0 = performance.now();
  const sim = new Simulation();
  const streams = new RandomStreams(seed, 0);
  const interarrival = new Exponential(streams.stream("arrivals"), SERVICE_MEAN_MS / MM3_ARRIVAL_RATE);
  const service = new Exponential(streams.stream("service"), SERVICE_MEAN_MS);
  const servers = new Resource(sim, { name: "servers", capacity: MM3_SERVERS });
  const arrivedAt = new Float64Array(customers);
  const waits = new Float64Array(customers);
  let arrived = 0;
  let started = 0;
  const depart = sim.defineEvent("depart", () => servers.release());
  const start = sim.defineEvent("start", (c) => {
    waits[started++] = sim.now - arrivedAt[c]!;
    sim.schedule(roundMs(service.sample()), depart, c);
  });
  const arrive = sim.defineEvent("arrive", (c) => {
    arrivedAt[c] = sim.now;
    if (++arrived < customers) sim.schedule(roundMs(interarrival.sample()), arrive, c + 1, Priority.arrival);
    if (servers.request(c, start) === RequestStatus.granted) {
      waits[started++] = 0;
      sim.schedule(roundMs(service.sample()), depart, c);
    }
  });
  sim.schedule(0, arrive, 0, Priority.arrival);
  const outcome = sim.run({ stepsMax: 4 * customers });
  const wallSeconds = (performance.now() - t0) / 1000;
  if (outcome.reason !== "empty" || started !== customers) throw new Error(`M/M/3 run ended by ${outcome.reason}`);
  return {
    engine: "gatesim kernel",
    version: "this checkout",
    runtime: `Node ${process.versions.node}`,
    wallSeconds,
    customers,
    ...waitSummary(waits, SERVICE_MEAN_MS),
  };
}

/** Mean wait and batch means, in service means. */
function waitSummary(waits: Float64Array, unit: number): { waitMean: number; waitBatchMeans: number[] } {
  const size = Math.floor(waits.length / MM3_BATCHES);
  const waitBatchMeans: number[] = [];
  let total = 0;
  for (let k = 0; k < MM3_BATCHES; k++) {
    let s = 0;
    for (let i = k * size; i < (k + 1) * size; i++) s += waits[i]!;
    waitBatchMeans.push(s / size / unit);
  }
  for (let i = 0; i < waits.length; i++) total += waits[i]!;
  return { waitMean: total / waits.length / unit, waitBatchMeans };
}

/** Erlang C mean wait in queue of M/M/c, in service means, for offered load `a` = λ/μ. */
export function erlangCWaitMean(c: number, a: number): number {
  let term = 1;
  let sum = 1;
  for (let k = 1; k < c; k++) {
    term *= a / k;
    sum += term;
  }
  const top = (term * a) / c / (1 - a / c);
  const pWait = top / (sum + top);
  return pWait / (c - a);
}
