/**
 * A/B of the gate model between two built checkouts (each with `npm run build` done): one replication of a
 * shipped scenario per process, the two checkouts alternating (A B A B ...), so that a shared host's
 * drifting load hits both alike. Each process reports the wall and CPU time of `runCompiled` alone
 * (`process.cpuUsage`, which also counts V8's compiler threads) and the event count, which must be equal
 * in every process (the change under test keeps the results bit-identical) or the bench fails.
 * Prints each pair and the median and range of the B/A ratios; writes bench/results/gate-ab.json.
 *
 * A cold replication (the default) includes V8's compilation of the model, which differs from process to
 * process by more than a few per cent: what a one-off CLI run sees. `--warm` first runs one untimed
 * replication (index 0) in each process and times the next (index 1): the steady state of a pool thread,
 * where a change of a few per cent shows in a handful of pairs.
 *
 * Run: node --import tsx bench/gate-ab.bench.ts --a /path/to/checkout --b /path/to/other \
 *        [--pairs 6] [--scenario baseline-2026q1] [--days 120] [--warm]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { spread } from "./scaling.js";

/** What one process of one checkout measured. */
interface Sample {
  wallMs: number;
  cpuMs: number;
  events: number;
}

/** The script each process runs: the checkout's compiled scenario package, one replication. */
const RUNNER = `
const [dist, scenario, days, warm] = process.argv.slice(1);
const { compileScenario, loadShippedScenario, runCompiled } = await import(dist);
const c = compileScenario(loadShippedScenario(scenario));
const period = { horizonDays: Number(days), warmupDays: 3 };
if (warm === "warm") runCompiled(c, 0, c.seed, period);
const t0 = performance.now(); const u0 = process.cpuUsage();
const r = runCompiled(c, warm === "warm" ? 1 : 0, c.seed, period);
const wallMs = performance.now() - t0; const u = process.cpuUsage(u0);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (u.user + u.system) / 1000, events: r.events }));`;

function runOnce(checkout: string, scenario: string, days: number, warm: boolean): Sample {
  const dist = pathToFileURL(resolve(checkout, "dist/scenario/index.js")).href;
  const args = ["--input-type=module", "-e", RUNNER, dist, scenario, String(days), warm ? "warm" : "cold"];
  const out = execFileSync(process.execPath, args, { encoding: "utf8" });
  return JSON.parse(out) as Sample;
}

function arg(name: string, fallback?: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? process.argv[i + 1] : fallback;
  if (v === undefined) throw new Error(`--${name} is required`);
  return v;
}

const a = arg("a");
const b = arg("b");
const pairs = Number(arg("pairs", "6"));
const scenario = arg("scenario", "baseline-2026q1");
const days = Number(arg("days", "120"));
const warm = process.argv.includes("--warm");
const rows: { a: Sample; b: Sample }[] = [];
for (let k = 0; k < pairs; k++) {
  const row = { a: runOnce(a, scenario, days, warm), b: runOnce(b, scenario, days, warm) };
  if (row.a.events !== row.b.events) throw new Error(`event counts differ: ${row.a.events} vs ${row.b.events}`);
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
  scenario,
  days,
  mode: warm ? "warm (second replication of a process)" : "cold (first replication of a process)",
  events: rows[0]?.a.events,
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
console.log(
  `B/A over ${pairs} pairs (${scenario}, ${days} days, ${warm ? "warm" : "cold"}, ${result.events} events): CPU ${result.cpuRatioBOverA.median} [${result.cpuRatioBOverA.min}–${result.cpuRatioBOverA.max}], wall ${result.wallRatioBOverA.median} [${result.wallRatioBOverA.min}–${result.wallRatioBOverA.max}]`,
);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/gate-ab.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
