/**
 * The fault campaign in CI (issue 14): one seed, two phases (local pool; distributed with two workers and
 * Redis), a bounded time each. A failure prints the seed, the violated invariants and where the trace is;
 * `GATESIM_CAMPAIGN_SEED=<seed> npx vitest run tests/fault/campaign.test.ts` replays the same schedule of
 * requests and faults. `GATESIM_CAMPAIGN_MS` sets the time of each phase (default 25 s).
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { hasRedisServer } from "../distributed/redis-fixture.js";
import { type PhaseReport, runPhase } from "./campaign.js";

const SEED = Number(process.env.GATESIM_CAMPAIGN_SEED ?? 20261206);
const PHASE_MS = Number(process.env.GATESIM_CAMPAIGN_MS ?? 25_000);
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs a phase and fails with the seed, the violations and the trace file when an invariant broke. */
async function phase(name: "local" | "distributed"): Promise<PhaseReport> {
  const dir = mkdtempSync(join(tmpdir(), `gatesim-campaign-${name}-`));
  dirs.push(dir);
  const report = await runPhase(name, SEED, PHASE_MS, dir);
  const { trace, violations, ...figures } = report;
  console.log(`campaign ${JSON.stringify(figures)}`);
  for (const line of trace.filter((t) => t.includes("failed by faults"))) console.log(`  ${line}`);
  if (violations.length > 0) {
    const file = join(tmpdir(), `gatesim-campaign-${name}-${SEED}.trace`);
    writeFileSync(file, `${trace.join("\n")}\n`);
    throw new Error(
      `fault campaign (${name}) seed ${SEED} broke ${violations.length} invariant(s):\n  ${violations.slice(0, 20).join("\n  ")}\ntrace: ${file}\nrerun: GATESIM_CAMPAIGN_SEED=${SEED} npx vitest run tests/fault/campaign.test.ts`,
    );
  }
  expect(report.lost).toBe(0);
  expect(report.duplicated).toBe(0);
  expect(report.runs).toBeGreaterThan(0);
  return report;
}

describe("fault campaign", () => {
  it("local pool: server SIGKILLs, pool threads dying, valid and invalid requests", async () => {
    const r = await phase("local");
    expect(r.faults["server SIGKILL"] ?? 0).toBeGreaterThan(0);
  }, 300_000);

  it.skipIf(!hasRedisServer())(
    "distributed: server, worker and Redis faults (restarted with and without its data)",
    async () => {
      const r = await phase("distributed");
      expect(Object.keys(r.faults).length).toBeGreaterThan(0);
    },
    300_000,
  );
});
