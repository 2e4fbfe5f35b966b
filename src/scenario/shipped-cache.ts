/**
 * The shipped scenarios, parsed at build time. Parsing their YAML is most of what a cold `gatesim compare`
 * of two shipped scenarios does before its first replication (the 18 KB baseline takes ~130 ms in a cold
 * process, and a scenario that extends it parses it again). `npm run build` writes each shipped file's
 * data as JSON into dist/shipped-scenarios.json (bin/cache-scenarios.js), keyed by its path under
 * scenarios/ with the SHA-256 of its text. A file is taken from there only when its text today has that
 * hash, so an edited scenario is always parsed afresh; anything else (no cache, when running from the
 * sources; a file outside scenarios/) reads the YAML. The yaml package itself is then loaded only when
 * some file needs it.
 */
import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative, sep } from "node:path";

/** One cached file: the SHA-256 (hex) of its text and its data as JSON text. */
export interface ShippedCacheEntry {
  sha256: string;
  json: string;
}

/** Name of the cache file in dist/. */
export const SHIPPED_CACHE_FILE = "shipped-scenarios.json";

let cache: Record<string, ShippedCacheEntry> | null | undefined;

function loadCache(): Record<string, ShippedCacheEntry> | null {
  if (cache === undefined) {
    try {
      cache = JSON.parse(readFileSync(new URL(`../${SHIPPED_CACHE_FILE}`, import.meta.url), "utf8"));
    } catch {
      cache = null; // running from the sources, or a build without the step: parse the YAML
    }
  }
  return cache ?? null;
}

/** SHA-256 of a file's text, as the cache keys it. */
export function textSha256(text: string): string {
  return createHash("sha256").update(text).digest("hex");
}

/**
 * The data of `path` (a file under `shippedDir` whose text is `text`) from the build's cache (or from
 * `entries`), or undefined when it is not there or its text has changed since the build. A fresh object
 * every call.
 */
export function cachedShippedData(
  shippedDir: string,
  path: string,
  text: string,
  entries: Record<string, ShippedCacheEntry> | null = loadCache(),
): unknown {
  if (entries === null) return undefined;
  const key = relative(shippedDir, path).split(sep).join("/");
  const entry = Object.hasOwn(entries, key) ? entries[key] : undefined;
  if (entry === undefined || entry.sha256 !== textSha256(text)) return undefined;
  return JSON.parse(entry.json);
}

let yamlParse: ((text: string) => unknown) | undefined;

/** Parses YAML, loading the yaml package on first use (synchronously, through its CommonJS build). */
export function parseYamlText(text: string): unknown {
  if (yamlParse === undefined) yamlParse = (createRequire(import.meta.url)("yaml") as typeof import("yaml")).parse;
  return yamlParse(text);
}

/**
 * The cache's entries for every YAML file under `dir` (what the build writes). A file whose data would not
 * survive JSON unchanged (a YAML timestamp, `.inf`), or that does not parse, is left out, so it is always
 * read from its YAML.
 */
export function buildShippedCache(dir: string): Record<string, ShippedCacheEntry> {
  const entries: Record<string, ShippedCacheEntry> = {};
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.ya?ml$/.test(name)) {
        const text = readFileSync(p, "utf8");
        let data: unknown;
        try {
          data = parseYamlText(text);
        } catch {
          continue; // not YAML: the loader reports it, with its place, when the file is used
        }
        if (!jsonSafe(data)) continue;
        entries[relative(dir, p).split(sep).join("/")] = { sha256: textSha256(text), json: JSON.stringify(data) };
      }
    }
  };
  walk(dir);
  return entries;
}

/** Whether JSON carries `value` unchanged: plain objects and arrays of strings, finite numbers, booleans, null. */
export function jsonSafe(value: unknown): boolean {
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value) && !Object.is(value, -0);
  if (Array.isArray(value)) return value.every(jsonSafe);
  if (typeof value !== "object" || Object.getPrototypeOf(value) !== Object.prototype) return false;
  return Object.values(value).every(jsonSafe) && !Object.hasOwn(value, "__proto__");
}
