/**
 * A/B of the gate model between two built checkouts (each with `npm run build` done): one replication of a
 * shipped scenario per process, the two checkouts alternating (A B A B ...), so that a shared host's
 * drifting load hits both alike. Each process reports the wall and CPU time of `runCompiled` alone
 * (`process.cpuUsage`, which also counts V8's compiler threads) and the event count, which must be equal
 * in every process (the change under test keeps the results bit-identical) or the bench fails.
 * Prints each pair and the median and range of the B/A ratios; writes bench/results/gate-ab.json.
 *
 * Run: node --import tsx bench/gate-ab.bench.ts --a /path/to/checkout --b /path/to/other \
 *        [--pairs 6] [--scenario baseline-2026q1] [--days 120]
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { median } from "./scaling.js";

/** What one process of one checkout measured. */
interface Sample {
  wallMs: number;
  cpuMs: number;
  events: number;
}

/** The script each process runs: the checkout's compiled scenario package, one replication. */
const RUNNER = `
const [dist, scenario, days] = process.argv.slice(1);
const { compileScenario, loadShippedScenario, runCompiled } = await import(dist);
const c = compileScenario(loadShippedScenario(scenario));
const t0 = performance.now(); const u0 = process.cpuUsage();
const r = runCompiled(c, 0, c.seed, { horizonDays: Number(days), warmupDays: 3 });
const wallMs = performance.now() - t0; const u = process.cpuUsage(u0);
process.stdout.write(JSON.stringify({ wallMs, cpuMs: (u.user + u.system) / 1000, events: r.events }));`;

function runOnce(checkout: string, scenario: string, days: number): Sample {
  const dist = new URL(`file://${resolve(checkout, "dist/scenario/index.js")}`).href;
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", RUNNER, dist, scenario, String(days)], {
    encoding: "utf8",
  });
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
const rows: { a: Sample; b: Sample }[] = [];
for (let k = 0; k < pairs; k++) {
  const row = { a: runOnce(a, scenario, days), b: runOnce(b, scenario, days) };
  if (row.a.events !== row.b.events) throw new Error(`event counts differ: ${row.a.events} vs ${row.b.events}`);
  rows.push(row);
  console.log(
    `pair ${k + 1}: A ${Math.round(row.a.cpuMs)} ms CPU (${Math.round(row.a.wallMs)} wall), B ${Math.round(row.b.cpuMs)} ms CPU (${Math.round(row.b.wallMs)} wall)`,
  );
}
const spread = (xs: number[]) => ({
  median: +median(xs).toFixed(3),
  min: +Math.min(...xs).toFixed(3),
  max: +Math.max(...xs).toFixed(3),
});
const result = {
  bench: "gate-ab",
  date: new Date().toISOString(),
  a,
  b,
  scenario,
  days,
  events: rows[0]?.a.events,
  cpuRatioBOverA: spread(rows.map((r) => r.b.cpuMs / r.a.cpuMs)),
  wallRatioBOverA: spread(rows.map((r) => r.b.wallMs / r.a.wallMs)),
  pairs: rows,
};
console.log(
  `B/A over ${pairs} pairs (${scenario}, ${days} days, ${result.events} events): CPU ${result.cpuRatioBOverA.median} [${result.cpuRatioBOverA.min}–${result.cpuRatioBOverA.max}], wall ${result.wallRatioBOverA.median} [${result.wallRatioBOverA.min}–${result.wallRatioBOverA.max}]`,
);
mkdirSync(new URL("./results/", import.meta.url), { recursive: true });
writeFileSync(new URL("./results/gate-ab.json", import.meta.url), `${JSON.stringify(result, null, 2)}\n`);
