/**
 * `gatesim bench-policies`: a list of policies over a versioned suite of shipped scenarios, with common
 * random numbers, the suite's KPIs and a ranking-and-selection guarantee per scenario; the leaderboard as a
 * table, JSON or CSV, and optionally an HTML page with charts.
 */
import { writeFileSync } from "node:fs";
import { type Command, Option } from "@commander-js/extra-typings";
import {
  loadPolicyList,
  loadSuite,
  type PolicyEntry,
  parsePolicySpec,
  runPolicyBenchmark,
} from "../../runner/index.js";
import { leaderboardCsvRows, renderLeaderboardHtml, renderLeaderboardTable } from "../../stats/index.js";
import {
  CLI_COMPILE,
  chartLibraries,
  FORMATS,
  type Format,
  makeExecutor,
  parseDays,
  parseNonNegativeInt,
  parsePositiveInt,
  parseShare,
  progressBar,
  toCsv,
  toJson,
  writeData,
} from "../common.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";

const EXAMPLES = `
Examples:
  $ gatesim bench-policies --policy fifo --policy perishablesFirst --policy ./my-rule.ts
  $ gatesim bench-policies --policy fifo --policy "ageing90=perishablesAgeing?headStartMinutes=90" --html board.html
  $ gatesim bench-policies --policies my-policies.yaml --suite congestion-v1 --format csv --out board.csv
  $ gatesim bench-policies --policy fifo --policy ./my-rule.ts --scenarios fruit-season,december-2021 --days 7

A policy is a built-in name (fifo, perishablesFirst, ...), decision:name (callForward:fifo), a policy file
(./my-rule.ts, its decision read from the file) or module:<installed name>, optionally label=... and
?key=value&... for parameters. Every policy runs the same seeds and replication indices (common random
numbers); the selection procedure (Kim & Nelson's KN, or NM) adds replications only to policies still in
contention, and states its guarantee. Departures from the suite (--days, -r, --scenarios, selection
settings) are listed in the leaderboard: results are comparable only under the suite's own settings.`;

/** Registers `bench-policies` on the program. */
export function registerBenchPoliciesCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("bench-policies")
    .description("rank policies over a versioned benchmark suite, with a ranking-and-selection guarantee")
    .option("--suite <name|file>", "shipped suite name or suite file", "congestion-v1")
    .option(
      "--policy <spec>",
      "a policy to compare (repeatable)",
      (v: string, prev: string[]) => [...prev, v],
      [] as string[],
    )
    .option("--policies <file>", "a YAML list of policies (label plus the policies: entries each sets)")
    .option("--scenarios <ids>", "only these scenario ids of the suite (comma-separated)")
    .option("-r, --replications <n>", "common replications per policy (default: the suite's)", parsePositiveInt)
    .option("--days <d>", "horizon of every scenario instead of the suite's (stated in the leaderboard)", parseDays)
    .option("--kpi <name>", "selection KPI (default: the suite's)")
    .option("--maximize", "higher is better for the selection KPI (default: the suite's sense)")
    .option("--delta <x>", "indifference zone in the KPI's unit (default: the suite's)", parseFloat)
    .addOption(
      new Option("--alpha <a>", "1 − α is the guaranteed probability (default: the suite's)").argParser(parseShare),
    )
    .addOption(
      new Option("--procedure <p>", "selection procedure (default: the suite's)").choices(["KN", "NM"] as const),
    )
    .option("--max-replications <n>", "budget per policy (default: the suite's)", parsePositiveInt)
    .option("-w, --workers <n>", "worker threads (0 = this thread; default: available cores)", parseNonNegativeInt)
    .option("--redis <url>", "run replications on `gatesim worker` processes through this Redis (default: REDIS_URL)")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table" as Format))
    .option("-o, --out <file>", "write the data to this file instead of stdout")
    .option("--html <file.html>", "also write the leaderboard as an HTML page with charts")
    .addHelpText("after", EXAMPLES)
    .action(async (opts) => {
      const c = ctx();
      const entries: PolicyEntry[] = [];
      if (opts.policies !== undefined) entries.push(...loadPolicyList(opts.policies));
      for (const spec of opts.policy) entries.push(parsePolicySpec(spec, CLI_COMPILE));
      if (entries.length < 2)
        throw new CliError(
          "bench-policies needs at least two policies (--policy ... --policy ..., or --policies file)",
        );
      const labels = new Set<string>();
      for (const e of entries) {
        if (labels.has(e.label)) throw new CliError(`two policies are labelled "${e.label}": give one a label=...`);
        labels.add(e.label);
      }
      if (opts.delta !== undefined && !(opts.delta > 0)) throw new CliError("--delta must be a positive number");
      const suite = loadSuite(opts.suite);
      const executor = makeExecutor(opts.workers, 1000, opts.redis);
      const bar = progressBar(c, "bench-policies");
      try {
        const selection = {
          ...(opts.kpi === undefined ? {} : { kpi: opts.kpi }),
          ...(opts.maximize === undefined ? {} : { minimize: !opts.maximize }),
          ...(opts.delta === undefined ? {} : { delta: opts.delta }),
          ...(opts.alpha === undefined ? {} : { alpha: opts.alpha }),
          ...(opts.procedure === undefined ? {} : { procedure: opts.procedure }),
          ...(opts.maxReplications === undefined ? {} : { maxReplications: opts.maxReplications }),
        };
        const report = await runPolicyBenchmark({
          suite,
          policies: entries,
          executor,
          compileOptions: CLI_COMPILE,
          signal: c.signal,
          selection,
          ...(opts.scenarios === undefined ? {} : { scenarios: opts.scenarios.split(",").map((s) => s.trim()) }),
          ...(opts.replications === undefined ? {} : { replications: opts.replications }),
          ...(opts.days === undefined ? {} : { horizonDays: opts.days }),
          ...(bar.onProgress === undefined ? {} : { onProgress: bar.onProgress }),
        });
        bar.stop();
        if (opts.html !== undefined) {
          writeFileSync(opts.html, renderLeaderboardHtml(report, chartLibraries()));
          c.writeErr(`gatesim: wrote ${opts.html}\n`);
        }
        const text =
          opts.format === "json"
            ? toJson(report)
            : opts.format === "csv"
              ? toCsv(leaderboardCsvRows(report))
              : renderLeaderboardTable(report);
        writeData(c, text, opts.out);
      } finally {
        bar.stop();
        await executor.close();
      }
    });
}
