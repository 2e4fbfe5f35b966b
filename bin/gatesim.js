#!/usr/bin/env node
// Entry point of the `gatesim` command: the compiled JavaScript in dist/ (`npm run build`, which `npm ci`
// runs as the `prepare` script and `npm pack` ships). Nothing is transpiled at run time, in this process
// or in its pool threads. From the TypeScript sources, during development: `npm run dev -- <command>`.
import { readFileSync } from "node:fs";

const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === "--version" || args[0] === "-V")) {
  // The version alone needs none of the CLI's modules (loading them is most of its start-up time):
  // the build stamps it into dist/version.json (bin/stamp-version.js).
  try {
    const v = JSON.parse(readFileSync(new URL("../dist/version.json", import.meta.url), "utf8"));
    process.stdout.write(`gatesim ${v.package} (model ${v.model})\n`);
    process.exit(0);
  } catch {
    // No stamp (an interrupted build): the full program below answers.
  }
}
const main = new URL("../dist/cli/main.js", import.meta.url);
try {
  await import(main.href);
} catch (error) {
  if (error?.code !== "ERR_MODULE_NOT_FOUND" || !String(error.message).includes(main.pathname)) throw error;
  process.stderr.write(`gatesim: not built (${main.pathname} is missing): run \`npm run build\`\n`);
  process.exit(1);
}
