/**
 * `gatesim compare` starts its pool threads before it loads and compiles the scenarios (they load their
 * modules meanwhile), and still refuses a bad scenario with exit code 2 and one clear message, without
 * hanging on the started pool. GATESIM_TRACE_FILE makes the command write its phase marks
 * (bench/compare.bench.ts reads them).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { gatesim, ROOT } from "./helpers.js";

const tmp = mkdtempSync(join(tmpdir(), "gatesim-compare-start-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const SHORT = ["--days", "2", "--warmup-days", "0.25", "-r", "2", "--seed", "3", "--workers", "2"];

interface Trace {
  process: { bootstrapComplete: number; exit: number };
  marks: { name: string; at: number; detail?: Record<string, unknown> }[];
}

describe("gatesim compare, cold", () => {
  it("starts the pool before compiling the scenarios, and traces its phases and each thread's batches", async () => {
    const file = join(tmp, "trace.json");
    const r = await gatesim(["compare", "textbook/mm1", "textbook/mm1", ...SHORT, "--format", "json"], {
      env: { GATESIM_TRACE_FILE: file },
    });
    expect(r.code).toBe(0);
    expect(r.stderr).toBe("");
    const trace = JSON.parse(readFileSync(file, "utf8")) as Trace;
    const names = trace.marks.filter((m) => m.name !== "batch" && m.name !== "dispatch").map((m) => m.name);
    expect(names).toEqual([
      "cli-loaded",
      "command-start",
      "pool-created",
      "scenarios-compiled",
      "replications-start",
      "replications-done",
      "replications-aggregated",
      "printed",
    ]);
    const batches = trace.marks.filter((m) => m.name === "batch");
    expect(batches.flatMap((b) => b.detail?.tasks as number[]).sort()).toEqual([0, 1, 2, 3]);
    for (const b of batches) {
      expect(b.detail?.threadId).toBeGreaterThan(0);
      expect(b.detail?.startedAt as number).toBeGreaterThan(trace.process.bootstrapComplete);
      expect(b.detail?.threadReadyAt as number).toBeLessThanOrEqual(b.detail?.startedAt as number);
    }
    expect(trace.process.exit).toBeGreaterThanOrEqual(trace.marks.at(-1)?.at as number);
  });

  it("refuses a bad scenario with exit code 2 and one message, the started pool closed", async () => {
    const bad = join(tmp, "bad.yaml");
    const mm1 = readFileSync(join(ROOT, "scenarios", "textbook", "mm1.yaml"), "utf8");
    writeFileSync(bad, mm1.replace("servers: 1", "servers: -1"));
    const r = await gatesim(["compare", "textbook/mm1", bad, ...SHORT]);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("servers");
    expect(r.stderr.match(/invalid scenario/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it("refuses a missing scenario file with exit code 2", async () => {
    const r = await gatesim(["compare", "textbook/mm1", join(tmp, "missing.yaml"), ...SHORT]);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("scenario file not found");
  });

  it("runs its pool when node itself was given V8 options (they are process-wide; a worker's execArgv refuses them)", async () => {
    // Default values, so only the plumbing is tested: `node --max-old-space-size=4096 bin/gatesim.js ...`
    // used to fail with "Initiated Worker with invalid execArgv flags".
    const r = await gatesim(["compare", "textbook/mm1", "textbook/mm1", ...SHORT, "--format", "json"], {
      nodeArgs: ["--stack-size=984", "--max-old-space-size=2048"],
    });
    expect(r.stderr).toBe("");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).differences).toHaveLength(1);
  });

  it("writes no trace without GATESIM_TRACE_FILE", async () => {
    const r = await gatesim(["compare", "textbook/mm1", "textbook/mm1", ...SHORT, "--format", "json"], {
      env: { GATESIM_TRACE_FILE: "" },
    });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).differences).toHaveLength(1);
  });
});
