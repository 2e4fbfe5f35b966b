/**
 * A run that crashes the server process (issue 14, item 1). It used to be resumed at every restart and
 * crash the server again, forever, with no way to cancel it while the server was down. Now a run found
 * `running` after an unclean stop is resumed alone, and after `maxRunCrashes` (2) such stops it is failed
 * with the reason; the server stays up and other runs, queued behind it, complete.
 *
 * The crash is the runner's test fault `kill` (SIGKILL of the whole process from inside a pool thread,
 * as a V8 fatal error does), assigned by GATESIM_TEST_FAULTS to the runs of seed 666.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isFinal, json, post, type ServerProcess, startServerProcess, waitFor } from "./server-process.js";

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

const env = { GATESIM_TEST_HOOKS: "1", GATESIM_TEST_FAULTS: "666:kill", GATESIM_MAX_CONCURRENT_RUNS: "2" };

async function started(dataDir: string): Promise<ServerProcess> {
  const s = await startServerProcess(dataDir, env);
  cleanup.push(() => s.kill());
  return s;
}

describe("a run that crashes the server", () => {
  it("is resumed alone once, then failed with the reason; the server stays up and the other run completes", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), "gatesim-crashloop-"));
    cleanup.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const run = { scenario: "mm1", replications: 2, horizonDays: 2, warmupDays: 0 };

    // 1. Two runs at once; the killer brings the process down mid-run.
    const a = await started(dataDir);
    const other = (await post(`${a.url}/runs`, { ...run, replications: 40, horizonDays: 20, seed: 1 })).body;
    await waitFor(`${a.url}/runs/${other.id}`, (r) => r.status === "running");
    const killer = (await post(`${a.url}/runs`, { ...run, seed: 666 })).body;
    expect((await a.exited).signal).toBe("SIGKILL");

    // 2. Both were running: both are resumed, one at a time, alone. The killer crashes the server again.
    const b = await started(dataDir);
    const exitB = await b.exited;
    expect(exitB.signal).toBe("SIGKILL");

    // 3. The killer was alone at the second crash: it is failed, not resumed; the server stays up.
    const c = await started(dataDir);
    const failed = await json(`${c.url}/runs/${killer.id}`);
    expect(failed).toMatchObject({ status: "failed", error: { code: "GATESIM_ERR_RUN_CRASHED" } });
    expect(failed.error.message).toMatch(
      /stopped unexpectedly 2 time\(s\) while this run was running \(the last time with no other run beside it\)/,
    );
    const done = await waitFor(`${c.url}/runs/${other.id}`, (r) => isFinal(r.status), 120_000);
    expect(done).toMatchObject({ status: "succeeded", progress: { done: 40, total: 40 } });
    expect((await json(`${c.url}/health`)).status).toBe("ok");
    expect(c.child.exitCode).toBeNull();
  });
});
