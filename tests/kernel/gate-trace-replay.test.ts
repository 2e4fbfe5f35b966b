/**
 * The gate model's recorded queue workload (bench/event-queue/gate-trace.ts) replays to the same popped
 * order on every queue implementation and on the bare heap (bench/event-queue/bare-heap.ts),
 * so the benchmarks that compare them time the same work.
 */
import { describe, expect, it } from "vitest";
import { replayBareHeap } from "../../bench/event-queue/bare-heap.js";
import { OP_POP, OP_PUSH_AFTER, recordGateTrace, replayGateTrace } from "../../bench/event-queue/gate-trace.js";
import { queueImplementations } from "../../src/kernel/event-queue/index.js";

describe("gate trace replay", () => {
  it("pops the same events in the same order on every queue and on the bare heap", async () => {
    // Recording patches Simulation.prototype for the rest of this file only (vitest isolates files).
    const trace = await recordGateTrace("baseline-2026q1", 2);
    let pops = 0;
    for (let i = 0; i < trace.length; i++) if (trace.op[i] === OP_POP) pops++;
    expect(pops).toBeGreaterThan(10_000);
    const reference = replayBareHeap(trace);
    for (const impl of queueImplementations) expect(replayGateTrace(trace, impl.factory), impl.name).toBe(reference);
  });

  it("the bare heap's checksum sees the popped times: a trace with one delay changed gives another", async () => {
    const trace = await recordGateTrace("baseline-2026q1", 2);
    const reference = replayBareHeap(trace);
    // The first delay of more than a second, one ms longer: a popped time changes, so must the checksum.
    const i = trace.op.findIndex((o, k) => k < trace.length && o === OP_PUSH_AFTER && trace.value[k]! > 1000);
    expect(i).toBeGreaterThanOrEqual(0);
    trace.value[i] = trace.value[i]! + 1;
    expect(replayBareHeap(trace)).not.toBe(reference);
  });
});
