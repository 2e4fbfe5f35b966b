/**
 * Runs at once on the server's real pool (issue 14, item 3): `maxConcurrentRuns` runs, a comparison
 * launched from scenarios and a burst of small runs, all submitted together, all succeed. Before the pool's
 * dispatch was shared, one of two parallel runs failed with "Task queue is at limit" reported as a
 * worker crash, and comparisons from scenarios failed every time. The second test builds the server's own
 * executor (no executor given), as `gatesim serve` does.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, DEFAULT_LIMITS, type GatesimApp } from "../../src/api/index.js";
import { PiscinaExecutor } from "../../src/runner/index.js";
import { testApp, waitForRun } from "./helpers.js";

let app: GatesimApp;
let pool: PiscinaExecutor;

beforeAll(async () => {
  pool = new PiscinaExecutor({ threads: 2 });
  app = await testApp({ executor: pool });
});
afterAll(async () => {
  await app.close();
  await pool.close();
});

describe("concurrent runs on one pool", () => {
  it("runs maxConcurrentRuns runs, a comparison of scenarios and a burst at once; none fails", async () => {
    const run = (seed: number) =>
      app.inject({
        method: "POST",
        url: "/runs",
        payload: { scenario: "mm1", replications: 4, horizonDays: 2, warmupDays: 0, seed },
      });
    const concurrent = Array.from({ length: DEFAULT_LIMITS.maxConcurrentRuns }, (_, i) => run(100 + i));
    const comparison = app.inject({
      method: "POST",
      url: "/comparisons",
      payload: { scenarios: ["mm1", "mmc"], replications: 3, horizonDays: 2, warmupDays: 0, seed: 5 },
    });
    const burst = Array.from({ length: 12 }, (_, i) => run(200 + i));
    const answers = await Promise.all([...concurrent, comparison, ...burst]);
    for (const a of answers) expect([200, 201, 202]).toContain(a.statusCode);
    const runIds = [...answers.slice(0, concurrent.length), ...answers.slice(concurrent.length + 1)].map(
      (a) => a.json().id as string,
    );
    const ends = await Promise.all(runIds.map((id) => waitForRun(app, id, 120_000)));
    for (const end of ends)
      expect({ status: end.status, error: end.error }).toEqual({ status: "succeeded", error: null });

    const cmpId = (answers[concurrent.length] as (typeof answers)[number]).json().id as string;
    const deadline = Date.now() + 120_000;
    let cmp = (await app.inject({ method: "GET", url: `/comparisons/${cmpId}` })).json();
    while (cmp.status === "running" && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      cmp = (await app.inject({ method: "GET", url: `/comparisons/${cmpId}` })).json();
    }
    expect({ status: cmp.status, error: cmp.error }).toEqual({ status: "succeeded", error: null });
    expect(cmp.report.differences).toHaveLength(1);
  });
});

describe("runs at the same time on the server's own pool", () => {
  it("succeed, all of them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gatesim-concurrent-"));
    const own = await buildApp({ dataDir, threads: 2, rateLimit: false });
    try {
      await own.ready();
      const body = { scenario: "smart-gate-2026", replications: 4, horizonDays: 2, warmupDays: 0 };
      const ids = await Promise.all(
        [1, 2, 3].map(
          async (seed) =>
            (await own.inject({ method: "POST", url: "/runs", payload: { ...body, seed } })).json().id as string,
        ),
      );
      const runs = await Promise.all(ids.map((id) => waitForRun(own, id, 120_000)));
      expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    } finally {
      await own.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
