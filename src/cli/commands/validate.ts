/** `gatesim validate <file>`: checks a scenario file (and that it compiles); exit 0 when valid, 2 otherwise. */
import type { Command } from "@commander-js/extra-typings";
import { compileScenario } from "../../scenario/index.js";
import { CLI_COMPILE, loadScenarioArg } from "../common.js";
import type { CliContext } from "../context.js";

const EXAMPLES = `
Examples:
  $ gatesim validate my-scenario.yaml
  $ gatesim validate baseline-2026q1

Prints each problem as "path: message" and exits with 2 when the file is invalid.`;

/** Registers `validate` on the program. */
export function registerValidateCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("validate")
    .description("check a scenario file against the schema and compile it")
    .argument("<file>", "scenario file (YAML or JSON) or shipped scenario name")
    .addHelpText("after", EXAMPLES)
    .action(async (file) => {
      const c = ctx();
      const compiled = compileScenario(loadScenarioArg(file), CLI_COMPILE);
      c.writeOut(
        `${file}: valid (scenario ${compiled.name}, hash ${compiled.hash}, ${compiled.horizonDays} day(s), warm-up ${compiled.warmupDays})\n`,
      );
      if (compiled.assumedInputs.length > 0) c.writeOut(`assumed inputs: ${compiled.assumedInputs.join("; ")}\n`);
      for (const p of compiled.policies.filter((u) => u.sha256 !== "built-in")) {
        c.writeOut(`policy module: ${p.path} = ${p.name} (sha256 ${p.sha256}, ${p.file})\n`);
      }
    });
}
