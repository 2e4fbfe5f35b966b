/**
 * A/B of the gate model between two built checkouts (each with `npm run build` done): one replication of a
 * shipped scenario per process, the two checkouts alternating (A B A B ...), so that a shared host's
 * drifting load hits both alike. Each process reports the wall and CPU time of `runCompiled` alone
 * (`process.cpuUsage`, which also counts V8's compiler threads) and the event count, which must be equal
 * in every process (the change under test keeps the results bit-identical) or the bench fails.
 * `--results-differ` is for a change meant to change results (a new MODEL_VERSION): event counts may then
 * differ between A and B (each must still be the same in every process of its checkout), and the bench
 * also reports the time per arriving truck (arrivals are the same in both when only the network changed).
 * Prints each pair and the median and range of the B/A ratios; writes bench/results/gate-ab.json.
 *
 * A cold replication (the default) includes V8's compilation of the model, which differs from process to
 * process by more than a few per cent: what a one-off CLI run sees. `--warm` first runs one untimed
 * replication (index 0) in each process and times the next (index 1): the steady state of a pool thread,
 * where a change of a few per cent shows in a handful of pairs.
 *
 * `--same-process` loads both checkouts' compiled packages into one process (each keeps its own functions,
 * so its own call-site feedback), runs one untimed replication of each, then times pair k as replication
 * k + 1 of A and of B, in the order A B, then B A, alternating: on a host whose load drifts by the second
 * the two sides of a pair see the same load, and no pair pays a process's start or first compilation.
 *
 * `--a-node-flags "..."` / `--b-node-flags "..."` give one side's processes options of node itself (V8's
 * inlining budget, say); with `--b` the same checkout as `--a`, that is an A/B of the options alone. Not
 * with `--same-process`, whose one process cannot have two sets of options.
 *
 * Run: node --import tsx bench/gate-ab.bench.ts --a /path/to/checkout --b /path/to/other \
 *        [--pairs 6] [--scenario baseline-2026q1] [--days 120] [--warm | --same-process] [--results-differ]
 *        [--a-node-flags "..."] [--b-node-flags "..."]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { arg, nodeFlagsOf } from "./ab-options.js";
import { spread } from "./scaling.js";

/** What one process of one checkout measured. */
interface Sample {
  wallMs: number;
  cpuMs: number;
  events: number;
  /** Trucks that arrived in the measured period. */
  arrivals: number;
}

/**
 * What both scripts below start with: `load(dist)` gives a function running replication `rep` of the scenario
 * through a checkout's compiled package, and `time(run, rep)` measures one (wall, CPU, events, arrivals).
 */
const TIMING = `
const period = { horizonDays: Number(days), warmupDays: 3 };
async function load(dist) {
  const m = await import(dist);
  const c = m.compileScenario(m.loadShippedScenario(scenario));
  return (rep) => m.runCompiled(c, rep, c.seed, period);
}
function time(run, rep) {
  const t0 = performance.now(); const u0 = process.cpuUsage();
  const r = run(rep);
  const wallMs = performance.now() - t0; const u = process.cpuUsage(u0);
  return { wallMs, cpuMs: (u.user + u.system) / 1000, events: r.events, arrivals: r.conservation.arrivals };
}`;

/** The script each process runs: the checkout's compiled scenario package, one replication. */
const RUNNER = `
const [dist, scenario, days, warm] = process.argv.slice(1);
${TIMING}
const run = await load(dist);
if (warm === "warm") run(0);
process.stdout.write(JSON.stringify(time(run, warm === "warm" ? 1 : 0)));`;

/** The script of `--same-process`: both packages, one untimed replication each, then alternating pairs. */
const SAME_PROCESS_RUNNER = `
const [distA, distB, scenario, days, pairs] = process.argv.slice(1);
${TIMING}
const runA = await load(distA); const runB = await load(distB);
runA(0); runB(0);
const rows = [];
for (let k = 0; k < Number(pairs); k++) {
  if (k % 2 === 0) { const a = time(runA, k + 1); rows.push({ a, b: time(runB, k + 1) }); }
  else { const b = time(runB, k + 1); rows.push({ a: time(runA, k + 1), b }); }
}
process.stdout.write(JSON.stringify(rows));`;

function runSameProcess(
  a: string,
  b: string,
  scenario: string,
  days: number,
  pairs: number,
): { a: Sample; b: Sample }[] {
  const dist = (checkout: string) => pathToFileURL(resolve(checkout, "dist/scenario/index.js")).href;
  const args = [
    "--input-type=module",
    "-e",
    SAME_PROCESS_RUNNER,
    dist(a),
    dist(b),
    scenario,
    String(days),
    String(pairs),
  ];
  return JSON.parse(execFileSync(process.execPath, args, { encoding: "utf8" })) as { a: Sample; b: Sample }[];
}

function runOnce(checkout: string, nodeFlags: string[], scenario: string, days: number, warm: boolean): Sample {
  const dist = pathToFileURL(resolve(checkout, "dist/scenario/index.js")).href;
  const run = [RUNNER, dist, scenario, String(days), warm ? "warm" : "cold"];
  const args = [...nodeFlags, "--input-type=module", "-e", ...run];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(out) as Sample;
}

const a = arg("a");
const b = arg("b");
const pairs = Number(arg("pairs", "6"));
const scenario = arg("scenario", "baseline-2026q1");
const days = Number(arg("days", "120"));
const warm = process.argv.includes("--warm");
const resultsDiffer = process.argv.includes("--results-differ");
const sameProcess = process.argv.includes("--same-process");
const aFlags = nodeFlagsOf("a");
const bFlags = nodeFlagsOf("b");
if (sameProcess && aFlags.length + bFlags.length > 0) throw new Error("--same-process runs one process: no node flags");
if (sameProcess && warm) throw new Error("--same-process already times warm replications: drop --warm");
const rows: { a: Sample; b: Sample }[] = [];
const samePairs = sameProcess ? runSameProcess(a, b, scenario, days, pairs) : [];
for (let k = 0; k < pairs; k++) {
  const row = sameProcess
    ? samePairs[k]!
    : { a: runOnce(a, aFlags, scenario, days, warm), b: runOnce(b, bFlags, scenario, days, warm) };
  if (!resultsDiffer && row.a.events !== row.b.events) {
    throw new Error(`event counts differ: ${row.a.events} vs ${row.b.events} (--results-differ if that is meant)`);
  }
  // Each checkout is deterministic: its count must not change from process to process.
  for (const side of ["a", "b"] as const) {
    // (Pairs of one process are different replications.)
    if (!sameProcess && rows.length > 0 && row[side].events !== rows[0]![side].events) {
      throw new Error(
        `${side}: event count changed between processes: ${rows[0]![side].events} vs ${row[side].events}`,
      );
    }
  }
  rows.push(row);
  console.log(
    `pair ${k + 1}: A ${Math.round(row.a.cpuMs)} ms CPU (${Math.round(row.a.wallMs)} wall), B ${Math.round(row.b.cpuMs)} ms CPU (${Math.round(row.b.wallMs)} wall)`,
  );
}
const result = {
  bench: "gate-ab",
  date: new Date().toISOString(),
  a,
  b,
  aNodeFlags: aFlags,
  bNodeFlags: bFlags,
  scenario,
  days,
  mode: sameProcess
    ? "same process (replication k + 1 of each, alternating order, after one untimed replication of each)"
    : warm
      ? "warm (second replication of a process)"
      : "cold (first replication of a process)",
  events: rows[0]?.a.events,
  eventsB: rows[0]?.b.events,
  arrivals: rows[0]?.a.arrivals,
  arrivalsB: rows[0]?.b.arrivals,
  /** CPU µs per arriving truck, median over the pairs, A and B. */
  cpuUsPerTruck: {
    a: spread(
      rows.map((r) => (1000 * r.a.cpuMs) / r.a.arrivals),
      2,
    ).median,
    b: spread(
      rows.map((r) => (1000 * r.b.cpuMs) / r.b.arrivals),
      2,
    ).median,
  },
  cpuRatioBOverA: spread(
    rows.map((r) => r.b.cpuMs / r.a.cpuMs),
    3,
  ),
  wallRatioBOverA: spread(
    rows.map((r) => r.b.wallMs / r.a.wallMs),
    3,
  ),
  pairs: rows,
};
const counts =
  result.events === result.eventsB ? `${result.events} events` : `events A ${result.events}, B ${result.eventsB}`;
console.log(
  `B/A over ${pairs} pairs (${scenario}, ${days} days, ${sameProcess ? "same process" : warm ? "warm" : "cold"}, ${counts}): CPU ${result.cpuRatioBOverA.median} [${result.cpuRatioBOverA.min}–${result.cpuRatioBOverA.max}], wall ${result.wallRatioBOverA.median} [${result.wallRatioBOverA.min}–${result.wallRatioBOverA.max}]`,
);
if (resultsDiffer) {
  console.log(
    `arrivals A ${result.arrivals}, B ${result.arrivalsB}; CPU per arriving truck A ${result.cpuUsPerTruck.a} µs, B ${result.cpuUsPerTruck.b} µs`,
  );
}
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/gate-ab.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
