/**
 * The dashboard's first page as served (issue 16, first contentful paint): nothing render-blocking but the
 * HTML itself (the stylesheet inlined, no external stylesheet or classic script in the critical path),
 * the chart libraries left out of the first paint (listed in an inert template), and every module of the
 * landing view named for preloading, so the browser fetches the module graph at once rather than one
 * import depth per round trip. Revalidated with an ETag.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { staticModuleGraph } from "../../src/api/dashboard-shell.js";
import type { GatesimApp } from "../../src/api/index.js";
import { testApp } from "./helpers.js";

const WEB = fileURLToPath(new URL("../../web/", import.meta.url));

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp({ webRoot: WEB });
});
afterAll(async () => {
  await app.close();
});

/** The <head> of the page without its inert <template>s. */
function headOutsideTemplates(html: string): string {
  const head = html.slice(0, html.indexOf("</head>"));
  return head.replace(/<template[\s\S]*?<\/template>/g, "");
}

describe("the dashboard's first page", () => {
  it("has nothing render-blocking: the stylesheet is inlined and no script or stylesheet is fetched before paint", async () => {
    const res = await app.inject({ method: "GET", url: "/" });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/html");
    const head = headOutsideTemplates(res.body);
    expect(head).not.toMatch(/<link[^>]+rel="stylesheet"/);
    // Classic scripts (render-blocking or deferred, run before DOMContentLoaded) are none; one module script.
    expect(head.match(/<script(?![^>]*type="module")[^>]*>/g) ?? []).toEqual([]);
    expect(head.match(/<script[^>]*type="module"[^>]*>/g)).toEqual(['<script type="module" src="/app.js">']);
    const css = readFileSync(join(WEB, "style.css"), "utf8");
    expect(head).toContain(`<style>\n${css}</style>`);
    // The chart libraries wait in an inert template, with their versioned URLs.
    expect(res.body).toMatch(
      /<template id="chart-libraries">[\s\S]*\/vendor\/d3@[\d.]+\/d3\.min\.js[\s\S]*<\/template>/,
    );
    expect((await app.inject({ method: "GET", url: "/index.html" })).body).toBe(res.body);
  });

  it("names every module of the landing view for preloading, and none twice", async () => {
    const html = (await app.inject({ method: "GET", url: "/" })).body;
    const preloaded = [...html.matchAll(/<link rel="modulepreload" href="\/([^"]+)"/g)].map((m) => m[1]);
    const graph = staticModuleGraph(WEB, ["app.js", "views/launch.js"]);
    expect(graph).toContain("views/launch-controls.js");
    expect(graph).toContain("i18n/ui.js");
    expect(new Set(preloaded)).toEqual(new Set(graph));
    expect(preloaded.length).toBe(new Set(preloaded).size);
    // Views that are not the landing one are imported when first shown, not preloaded.
    expect(preloaded).not.toContain("views/results.js");
    expect(preloaded).not.toContain("charts/series.js");
    for (const m of preloaded) expect((await app.inject({ method: "GET", url: `/${m}` })).statusCode, m).toBe(200);
  });

  it("is compressed and revalidated with its ETag", async () => {
    const res = await app.inject({ method: "GET", url: "/", headers: { "accept-encoding": "br" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toBe("no-cache");
    const again = await app.inject({ method: "GET", url: "/", headers: { "if-none-match": String(res.headers.etag) } });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });
});
