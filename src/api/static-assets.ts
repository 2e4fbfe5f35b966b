/**
 * The dashboard's files and the chart libraries' browser bundles, served compressed (brotli or gzip,
 * @fastify/compress) with cache headers a browser can act on:
 * - the bundles live under versioned URLs (`/vendor/plot@0.6.17/…`), so they are cached for a year as
 *   immutable; upgrading a library changes its URL (index.html names the versions; a test checks them);
 * - the dashboard's own files have no version in their URLs, so they are `no-cache`: the browser keeps
 *   them and revalidates with their ETag (a 304 without a body when nothing changed).
 * Event streams are never compressed (compression would hold events back until a buffer fills).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import compress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance } from "fastify";
import { registerDashboardShell } from "./dashboard-shell.js";

/** URL name, npm package, and folder of each browser bundle the dashboard loads with <script>. */
export const VENDOR_BUNDLES: readonly { name: string; pkg: string; dir: string }[] = [
  { name: "plot", pkg: "@observablehq/plot", dir: "dist/" },
  { name: "d3", pkg: "d3", dir: "dist/" },
  { name: "uplot", pkg: "uplot", dir: "dist/" },
];

/**
 * `node_modules/<path>` in the nearest folder up from this file that has it: the project's own when run
 * from a checkout, the installing project's when gatesim is an installed package (npm hoists its
 * dependencies next to it, not inside it). Null when none has it.
 */
export function findInNodeModules(path: string): string | null {
  let folder = fileURLToPath(new URL(".", import.meta.url));
  for (;;) {
    const candidate = join(folder, "node_modules", path);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(folder);
    if (parent === folder) return null;
    folder = parent;
  }
}

/** Installed version of an npm package (from its package.json). */
export function packageVersionOf(pkg: string): string {
  const file = findInNodeModules(`${pkg}/package.json`);
  if (file === null) throw new Error(`${pkg} is not installed (needed by the dashboard)`);
  return (JSON.parse(readFileSync(file, "utf8")) as { version: string }).version;
}

/** The versioned URL prefix of a bundle: `/vendor/plot@0.6.17/`. */
export function vendorPrefix(name: string, pkg: string): string {
  return `/vendor/${name}@${packageVersionOf(pkg)}/`;
}

/** Types worth compressing: text (never event streams), JSON, JavaScript, SVG, XML. */
const COMPRESSIBLE = /^text\/(?!event-stream)|(?:\+|\/)json(?:;|$)|javascript|image\/svg\+xml|(?:\+|\/)xml(?:;|$)/;

/** Registers compression and, unless `webRoot` is false, the dashboard and its bundles. */
export async function registerDashboardAssets(app: FastifyInstance, webRoot: string | false): Promise<void> {
  await app.register(compress, { global: true, customTypes: COMPRESSIBLE, threshold: 1024 });
  if (webRoot === false) return;
  // wildcard: false serves only files present at start, so unknown paths reach the 404 handler.
  await app.register(fastifyStatic, {
    root: webRoot,
    prefix: "/",
    wildcard: false,
    // index.html is sent as built by dashboard-shell.ts (stylesheet inlined, first modules preloaded).
    index: false,
    globIgnore: ["index.html"],
    cacheControl: false,
    setHeaders: (reply) => void reply.header("cache-control", "no-cache"),
  });
  registerDashboardShell(app, webRoot);
  for (const { name, pkg, dir } of VENDOR_BUNDLES) {
    const root = findInNodeModules(`${pkg}/${dir}`);
    if (root === null) continue;
    await app.register(fastifyStatic, {
      root,
      prefix: vendorPrefix(name, pkg),
      wildcard: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply) => void reply.header("cache-control", "public, max-age=31536000, immutable"),
    });
    // The unversioned path stays for other pages and clients; revalidated like the dashboard's files.
    await app.register(fastifyStatic, {
      root,
      prefix: `/vendor/${name}/`,
      wildcard: false,
      decorateReply: false,
      cacheControl: false,
      setHeaders: (reply) => void reply.header("cache-control", "no-cache"),
    });
  }
}
