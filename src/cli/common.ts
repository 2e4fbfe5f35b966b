/**
 * Pieces shared by the experiment commands: the common flags and their parsers, resolving a scenario
 * argument (shipped name or file) with `--set` overrides, choosing the executor, the progress bar,
 * and writing data (table, JSON or CSV) to stdout or a file.
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Command, InvalidArgumentError, Option, type OptionValues } from "@commander-js/extra-typings";
import cliProgress from "cli-progress";
import { stringify } from "csv-stringify/sync";
import {
  createExecutor,
  InlineExecutor,
  PiscinaExecutor,
  type Progress,
  type ProgressListener,
  type ReplicationExecutor,
} from "../runner/index.js";
import {
  applyOverrides,
  type CompiledScenario,
  compileScenario,
  loadScenarioFile,
  loadShippedScenario,
  parseYamlText,
} from "../scenario/index.js";
import type { CliContext } from "./context.js";
import { CliError } from "./errors.js";

/** Output formats of data. */
export const FORMATS = ["table", "json", "csv"] as const;
/** One of the output formats. */
export type Format = (typeof FORMATS)[number];

/** A parsed scenario as the scenario layer returns it. */
export type ParsedScenario = Parameters<typeof applyOverrides>[0];
/** Overrides as `applyOverrides` takes them. */
export type Overrides = Parameters<typeof applyOverrides>[1];

/** Parses a positive integer flag (commander calls this with the raw text). */
export function parsePositiveInt(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new InvalidArgumentError(`expected a positive integer, got "${text}"`);
  }
  return n;
}

/** Parses a non-negative integer flag. */
export function parseNonNegativeInt(text: string): number {
  const n = Number(text);
  if (!/^\d+$/.test(text.trim()) || !Number.isSafeInteger(n)) {
    throw new InvalidArgumentError(`expected a non-negative integer, got "${text}"`);
  }
  return n;
}

/** Parses a non-negative number of days (fractions allowed). */
export function parseDays(text: string): number {
  const n = Number(text);
  if (text.trim() === "" || !Number.isFinite(n) || n < 0)
    throw new InvalidArgumentError(`expected a number of days >= 0, got "${text}"`);
  return n;
}

/** Parses a share in (0, 1), e.g. a target relative half-width. */
export function parseShare(text: string): number {
  const n = Number(text);
  if (!(n > 0 && n < 1)) throw new InvalidArgumentError(`expected a share between 0 and 1 (e.g. 0.05), got "${text}"`);
  return n;
}

/** A seed: an integer stays a number (so `--seed 42` and seed 42 in the API agree), anything else a string. */
export function parseSeed(text: string): number | string {
  if (text.length === 0) throw new InvalidArgumentError("the seed must not be empty");
  if (/^-?\d+$/.test(text)) {
    const n = Number(text);
    if (Number.isSafeInteger(n)) return n;
  }
  return text;
}

/** Accumulates `--set path=value`; the value is read as YAML so numbers, booleans and lists keep their type. */
export function collectSet(text: string, previous: Record<string, unknown>): Record<string, unknown> {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected path=value, got "${text}"`);
  const path = text.slice(0, eq).trim();
  const raw = text.slice(eq + 1);
  let value: unknown;
  try {
    value = parseYamlText(raw);
  } catch {
    value = raw;
  }
  return { ...previous, [path]: value };
}

/** Accumulates `--grid path=v1,v2,...` (each value read as YAML). */
export function collectGrid(text: string, previous: Record<string, unknown[]>): Record<string, unknown[]> {
  const eq = text.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected path=v1,v2,..., got "${text}"`);
  const path = text.slice(0, eq).trim();
  const values = text
    .slice(eq + 1)
    .split(",")
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v) => {
      try {
        return parseYamlText(v) as unknown;
      } catch {
        return v;
      }
    });
  if (values.length === 0) throw new InvalidArgumentError(`grid path ${path} has no values`);
  return { ...previous, [path]: values };
}

/** Says on stderr that one replication gives no interval (the report then prints none). */
export function warnSingleReplication(c: CliContext, replications: number): void {
  if (replications < 2) {
    c.writeErr(
      "gatesim: warning: one replication gives no confidence interval (none is printed); use -r 2 or more, 10 or more for usable intervals\n",
    );
  }
}

/** Default replications: enough for a usable t interval (t_{0.975,9} = 2.26) in a short wait. */
export const DEFAULT_REPLICATIONS = 10;

/** Adds the flags every experiment command shares. */
export function addExperimentOptions<A extends unknown[], O extends OptionValues, G extends OptionValues>(
  cmd: Command<A, O, G>,
) {
  return cmd
    .option("-r, --replications <n>", "independent replications", parsePositiveInt, DEFAULT_REPLICATIONS)
    .option(
      "-s, --seed <seed>",
      "experiment seed (integer or text; default: the scenario's); replication i uses (seed, i)",
      parseSeed,
    )
    .option(
      "-w, --workers <n>",
      "worker threads (0 = run in this thread; default: available cores)",
      parseNonNegativeInt,
    )
    .option("--redis <url>", "run replications on `gatesim worker` processes through this Redis (default: REDIS_URL)")
    .option("--days <d>", "simulated days, warm-up included (default: the scenario's)", parseDays)
    .option("--warmup-days <d>", "warm-up days discarded before measuring (default: the scenario's)", parseDays)
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("table" as Format))
    .option("-o, --out <file>", "write the data to this file instead of stdout")
    .addOption(
      new Option("--set <path=value>", "override a scenario field (repeatable), e.g. --set stages.xray.servers=3")
        .argParser(collectSet)
        .default({} as Record<string, unknown>, "none"),
    );
}

/** True when the argument names a file rather than a shipped scenario. */
function looksLikePath(arg: string): boolean {
  return /\.(ya?ml|json)$/i.test(arg) || arg.startsWith(".") || arg.startsWith("/") || existsSync(arg);
}

/** Loads a scenario argument: a shipped name (`baseline-2026q1`, `textbook/mm1`) or a file path. */
export function loadScenarioArg(arg: string): ParsedScenario {
  if (!looksLikePath(arg)) return loadShippedScenario(arg);
  if (!existsSync(arg)) throw new CliError(`scenario file not found: ${arg}`);
  return loadScenarioFile(resolve(arg));
}

/** How the command line compiles scenarios: the user's own policy files may be given by path. */
export const CLI_COMPILE = { policyPaths: true } as const;

/** Loads, overrides and compiles a scenario argument. */
export function compileScenarioArg(
  arg: string,
  overrides: Record<string, unknown>,
): { parsed: ParsedScenario; compiled: CompiledScenario } {
  let parsed = loadScenarioArg(arg);
  if (Object.keys(overrides).length > 0) parsed = applyOverrides(parsed, overrides as Overrides);
  return { parsed, compiled: compileScenario(parsed, CLI_COMPILE) };
}

/**
 * The executor for `--redis` / REDIS_URL (distributed: `gatesim worker` processes do the work) or
 * `--workers` (0: inline; default: one thread per available core, but never more than the work).
 */
export function makeExecutor(
  workers: number | undefined,
  replications: number,
  redisUrl: string | undefined = process.env.REDIS_URL,
): ReplicationExecutor {
  if (redisUrl !== undefined && redisUrl.trim() !== "") return createExecutor({ redisUrl });
  const threads = workers ?? Math.min(os.availableParallelism(), replications);
  if (threads <= 0 || replications <= 1) return new InlineExecutor();
  return new PiscinaExecutor({ threads });
}

/** A progress bar on stderr when it is a terminal; otherwise no-op. Returns the listener and a stop function. */
export function progressBar(
  ctx: CliContext,
  label: string,
): { onProgress: ProgressListener | undefined; stop: () => void } {
  if (!ctx.stderrIsTTY) {
    // No bar, but a run waiting on something outside it (a worker) says so, and says when it goes on.
    let waiting: string | null = null;
    const onProgress = (p: Progress) => {
      if (p.waitingFor === waiting) return;
      if (p.waitingFor !== null) ctx.writeErr(`gatesim: ${p.waitingFor}\n`);
      else ctx.writeErr("gatesim: no longer waiting; the run goes on\n");
      waiting = p.waitingFor;
    };
    return { onProgress, stop: () => {} };
  }
  const bar = new cliProgress.SingleBar(
    {
      stream: process.stderr,
      format: `${label} {bar} {value}/{total} replications | {eps} events/s | ETA {etaText}{waiting}`,
      hideCursor: true,
      clearOnComplete: true,
    },
    cliProgress.Presets.shades_classic,
  );
  let started = false;
  const onProgress = (p: Progress) => {
    const payload = {
      eps: Math.round(p.eventsPerSecond).toLocaleString("en-US"),
      etaText: formatEta(p.etaMs),
      waiting: p.waitingFor === null ? "" : ` | ${p.waitingFor}`,
    };
    if (!started) {
      bar.start(p.total, p.done, payload);
      started = true;
    } else {
      bar.setTotal(p.total);
      bar.update(p.done, payload);
    }
  };
  const stop = () => {
    if (started) bar.stop();
    started = false;
  };
  return { onProgress, stop };
}

/**
 * The optional parts of an experiment call that the commands share: `--days`, `--warmup-days` and the
 * progress listener, each present only when given (the runner's options are exact optional properties).
 */
export function optionalRunOptions(
  opts: { days?: number; warmupDays?: number },
  onProgress: ProgressListener | undefined,
): { horizonDays?: number; warmupDays?: number; onProgress?: ProgressListener } {
  return {
    ...(opts.days === undefined ? {} : { horizonDays: opts.days }),
    ...(opts.warmupDays === undefined ? {} : { warmupDays: opts.warmupDays }),
    ...(onProgress === undefined ? {} : { onProgress }),
  };
}

/** "1m 05s" style ETA. */
function formatEta(ms: number): string {
  if (!Number.isFinite(ms)) return "-";
  const s = Math.round(ms / 1000);
  return s >= 60 ? `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, "0")}s` : `${s}s`;
}

/** Writes data to `--out` or stdout. */
export function writeData(ctx: CliContext, text: string, out: string | undefined): void {
  if (out === undefined) ctx.writeOut(text);
  else {
    writeFileSync(out, text);
    ctx.writeErr(`gatesim: wrote ${out}\n`);
  }
}

/** CSV text from rows (header first), quoted by csv-stringify. */
export function toCsv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows as unknown[][], {
    cast: { number: csvNumber, boolean: (v) => (v ? "true" : "false") },
  });
}

/** Significant digits of numbers in CSV: far beyond what a 95 % interval can tell, without float noise. */
export const CSV_SIGNIFICANT_DIGITS = 7;

/** A number for CSV: 7 significant digits, plain notation (1148.119, 0.8031235, 67739), empty if not finite. */
export function csvNumber(v: number): string {
  return Number.isFinite(v) ? String(Number(v.toPrecision(CSV_SIGNIFICANT_DIGITS))) : "";
}

/** JSON text of a report (NaN and infinities become null, as JSON requires). */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Finds a file of an installed package by walking up from this file to a `node_modules` that has it. */
export function findPackageFile(pkg: string, file: string): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 12; i++) {
    const candidate = join(dir, "node_modules", pkg, file);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  throw new CliError(`cannot find ${pkg}/${file} in node_modules (needed for the HTML report)`, 1);
}

/** The chart libraries' browser bundles, for the HTML report. */
export function chartLibraries(): { d3: string; plot: string } {
  return {
    d3: readFileSync(findPackageFile("d3", "dist/d3.min.js"), "utf8"),
    plot: readFileSync(findPackageFile("@observablehq/plot", "dist/plot.umd.min.js"), "utf8"),
  };
}
