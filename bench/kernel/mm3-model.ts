/**
 * The M/M/3 model of bench/mm3.bench.ts through the kernel's public API, the same model as the peers'
 * scripts (bench/peers/mm3_simpy.py, bench/peers/mm3_simmer.R): exponential inter-arrival times (mean
 * 1/2.7 of a service mean) and service times, 3 servers (ρ = 0.9), exactly `customers` arrivals, run until
 * the system is empty; the wait in queue of every customer is recorded in order of service start.
 * Times are integer milliseconds with a service mean of 10 s, so rounding is 1e-4 of a mean.
 */
import {
  Exponential,
  HandOvers,
  Priority,
  RandomStreams,
  RequestStatus,
  Resource,
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

/**
 * Runs the model once with the kernel; `seed` picks the random streams.
 *
 * The model's own bookkeeping is bounded, as a kernel model's should be: the arrival times of the customers
 * in the system live in a ring (service starts in arrival order, so those waiting are the contiguous range
 * `[started, arrived)`), and the waits go straight into their batch sums. It used to keep two arrays of a
 * million doubles (every customer's arrival time and wait): 16 MB whose first-touch page faults were about
 * a sixth of the run's time on the 2-core host, a cost of that bookkeeping, not of the engine.
 * `ringCapacity` (a power of two) is the ring's initial size; it doubles when more customers are in.
 */
export function runMm3Kernel(customers: number, seed: number, ringCapacity = 1024): Mm3Run {
  const t0 = performance.now();
  const sim = new Simulation();
  const streams = new RandomStreams(seed, 0);
  const interarrival = new Exponential(streams.stream("arrivals"), SERVICE_MEAN_MS / MM3_ARRIVAL_RATE);
  const service = new Exponential(streams.stream("service"), SERVICE_MEAN_MS);
  // A freed server goes to the next customer inside the departure, through the kernel's synchronous
  // hand-over (what the gate model uses), not through an event of its own: SimPy's and simmer's resources do
  // schedule one, but the count of model events (2 per customer) is the same for every engine.
  const handOvers = new HandOvers({ handOver: (c) => startService(c) });
  const servers = new Resource(sim, { name: "servers", capacity: MM3_SERVERS, handOvers });
  if (!(ringCapacity >= 1 && (ringCapacity & (ringCapacity - 1)) === 0))
    throw new RangeError("ringCapacity: a power of two");
  const waits = new WaitBatches(customers);
  let arrivedAt = new Float64Array(ringCapacity);
  let mask = arrivedAt.length - 1;
  let arrived = 0;
  let started = 0;
  /** Records the wait of the next customer to start service (they start in arrival order). */
  const startService = (c: number) => {
    waits.add(sim.now - arrivedAt[c & mask]!);
    started++;
    sim.schedule(service.sampleMs(), depart, c);
  };
  const depart = sim.defineEvent("depart", () => servers.release());
  const arrive = sim.defineEvent("arrive", (c) => {
    if (c - started > mask) {
      // More customers in the system than the ring holds: double it, keeping each at its index.
      const grown = new Float64Array(arrivedAt.length * 2);
      for (let k = started; k < c; k++) grown[k & (grown.length - 1)] = arrivedAt[k & mask]!;
      arrivedAt = grown;
      mask = grown.length - 1;
    }
    arrivedAt[c & mask] = sim.now;
    if (++arrived < customers) sim.schedule(interarrival.sampleMs(), arrive, c + 1, Priority.arrival);
    if (servers.request(c, 0) === RequestStatus.granted) startService(c);
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
    ...waits.summary(SERVICE_MEAN_MS),
  };
}

/**
 * Waits in order of service start, summed into `MM3_BATCHES` consecutive batches of `floor(n / batches)`
 * (the last few customers, when n is not a multiple, count in the mean only), as the peers' scripts do.
 */
export class WaitBatches {
  private readonly sums = new Float64Array(MM3_BATCHES);
  private readonly size: number;
  private count = 0;
  private total = 0;

  constructor(customers: number) {
    this.size = Math.floor(customers / MM3_BATCHES);
    if (this.size < 1) throw new RangeError(`M/M/3 needs at least ${MM3_BATCHES} customers, got ${customers}`);
  }

  add(wait: number): void {
    const batch = Math.floor(this.count / this.size);
    if (batch < MM3_BATCHES) this.sums[batch]! += wait;
    this.total += wait;
    this.count++;
  }

  /** Mean wait and batch means, in units of `unit`. */
  summary(unit: number): { waitMean: number; waitBatchMeans: number[] } {
    return {
      waitMean: this.total / this.count / unit,
      waitBatchMeans: Array.from(this.sums, (s) => s / this.size / unit),
    };
  }
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
