/**
 * One (queue, N, distribution) hold-model measurement in its own process, so the JIT state of one
 * queue never leaks into another. Prints one JSON line on stdout.
 *
 * Usage: node --import tsx bench/event-queue/hold-worker.ts <queue> <n> <dist> <opsPerRound> <rounds> <warmupOps>
 *
 * Each worker loads only the library it measures (dynamic imports below). Merely loading heap-js made
 * every other queue's hold loop in the same process ~15 % slower (ours: wheel-chunked 21.1 -> 18.3 and
 * heap4 10.0 -> 8.4 Mops/s at N=100 exp, flatqueue unaffected), which skewed the ratios against ours.
 */
import type FastPriorityQueue from "fastpriorityqueue";
import type FlatQueue from "flatqueue";
import type { Heap } from "heap-js";
import type TinyQueue from "tinyqueue";
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

function heapJsHold(HeapCtor: typeof Heap, incs: Float64Array, n: number): Hold {
  const q = new HeapCtor<number>();
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

function fpqHold(Fpq: typeof FastPriorityQueue, incs: Float64Array, n: number): Hold {
  const q = new Fpq<number>((a, b) => a < b);
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

function tinyHold(Tiny: typeof TinyQueue, incs: Float64Array, n: number): Hold {
  const q = new Tiny<number>([], (a, b) => a - b);
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

async function makeHold(queue: string, n: number, dist: Dist): Promise<Hold> {
  const incs = makeIncrements(dist, 1 << INC_BITS);
  switch (queue) {
    case "flatqueue": {
      const Flat: typeof FlatQueue = (await import("flatqueue")).default;
      return flatHold(new Flat<number>(), incs, n);
    }
    case "flatqueue-fixed": {
      const Flat: typeof FlatQueue = (await import("flatqueue")).default;
      return flatHold(new Flat<number>(n + 1, Float64Array, Uint32Array), incs, n);
    }
    case "heap-js":
      return heapJsHold((await import("heap-js")).Heap, incs, n);
    case "fastpriorityqueue":
      return fpqHold((await import("fastpriorityqueue")).default, incs, n);
    case "tinyqueue":
      return tinyHold((await import("tinyqueue")).default, incs, n);
    default: {
      const { queueImplementations } = await import("../../src/kernel/event-queue/index.js");
      const impl = queueImplementations.find((x) => x.name === queue);
      if (!impl) throw new Error(`unknown queue ${queue}`);
      return oursHold(impl.factory(), incs, n);
    }
  }
}

async function main(): Promise<void> {
  const [queue, nStr, dist, opsStr, roundsStr, warmStr] = process.argv.slice(2);
  if (!queue || !nStr || !dist || !(DISTS as readonly string[]).includes(dist)) {
    throw new Error("usage: hold-worker.ts <queue> <n> <exp|bimodal|ties> [opsPerRound] [rounds] [warmupOps]");
  }
  const n = Number(nStr);
  const opsPerRound = Number(opsStr ?? 2_000_000);
  const rounds = Number(roundsStr ?? 5);
  const warmupOps = Number(warmStr ?? 1_000_000);
  const hold = await makeHold(queue, n, dist as Dist);
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

await main();
