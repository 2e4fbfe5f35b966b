/** `gatesim sweep <scenario> --grid path=v1,v2 ...`: one row of KPIs (mean and 95 % interval) per grid point. */
import type { Command } from "@commander-js/extra-typings";
import { gridPoints, runSweep } from "../../runner/index.js";
import { applyOverrides, compileScenario } from "../../scenario/index.js";
import { renderSweepTable, sweepCsvRows } from "../../stats/index.js";
import {
  addExperimentOptions,
  CLI_COMPILE,
  collectGrid,
  loadScenarioArg,
  makeExecutor,
  type Overrides,
  optionalRunOptions,
  progressBar,
  toCsv,
  toJson,
  warnSingleReplication,
  writeData,
} from "../common.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";

const EXAMPLES = `
Examples:
  $ gatesim sweep smart-gate-2026 --grid "stages.exportGate.servers=2,4,6" --grid "demand.export.appointment.quotaPerSlot=12,16,20"
  $ gatesim sweep textbook/mm1 --grid "stages.station.servers=1,2,3" --kpi timeInSystemMinutesMean --format csv

Every point runs replications 0..N-1 with the same seed (common random numbers), so rows differ by the
parameters, not by resampled noise. The first --grid path varies slowest.`;

/** Registers `sweep` on the program. */
export function registerSweepCommand(program: Command, ctx: () => CliContext): void {
  addExperimentOptions(
    program
      .command("sweep")
      .description("run a grid of overrides and report each point's KPIs with 95 % intervals")
      .argument("<scenario>", "shipped scenario name or file (the base of every point)"),
  )
    .option("--grid <path=v1,v2,...>", "a grid dimension (repeatable)", collectGrid, {} as Record<string, unknown[]>)
    .option("--kpi <names...>", "KPIs to show in the table (default: all)")
    .addHelpText("after", EXAMPLES)
    .action(async (scenarioArg, opts) => {
      const c = ctx();
      if (Object.keys(opts.grid).length === 0) throw new CliError('sweep needs at least one --grid "path=v1,v2,..."');
      let base = loadScenarioArg(scenarioArg);
      if (Object.keys(opts.set).length > 0) base = applyOverrides(base, opts.set as Overrides);
      const points = gridPoints(opts.grid).length;
      warnSingleReplication(c, opts.replications);
      const executor = makeExecutor(opts.workers, opts.replications * points, opts.redis);
      const bar = progressBar(c, "sweep");
      try {
        const report = await runSweep(base, opts.grid, {
          replications: opts.replications,
          seed: opts.seed ?? compileScenario(base, CLI_COMPILE).seed,
          compileOptions: CLI_COMPILE,
          executor,
          signal: c.signal,
          ...optionalRunOptions(opts, bar.onProgress),
        });
        bar.stop();
        const text =
          opts.format === "json"
            ? toJson(report)
            : opts.format === "csv"
              ? toCsv(sweepCsvRows(report))
              : renderSweepTable(report, opts.kpi);
        writeData(c, text, opts.out);
      } finally {
        bar.stop();
        await executor.close();
      }
    });
}
