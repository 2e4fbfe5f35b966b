/**
 * Two outputs of `gatesim run` beyond the report: `--per-replication` (each replication's KPI values, as
 * JSON, wide CSV or a table) and `--event-log FILE` (the per-truck event log of one replication, as CSV,
 * gzipped CSV or OCEL 2.0 JSON by the file's name). The log is made by running that replication again in
 * this process with the log on (a replication is a pure function of scenario, seed and index); its KPIs are
 * checked against the experiment's, so the log is the log of the reported run.
 */
import { createWriteStream } from "node:fs";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { createGzip } from "node:zlib";
import type { Command, OptionValues } from "@commander-js/extra-typings";
import {
  EVENT_LOG_ROWS_DEFAULT,
  EVENT_LOG_ROWS_MAX,
  type ExperimentResult,
  runReplicationWithEventLog,
} from "../runner/index.js";
import type { CompiledScenario } from "../scenario/index.js";
import {
  eventLogCsvChunks,
  eventLogFormatOf,
  eventLogOcelChunks,
  perReplicationCsvRows,
  perReplicationReport,
  renderPerReplicationTable,
} from "../stats/index.js";
import { type Format, parseNonNegativeInt, parsePositiveInt, toCsv, toJson } from "./common.js";
import type { CliContext } from "./context.js";
import { CliError, ExitCode } from "./errors.js";

/** Adds `--per-replication` and the `--event-log` flags. */
export function addRunExtraOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
) {
  return cmd
    .option("--per-replication", "print each replication's KPI values instead of the report (json, csv or table)")
    .option(
      "--event-log <file>",
      "also write the per-truck event log of one replication: .csv, .csv.gz (gzip) or .json (OCEL 2.0)",
    )
    .option("--event-log-replication <i>", "replication whose events are logged", parseNonNegativeInt, 0)
    .option(
      "--event-log-max-rows <n>",
      `bound on logged events (at most ${EVENT_LOG_ROWS_MAX}); later events are dropped and reported`,
      parsePositiveInt,
      EVENT_LOG_ROWS_DEFAULT,
    );
}

/** The extra flags as the action sees them. */
export interface RunExtraFlags {
  perReplication?: true;
  eventLog?: string;
  eventLogReplication: number;
  eventLogMaxRows: number;
}

/** Checks the extra flags before anything runs (bad input exits 2 at once, not after the experiment). */
export function checkRunExtras(flags: RunExtraFlags, replications: number, sequential: boolean): void {
  if (flags.eventLog === undefined) return;
  if (eventLogFormatOf(flags.eventLog) === null) {
    throw new CliError(`--event-log ${flags.eventLog}: the file name must end in .csv, .csv.gz or .json (OCEL 2.0)`);
  }
  if (flags.eventLogMaxRows > EVENT_LOG_ROWS_MAX) {
    throw new CliError(`--event-log-max-rows ${flags.eventLogMaxRows}: at most ${EVENT_LOG_ROWS_MAX}`);
  }
  if (!sequential && flags.eventLogReplication >= replications) {
    throw new CliError(
      `--event-log-replication ${flags.eventLogReplication}: the run has replications 0 to ${replications - 1}`,
    );
  }
}

/** The per-replication output in the chosen format. */
export function perReplicationText(format: Format, result: ExperimentResult): string {
  if (format === "json") return toJson(perReplicationReport(result.scenario, result.results));
  if (format === "csv") return toCsv(perReplicationCsvRows(result.results));
  return renderPerReplicationTable(result.results);
}

/** Writes the event log of the chosen replication of a finished experiment, if asked. */
export async function writeEventLog(
  ctx: CliContext,
  flags: RunExtraFlags,
  compiled: CompiledScenario,
  result: ExperimentResult,
): Promise<void> {
  const file = flags.eventLog;
  if (file === undefined) return;
  const i = flags.eventLogReplication;
  const reported = result.results.find((r) => r.replication === i);
  if (reported === undefined) {
    throw new CliError(`--event-log-replication ${i}: the run has replications 0 to ${result.replications - 1}`);
  }
  const { result: again, log } = runReplicationWithEventLog(compiled, result.seed, i, {
    horizonDays: result.horizonDays,
    warmupDays: result.warmupDays,
    rowsMax: flags.eventLogMaxRows,
  });
  if (JSON.stringify(again.kpis) !== JSON.stringify(reported.kpis)) {
    throw new CliError(`replication ${i} run again with the event log gave other KPIs (a model bug)`, ExitCode.FAILURE);
  }
  const format = eventLogFormatOf(file);
  const meta = { replication: i };
  const chunks = format === "ocel" ? eventLogOcelChunks(log, meta) : eventLogCsvChunks(log, meta);
  const out = createWriteStream(file);
  if (format === "csv.gz") await pipeline(Readable.from(chunks), createGzip(), out);
  else await pipeline(Readable.from(chunks), out);
  ctx.writeErr(`gatesim: wrote ${file} (${log.rows} events of replication ${i})\n`);
  if (log.truncated) {
    ctx.writeErr(
      `gatesim: the event log stopped at its bound of ${log.rowsMax} events; ${log.droppedRows} later events were ` +
        `dropped (raise --event-log-max-rows, at most ${EVENT_LOG_ROWS_MAX}, or shorten --days)\n`,
    );
  }
}
