/** `gatesim compare A B [C...]`: paired differences of every KPI against the first scenario (common random numbers). */
import type { Command } from "@commander-js/extra-typings";
import { compareScenarios, traceMark } from "../../runner/index.js";
import type { CompiledScenario } from "../../scenario/index.js";
import { compareCsvRows, renderCompareTable } from "../../stats/index.js";
import {
  addExperimentOptions,
  compileScenarioArg,
  makeExecutor,
  optionalRunOptions,
  progressBar,
  toCsv,
  toJson,
  writeData,
} from "../common.js";
import type { CliContext } from "../context.js";
import { CliError } from "../errors.js";

const EXAMPLES = `
Examples:
  $ gatesim compare baseline-2026q1 smart-gate-2026 --replications 30
  $ gatesim compare baseline-2026q1 my-more-xray.yaml --seed 11 --format json
  $ gatesim compare baseline-2026q1 xray-outage --set horizonDays=14   (--set applies to every scenario)

Every scenario runs replications 0..N-1 with the same seed, so replication i of each sees the same
arrivals: differences B - A are paired, and "sig" marks a 95 % interval that excludes 0.`;

/** Registers `compare` on the program. */
export function registerCompareCommand(program: Command, ctx: () => CliContext): void {
  addExperimentOptions(
    program
      .command("compare")
      .description("compare scenarios under common random numbers: paired differences with 95 % intervals")
      .argument("<scenarios...>", "two or more shipped names or files; the first is the reference"),
  )
    .addHelpText("after", EXAMPLES)
    .action(async (scenarioArgs, opts) => {
      const c = ctx();
      if (scenarioArgs.length < 2) throw new CliError("compare needs at least two scenarios");
      if (opts.replications < 2) throw new CliError("a paired comparison needs --replications 2 or more");
      traceMark("command-start");
      // The pool first: its threads load their modules while this thread loads and compiles the scenarios.
      const executor = makeExecutor(opts.workers, opts.replications * scenarioArgs.length, opts.redis);
      const bar = progressBar(c, "compare");
      try {
        const compiled = scenarioArgs.map((arg) => compileScenarioArg(arg, opts.set).compiled);
        traceMark("scenarios-compiled");
        const { report } = await compareScenarios(compiled, {
          replications: opts.replications,
          seed: opts.seed ?? (compiled[0] as CompiledScenario).seed,
          executor,
          signal: c.signal,
          ...optionalRunOptions(opts, bar.onProgress),
        });
        bar.stop();
        traceMark("replications-aggregated");
        const text =
          opts.format === "json"
            ? toJson(report)
            : opts.format === "csv"
              ? toCsv(compareCsvRows(report))
              : renderCompareTable(report);
        writeData(c, text, opts.out);
        traceMark("printed");
      } finally {
        bar.stop();
        await executor.close();
      }
    });
}
