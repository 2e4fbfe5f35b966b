/**
 * `gatesim capacity <scenario>`: the largest daily demand the scenario sustains (unserved demand does
 * not grow), the clearance it then achieves, the clearance under overload, and the bottleneck stage.
 */
import { type Command, Option } from "@commander-js/extra-typings";
import { type CapacityPoint, type CapacityReport, runCapacity } from "../../runner/index.js";
import {
  collectSet,
  compileScenarioArg,
  FORMATS,
  type Format,
  makeExecutor,
  parseDays,
  parseNonNegativeInt,
  parsePositiveInt,
  parseSeed,
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
  $ gatesim capacity baseline-2026q1
  $ gatesim capacity smart-gate-2030 --replications 6 --format json
  $ gatesim capacity fruit-season --direction export

Demand of the chosen directions is scaled by a factor (mix, profiles and seasons kept) and searched, with
the same seed and replications at every factor (common random numbers), for the largest factor whose
unserved demand (demand minus clearances, cumulated: trucks in the gate, bookings pushed to later
slots, losses) does not grow (the upper end of the 95 % interval of its daily growth stays within
--growth-share of the day's demand). The bottleneck is the server stage busy at least 90 % of the time under
overload whose line grew most.`;

const fmt = (x: number, digits = 0): string =>
  Number.isFinite(x)
    ? x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits })
    : "-";

const ci = (p: CapacityPoint["throughputPerDay"]): string => `${fmt(p.mean)} [${fmt(p.ci95[0])}, ${fmt(p.ci95[1])}]`;

/** The report as a planner reads it. */
export function renderCapacity(r: CapacityReport): string {
  const lines: string[] = [];
  lines.push(`Capacity of ${r.scenario.name}${r.scenario.title ? ` (${r.scenario.title})` : ""}`);
  lines.push(
    `${r.replications} replications per point, ${r.horizonDays} days (${r.warmupDays} warm-up), seed ${r.seed}, ` +
      `demand scaled: ${r.directions}`,
  );
  lines.push(`Criterion: ${r.criterion}.`);
  lines.push("");
  if (r.sustainable) {
    lines.push(
      `Largest sustainable demand: ×${r.sustainable.factor.toFixed(3)} = ${ci(r.sustainable.demandPerDay)} trucks/day of demand, ` +
        `cleared ${ci(r.sustainable.throughputPerDay)} trucks/day (95 % intervals)`,
    );
  } else lines.push("Not sustainable even at the smallest factor tried.");
  if (r.sustainable && r.unsustainable) {
    lines.push(
      `The boundary lies between ×${r.sustainable.factor.toFixed(3)} and ×${r.unsustainable.factor.toFixed(3)} of the scenario's demand.`,
    );
  }
  if (r.saturated) {
    lines.push(
      `Overloaded (×${r.saturated.factor.toFixed(3)}, unserved +${fmt(r.saturated.unservedGrowthPerDay.mean)}/day): ` +
        `clearance capacity ${ci(r.saturated.throughputPerDay)} trucks/day ` +
        `(export ${fmt(r.saturated.exportThroughputPerDay.mean)}, import ${fmt(r.saturated.importThroughputPerDay.mean)})`,
    );
  } else lines.push("Sustainable even at the largest factor tried: no capacity limit found.");
  if (r.bottleneck.length > 0) {
    lines.push(
      `Bottleneck: ${r.bottleneck
        .map(
          (b) =>
            `${b.stage} (${(b.busyShare * 100).toFixed(0)} % busy, line ${fmt(b.queueLengthMean)} trucks on average)`,
        )
        .join(", ")}`,
    );
  }
  lines.push("");
  lines.push(
    "factor     demand/day   cleared/day   unserved growth/day [95 % CI]   sustainable (reps)   busiest stages",
  );
  for (const p of r.points) {
    const g = p.unservedGrowthPerDay;
    lines.push(
      [
        `×${p.factor.toFixed(3)}`.padEnd(8),
        fmt(p.demandPerDay.mean).padStart(12),
        fmt(p.throughputPerDay.mean).padStart(13),
        `${fmt(g.mean, 1)} [${fmt(g.ci95[0], 1)}, ${fmt(g.ci95[1], 1)}]`.padStart(30),
        `${p.sustainable ? "yes" : "no"}${p.decidedBy === "mean" ? " (mean)" : ""} (${p.replications})`.padStart(17),
        `   ${p.stages
          .slice(0, 3)
          .map((s) => `${s.stage} ${(s.utilization * 100).toFixed(0)} %`)
          .join(", ")}`,
      ].join(" "),
    );
  }
  return `${lines.join("\n")}\n`;
}

/** One CSV row per evaluated point. */
export function capacityCsvRows(r: CapacityReport): unknown[][] {
  const rows: unknown[][] = [
    [
      "factor",
      "demandPerDay",
      "arrivalsPerDay",
      "clearedPerDay",
      "clearedPerDayLo95",
      "clearedPerDayHi95",
      "unservedGrowthPerDay",
      "unservedGrowthPerDayLo95",
      "unservedGrowthPerDayHi95",
      "sustainable",
      "decidedBy",
      "replications",
      "busiestStage",
      "busiestStageUtilization",
    ],
  ];
  for (const p of r.points) {
    rows.push([
      p.factor,
      p.demandPerDay.mean,
      p.arrivalsPerDay.mean,
      p.throughputPerDay.mean,
      p.throughputPerDay.ci95[0],
      p.throughputPerDay.ci95[1],
      p.unservedGrowthPerDay.mean,
      p.unservedGrowthPerDay.ci95[0],
      p.unservedGrowthPerDay.ci95[1],
      p.sustainable,
      p.decidedBy,
      p.replications,
      p.stages[0]?.stage ?? "",
      p.stages[0]?.utilization ?? Number.NaN,
    ]);
  }
  return rows;
}

/** Registers `capacity` on the program. */
export function registerCapacityCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("capacity")
    .description("find the largest sustainable daily demand, the clearance capacity and the bottleneck stage")
    .argument("<scenario>", "shipped scenario name or file")
    .option("-r, --replications <n>", "replications per demand factor (at least 2)", parsePositiveInt, 4)
    .option(
      "--replications-max <n>",
      "most replications at a factor whose interval does not decide (default 4 × --replications)",
      parsePositiveInt,
    )
    .option("-s, --seed <seed>", "experiment seed (default: the scenario's)", parseSeed)
    .option("-w, --workers <n>", "worker threads (0 = this thread; default: available cores)", parseNonNegativeInt)
    .option("--redis <url>", "run replications on `gatesim worker` processes through this Redis")
    .option("--days <d>", "simulated days per point, warm-up included (default: the scenario's, at most 21)", parseDays)
    .option("--warmup-days <d>", "warm-up days (default: the scenario's)", parseDays)
    .addOption(
      new Option("--direction <dir>", "which demand to scale")
        .choices(["both", "export", "import"] as const)
        .default("both" as const),
    )
    .option("--precision <share>", "relative width of the final bracket of factors", parseShare, 0.02)
    .option(
      "--growth-share <share>",
      "largest growth of unserved demand still sustainable, share of daily demand",
      parseShare,
      0.01,
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table" as Format))
    .option("-o, --out <file>", "write the data to this file instead of stdout")
    .addOption(
      new Option("--set <path=value>", "override a scenario field (repeatable)")
        .argParser(collectSet)
        .default({} as Record<string, unknown>, "none"),
    )
    .addHelpText("after", EXAMPLES)
    .action(async (scenarioArg, opts) => {
      const c = ctx();
      if (opts.replications < 2) throw new CliError("capacity needs --replications 2 or more (an interval per point)");
      const { compiled } = compileScenarioArg(scenarioArg, opts.set);
      const executor = makeExecutor(opts.workers, opts.replications * 8, opts.redis);
      const bar = progressBar(c, "capacity");
      try {
        const report = await runCapacity({
          compiled,
          replications: opts.replications,
          seed: opts.seed ?? compiled.seed,
          executor,
          signal: c.signal,
          directions: opts.direction,
          precision: opts.precision,
          growthShareMax: opts.growthShare,
          ...(opts.replicationsMax === undefined ? {} : { replicationsMax: opts.replicationsMax }),
          ...(opts.days === undefined ? {} : { horizonDays: opts.days }),
          ...(opts.warmupDays === undefined ? {} : { warmupDays: opts.warmupDays }),
          ...(bar.onProgress === undefined ? {} : { onProgress: bar.onProgress }),
        });
        bar.stop();
        const text =
          opts.format === "json"
            ? toJson(report)
            : opts.format === "csv"
              ? toCsv(capacityCsvRows(report))
              : renderCapacity(report);
        writeData(c, text, opts.out);
      } finally {
        bar.stop();
        await executor.close();
      }
    });
}
