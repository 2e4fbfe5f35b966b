/**
 * What every command gets: where data and messages go, the logger, and the cancellation signal. Commands
 * never touch `process.stdout` or `process.exit` directly, so the program can be driven in-process too.
 */
import { type Logger, pino } from "pino";

/** The environment of one CLI invocation. */
export interface CliContext {
  /** Data output (reports): stdout unless `--out` is given. */
  writeOut: (text: string) => void;
  /** Human messages and the progress bar: stderr. */
  writeErr: (text: string) => void;
  /** Whether stderr is a terminal (progress bar and colours only then). */
  stderrIsTTY: boolean;
  /** JSON logs on fd 2, so stdout stays pure data. */
  logger: Logger;
  /** Aborted on Ctrl-C (SIGINT). */
  signal: AbortSignal;
}

/** Logger writing JSON lines to stderr (level from GATESIM_LOG_LEVEL, default "warn" to keep stderr quiet). */
export function createLogger(): Logger {
  return pino(
    { name: "gatesim", level: process.env.GATESIM_LOG_LEVEL ?? "warn" },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** The context of a real process invocation. */
export function processContext(signal: AbortSignal): CliContext {
  return {
    writeOut: (text) => process.stdout.write(text),
    writeErr: (text) => process.stderr.write(text),
    stderrIsTTY: process.stderr.isTTY === true,
    logger: createLogger(),
    signal,
  };
}
