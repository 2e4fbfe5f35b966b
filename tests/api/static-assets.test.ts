/**
 * The dashboard's assets (issue 16, item 9): compressed (brotli, gzip), chart bundles under versioned
 * URLs cached as immutable, the dashboard's own files revalidated with their ETag, event streams never
 * compressed, and index.html naming the installed versions of the bundles.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { VENDOR_BUNDLES, vendorPrefix } from "../../src/api/static-assets.js";
import { TINY_RUN, testApp, waitForRun } from "./helpers.js";

const WEB = fileURLToPath(new URL("../../web/", import.meta.url));

/** Every file of the dashboard, as URL paths. */
function webFiles(dir = WEB): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? webFiles(p) : [`/${relative(WEB, p).replaceAll("\\", "/")}`];
  });
}

let app: GatesimApp;
beforeAll(async () => {
  app = await testApp({ webRoot: WEB });
});
afterAll(async () => {
  await app.close();
});

describe("dashboard assets", () => {
  it("index.html loads the installed versions of the chart bundles", async () => {
    const html = readFileSync(join(WEB, "index.html"), "utf8");
    for (const { name, pkg } of VENDOR_BUNDLES) expect(html).toContain(vendorPrefix(name, pkg));
    for (const url of html.match(/\/vendor\/[^"]+/g) ?? []) {
      expect((await app.inject({ method: "GET", url })).statusCode, url).toBe(200);
    }
  });

  it("serves the bundles compressed and immutable, the dashboard's files compressed and revalidated", async () => {
    const plot = vendorPrefix("plot", "@observablehq/plot");
    const br = await app.inject({ method: "GET", url: `${plot}plot.umd.min.js`, headers: { "accept-encoding": "br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(br.rawPayload.length).toBeLessThan(
      statSync(fileURLToPath(new URL("../../node_modules/@observablehq/plot/dist/plot.umd.min.js", import.meta.url)))
        .size / 3,
    );
    const app1 = await app.inject({ method: "GET", url: "/app.js", headers: { "accept-encoding": "gzip" } });
    expect(app1.headers["content-encoding"]).toBe("gzip");
    expect(app1.headers["cache-control"]).toBe("no-cache");
    const etag = app1.headers.etag as string;
    expect(etag).toBeTruthy();
    const again = await app.inject({ method: "GET", url: "/app.js", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
  });

  it("sends the whole dashboard in well under half its size", async () => {
    const html = readFileSync(join(WEB, "index.html"), "utf8");
    const urls = [...webFiles(), ...(html.match(/\/vendor\/[^"]+/g) ?? [])];
    let raw = 0;
    let sent = 0;
    for (const url of urls) {
      const res = await app.inject({ method: "GET", url, headers: { "accept-encoding": "br, gzip" } });
      expect(res.statusCode, url).toBe(200);
      sent += res.rawPayload.length;
      raw += res.headers["content-encoding"] ? Buffer.byteLength(await decode(res)) : res.rawPayload.length;
    }
    expect(raw).toBeGreaterThan(500_000);
    expect(sent / raw).toBeLessThan(0.4);
  });

  it("never compresses an event stream", async () => {
    const run = (await app.inject({ method: "POST", url: "/runs", payload: TINY_RUN })).json();
    await waitForRun(app, run.id);
    const events = await app.inject({
      method: "GET",
      url: `/runs/${run.id}/events`,
      headers: { accept: "text/event-stream", "accept-encoding": "gzip, br" },
    });
    expect(events.headers["content-type"]).toContain("text/event-stream");
    expect(events.headers["content-encoding"]).toBeUndefined();
    expect(events.body).toContain("event: status");
  });
});

/** The decoded body of a compressed answer. */
async function decode(res: { rawPayload: Buffer; headers: Record<string, unknown> }): Promise<Buffer> {
  const zlib = await import("node:zlib");
  return res.headers["content-encoding"] === "br"
    ? zlib.brotliDecompressSync(res.rawPayload)
    : zlib.gunzipSync(res.rawPayload);
}
