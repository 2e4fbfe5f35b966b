/**
 * Two runs at once on the server's own pool both succeed. The piscina executor bounds its in-flight
 * batches per call, so two runs dispatched together used to overflow the shared pool's task queue and
 * the second failed with "Task queue is at limit" (a reported worker crash); the server now hands the
 * pool to one run's replications at a time (src/api/serial-executor.ts).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { buildApp } from "../../src/api/index.js";
import { waitForRun } from "./helpers.js";

describe("runs at the same time on the server's pool", () => {
  it("succeed, all of them", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gatesim-concurrent-"));
    const app = await buildApp({ dataDir, threads: 2, rateLimit: false });
    try {
      await app.ready();
      const body = { scenario: "smart-gate-2026", replications: 4, horizonDays: 2, warmupDays: 0 };
      const ids = await Promise.all(
        [1, 2, 3].map(
          async (seed) =>
            (await app.inject({ method: "POST", url: "/runs", payload: { ...body, seed } })).json().id as string,
        ),
      );
      const runs = await Promise.all(ids.map((id) => waitForRun(app, id, 120_000)));
      expect(runs.map((r) => r.status)).toEqual(["succeeded", "succeeded", "succeeded"]);
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
