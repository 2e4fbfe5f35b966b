// Build step after `tsc -p tsconfig.build.json`: parses every shipped scenario (scenarios/**/*.yaml) once
// and writes dist/shipped-scenarios.json (see src/scenario/shipped-cache.ts, which reads it and parses
// again any file whose text has changed since).
import { writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const { buildShippedCache, SHIPPED_CACHE_FILE } = await import(
  new URL("../dist/scenario/shipped-cache.js", import.meta.url).href
);
const entries = buildShippedCache(fileURLToPath(new URL("../scenarios/", import.meta.url)));
writeFileSync(new URL(`../dist/${SHIPPED_CACHE_FILE}`, import.meta.url), `${JSON.stringify(entries)}\n`);
