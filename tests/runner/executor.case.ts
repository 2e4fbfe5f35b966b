/**
 * The conformance suite every ReplicationExecutor passes (as hono runs one router suite against every
 * router): results by task index, failures as data, cancellation that resolves promptly, and results
 * bit-identical to running the replications inline.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ErrorCodes, type ReplicationExecutor, type ReplicationTask, runReplication } from "../../src/runner/index.js";
import { smallMm1 } from "./helpers.js";

/** What an executor can do beyond the contract. */
export interface ExecutorTraits {
  /**
   * Running replications see the cancel flag while they run (threads, processes). The inline executor
   * shares the caller's thread, so an abort can only take effect between two replications.
   */
  preemptive: boolean;
}

/** Registers the suite for one executor; `make` is called once, `close` after the suite. */
export function executorConformance(label: string, make: () => ReplicationExecutor, traits: ExecutorTraits): void {
  describe(`executor conformance: ${label}`, () => {
    let executor: ReplicationExecutor;
    const compiled = smallMm1(1);
    const tasks = (n: number, seed: number | string = 5): ReplicationTask[] =>
      Array.from({ length: n }, (_, i) => ({ compiled, seed, replication: i }));

    beforeAll(() => {
      executor = make();
    });
    afterAll(async () => {
      await executor.close();
    });

    it("returns results by task index, identical to runReplication inline", async () => {
      const done: number[] = [];
      const out = await executor.run(tasks(6), { onResult: (_r, i) => done.push(i) });
      expect(out.cancelled).toBe(false);
      expect(out.failures).toEqual([]);
      expect(out.completed).toBe(6);
      expect(done.sort()).toEqual([0, 1, 2, 3, 4, 5]);
      out.results.forEach((r, i) => {
        expect(r?.replication).toBe(i);
        expect(JSON.stringify(r)).toBe(JSON.stringify(runReplication(compiled, 5, i)));
      });
    });

    it("reports a failing replication as data, with what reproduces it, and runs the others", async () => {
      const ts = tasks(4);
      (ts[2] as ReplicationTask).__crashForTest = "throw";
      const failed: number[] = [];
      const out = await executor.run(ts, { onFailure: (_f, i) => failed.push(i) });
      expect(failed).toEqual([2]);
      expect(out.completed).toBe(3);
      expect(out.results[2]).toBeUndefined();
      const f = out.failures[0];
      expect(f?.code).toBe(ErrorCodes.REPLICATION_FAILED);
      expect(f?.replication).toBe(2);
      expect(f?.seed).toBe(5);
      expect(f?.scenarioHash).toBe(compiled.hash);
      expect(f?.message).toContain(compiled.hash);
      expect(f?.message).toContain("replication 2");
    });

    it("stops dispatching when the signal aborts between replications", async () => {
      const controller = new AbortController();
      const out = await executor.run(tasks(40), { signal: controller.signal, onResult: () => controller.abort() });
      expect(out.cancelled).toBe(true);
      expect(out.completed).toBeGreaterThanOrEqual(1);
      // Whatever was already running may finish, but the rest is never started.
      expect(out.completed).toBeLessThan(40);
    });

    it.runIf(traits.preemptive)("stops promptly when the signal aborts, including running replications", async () => {
      const ts = tasks(12).map((t) => ({ ...t, __crashForTest: "spin" as const }));
      const controller = new AbortController();
      const started = performance.now();
      setTimeout(() => controller.abort(), 150);
      const out = await executor.run(ts, { signal: controller.signal });
      expect(out.cancelled).toBe(true);
      expect(out.failures).toEqual([]);
      expect(performance.now() - started).toBeLessThan(5000);
    });

    it("does nothing for an already aborted signal", async () => {
      const out = await executor.run(tasks(3), { signal: AbortSignal.abort() });
      expect(out.cancelled).toBe(true);
      expect(out.completed).toBe(0);
    });

    it("still works after failures and cancellations", async () => {
      const out = await executor.run(tasks(3, "again"));
      expect(out.completed).toBe(3);
    });
  });
}
