/** `gatesim calibrate`: simulated KPIs beside the reported figures they should reproduce. */
import type { Command } from "@commander-js/extra-typings";
import { Option } from "@commander-js/extra-typings";
import { runCalibration } from "../../runner/index.js";
import { formatNumber, renderTextTable } from "../../stats/index.js";
import {
  FORMATS,
  type Format,
  makeExecutor,
  optionalRunOptions,
  parseDays,
  parseNonNegativeInt,
  parsePositiveInt,
  parseSeed,
  progressBar,
  toCsv,
  toJson,
  writeData,
} from "../common.js";
import type { CliContext } from "../context.js";

const EXAMPLES = `
Examples:
  $ gatesim calibrate
  $ gatesim calibrate --replications 20 --format json

Each row names the scenario, its hash and the seed, so any simulated figure can be reproduced with
"gatesim run <scenario> --seed <seed>". "in range" compares the simulated mean with the reported range.`;

/** Registers `calibrate` on the program. */
export function registerCalibrateCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("calibrate")
    .description("run the calibration scenarios and print simulated vs reported figures")
    .option("-r, --replications <n>", "replications per scenario", parsePositiveInt, 5)
    .option("-s, --seed <seed>", "experiment seed (default: each scenario's own)", parseSeed)
    .option("-w, --workers <n>", "worker threads (0 = this thread)", parseNonNegativeInt)
    .option("--redis <url>", "run replications on `gatesim worker` processes through this Redis (default: REDIS_URL)")
    .option("--days <d>", "simulated days (default: each scenario's)", parseDays)
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table" as Format))
    .option("-o, --out <file>", "write the data to this file instead of stdout")
    .option("--no-capacity", "skip the capacity experiment for the targets that are capacities (it takes longest)")
    .addHelpText("after", EXAMPLES)
    .action(async (opts) => {
      const c = ctx();
      const executor = makeExecutor(opts.workers, opts.replications, opts.redis);
      const bar = progressBar(c, "calibrate");
      try {
        const report = await runCalibration({
          replications: opts.replications,
          capacity: opts.capacity,
          executor,
          signal: c.signal,
          onScenario: (name) => {
            bar.stop();
            c.writeErr(`gatesim: calibrating with ${name}\n`);
          },
          ...(opts.seed === undefined ? {} : { seed: opts.seed }),
          ...optionalRunOptions({ days: opts.days }, bar.onProgress),
        });
        bar.stop();
        if (report.missingScenarios.length > 0) {
          c.writeErr(`gatesim: not shipped yet, skipped: ${report.missingScenarios.join(", ")}\n`);
        }
        let text: string;
        if (opts.format === "json") text = toJson(report);
        else if (opts.format === "csv") {
          text = toCsv([
            [
              "id",
              "scenario",
              "scenario_hash",
              "seed",
              "kpi",
              "reported_low",
              "reported_high",
              "simulated_mean",
              "ci95_lo",
              "ci95_hi",
              "unit",
              "replications",
              "in_range",
              "source",
            ],
            ...report.rows.map((r) => [
              r.id,
              r.scenario,
              r.scenarioHash,
              r.seed,
              r.kpi,
              r.reportedLow,
              r.reportedHigh,
              r.simulatedMean,
              r.ci95[0],
              r.ci95[1],
              r.unit,
              r.replications,
              r.inRange,
              r.source,
            ]),
          ]);
        } else {
          text = `${renderTextTable(
            ["target", "scenario", "seed", "KPI", "reported", "simulated mean", "95 % CI", "unit", "in range"],
            report.rows.map((r) => [
              r.id,
              `${r.scenario} (${r.scenarioHash.slice(0, 12)})`,
              String(r.seed),
              r.kpi,
              Number.isFinite(r.reportedHigh) ? `${r.reportedLow}-${r.reportedHigh}` : `≥ ${r.reportedLow}`,
              formatNumber(r.simulatedMean),
              `[${formatNumber(r.ci95[0])}, ${formatNumber(r.ci95[1])}]`,
              r.unit,
              r.inRange ? "yes" : "NO",
            ]),
          )}\n`;
        }
        writeData(c, text, opts.out);
      } finally {
        bar.stop();
        await executor.close();
      }
    });
}
