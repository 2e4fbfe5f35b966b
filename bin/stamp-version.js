// Build step after `tsc -p tsconfig.build.json`: writes dist/version.json with the package and model
// versions, so that `gatesim --version` answers from one small file instead of loading the whole CLI
// (bin/gatesim.js). Not shipped in the package; a test checks that it matches the program's own text.
import { readFileSync, writeFileSync } from "node:fs";

const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
const { MODEL_VERSION } = await import(new URL("../dist/runner/index.js", import.meta.url).href);
const file = new URL("../dist/version.json", import.meta.url);
writeFileSync(file, `${JSON.stringify({ package: pkg.version, model: MODEL_VERSION })}\n`);
