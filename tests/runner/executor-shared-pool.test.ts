/**
 * One pool, several runs at once (issue 14, item 3): the API runs `GATESIM_MAX_CONCURRENT_RUNS` runs and
 * comparisons on one piscina pool. Dispatch is shared, so the pool's queue never overflows (piscina would
 * reject a batch with "Task queue is at limit", which used to fail one of the runs as a worker crash),
 * and every run gets results identical to running it alone.
 */
import { afterAll, describe, expect, it } from "vitest";
import { InlineExecutor, PiscinaExecutor, type ReplicationTask } from "../../src/runner/index.js";
import { smallMm1 } from "./helpers.js";

describe("PiscinaExecutor shared by concurrent runs", () => {
  const pool = new PiscinaExecutor({ threads: 2, maxQueue: 1, batchSize: 1 });
  afterAll(async () => {
    await pool.close();
  });
  const compiled = smallMm1(1);
  const tasks = (seed: number, n: number): ReplicationTask[] =>
    Array.from({ length: n }, (_, i) => ({ compiled, seed, replication: i }));

  it("runs six runs at once on a 2-thread pool with a 1-batch queue: none fails, each equals its lone run", async () => {
    const seeds = [1, 2, 3, 4, 5, 6];
    const outs = await Promise.all(seeds.map((s) => pool.run(tasks(s, 4))));
    for (const out of outs) {
      expect(out.failures).toEqual([]);
      expect(out.completed).toBe(4);
    }
    const inline = new InlineExecutor();
    const alone = await inline.run(tasks(4, 4));
    expect(JSON.stringify(outs[3]?.results)).toBe(JSON.stringify(alone.results));
  });

  it("serves waiting runs in turn: a run submitted behind a long one starts before the long one ends", async () => {
    const order: string[] = [];
    const long = pool.run(tasks(10, 12), { onResult: () => order.push("long") });
    const short = pool.run(tasks(11, 2), { onResult: () => order.push("short") });
    await Promise.all([long, short]);
    expect(order.filter((o) => o === "short")).toHaveLength(2);
    // Round robin: both results of the short run arrive before the long run's last few.
    expect(order.lastIndexOf("short")).toBeLessThan(order.length - 4);
  });
});
