/**
 * Entry of the `gatesim` command (started by bin/gatesim.js through tsx). Owns the process: argv,
 * Ctrl-C, and the exit code. Bad flags and bad scenario files end with 2, failures with 1, Ctrl-C with
 * 130 after saying what was finished.
 */
import process from "node:process";
import { CommanderError } from "@commander-js/extra-typings";
import { traceMark } from "../runner/index.js";
import { type CliContext, processContext } from "./context.js";
import { ExitCode, reportError } from "./errors.js";
import { buildProgram } from "./program.js";

/** Runs the CLI with these arguments (without node and script) and returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  traceMark("cli-loaded");
  const controller = new AbortController();
  let interrupts = 0;
  const onSigint = () => {
    interrupts++;
    if (interrupts === 1) {
      process.stderr.write("\ngatesim: cancelling (Ctrl-C again to quit at once)...\n");
      controller.abort();
    } else {
      process.exit(ExitCode.CANCELLED);
    }
  };
  process.on("SIGINT", onSigint);
  let context: CliContext | undefined;
  const ctx = () => {
    context ??= processContext(controller.signal);
    return context;
  };
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: "user" });
    return ExitCode.OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version end through here too, with exit code 0; every other parse error is bad input.
      return error.exitCode === 0 ? ExitCode.OK : ExitCode.BAD_INPUT;
    }
    return reportError(error, (s) => process.stderr.write(s));
  } finally {
    process.off("SIGINT", onSigint);
  }
}

const code = await main(process.argv.slice(2));
// Exit once stdout has drained (a large JSON report piped to another program), and not before: a
// lingering handle must not keep a finished command alive.
process.stdout.write("", () => process.exit(code));
