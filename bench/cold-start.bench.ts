/**
 * Cold start of the gate model: the first replications of a 30-day baseline in a fresh process, where
 * V8 still has to optimize the model. Each sample is its own child process (nothing compiled yet), and
 * reports replications 0, 1 and 2 in order; the steady state is reached by the third. What a fresh pool
 * thread pays before it runs at full speed (see pool.bench.ts, cold regime).
 * Run: `node --import tsx bench/cold-start.bench.ts [--quick]`; writes bench/results/cold-start.json.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { median } from "./scaling.js";

const here = dirname(fileURLToPath(import.meta.url));
const REPLICATIONS = 3;

/** Child mode: time replications 0..REPLICATIONS-1 and print them as one JSON line. */
async function child(): Promise<void> {
  const { simulate } = await import("../src/model/index.js");
  const { applyOverrides, compileScenario, loadShippedScenario } = await import("../src/scenario/index.js");
  const compiled = compileScenario(
    applyOverrides(loadShippedScenario("baseline-2026q1"), { horizonDays: 30, warmupDays: 3 }),
  );
  const ms: number[] = [];
  for (let i = 0; i < REPLICATIONS; i++) {
    const t0 = performance.now();
    simulate(compiled.config, { seed: 1, replication: i, horizonDays: 30, warmupDays: 3 });
    ms.push(Math.round(performance.now() - t0));
  }
  process.stdout.write(`${JSON.stringify(ms)}\n`);
}

/** Runs the benchmark and writes bench/results/cold-start.json; returns the figures. */
export function runColdStartBench(options: { quick?: boolean } = {}) {
  const samples = options.quick ? 2 : 5;
  const runs: number[][] = [];
  for (let k = 0; k < samples; k++) {
    const out = spawnSync(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--child"], {
      cwd: join(here, ".."),
      encoding: "utf8",
      timeout: 120_000,
    });
    if (out.status !== 0) throw new Error(`cold-start child failed: ${out.stderr}`);
    runs.push(JSON.parse(out.stdout.trim()) as number[]);
  }
  const medians = Array.from({ length: REPLICATIONS }, (_, i) => median(runs.map((r) => r[i] as number)));
  const result = {
    scenario: "baseline-2026q1",
    horizonDays: 30,
    samples,
    /** Median wall ms of replication 0, 1, 2 in a fresh process. */
    replicationMs: medians,
    /** Replication 0's extra time over the steady state (replication 2): the JIT's warm-up. */
    firstReplicationExtraMs: (medians[0] as number) - (medians[REPLICATIONS - 1] as number),
    runs,
    node: process.version,
    date: new Date().toISOString(),
  };
  const file = join(here, "results", "cold-start.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (process.argv.includes("--child")) await child();
  else {
    const r = runColdStartBench({ quick: process.argv.includes("--quick") });
    console.log(
      `30-day baseline in a fresh process: replications 0, 1, 2 take ${r.replicationMs.join(", ")} ms (medians of ${r.samples})`,
    );
  }
}
