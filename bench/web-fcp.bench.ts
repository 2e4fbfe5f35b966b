/**
 * First contentful paint of the dashboard on loopback, in Debian's Chromium (playwright-core): the real
 * server (buildApp, compressed assets with cache headers), the landing view. Cold loads use a fresh
 * browser profile each (nothing cached); warm loads reload in the same profile (bundles from the cache,
 * the dashboard's files revalidated). Reports the median and worst FCP, the time until the view has
 * rendered (`body[data-ready]`), and the bytes transferred. Target: FCP under 500 ms.
 * Run: `node --import tsx bench/web-fcp.bench.ts [--quick]`; writes bench/results/web-fcp.json.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os, { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium, type Page } from "playwright-core";
import { buildApp } from "../src/api/app.js";

const CHROMIUM = "/usr/bin/chromium";
const ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** One page load: FCP, time to the rendered view, bytes over the wire. */
interface Load {
  fcpMs: number;
  readyMs: number;
  transferredBytes: number;
}

/** Loads `url` and reads the paint and resource timings of the page. */
async function measure(page: Page, url: string, reload: boolean): Promise<Load> {
  if (reload) await page.reload({ waitUntil: "load" });
  else await page.goto(url, { waitUntil: "load" });
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { body: { dataset: { ready?: string } } } }).document.body.dataset.ready ===
      "true",
  );
  return page.evaluate(() => {
    const perf = (
      globalThis as unknown as {
        performance: {
          now(): number;
          getEntriesByName(n: string): { startTime: number }[];
          getEntriesByType(t: string): { transferSize?: number }[];
        };
      }
    ).performance;
    const fcp = perf.getEntriesByName("first-contentful-paint")[0]?.startTime ?? Number.NaN;
    const nav = perf.getEntriesByType("navigation")[0]?.transferSize ?? 0;
    const res = perf.getEntriesByType("resource").reduce((s, r) => s + (r.transferSize ?? 0), 0);
    return { fcpMs: fcp, readyMs: perf.now(), transferredBytes: nav + res };
  });
}

/** Median of numbers. */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

/** Runs the benchmark and writes bench/results/web-fcp.json; returns the figures. */
export async function runWebFcpBench(options: { quick?: boolean } = {}) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium`);
  const rounds = options.quick ? 3 : 9;
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-fcp-data-"));
  const app = await buildApp({ dataDir, threads: 1, rateLimit: false });
  const cold: Load[] = [];
  const warm: Load[] = [];
  try {
    await app.listen({ port: 0, host: "127.0.0.1" });
    const address = app.server.address();
    if (address === null || typeof address === "string") throw new Error("no TCP address");
    const url = `http://127.0.0.1:${address.port}/`;
    for (let i = 0; i < rounds; i++) {
      const profile = mkdtempSync(join(tmpdir(), "gatesim-fcp-profile-"));
      const context = await chromium.launchPersistentContext(profile, {
        executablePath: CHROMIUM,
        headless: true,
        args: ARGS,
      });
      try {
        const page = context.pages()[0] ?? (await context.newPage());
        cold.push(await measure(page, url, false));
        warm.push(await measure(page, url, true));
      } finally {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      }
    }
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
  const summary = (loads: Load[]) => ({
    fcpMsMedian: Math.round(median(loads.map((l) => l.fcpMs))),
    fcpMsMax: Math.round(Math.max(...loads.map((l) => l.fcpMs))),
    readyMsMedian: Math.round(median(loads.map((l) => l.readyMs))),
    transferredBytesMedian: median(loads.map((l) => l.transferredBytes)),
  });
  const report = {
    machine: {
      cpus: os.cpus().length,
      node: process.version,
      loadAverage: os.loadavg().map((x) => Math.round(x * 100) / 100),
    },
    rounds,
    targetFcpMs: 500,
    cold: summary(cold),
    warm: summary(warm),
    meetsTarget: median(cold.map((l) => l.fcpMs)) < 500 && median(warm.map((l) => l.fcpMs)) < 500,
    loads: { cold, warm },
  };
  const out = join(dirname(fileURLToPath(import.meta.url)), "results", "web-fcp.json");
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, `${JSON.stringify(report, null, 2)}\n`);
  return report;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const r = await runWebFcpBench({ quick: process.argv.includes("--quick") });
  const { loads: _loads, ...shown } = r;
  console.log(JSON.stringify(shown, null, 2));
}
