/**
 * Records the gate model's queue calls, or replays them on one queue in its own process.
 *
 * Usage:
 *   node --import tsx bench/event-queue/gate-trace-worker.ts record <file> [scenario] [days]
 *   node --import tsx bench/event-queue/gate-trace-worker.ts replay <file> <queue> [rounds]
 *   node --import tsx bench/event-queue/gate-trace-worker.ts compare <file> <queueA> <queueB> [rounds]
 *   node --import tsx bench/event-queue/gate-trace-worker.ts bare-heap <file> <queue> [rounds]
 * Replay prints one JSON line: the queue, the median and fastest ns per event (pop) in wall and CPU
 * time, the checksum. Compare prints the median and range of B's CPU time over A's in adjacent rounds.
 * Bare-heap alternates the queue with the kernel's bare heap core (bare-heap.ts) in one process and
 * prints both medians in CPU ns per event: what the queue's generality costs on this workload.
 * A queue is an implementation name (index.ts) or "wheel:<coarseWidthBits>:<coarseBits>[:<initialBits>]".
 */
import type { EventQueueFactory } from "../../src/kernel/event-queue/types.js";
import { replayBareHeap } from "./bare-heap.js";
import {
  type GateTrace,
  loadGateTrace,
  OP_POP,
  recordGateTrace,
  replayGateTrace,
  saveGateTrace,
} from "./gate-trace.js";

/**
 * A queue by implementation name, or "wheel:<coarseWidthBits>:<coarseBits>[:<initialBits>]" for the
 * chunked wheel with other coarse-tier sizes (coarseBits 0 = no tier).
 */
async function resolveQueue(name: string): Promise<EventQueueFactory> {
  const { queueImplementations, ChunkWheelQueue } = await import("../../src/kernel/event-queue/index.js");
  const [base, w, c, ib] = name.split(":");
  if (base === "wheel" && w && c) {
    const options = { coarseWidthBits: Number(w), coarseBits: Number(c), ...(ib ? { initialBits: Number(ib) } : {}) };
    return (cap?: number) => new ChunkWheelQueue(cap, options);
  }
  const impl = queueImplementations.find((x) => x.name === name);
  if (!impl) throw new Error(`unknown queue ${name}`);
  return impl.factory;
}

/** Pops in a trace (the events a replay runs). */
function countPops(t: GateTrace): number {
  let pops = 0;
  for (let i = 0; i < t.length; i++) if (t.op[i] === OP_POP) pops++;
  return pops;
}

async function main(): Promise<void> {
  const [mode, file, a, b] = process.argv.slice(2);
  if (mode === "record" && file) {
    const t = await recordGateTrace(a ?? "baseline-2026q1", Number(b ?? 60));
    saveGateTrace(t, file);
    process.stdout.write(`${JSON.stringify({ file, calls: t.length, pushes: t.pushes, pops: countPops(t) })}\n`);
    return;
  }
  if (mode === "compare" && file && a && b) {
    // Two queues of the same class in one process, alternating round by round: the ratio of adjacent
    // rounds cancels the host's load drift. Only meaningful for queues sharing their code (one class).
    const fa = await resolveQueue(a);
    const fb = await resolveQueue(b);
    const t = loadGateTrace(file);
    const rounds = Number(process.argv[6] ?? 10);
    const ca = replayGateTrace(t, fa);
    if (replayGateTrace(t, fb) !== ca) throw new Error("checksums differ");
    const ratios: number[] = [];
    const time = (f: EventQueueFactory): number => {
      const u0 = process.cpuUsage();
      replayGateTrace(t, f);
      const u = process.cpuUsage(u0);
      return u.user + u.system;
    };
    for (let r = 0; r < rounds; r++) {
      const ta = time(fa);
      const tb = time(fb);
      ratios.push(tb / ta);
    }
    const s = [...ratios].sort((x, y) => x - y);
    const r3 = (x: number): number => Math.round(x * 1000) / 1000;
    process.stdout.write(
      `${JSON.stringify({ a, b, cpuRatioBtoA: r3(s[s.length >> 1]!), min: r3(s[0]!), max: r3(s[s.length - 1]!) })}\n`,
    );
    return;
  }
  if (mode === "bare-heap" && file && a) {
    const factory = await resolveQueue(a);
    const t = loadGateTrace(file);
    const pops = countPops(t);
    const checksum = replayGateTrace(t, factory);
    if (replayBareHeap(t) !== checksum) throw new Error("the bare heap popped other events (checksums differ)");
    const cpuNs = (replay: () => number): number => {
      const u0 = process.cpuUsage();
      replay();
      const u = process.cpuUsage(u0);
      return ((u.user + u.system) * 1000) / pops;
    };
    const queueNs: number[] = [];
    const heapNs: number[] = [];
    for (let r = 0; r < Number(b ?? 9); r++) {
      queueNs.push(cpuNs(() => replayGateTrace(t, factory)));
      heapNs.push(cpuNs(() => replayBareHeap(t)));
    }
    const median = (x: number[]): number => Math.round([...x].sort((p, q) => p - q)[x.length >> 1]! * 10) / 10;
    const line = { queue: a, cpuNsPerEvent: median(queueNs), bareHeapCpuNsPerEvent: median(heapNs), checksum };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  if (mode === "replay" && file && a) {
    const impl = { factory: await resolveQueue(a) };
    const t = loadGateTrace(file);
    const pops = countPops(t);
    const rounds = Number(b ?? 5);
    let checksum = replayGateTrace(t, impl.factory); // warm-up
    const ns: number[] = [];
    const cpuNs: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const u0 = process.cpuUsage();
      const t0 = process.hrtime.bigint();
      const c = replayGateTrace(t, impl.factory);
      ns.push(Number(process.hrtime.bigint() - t0) / pops);
      const u = process.cpuUsage(u0);
      cpuNs.push(((u.user + u.system) * 1000) / pops);
      if (c !== checksum) throw new Error(`checksum changed between rounds: ${c} vs ${checksum}`);
      checksum = c;
    }
    const sorted = [...ns].sort((x, y) => x - y);
    const cpuSorted = [...cpuNs].sort((x, y) => x - y);
    const r1 = (x: number): number => Math.round(x * 10) / 10;
    const line = {
      queue: a,
      nsPerEvent: r1(sorted[sorted.length >> 1]!),
      minNsPerEvent: r1(sorted[0]!),
      cpuNsPerEvent: r1(cpuSorted[cpuSorted.length >> 1]!),
      minCpuNsPerEvent: r1(cpuSorted[0]!),
      checksum,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
    return;
  }
  throw new Error(
    "usage: gate-trace-worker.ts record <file> [scenario] [days] | replay <file> <queue> [rounds] | compare <file> <queueA> <queueB> [rounds] | bare-heap <file> <queue> [rounds]",
  );
}

await main();
