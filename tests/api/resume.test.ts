/**
 * Never lose a run. In process: a graceful stop puts a running run back to `queued` and the next start
 * resumes it (only the missing replications run, and the report equals an uninterrupted run's), or marks
 * it `interrupted` when resuming is off. Across processes: a server killed with SIGKILL in the middle of
 * a run comes back with every stored run intact and the interrupted run resumed.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { buildApp, type GatesimApp } from "../../src/api/index.js";
import { InlineExecutor } from "../../src/runner/index.js";
import { GatedExecutor, TINY_RUN, until, waitForRun } from "./helpers.js";
import { json, post as postJson, startServerProcess, waitFor } from "./server-process.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "gatesim-resume-"));
  cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function fileApp(
  dataDir: string,
  executor = new InlineExecutor() as GatedExecutor | InlineExecutor,
  resumeOnStart = true,
): Promise<GatesimApp> {
  const app = await buildApp({ dataDir, executor, rateLimit: false, webRoot: false, resumeOnStart });
  cleanup.push(() => app.close());
  return app;
}

describe("resume in process", () => {
  it("resumes a run stopped gracefully: finished replications kept, report identical to an uninterrupted run", async () => {
    const dataDir = tempDir();
    const gated = new GatedExecutor();
    const first = await fileApp(dataDir, gated);
    const run = (
      await first.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, replications: 4 } })
    ).json();
    gated.release(2);
    await until(() => first.gatesim.store.getRun(run.id)?.done === 2);
    await first.close();
    // The run went back to queued, with its two replications stored.

    const second = await fileApp(dataDir);
    await second.ready();
    const resumed = await waitForRun(second, run.id);
    expect(resumed).toMatchObject({ status: "succeeded", attempts: 2, progress: { done: 4, total: 4 } });
    const report = (await second.inject({ method: "GET", url: `/runs/${run.id}/results` })).json();
    const fresh = (
      await second.inject({ method: "POST", url: "/runs", payload: { ...TINY_RUN, replications: 4, recompute: true } })
    ).json();
    await waitForRun(second, fresh.id);
    const expected = (await second.inject({ method: "GET", url: `/runs/${fresh.id}/results` })).json();
    expect({ ...report, timing: null }).toEqual({ ...expected, timing: null });
  });

  it("marks unfinished runs interrupted when resuming is off", async () => {
    const dataDir = tempDir();
    const gated = new GatedExecutor();
    const first = await fileApp(dataDir, gated);
    const run = (await first.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    gated.release(1);
    await until(() => first.gatesim.store.getRun(run.id)?.done === 1);
    await first.close();
    const second = await fileApp(dataDir, new InlineExecutor(), false);
    await second.ready();
    const after = (await second.inject({ method: "GET", url: `/runs/${run.id}` })).json();
    expect(after).toMatchObject({
      status: "interrupted",
      error: { code: "GATESIM_ERR_RUN_INTERRUPTED" },
      progress: { done: 1 },
    });
    expect(after.error.message).toContain("1 of 3 replications");
    const reps = (await second.inject({ method: "GET", url: `/runs/${run.id}/replications` })).json();
    expect(reps.replications).toHaveLength(1);
  });
});

/** A server process on `dataDir`, killed after the test if it still runs. */
async function started(dataDir: string) {
  const server = await startServerProcess(dataDir);
  cleanup.push(() => server.kill());
  return server;
}

describe("resume across a real SIGKILL", () => {
  it("keeps every stored run and resumes the killed run from its stored replications", async () => {
    const dataDir = tempDir();
    const a = await started(dataDir);
    const post = async (url: string, body: unknown) => (await postJson(url, body)).body;

    const earlier = await post(`${a.url}/runs`, { ...TINY_RUN, replications: 2 });
    const earlierDone = await waitFor(`${a.url}/runs/${earlier.id}`, (r) => r.status === "succeeded");
    const earlierReport = await json(`${a.url}/runs/${earlier.id}/results`);

    const big = { scenario: "mm1", replications: 12, horizonDays: 8, warmupDays: 0, seed: 77 };
    const victim = await post(`${a.url}/runs`, big);
    await waitFor(`${a.url}/runs/${victim.id}`, (r) => r.progress.done >= 3);
    a.child.kill("SIGKILL");
    await new Promise((r) => a.child.once("exit", r));

    const b = await started(dataDir);
    const earlierAfter = await json(`${b.url}/runs/${earlier.id}`);
    expect(earlierAfter).toMatchObject({ status: "succeeded", finishedAt: earlierDone.finishedAt });
    expect(await json(`${b.url}/runs/${earlier.id}/results`)).toEqual(earlierReport);
    const atRestart = await json(`${b.url}/runs/${victim.id}`);
    expect(atRestart.progress.done).toBeGreaterThanOrEqual(3);
    const resumed = await waitFor(`${b.url}/runs/${victim.id}`, (r) => r.status !== "running" && r.status !== "queued");
    expect(resumed).toMatchObject({ status: "succeeded", attempts: 2, progress: { done: 12, total: 12 } });

    // The resumed report is the one an uninterrupted run gives (replication i is a pure function of (scenario, seed, i)).
    const report = await json(`${b.url}/runs/${victim.id}/results`);
    const fresh = await post(`${b.url}/runs`, { ...big, recompute: true });
    await waitFor(`${b.url}/runs/${fresh.id}`, (r) => r.status === "succeeded");
    const expected = await json(`${b.url}/runs/${fresh.id}/results`);
    expect({ ...report, timing: null }).toEqual({ ...expected, timing: null });
    const list = await json(`${b.url}/runs?limit=10`);
    expect(list.total).toBe(3);
    b.child.kill("SIGTERM");
    await new Promise((r) => b.child.once("exit", r));
  });
});
