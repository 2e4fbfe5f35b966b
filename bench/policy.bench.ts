/**
 * What a researcher's policy module costs: the baseline (30 days, province scope; its call-forward stages
 * are the staging yard, the export gate and the park yard) with its built-in call-forward rule against the
 * same rule as a module, and the built-in `perishablesAgeing` against the shipped example module that
 * re-implements it (same ranks, same events). Each arm runs in its own process (so the JIT of one does not
 * colour the other), arms alternate over rounds, and the ratio of median events per CPU second is reported
 * (CPU time, not wall time: on a shared machine other processes stretch the wall clock of one arm and not
 * the other; wall-time figures are kept too). The target is that a plug-in rule costs at most 20 % (ratio
 * >= 0.8). Writes bench/results/policy.json.
 *
 * Run: `node --import tsx bench/policy.bench.ts [--rounds 7] [--days 30] [--replications 2]`.
 */
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const HERE = fileURLToPath(import.meta.url);
const ROOT = join(dirname(HERE), "..");

/** The arms: a label and the call-forward reference put into the baseline. */
const ARMS: Record<string, unknown> = {
  "built-in fifo": "fifo",
  "module fifo": { module: "FIFO_MODULE" },
  "built-in perishablesAgeing": { rule: "perishablesAgeing", params: { headStartMinutes: 120 } },
  "module perishables-ageing": { module: join(ROOT, "policies/examples/perishables-ageing.ts") },
};

/** One arm's measurement in one process. */
interface ArmRun {
  arm: string;
  events: number;
  wallMs: number[];
  /** CPU time (user + system) of the timed replications, ms: robust to other processes on a shared machine. */
  cpuMs: number[];
  /** Events per second of CPU time. */
  eventsPerSecond: number;
  /** Events per second of wall time. */
  eventsPerWallSecond: number;
}

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Child: runs one arm (one warm-up replication, then `replications` timed ones) and prints JSON. */
async function child(arm: string, days: number, replications: number, fifoFile: string): Promise<void> {
  const { applyOverrides, compileScenario, loadShippedScenario } = await import("../src/scenario/index.js");
  const { runReplication } = await import("../src/runner/index.js");
  let ref = ARMS[arm];
  if (typeof ref === "object" && ref !== null && (ref as { module?: string }).module === "FIFO_MODULE") {
    ref = { module: fifoFile };
  }
  const compiled = compileScenario(
    applyOverrides(loadShippedScenario("baseline-2026q1"), { "policies.callForward": ref }),
    { policyPaths: true },
  );
  runReplication(compiled, compiled.seed, 99, { horizonDays: days });
  const wallMs: number[] = [];
  const cpuMs: number[] = [];
  let events = 0;
  for (let i = 0; i < replications; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const r = runReplication(compiled, compiled.seed, i, { horizonDays: days });
    const c = process.cpuUsage(c0);
    cpuMs.push((c.user + c.system) / 1000);
    wallMs.push(performance.now() - t0);
    events += r.events;
  }
  const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
  const run: ArmRun = {
    arm,
    events,
    wallMs,
    cpuMs,
    eventsPerSecond: (events * 1000) / sum(cpuMs),
    eventsPerWallSecond: (events * 1000) / sum(wallMs),
  };
  process.stdout.write(JSON.stringify(run));
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Options of the benchmark (`quick`: 2 rounds of 10 days, for `npm run bench -- --quick`). */
export interface PolicyBenchOptions {
  quick?: boolean;
  rounds?: number;
  days?: number;
  replications?: number;
}

/** Runs the benchmark (arms in child processes, alternating) and writes bench/results/policy.json. */
export async function runPolicyBench(options: PolicyBenchOptions = {}): Promise<Record<string, unknown>> {
  const rounds = options.rounds ?? (options.quick ? 2 : 7);
  const days = options.days ?? (options.quick ? 10 : 30);
  const replications = options.replications ?? (options.quick ? 1 : 2);
  const tmp = mkdtempSync(join(tmpdir(), "gatesim-policy-bench-"));
  const fifoFile = join(tmp, "fifo.ts");
  writeFileSync(
    fifoFile,
    'import type { CallForwardPolicy } from "gatesim/policy";\nconst p: CallForwardPolicy = { decision: "callForward", rank: () => 0 };\nexport default p;\n',
  );
  const runs: ArmRun[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      // Alternate the order of the arms from round to round, so a drift of the machine hits them all.
      const arms = Object.keys(ARMS);
      if (round % 2 === 1) arms.reverse();
      for (const arm of arms) {
        const out = execFileSync(
          process.execPath,
          [
            "--import",
            "tsx",
            HERE,
            "--arm",
            arm,
            "--days",
            String(days),
            "--replications",
            String(replications),
            "--fifo-module",
            fifoFile,
          ],
          { cwd: ROOT, encoding: "utf8", maxBuffer: 1 << 20 },
        );
        const run = JSON.parse(out) as ArmRun;
        runs.push(run);
        console.error(
          `round ${round + 1}/${rounds} ${arm}: ${Math.round(run.eventsPerSecond).toLocaleString()} events/s`,
        );
      }
    }
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const medians: Record<string, number> = {};
  for (const arm of Object.keys(ARMS))
    medians[arm] = median(runs.filter((r) => r.arm === arm).map((r) => r.eventsPerSecond));
  const ratio = (a: string, b: string): number => (medians[a] as number) / (medians[b] as number);
  const report = {
    benchmark: "policy",
    scenario: "baseline-2026q1",
    days,
    rounds,
    replicationsPerProcess: replications,
    node: process.version,
    medianEventsPerCpuSecond: medians,
    ratios: {
      moduleFifoOverBuiltinFifo: ratio("module fifo", "built-in fifo"),
      moduleAgeingOverBuiltinAgeing: ratio("module perishables-ageing", "built-in perishablesAgeing"),
      moduleAgeingOverBaseline: ratio("module perishables-ageing", "built-in fifo"),
    },
    target: "a plug-in call-forward rule keeps >= 0.8 of the baseline's events per second",
    runs,
  };
  const file = join(ROOT, "bench", "results", "policy.json");
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  for (const [k, v] of Object.entries(report.ratios)) console.log(`${k}: ${v.toFixed(3)}`);
  console.log(`wrote ${file}`);
  return report;
}

if (process.argv[1] && HERE === process.argv[1]) {
  const armIndex = process.argv.indexOf("--arm");
  if (armIndex >= 0) {
    const fifo = process.argv[process.argv.indexOf("--fifo-module") + 1] as string;
    await child(process.argv[armIndex + 1] as string, arg("days", 30), arg("replications", 3), fifo);
  } else {
    await runPolicyBench({ rounds: arg("rounds", 7), days: arg("days", 30), replications: arg("replications", 2) });
  }
}
