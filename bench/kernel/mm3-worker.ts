/** Worker thread of bench/mm3.bench.ts: says it is ready, then on "go" runs replications [from, to). */
import { parentPort, workerData } from "node:worker_threads";
import { runMm3Once } from "./mm3-model.js";

const { from, to, customers, warmCustomers } = workerData as {
  from: number;
  to: number;
  customers: number;
  warmCustomers: number;
};
runMm3Once(warmCustomers, 1_000); // warm the JIT before the clock starts (replication 1000: not a measured one)
parentPort?.once("message", () => {
  let events = 0;
  for (let i = from; i < to; i++) events += runMm3Once(customers, i).events;
  parentPort?.postMessage({ events });
});
parentPort?.postMessage("ready");
