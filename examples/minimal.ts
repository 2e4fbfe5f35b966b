/**
 * The README's minimal model: one gate lane, Poisson arrivals, exponential service, one simulated day.
 * Run: node --import tsx examples/minimal.ts
 */
import { Exponential, RandomStreams, RequestStatus, Resource, roundMs, Simulation } from "../src/kernel/index.js";

const sim = new Simulation();
const streams = new RandomStreams(42, 0); // seed, replication
const interarrival = new Exponential(streams.stream("arrivals"), 60_000); // mean 1 min
const service = new Exponential(streams.stream("service"), 45_000);
const gate = new Resource(sim, { name: "gate", capacity: 1 });
const depart = sim.defineEvent("depart", () => gate.release());
const start = sim.defineEvent("start", (truck) => sim.schedule(roundMs(service.sample()), depart, truck));
const arrive = sim.defineEvent("arrive", (truck) => {
  sim.schedule(roundMs(interarrival.sample()), arrive, truck + 1);
  if (gate.request(truck, start) === RequestStatus.granted) sim.schedule(roundMs(service.sample()), depart, truck);
});
sim.schedule(0, arrive, 0);
sim.run({ untilMs: 24 * 3_600_000 });
console.log(
  `mean wait ${(gate.waitMs.mean / 60_000).toFixed(2)} min over ${gate.waitMs.count} trucks;`,
  `utilization ${gate.utilization(sim.now).toFixed(3)}`,
);
