/**
 * Helpers for the 1-thread vs 2-thread measurements (pool.bench.ts, mm3.bench.ts) on a shared 2-core
 * machine, where a neighbour can take a core for seconds at a time:
 * - the two configurations are measured in alternating rounds, and the speed-up is the ratio of their
 *   medians, so a burst of outside load hits both sides instead of one;
 * - the machine's own parallel capacity (a plain CPU loop on 1, then 2 threads) is measured around
 *   the rounds and reported next to the speed-up, which can never exceed it.
 */
import { Worker } from "node:worker_threads";

/** A fixed CPU-bound loop in a plain worker thread (no model): resolves with its wall time. */
function spinThread(iterations: number): Promise<number> {
  const code = `const { parentPort, workerData } = require("node:worker_threads");
    const t0 = performance.now(); let x = 0; for (let i = 0; i < workerData; i++) x += i % 7;
    parentPort.postMessage([performance.now() - t0, x]);`;
  return new Promise((resolve, reject) => {
    const w = new Worker(code, { eval: true, workerData: iterations });
    w.once("message", (m: [number, number]) => {
      resolve(m[0]);
      void w.terminate();
    });
    w.once("error", reject);
  });
}

/**
 * How much parallel CPU the machine gives right now: the same loop on 1 thread, then on 2 threads at
 * once; 2 means two idle cores, 1 means the second thread gained nothing (cores shared with other work).
 */
export async function parallelCapacity(iterations = 5e8): Promise<number> {
  const one = await spinThread(iterations);
  const two = await Promise.all([spinThread(iterations), spinThread(iterations)]);
  return round2((2 * one) / Math.max(...two));
}

/** Median of a non-empty list. */
export function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Median and range of a list, each rounded to `digits` decimals, for a report. */
export function spread(xs: readonly number[], digits = 0): { median: number; min: number; max: number } {
  const f = (x: number) => +x.toFixed(digits);
  return { median: f(median(xs)), min: f(Math.min(...xs)), max: f(Math.max(...xs)) };
}

/** Rounds to 2 decimals for the JSON reports. */
export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** The outcome of {@link alternateRounds}. */
export interface ScalingResult {
  /** Median wall ms of one round on 1 thread and on 2 threads. */
  oneThreadMs: number;
  twoThreadsMs: number;
  /** `oneThreadMs / twoThreadsMs`. */
  speedup: number;
  /** Every round, in the order run. */
  rounds: { oneThreadMs: number; twoThreadsMs: number; speedup: number }[];
  /** Parallel capacity of the machine before and after the rounds (2 = two idle cores). */
  machineParallelCapacity: { before: number; after: number };
}

/**
 * Runs `rounds` rounds of (1 thread, then 2 threads) with the given measurements (each resolves with the
 * wall ms of the timed part only) and returns the median-based speed-up.
 */
export async function alternateRounds(
  rounds: number,
  measure: (threads: 1 | 2) => Promise<number>,
  capacityIterations = 5e8,
): Promise<ScalingResult> {
  const before = await parallelCapacity(capacityIterations);
  const all: ScalingResult["rounds"] = [];
  for (let k = 0; k < rounds; k++) {
    const one = await measure(1);
    const two = await measure(2);
    all.push({ oneThreadMs: Math.round(one), twoThreadsMs: Math.round(two), speedup: round2(one / two) });
  }
  const after = await parallelCapacity(capacityIterations);
  const oneMs = median(all.map((r) => r.oneThreadMs));
  const twoMs = median(all.map((r) => r.twoThreadsMs));
  return {
    oneThreadMs: Math.round(oneMs),
    twoThreadsMs: Math.round(twoMs),
    speedup: round2(oneMs / twoMs),
    rounds: all,
    machineParallelCapacity: { before, after },
  };
}
