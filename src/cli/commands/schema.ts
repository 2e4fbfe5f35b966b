/** `gatesim schema`: prints the JSON Schema of scenario files (for editors and validators). */
import type { Command } from "@commander-js/extra-typings";
import { scenarioJsonSchema } from "../../scenario/index.js";
import { toJson, writeData } from "../common.js";
import type { CliContext } from "../context.js";

const EXAMPLES = `
Examples:
  $ gatesim schema > scenario.schema.json
  $ gatesim schema --out scenario.schema.json

Point your editor's YAML language server at it:  # yaml-language-server: $schema=./scenario.schema.json`;

/** Registers `schema` on the program. */
export function registerSchemaCommand(program: Command, ctx: () => CliContext): void {
  program
    .command("schema")
    .description("print the JSON Schema of scenario files")
    .option("-o, --out <file>", "write the schema to this file instead of stdout")
    .addHelpText("after", EXAMPLES)
    .action((opts) => {
      writeData(ctx(), toJson(scenarioJsonSchema()), opts.out);
    });
}
