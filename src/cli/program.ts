/**
 * The `gatesim` program: global help, and the commands. Each command lives in `commands/<name>.ts`
 * and exports one `register...Command(program, ctx)`; adding a command (e.g. `serve`, `worker`) is a
 * new file plus one line in `COMMANDS`, nothing else.
 */

import { readFileSync } from "node:fs";
import { Command } from "@commander-js/extra-typings";
import { MODEL_VERSION } from "../runner/index.js";
import { registerBenchPoliciesCommand } from "./commands/bench-policies.js";
import { registerCalibrateCommand } from "./commands/calibrate.js";
import { registerCapacityCommand } from "./commands/capacity.js";
import { registerCompareCommand } from "./commands/compare.js";
import { registerRunCommand } from "./commands/run.js";
import { registerSchemaCommand } from "./commands/schema.js";
import { registerServeCommand } from "./commands/serve.js";
import { registerSweepCommand } from "./commands/sweep.js";
import { registerValidateCommand } from "./commands/validate.js";
import { registerWorkerCommand } from "./commands/worker.js";
import type { CliContext } from "./context.js";

/** Adds one command to the program; `ctx` gives the invocation's context when the command runs. */
export type RegisterCommand = (program: Command, ctx: () => CliContext) => void;

/** The commands, in help order. Extension point: `serve` and `worker` register here. */
export const COMMANDS: RegisterCommand[] = [
  registerRunCommand,
  registerCompareCommand,
  registerSweepCommand,
  registerBenchPoliciesCommand,
  registerValidateCommand,
  registerSchemaCommand,
  registerCalibrateCommand,
  registerCapacityCommand,
  registerWorkerCommand,
  registerServeCommand,
];

const EXAMPLES = `
Examples:
  $ gatesim run baseline-2026q1 --replications 20 --report baseline.html
  $ gatesim run textbook/mm1 --format json
  $ gatesim compare baseline-2026q1 smart-gate-2026 --replications 30
  $ gatesim sweep smart-gate-2026 --grid "stages.exportGate.servers=2,4,6"
  $ gatesim validate my-scenario.yaml
  $ gatesim calibrate
  $ gatesim capacity baseline-2026q1
  $ gatesim worker --redis redis://10.0.0.5:6379 --concurrency 2

Every figure comes with a 95 % confidence interval across replications; comparisons use common random
numbers. Data goes to stdout, messages to stderr. Exit codes: 0 ok, 1 failure, 2 bad input, 130 cancelled.
Environment: GATESIM_LOG_LEVEL (pino level, default warn), GATESIM_DEBUG=1 (stack traces), REDIS_URL
(run replications on "gatesim worker" processes, like --redis).`;

/** "gatesim 0.1.0 (model 0.1.0)": the package version and the model version that stamps every result. */
function versionText(): string {
  let pkg = "unknown";
  try {
    pkg = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string })
      .version;
  } catch {
    // An installed copy without package.json next to src/ still reports the model version.
  }
  return `gatesim ${pkg} (model ${MODEL_VERSION})`;
}

/** Builds the program with every command registered. */
export function buildProgram(ctx: () => CliContext, commands: readonly RegisterCommand[] = COMMANDS): Command {
  const program = new Command()
    .name("gatesim")
    .description("Discrete-event simulation of truck flows through the Huu Nghi - Youyi Guan smart border gate")
    .version(versionText(), "-V, --version", "print the version")
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXAMPLES)
    // Before any command is added: subcommands copy these settings when they are created. Parse errors
    // then throw (main maps them to exit 2) instead of exiting from inside commander.
    .exitOverride()
    .configureOutput({ writeOut: (s) => process.stdout.write(s), writeErr: (s) => process.stderr.write(s) });
  for (const register of commands) register(program as unknown as Command, ctx);
  return program as unknown as Command;
}
