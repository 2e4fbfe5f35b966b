/**
 * The dashboard's first page (index.html) as the server sends it, built once at start so the first paint
 * waits for nothing it does not need:
 * - the stylesheet (web/style.css) is inlined in a <style>, so the header paints with the HTML alone
 *   instead of after a second round trip;
 * - every module the first view needs (app.js's static imports and the landing view's, followed to the
 *   bottom) is named with <link rel="modulepreload">, so the browser fetches the whole graph at once
 *   instead of one import depth per round trip (the preload scanner cannot see imports of imports).
 * The chart libraries are not in the critical path at all: web/charts/libraries.js loads them when a
 * view draws a chart. The page is `no-cache` with an ETag (a 304 when nothing changed).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join, posix } from "node:path";
import type { FastifyInstance } from "fastify";

/** The view shown when the URL names none; its modules are preloaded with the shell's. */
export const LANDING_VIEW = "views/launch.js";

/** Static `import … from "./x.js"` and `import "./x.js"` (not dynamic `import()`), relative paths only. */
const STATIC_IMPORT = /^\s*(?:import|export)\s+(?:[^"'();]*?\sfrom\s+)?["'](\.{1,2}\/[^"']+)["']/gm;

/**
 * Every module reachable by static imports from `entries` (paths relative to `webRoot`, e.g. "app.js"),
 * each once, in the order first reached; files that do not exist are skipped. Bounded by the files on disk.
 */
export function staticModuleGraph(webRoot: string, entries: readonly string[]): string[] {
  const seen = new Set<string>();
  const queue = [...entries];
  while (queue.length > 0) {
    const file = queue.shift() as string;
    if (seen.has(file)) continue;
    const path = join(webRoot, file);
    if (!existsSync(path)) continue;
    seen.add(file);
    const source = readFileSync(path, "utf8");
    for (const match of source.matchAll(STATIC_IMPORT)) {
      const target = posix.normalize(posix.join(posix.dirname(file), match[1] as string));
      if (!target.startsWith("..") && !seen.has(target)) queue.push(target);
    }
  }
  return [...seen];
}

/** index.html with the stylesheet inlined and the first view's modules preloaded. */
export function buildDashboardShell(webRoot: string): string {
  let html = readFileSync(join(webRoot, "index.html"), "utf8");
  const cssPath = join(webRoot, "style.css");
  const stylesheet = /<link rel="stylesheet" href="\/style\.css"\s*\/?>/;
  if (existsSync(cssPath) && stylesheet.test(html)) {
    // A "</style" inside the CSS would end the element early; the dashboard's CSS has none, refuse if it does.
    const css = readFileSync(cssPath, "utf8");
    if (/<\/style/i.test(css)) throw new Error("web/style.css contains '</style': it cannot be inlined");
    html = html.replace(stylesheet, () => `<style>\n${css}</style>`);
  }
  const modules = staticModuleGraph(webRoot, ["app.js", LANDING_VIEW]);
  const preloads = modules.map((m) => `    <link rel="modulepreload" href="/${m}" />`).join("\n");
  return html.replace(/(\s*<script type="module" src="\/app\.js"><\/script>)/, `\n${preloads}$1`);
}

/** Serves the built shell at `/` and `/index.html` (compressed by the app's compression plugin). */
export function registerDashboardShell(app: FastifyInstance, webRoot: string): void {
  if (!existsSync(join(webRoot, "index.html"))) return;
  const html = buildDashboardShell(webRoot);
  const etag = `"${createHash("sha256").update(html).digest("base64url").slice(0, 27)}"`;
  for (const url of ["/", "/index.html"]) {
    app.get(url, { schema: { hide: true } }, (request, reply) => {
      reply.header("cache-control", "no-cache").header("etag", etag);
      if (request.headers["if-none-match"] === etag) return reply.code(304).send();
      return reply.type("text/html; charset=utf-8").send(html);
    });
  }
}
