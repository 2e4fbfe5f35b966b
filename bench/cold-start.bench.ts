/**
 * Cold start of the compiled build (dist/, as users run it):
 * - the CLI's own start: `gatesim --version` against a bare `node -e 0`, alternated over rounds
 *   (the difference is what gatesim adds to Node's own start-up);
 * - a pool thread's first replications of a 30-day baseline, through the product's own pool entry
 *   (workerSpec(), a fresh piscina thread per sample, nothing compiled yet), against its steady state
 *   (the last of them). Replication 0 pays V8's optimizing compilation of the model.
 * Run: `node --import tsx bench/cold-start.bench.ts [--quick]` after `npm run build`; writes
 * bench/results/cold-start.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { median, round2 } from "./scaling.js";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..");
const dist = join(root, "dist");
/** Replications timed in each fresh thread; the last one is the steady state. */
const REPLICATIONS = 4;

/** Wall ms of one process run. */
function wallOf(args: string[]): number {
  const t0 = performance.now();
  const out = spawnSync(process.execPath, args, { cwd: root, encoding: "utf8", timeout: 60_000 });
  const ms = performance.now() - t0;
  if (out.status !== 0) throw new Error(`${args.join(" ")} failed: ${out.stderr}`);
  return ms;
}

/** A fresh process with one pool thread (the product's worker entry) timing replications 0..n-1. */
function poolThreadSample(): number[] {
  const script = `
    const { Piscina } = await import("piscina");
    const runner = await import(${JSON.stringify(pathToFileURL(join(dist, "runner", "index.js")).href)});
    const scenario = await import(${JSON.stringify(pathToFileURL(join(dist, "scenario", "index.js")).href)});
    const compiled = scenario.compileScenario(
      scenario.applyOverrides(scenario.loadShippedScenario("baseline-2026q1"), { horizonDays: 30, warmupDays: 3 }),
    );
    const spec = runner.workerSpec();
    const pool = new Piscina({ filename: spec.filename, execArgv: spec.execArgv, minThreads: 1, maxThreads: 1 });
    const ms = [];
    for (let i = 0; i < ${REPLICATIONS}; i++) {
      const t0 = performance.now();
      const reply = await pool.run({ template: { compiled, seed: 1 }, replications: [i], cancelFlag: new Int32Array(new SharedArrayBuffer(4)) });
      if (!reply.items[0].ok) throw new Error(JSON.stringify(reply.items[0]));
      ms.push(Math.round(performance.now() - t0));
    }
    await pool.destroy();
    process.stdout.write(JSON.stringify(ms));`;
  const out = spawnSync(process.execPath, ["--input-type=module", "-e", script], {
    cwd: root,
    encoding: "utf8",
    timeout: 300_000,
  });
  if (out.status !== 0) throw new Error(`pool-thread sample failed: ${out.stderr}`);
  return JSON.parse(out.stdout.trim()) as number[];
}

/** Runs the benchmark and writes bench/results/cold-start.json; returns the figures. */
export function runColdStartBench(options: { quick?: boolean } = {}) {
  if (!existsSync(join(dist, "version.json"))) throw new Error("dist/ is not built: run `npm run build` first");
  const rounds = options.quick ? 5 : 15;
  const bare: number[] = [];
  const version: number[] = [];
  for (let k = 0; k < rounds; k++) {
    bare.push(wallOf(["-e", "0"]));
    version.push(wallOf([join(root, "bin", "gatesim.js"), "--version"]));
  }
  const samples = options.quick ? 2 : 5;
  const runs = Array.from({ length: samples }, poolThreadSample);
  const replicationMs = Array.from({ length: REPLICATIONS }, (_, i) => median(runs.map((r) => r[i] as number)));
  const first = replicationMs[0] as number;
  const steady = replicationMs[REPLICATIONS - 1] as number;
  const result = {
    cli: {
      rounds,
      versionMs: Math.round(median(version)),
      bareNodeMs: Math.round(median(bare)),
      addedByGatesimMs: Math.round(median(version) - median(bare)),
      target: "gatesim --version < 150 ms",
      meetsTarget: median(version) < 150,
    },
    poolThread: {
      scenario: "baseline-2026q1",
      horizonDays: 30,
      samples,
      /** Median wall ms of replication 0, 1, ... in a fresh pool thread (dispatch included). */
      replicationMs,
      firstOverSteady: round2(first / steady),
      target: "first replication <= 1.5 x steady state",
      meetsTarget: first <= 1.5 * steady,
      runs,
    },
    node: process.version,
    date: new Date().toISOString(),
  };
  const file = join(here, "results", "cold-start.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);
  return result;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = runColdStartBench({ quick: process.argv.includes("--quick") });
  console.log(
    `gatesim --version: ${r.cli.versionMs} ms (bare node ${r.cli.bareNodeMs} ms; medians of ${r.cli.rounds} alternated runs)`,
  );
  console.log(
    `pool thread, 30-day baseline: replications ${r.poolThread.replicationMs.join(", ")} ms; first / steady ${r.poolThread.firstOverSteady} (medians of ${r.poolThread.samples} fresh threads)`,
  );
}
