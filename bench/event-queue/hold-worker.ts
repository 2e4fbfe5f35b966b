/**
 * One (queue, N, distribution) hold-model measurement in its own process, so the JIT state of one
 * queue never leaks into another. Prints one JSON line on stdout.
 *
 * Usage: node --import tsx bench/event-queue/hold-worker.ts <queue> <n> <dist> <opsPerRound> <rounds> <warmupOps>
 */
import FastPriorityQueue from "fastpriorityqueue";
import FlatQueue from "flatqueue";
import { Heap } from "heap-js";
import TinyQueue from "tinyqueue";
import { queueImplementations } from "../../src/kernel/event-queue/index.js";
import type { EventQueue } from "../../src/kernel/event-queue/types.js";
import { DISTS, type Dist, makeIncrements } from "./increments.js";

/** A prepared hold loop: runs `ops` pop+push steps, returns a checksum of popped times. */
type Hold = (ops: number) => number;

const INC_BITS = 20;
const INC_MASK = (1 << INC_BITS) - 1;

function oursHold(q: EventQueue, incs: Float64Array, n: number): Hold {
  for (let i = 0; i < n; i++) q.push(incs[i]!, 0, 0, i);
  let j = n;
  return (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) {
      q.pop();
      const t = q.time;
      sum += t;
      q.push(t + incs[j & INC_MASK]!, 0, 0, j & 0xffff);
      j++;
    }
    return sum;
  };
}

function flatHold(q: FlatQueue<number>, incs: Float64Array, n: number): Hold {
  for (let i = 0; i < n; i++) q.push(i, incs[i]!);
  let j = n;
  return (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) {
      const t = q.peekValue()!;
      q.pop();
      sum += t;
      q.push(j & 0xffff, t + incs[j & INC_MASK]!);
      j++;
    }
    return sum;
  };
}

function heapJsHold(incs: Float64Array, n: number): Hold {
  const q = new Heap<number>();
  for (let i = 0; i < n; i++) q.push(incs[i]!);
  let j = n;
  return (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) {
      const t = q.pop()!;
      sum += t;
      q.push(t + incs[j & INC_MASK]!);
      j++;
    }
    return sum;
  };
}

function fpqHold(incs: Float64Array, n: number): Hold {
  const q = new FastPriorityQueue<number>((a, b) => a < b);
  for (let i = 0; i < n; i++) q.add(incs[i]!);
  let j = n;
  return (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) {
      const t = q.poll()!;
      sum += t;
      q.add(t + incs[j & INC_MASK]!);
      j++;
    }
    return sum;
  };
}

function tinyHold(incs: Float64Array, n: number): Hold {
  const q = new TinyQueue<number>([], (a, b) => a - b);
  for (let i = 0; i < n; i++) q.push(incs[i]!);
  let j = n;
  return (ops) => {
    let sum = 0;
    for (let i = 0; i < ops; i++) {
      const t = q.pop()!;
      sum += t;
      q.push(t + incs[j & INC_MASK]!);
      j++;
    }
    return sum;
  };
}

function makeHold(queue: string, n: number, dist: Dist): Hold {
  const incs = makeIncrements(dist, 1 << INC_BITS);
  switch (queue) {
    case "flatqueue":
      return flatHold(new FlatQueue<number>(), incs, n);
    case "flatqueue-fixed":
      return flatHold(new FlatQueue<number>(n + 1, Float64Array, Uint32Array), incs, n);
    case "heap-js":
      return heapJsHold(incs, n);
    case "fastpriorityqueue":
      return fpqHold(incs, n);
    case "tinyqueue":
      return tinyHold(incs, n);
    default: {
      const impl = queueImplementations.find((x) => x.name === queue);
      if (!impl) throw new Error(`unknown queue ${queue}`);
      return oursHold(impl.factory(), incs, n);
    }
  }
}

function main(): void {
  const [queue, nStr, dist, opsStr, roundsStr, warmStr] = process.argv.slice(2);
  if (!queue || !nStr || !dist || !(DISTS as readonly string[]).includes(dist)) {
    throw new Error("usage: hold-worker.ts <queue> <n> <exp|bimodal|ties> [opsPerRound] [rounds] [warmupOps]");
  }
  const n = Number(nStr);
  const opsPerRound = Number(opsStr ?? 2_000_000);
  const rounds = Number(roundsStr ?? 5);
  const warmupOps = Number(warmStr ?? 1_000_000);
  const hold = makeHold(queue, n, dist as Dist);
  let checksum = hold(warmupOps);
  const rates: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const t0 = process.hrtime.bigint();
    checksum += hold(opsPerRound);
    const ns = Number(process.hrtime.bigint() - t0);
    rates.push(opsPerRound / (ns / 1e9));
  }
  const sorted = [...rates].sort((a, b) => a - b);
  const median = sorted[sorted.length >> 1]!;
  const best = sorted[sorted.length - 1]!;
  process.stdout.write(`${JSON.stringify({ queue, n, dist, opsPerSec: median, best, rounds: rates, checksum })}\n`);
}

main();
