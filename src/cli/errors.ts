/**
 * How the CLI ends: exit codes and the one place that turns an error into a message on stderr.
 * Planners see `path: message` lines for a bad scenario and one line for other failures, never a
 * stack trace (set GATESIM_DEBUG=1 to get one).
 */
import { ErrorCodes, GatesimError } from "../runner/index.js";
import { ScenarioError } from "../scenario/index.js";

/** Exit codes of `gatesim`. */
export const ExitCode = {
  OK: 0,
  /** A run failed (replication error, internal fault). */
  FAILURE: 1,
  /** Bad input: unknown flag, bad value, invalid scenario file. */
  BAD_INPUT: 2,
  /** Cancelled by Ctrl-C (128 + SIGINT), as shells expect. */
  CANCELLED: 130,
} as const;

/** An error the CLI reports with a chosen exit code and no stack. */
export class CliError extends Error {
  /** Exit code to end with. */
  readonly exitCode: number;

  /** A message for stderr and the exit code. */
  constructor(message: string, exitCode: number = ExitCode.BAD_INPUT) {
    super(message);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

/** Writes the error to stderr in planner's words and returns the exit code to use. */
export function reportError(error: unknown, write: (text: string) => void): number {
  const debug = process.env.GATESIM_DEBUG === "1";
  if (error instanceof ScenarioError) {
    // One header, then every problem once (the error's own message already lists them: not repeated).
    const n = error.issues.length;
    const where = error.source === undefined ? "" : ` (${error.source})`;
    write(`gatesim: invalid scenario${where}: ${n} problem${n === 1 ? "" : "s"}\n`);
    for (const issue of error.issues) write(`  ${issue.path === "" ? "(root)" : issue.path}: ${issue.message}\n`);
    return ExitCode.BAD_INPUT;
  }
  if (error instanceof CliError) {
    write(`gatesim: ${error.message}\n`);
    return error.exitCode;
  }
  if (error instanceof GatesimError) {
    if (error.code === ErrorCodes.CANCELLED) {
      write(`gatesim: ${error.message}\n`);
      return ExitCode.CANCELLED;
    }
    write(`gatesim: ${error.message} (${error.code})\n`);
    for (const f of error.failures.slice(1, 10)) write(`  ${f.message}\n`);
    if (error.failures.length > 10) write(`  ... and ${error.failures.length - 10} more\n`);
    if (debug && error.stack) write(`${error.stack}\n`);
    return error.code === ErrorCodes.INVALID_OPTIONS ? ExitCode.BAD_INPUT : ExitCode.FAILURE;
  }
  const message = error instanceof Error ? error.message : String(error);
  write(`gatesim: ${message}\n`);
  if (debug && error instanceof Error && error.stack) write(`${error.stack}\n`);
  return ExitCode.FAILURE;
}
