/**
 * What a researcher does, following README.md and docs/policies.md only: copy the example policy into a
 * folder of their own, change the rule, run it against the benchmark suite with `gatesim bench-policies`
 * next to the built-in rules, and read the leaderboard with its selection guarantee (JSON here; the table,
 * CSV and HTML outputs are the same data).
 */
import { createHash } from "node:crypto";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim, ROOT } from "./helpers.js";

const work = mkdtempSync(join(tmpdir(), "gatesim-researcher-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("a researcher benchmarks their own policy", () => {
  it("writes a policy file, runs it against the suite and gets a leaderboard with a selection guarantee", async () => {
    // 1. Copy the example (docs/policies.md, "Write a policy") and change the rule: booked trucks get a head start too.
    const example = readFileSync(join(ROOT, "policies/examples/perishables-ageing.ts"), "utf8");
    const mine = example
      .replace("defaults: { headStartMinutes: 120 }", "defaults: { headStartMinutes: 90 }")
      .replace(
        "const headStartMs = truck.perishable ? ctx.params.headStartMinutes * 60_000 : 0;",
        "const headStartMs = (truck.perishable ? ctx.params.headStartMinutes : truck.booked ? 30 : 0) * 60_000;",
      );
    expect(mine).not.toBe(example);
    writeFileSync(join(work, "my-rule.ts"), mine);

    // 2. Check it compiles into a scenario (docs: "gatesim validate").
    writeFileSync(
      join(work, "my-scenario.yaml"),
      "extends: fruit-season\nname: fruit-season-my-rule\npolicies:\n  callForward: { module: ./my-rule.ts, params: { headStartMinutes: 60 } }\n",
    );
    const valid = await gatesim(["validate", "my-scenario.yaml"], { cwd: work });
    expect(valid.stderr).toBe("");
    expect(valid.code).toBe(0);
    expect(valid.stdout).toMatch(/policy module: policies\.callForward = my-rule \(sha256 [0-9a-f]{64}/);

    // 3. Run it against the suite next to two built-ins (docs: "A quick look", a short version of the suite).
    const run = await gatesim(
      [
        "bench-policies",
        "--policy",
        "fifo",
        "--policy",
        "perishablesFirst",
        "--policy",
        "./my-rule.ts",
        "--scenarios",
        "tet-peak,fruit-season",
        "--days",
        "4",
        "--replications",
        "3",
        "--max-replications",
        "6",
        "--format",
        "json",
        "--out",
        "board.json",
        "--html",
        "board.html",
      ],
      { cwd: work },
    );
    expect(run.code, run.stderr).toBe(0);
    const board = JSON.parse(readFileSync(join(work, "board.json"), "utf8"));
    expect(existsSync(join(work, "board.html"))).toBe(true);

    // 4. The leaderboard: suite and model versions, every policy's hash, a selection with its guarantee.
    expect(board.suite).toMatchObject({ name: "congestion-v1", version: 1 });
    expect(board.suite.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(board.modelVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(board.policies.map((p: { label: string }) => p.label)).toEqual(["fifo", "perishablesFirst", "my-rule"]);
    const myHash = createHash("sha256").update(mine).digest("hex");
    expect(board.policies[2].decisions[0]).toMatchObject({ decision: "callForward", name: "my-rule", sha256: myHash });
    for (const p of board.policies) expect(p.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(board.scenarios.map((s: { id: string }) => s.id)).toEqual(["tet-peak", "fruit-season"]);
    for (const s of board.scenarios) {
      expect(s.rows).toHaveLength(3);
      expect(s.rows.map((r: { rank: number }) => r.rank)).toEqual([1, 2, 3]);
      expect(s.selection.statement).toMatch(
        /is the best policy on timeInSystemMinutesMean .* with probability at least 95 %/,
      );
      expect(["fifo", "perishablesFirst", "my-rule"]).toContain(s.selection.selectedLabel);
      expect(s.selection.totalReplications).toBeGreaterThanOrEqual(9);
      expect(s.selection.fixedBudget.total).toBeGreaterThanOrEqual(9);
      for (const r of s.rows) expect(r.kpis.timeInSystemMinutesMean.ci95).toHaveLength(2);
    }
    expect(board.overall).toHaveLength(3);
    // Departures from the suite are stated, never silent.
    expect(board.notes.join("\n")).toMatch(/horizons set to 4 day/);
    expect(board.notes.join("\n")).toMatch(/3 common replications per policy \(the suite says 10\)/);
  });
});
