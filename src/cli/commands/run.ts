/** `gatesim run <scenario>`: one experiment (N replications) and its report with 95 % intervals. */
import { writeFileSync } from "node:fs";
import { type Command, Option } from "@commander-js/extra-typings";
import { experimentReport, runExperiment, type SequentialOptions, type WarmupOption } from "../../runner/index.js";
import { REPORT_LANGS, renderHtmlReport, renderReportTable, reportCsvRows } from "../../stats/index.js";
import {
  addExperimentOptions,
  chartLibraries,
  compileScenarioArg,
  makeExecutor,
  optionalRunOptions,
  parsePositiveInt,
  parseShare,
  progressBar,
  toCsv,
  toJson,
  warnSingleReplication,
  writeData,
} from "../common.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";
import { addRunExtraOptions, checkRunExtras, perReplicationText, writeEventLog } from "../run-extras.js";

const EXAMPLES = `
Examples:
  $ gatesim run textbook/mm1 --replications 20 --seed 7
  $ gatesim run baseline-2026q1 --days 30 --format json --out baseline.json
  $ gatesim run baseline-2026q1 --report baseline.html
  $ gatesim run my-scenario.yaml --set stages.xray.servers=3 --format csv
  $ gatesim run baseline-2026q1 --warmup-detect sampled.nh1aQueue
  $ gatesim run baseline-2026q1 --target-half-width 0.05 --kpi timeInSystemMinutesMean --max-replications 100
  $ gatesim run baseline-2026q1 -r 20 --per-replication --format csv --out reps.csv
  $ gatesim run xray-outage --event-log outage.csv.gz --event-log-replication 3

Data goes to stdout (or --out); messages and the progress bar go to stderr.
The JSON report's "timing" is its only non-deterministic part. Exit codes: 0 ok, 1 failure, 2 bad input, 130 cancelled.`;

/** Registers `run` on the program. */
export function registerRunCommand(program: Command, ctx: () => CliContext): void {
  addRunExtraOptions(
    addExperimentOptions(
      program
        .command("run")
        .description("run replications of one scenario and report every KPI with a 95 % confidence interval")
        .argument("<scenario>", "shipped scenario name (e.g. baseline-2026q1, textbook/mm1) or a YAML/JSON file"),
    ),
  )
    .option("--report <file.html>", "also write a self-contained HTML report with charts")
    .addOption(new Option("--report-lang <lang>", "language of the HTML report").choices(REPORT_LANGS).default("en"))
    .option(
      "--warmup-detect <series>",
      "detect the warm-up by MSER-5 on a pilot run of this series (daily.<name> or sampled.<name>)",
    )
    .addOption(
      new Option(
        "--target-half-width <share>",
        "sequential mode: add replications until the KPI's 95 % half-width is below this share of its mean",
      ).argParser(parseShare),
    )
    .option("--kpi <name>", "the KPI of sequential mode", "timeInSystemMinutesMean")
    .option("--max-replications <n>", "sequential mode: cap on replications", parsePositiveInt, 200)
    .addHelpText("after", EXAMPLES)
    .action(async (scenarioArg, opts) => {
      const c = ctx();
      if (opts.warmupDetect !== undefined && opts.warmupDays !== undefined) {
        throw new CliError("--warmup-days and --warmup-detect are exclusive");
      }
      let warmup: WarmupOption | undefined;
      if (opts.warmupDays !== undefined) warmup = { days: opts.warmupDays };
      if (opts.warmupDetect !== undefined) warmup = { mser5: { series: opts.warmupDetect } };
      let sequential: SequentialOptions | undefined;
      if (opts.targetHalfWidth !== undefined) {
        sequential = {
          kpi: opts.kpi,
          relativeHalfWidth: opts.targetHalfWidth,
          maxReplications: Math.max(opts.maxReplications, opts.replications),
        };
      }
      const replications = sequential === undefined ? opts.replications : Math.max(2, opts.replications);
      checkRunExtras(opts, replications, sequential !== undefined);
      warnSingleReplication(c, replications);
      // The pool first: its threads load their modules while this thread loads and compiles the scenario.
      const executor = makeExecutor(opts.workers, sequential?.maxReplications ?? replications, opts.redis);
      let bar: ReturnType<typeof progressBar> | undefined;
      try {
        const { compiled } = compileScenarioArg(scenarioArg, opts.set);
        bar = progressBar(c, compiled.name);
        c.logger.info(
          {
            scenario: compiled.name,
            hash: compiled.hash,
            seed: opts.seed ?? compiled.seed,
            replications,
            executor: executor.name,
          },
          "run started",
        );
        const result = await runExperiment({
          compiled,
          replications,
          seed: opts.seed ?? compiled.seed,
          executor,
          signal: c.signal,
          ...(warmup === undefined ? {} : { warmup }),
          ...(sequential === undefined ? {} : { sequential }),
          ...optionalRunOptions({ days: opts.days }, bar.onProgress),
        });
        bar.stop();
        const report = experimentReport(result);
        if (result.warmup.method === "mser5") {
          c.writeErr(
            `gatesim: MSER-5 on ${result.warmup.series} chose a warm-up of ${result.warmup.days} day(s)${result.warmup.detection?.reliable === false ? " (at the search limit: the run may be too short)" : ""}\n`,
          );
        }
        if (result.sequential !== undefined) {
          const s = result.sequential;
          c.writeErr(
            `gatesim: sequential stop (${s.stoppedBecause}) after ${result.replications} replications: ${s.kpi} half-width ${(s.achieved * 100).toFixed(2)} % of the mean (target ${(s.target * 100).toFixed(2)} %)\n`,
          );
        }
        const text = opts.perReplication
          ? perReplicationText(opts.format, result)
          : opts.format === "json"
            ? toJson(report)
            : opts.format === "csv"
              ? toCsv(reportCsvRows(report))
              : renderReportTable(report);
        writeData(c, text, opts.out);
        if (opts.report !== undefined) {
          writeFileSync(opts.report, renderHtmlReport(report, chartLibraries(), {}, opts.reportLang));
          c.writeErr(`gatesim: wrote ${opts.report}\n`);
        }
        await writeEventLog(c, opts, compiled, result);
        if (!report.conservation.holds) {
          throw new CliError(
            `truck conservation failed in replication(s) ${report.conservation.failedReplications.join(", ")}`,
            1,
          );
        }
        c.logger.info({ wallMs: result.timing.wallMs, events: result.timing.events }, "run finished");
      } finally {
        bar?.stop();
        await executor.close();
      }
    });
}
