/** Worker thread of bench/mm3.bench.ts: says it is ready, then on "go" runs replications [from, to). */
import { parentPort, workerData } from "node:worker_threads";
import { runMm3Kernel } from "./mm3-model.js";

const { from, to, customers, warmCustomers } = workerData as {
  from: number;
  to: number;
  customers: number;
  warmCustomers: number;
};
runMm3Kernel(warmCustomers, 1_000); // warm the JIT before the clock starts (seed 1000: not a measured one)
parentPort?.once("message", () => {
  let served = 0;
  for (let i = from; i < to; i++) served += runMm3Kernel(customers, i + 1).customers;
  parentPort?.postMessage({ served });
});
parentPort?.postMessage("ready");
