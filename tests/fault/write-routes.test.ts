/**
 * The fault campaign on sweeps, policy benchmarks, capacity analyses, and PATCH / DELETE of runs
 * (write-routes.ts): hostile bodies on each of these routes, and SIGKILLs of the server while writes on
 * all of them are in flight. One server process on 127.0.0.1 and a free port; a bounded number of
 * requests and rounds. `GATESIM_CAMPAIGN_SEED=<seed>` replays the same schedule of writes and kills.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Harness } from "./harness.js";
import { hostileRequests, killDuringWrites, refuses, SMALL_RUN, waitEnded } from "./write-routes.js";

const SEED = Number(process.env.GATESIM_CAMPAIGN_SEED ?? 20261206);
/** Kill-and-restart rounds (each a burst of 12 to 19 writes). */
const ROUNDS = 3;
const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const f of cleanups.splice(0).reverse()) await f();
});

/** A harness on a fresh data directory, with its server started; stopped after the file. */
async function started(name: string): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), `gatesim-write-routes-${name}-`));
  const h = new Harness(dir, { GATESIM_MAX_QUEUED_RUNS: "64" }, 1);
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  cleanups.push(() => h.stop());
  await h.startServer();
  return h;
}

describe("fault campaign on the other write routes", () => {
  it("refuses hostile bodies on sweeps, benchmarks, capacity analyses, PATCH and DELETE with a 4xx, and stays up", async () => {
    const h = await started("hostile");
    const created = await h.call("POST", "/runs", { ...SMALL_RUN, seed: 7 });
    const run = await waitEnded(h, created.body.id as string);
    await h.call("PATCH", `/runs/${run.id}`, { label: "kept", note: "kept note" });
    const problems: string[] = [];
    for (const r of hostileRequests(run.id as string)) {
      const p = await refuses(h, r);
      if (p !== undefined) problems.push(p);
    }
    expect(problems).toEqual([]);
    // Still up, nothing stored changed, nothing polluted.
    expect((await h.call("GET", "/health")).status).toBe(200);
    const after = await h.call("GET", `/runs/${run.id}`);
    expect(after.status).toBe(200);
    expect([after.body.status, after.body.label, after.body.note]).toEqual(["succeeded", "kept", "kept note"]);
    expect(after.body.polluted).toBeUndefined();
    for (const path of ["/sweeps", "/capacity-analyses", "/policy-benchmarks"]) {
      const list = await h.call("GET", path);
      expect(list.status, path).toBe(200);
      expect(JSON.stringify(list.body)).not.toContain("polluted");
    }
    expect(h.server?.child.exitCode).toBeNull();
  }, 120_000);

  it("keeps every acknowledged write and no half-written record across SIGKILLs during the writes", async () => {
    const h = await started("kill");
    const violations: string[] = [];
    let acknowledged = 0;
    for (let round = 0; round < ROUNDS; round++) {
      const r = await killDuringWrites(h, SEED, round);
      violations.push(...r.violations);
      acknowledged += r.acknowledged;
      console.log(
        `write-routes round ${round}: ${r.acknowledged} acknowledged, ${r.unanswered} unanswered, statuses ${JSON.stringify(r.statuses)}`,
      );
    }
    if (violations.length > 0)
      throw new Error(
        `seed ${SEED}: ${violations.length} violation(s):\n  ${violations.slice(0, 20).join("\n  ")}\nrerun: GATESIM_CAMPAIGN_SEED=${SEED} npx vitest run tests/fault/write-routes.test.ts`,
      );
    expect(acknowledged).toBeGreaterThan(0);
  }, 240_000);
});
