/**
 * A G/G/c/K station built only on the kernel's public API (no model code), used by the closed-form tests
 * and the same shape as the M/M/3 benchmark. Customers are pooled entity slots, so memory stays flat.
 */
import {
  type DistributionSpec,
  type EventQueueFactory,
  Exponential,
  makeDistribution,
  Priority,
  RandomStreams,
  RequestStatus,
  Resource,
  roundMs,
  Simulation,
  Tally,
  TimeWeighted,
} from "../../src/kernel/index.js";

export interface StationOptions {
  seed: number;
  replication: number;
  arrivalMeanMs: number;
  service: DistributionSpec;
  servers: number;
  /** System capacity K (in service + waiting); Infinity for none. */
  systemCapacity?: number;
  /** Customers to generate after the warm-up. */
  customers: number;
  /** Customers whose statistics are discarded at the start. */
  warmupCustomers: number;
  /** Event-queue implementation (default: the kernel's default). */
  queueFactory?: EventQueueFactory;
}

export interface StationResult {
  waitMsMean: number;
  queueLengthMean: number;
  utilization: number;
  blockingProbability: number;
  /** Time-average number in system (L) and its Little's-law counterpart λ·W. */
  numberInSystemMean: number;
  littleLambdaW: number;
  steps: number;
}

/** Runs one replication of the station and returns its steady-state estimates. */
export function runStation(o: StationOptions): StationResult {
  const sim = new Simulation(o.queueFactory ? { queueFactory: o.queueFactory } : {});
  const streams = new RandomStreams(o.seed, o.replication);
  const interarrival = new Exponential(streams.stream("arrivals"), o.arrivalMeanMs);
  const service = makeDistribution(o.service, streams.stream("service"));
  const K = o.systemCapacity ?? Number.POSITIVE_INFINITY;
  const server = new Resource(sim, {
    name: "server",
    capacity: o.servers,
    queueLengthMax: K === Number.POSITIVE_INFINITY ? Number.POSITIVE_INFINITY : K - o.servers,
    whenFull: "reject",
  });
  const total = o.customers + o.warmupCustomers;
  // Pooled customer slots: arrival time per slot, with a free list.
  const poolSize = 1 << 16;
  const arrivedAt = new Float64Array(poolSize);
  const free = new Int32Array(poolSize);
  let freeTop = 0;
  for (let i = poolSize - 1; i >= 0; i--) free[freeTop++] = i;
  let generated = 0;
  let offered = 0;
  let blocked = 0;
  let measuring = false;
  let measureStartMs = 0;
  const inSystem = new TimeWeighted(0, 0);
  const sojournMs = new Tally();

  const departKind = sim.defineEvent("depart", (slot) => {
    server.release();
    inSystem.add(-1, sim.now);
    if (measuring) sojournMs.add(sim.now - (arrivedAt[slot] as number));
    free[freeTop++] = slot;
  });
  const startKind = sim.defineEvent("start", (slot) => {
    sim.schedule(roundMs(service.sample()), departKind, slot);
  });
  const arriveKind = sim.defineEvent("arrive", () => {
    generated++;
    if (generated === o.warmupCustomers + 1) {
      measuring = true;
      measureStartMs = sim.now;
      server.resetStats(sim.now);
      inSystem.reset(sim.now);
    }
    if (generated <= total) sim.schedule(roundMs(interarrival.sample()), arriveKind, 0, Priority.arrival);
    if (measuring) offered++;
    if (freeTop === 0) throw new Error("customer pool exhausted");
    const slot = free[--freeTop] as number;
    arrivedAt[slot] = sim.now;
    const status = server.request(slot, startKind);
    if (status === RequestStatus.rejected) {
      if (measuring) blocked++;
      free[freeTop++] = slot;
      return;
    }
    inSystem.add(1, sim.now);
    if (status === RequestStatus.granted) sim.schedule(roundMs(service.sample()), departKind, slot);
  });
  sim.schedule(0, arriveKind, 0, Priority.arrival);
  const outcome = sim.run({ stepsMax: 50 * total });
  if (outcome.reason !== "empty") throw new Error(`station run ended by ${outcome.reason}`);
  const end = sim.now;
  const elapsed = end - measureStartMs;
  return {
    waitMsMean: server.waitMs.mean,
    queueLengthMean: server.queueLength.mean(end),
    utilization: server.utilization(end),
    blockingProbability: offered > 0 ? blocked / offered : 0,
    numberInSystemMean: inSystem.mean(end),
    littleLambdaW: (sojournMs.count / elapsed) * sojournMs.mean,
    steps: sim.steps,
  };
}
