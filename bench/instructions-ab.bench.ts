/**
 * A/B of the gate model in instructions, not seconds: valgrind's cachegrind counts the instructions one
 * replication executes in each of two built checkouts. On a shared host whose speed drifts by ±5 % from
 * minute to minute, a change worth 1–3 % cannot be seen in wall or CPU time without dozens of pairs;
 * the instruction count of the same replication is repeatable to about 0.1 %. It is a proxy (a cache
 * miss costs more than an add), so a change that saves instructions is then confirmed in time
 * (gate-ab.bench.ts); one that does not save any is not worth timing.
 *
 * Node runs with `--single-threaded`, so V8 compiles on the main thread and the count includes the
 * optimizing compiler's work: `--replication first` (the default) measures the first replication of a
 * process, compilation and all (what a CLI run and a pool thread's first task pay); `--replication
 * second` (or third, fourth) measures that one alone: closer to the steady state, though code compiled
 * in the first replication can still be replaced in the second. Each
 * figure is the difference of two processes: one that runs N replications and one that runs N - 1, so
 * that node's own start and the scenario's compilation cancel out.
 *
 * Needs valgrind (Debian's `valgrind` package); without it the bench says so and exits with code 2.
 * Run: node --import tsx bench/instructions-ab.bench.ts --a /path/to/checkout --b /path/to/other
 *        [--scenario baseline-2026q1] [--days 10] [--replication first|second|third|fourth]
 *        [--a-node-flags "..."] [--b-node-flags "..."]
 * Writes bench/results/instructions-ab.json. Four processes, two at a time; 10 days take about a minute.
 */
import { execFile, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import { arg, nodeFlagsOf } from "./ab-options.js";

const run = promisify(execFile);

/** The script each process runs: `reps` replications of the scenario through a checkout's package. */
const RUNNER = `
const [dist, scenario, days, reps] = process.argv.slice(1);
const m = await import(dist);
const c = m.compileScenario(m.loadShippedScenario(scenario));
for (let i = 0; i < Number(reps); i++) m.runCompiled(c, i, c.seed, { horizonDays: Number(days), warmupDays: 3 });`;

/** Instructions executed by one node process running `reps` replications (cachegrind's "I refs"). */
async function instructions(checkout: string, flags: string[], scenario: string, days: number, reps: number) {
  const dist = pathToFileURL(resolve(checkout, "dist/scenario/index.js")).href;
  const args = [
    "--tool=cachegrind",
    "--cache-sim=no",
    "--cachegrind-out-file=/dev/null",
    process.execPath,
    "--predictable",
    "--hash-seed=1",
    "--random-seed=1",
    ...flags,
    "--input-type=module",
    "-e",
    RUNNER,
    dist,
    scenario,
    String(days),
    String(reps),
  ];
  const { stderr } = await run("valgrind", args, { maxBuffer: 16 * 1024 * 1024 });
  const m = /I\s+refs:\s+([\d,]+)/.exec(stderr);
  if (!m) throw new Error(`no instruction count in valgrind's output:\n${stderr.slice(-2000)}`);
  return Number(m[1]!.replaceAll(",", ""));
}

if (spawnSync("valgrind", ["--version"]).status !== 0) {
  console.error("instructions-ab: valgrind is not installed (Debian: apt-get install valgrind)");
  process.exit(2);
}
const a = arg("a");
const b = arg("b");
const scenario = arg("scenario", "baseline-2026q1");
const days = Number(arg("days", "10"));
const which = arg("replication", "first");
const ORDINALS = ["first", "second", "third", "fourth"];
if (!ORDINALS.includes(which)) throw new Error(`--replication is one of ${ORDINALS.join(", ")}`);
const aFlags = nodeFlagsOf("a");
const bFlags = nodeFlagsOf("b");
const n = ORDINALS.indexOf(which) + 1;
// Two at a time: the host has two cores, and each valgrind process uses one.
const [a0, b0] = await Promise.all([
  instructions(a, aFlags, scenario, days, n - 1),
  instructions(b, bFlags, scenario, days, n - 1),
]);
const [a1, b1] = await Promise.all([
  instructions(a, aFlags, scenario, days, n),
  instructions(b, bFlags, scenario, days, n),
]);
const da = a1 - a0;
const db = b1 - b0;
const result = {
  bench: "instructions-ab",
  date: new Date().toISOString(),
  a,
  b,
  aNodeFlags: aFlags,
  bNodeFlags: bFlags,
  scenario,
  days,
  replication: which,
  instructions: { a: da, b: db },
  ratioBOverA: Math.round((db / da) * 10_000) / 10_000,
  processes: { a: [a0, a1], b: [b0, b1] },
};
console.log(
  `${which} replication of ${scenario} (${days} days): A ${(da / 1e9).toFixed(4)} G instructions, B ${(db / 1e9).toFixed(4)} G, B/A ${result.ratioBOverA}`,
);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/instructions-ab.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
