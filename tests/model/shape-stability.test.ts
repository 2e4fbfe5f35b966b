/**
 * Simulated time passes 2^31 ms (24.8 days) in every month-long run. Fields that held only small
 * integers until then would switch V8 representation there, changing the hidden class of the kernel's
 * objects and throwing away the optimized code of every function touching them (35 "wrong map"
 * deoptimizations in one 30-day baseline run before the fix; each thread then re-optimizes, which is
 * what made the first replication in every pool thread slow). The kernel gives such fields the double
 * representation from the start (see the Simulation constructor); this runs a 30-day replication under
 * `--trace-deopt` in a child process and counts.
 */
import { spawnSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, "../..");

describe("object shapes across 2^31 ms", () => {
  it("a 30-day replication causes no wrong-map deoptimizations", () => {
    const child = spawnSync(
      process.execPath,
      ["--import", "tsx", "--trace-deopt", join(here, "fixtures/long-replication.ts")],
      { cwd: root, encoding: "utf8", timeout: 120_000, maxBuffer: 64 * 1024 * 1024 },
    );
    expect(child.status, child.stderr).toBe(0);
    const out = child.stdout;
    const begin = out.indexOf("@@ begin");
    const end = out.indexOf("@@ end");
    expect(begin).toBeGreaterThanOrEqual(0);
    expect(end).toBeGreaterThan(begin);
    expect(out.slice(end)).toMatch(/@@ end [1-9]\d* kpis/);
    const run = out.slice(begin, end);
    // The trace must be there: a month-long run always deoptimizes something (type feedback grows).
    expect(run).toMatch(/bailout \(kind: deopt/);
    const wrongMap = run.split("\n").filter((l) => l.includes("reason: wrong map"));
    expect(wrongMap.length, wrongMap.join("\n")).toBeLessThanOrEqual(2);
  }, 150_000);
});
