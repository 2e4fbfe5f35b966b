/**
 * Shared set-up of the browser tests: the real API (buildApp on a temporary data folder, a free port)
 * and Debian's Chromium driven by playwright-core with a fresh profile folder that `close()` deletes,
 * so no test leaves `chromium-*` or profile folders in the temp dir. Also small page helpers.
 */
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { type BuildAppOptions, buildApp, type GatesimApp } from "../../src/api/app.js";

/** Debian's Chromium. */
export const CHROMIUM = "/usr/bin/chromium";
/** True when the browser tests can run here. */
export const hasChromium = existsSync(CHROMIUM);
/** Short waits: a missing element should fail in seconds, not after playwright's default 30 s. */
export const WAIT = { timeout: 15_000 };

/** Chromium flags for a quiet, offline, sandbox-free headless run. */
export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/** A running dashboard with a browser on it. */
export interface Dashboard {
  app: GatesimApp;
  base: string;
  context: BrowserContext;
  page: Page;
  /** Console errors and page errors seen so far. */
  errors: string[];
  /** A temporary folder for downloads, deleted by `close()`. */
  tmp: string;
  /** A new page in a new browser context (another viewport or language); closed by `close()`. */
  newPage(options?: { viewport?: { width: number; height: number }; locale?: string }): Promise<Page>;
  /** Starts a run through the API; resolves to its id. */
  startRun(body: Record<string, unknown>): Promise<string>;
  /** Waits until a run has a final status (through the API). */
  waitRun(id: string, timeoutMs?: number): Promise<Record<string, unknown>>;
  close(): Promise<void>;
}

/** Starts the API and Chromium; `locale` sets the browser language (navigator.languages). */
export async function openDashboard(
  options: { app?: BuildAppOptions; viewport?: { width: number; height: number }; locale?: string } = {},
): Promise<Dashboard> {
  const dataDir = mkdtempSync(join(tmpdir(), "gatesim-web-data-"));
  const tmp = mkdtempSync(join(tmpdir(), "gatesim-web-files-"));
  const profiles: string[] = [];
  const app = await buildApp({ dataDir, threads: 1, rateLimit: false, sseHeartbeatMs: 1000, ...options.app });
  await app.listen({ port: 0, host: "127.0.0.1" });
  const address = app.server.address();
  if (address === null || typeof address === "string") throw new Error("no TCP address");
  const base = `http://127.0.0.1:${address.port}`;
  const contexts: BrowserContext[] = [];
  const errors: string[] = [];
  const launch = async (viewport?: { width: number; height: number }, locale?: string): Promise<BrowserContext> => {
    const profile = mkdtempSync(join(tmpdir(), "gatesim-chromium-profile-"));
    profiles.push(profile);
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: viewport ?? { width: 1360, height: 900 },
      acceptDownloads: true,
      locale: locale ?? "en-GB",
      args: [...CHROMIUM_ARGS, `--lang=${locale ?? "en-GB"}`],
    });
    contexts.push(context);
    return context;
  };
  const watch = (page: Page) => {
    page.setDefaultTimeout(WAIT.timeout);
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    return page;
  };
  const context = await launch(options.viewport, options.locale);
  const page = watch(context.pages()[0] ?? (await context.newPage()));
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return (await res.json()) as Record<string, unknown>;
  };
  return {
    app,
    base,
    context,
    page,
    errors,
    tmp,
    async newPage(o = {}) {
      const c = await launch(o.viewport, o.locale);
      return watch(c.pages()[0] ?? (await c.newPage()));
    },
    async startRun(body) {
      return (await api("POST", "/runs", body)).id as string;
    },
    async waitRun(id, timeoutMs = 60_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const run = await api("GET", `/runs/${id}`);
        if (["succeeded", "failed", "cancelled", "interrupted"].includes(run.status as string)) return run;
        if (Date.now() > deadline) throw new Error(`run ${id} still ${String(run.status)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => {});
      await app.close();
      for (const p of profiles) rmSync(p, { recursive: true, force: true });
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(tmp, { recursive: true, force: true });
    },
  };
}

/** Waits until the current view has rendered (`body[data-ready=true]`). */
export async function ready(page: Page): Promise<void> {
  await page.waitForFunction(
    () =>
      (globalThis as unknown as { document: { body: { dataset: { ready?: string } } } }).document.body.dataset.ready ===
      "true",
    null,
    WAIT,
  );
}

/**
 * Clicks the launch form's button and waits until the run it launched has ended with a link to its results;
 * returns that link (`#results/run_...`). The launch view keeps the previous run's panel across visits, with
 * its own results link: waiting for any link would let the old one pass for the new run.
 */
export async function launchAndWaitForResults(page: Page, timeoutMs: number): Promise<string> {
  const links = page.locator("#view-results-link");
  const before = (await links.count()) > 0 ? await links.getAttribute("href", WAIT) : null;
  await page.locator("#launch").click();
  const handle = await page.waitForFunction(
    (old) => {
      const doc = (globalThis as unknown as { document: { querySelector(s: string): PageLink | null } }).document;
      const href = doc.querySelector("#view-results-link")?.getAttribute("href");
      return href !== undefined && href !== null && href !== old ? href : false;
    },
    before,
    { timeout: timeoutMs },
  );
  return (await handle.jsonValue()) as string;
}

/** The part of a page element that `launchAndWaitForResults` reads (the tests have no DOM types). */
interface PageLink {
  getAttribute(name: string): string | null;
}

/**
 * Delays the page's fetch of one scenario (`/scenarios/<name>`) by `ms`, as a slow link would. Returns what
 * to await once the form has been used meanwhile: the answer has come, the delay is removed, and the form
 * has had time to draw itself again.
 */
export async function delayScenario(page: Page, name: string, ms = 1000): Promise<() => Promise<void>> {
  const url = `**/scenarios/${name}`;
  await page.route(url, async (route) => {
    await new Promise((r) => setTimeout(r, ms));
    await route.continue();
  });
  const arrived = page.waitForResponse(url, WAIT);
  return async () => {
    await arrived;
    await page.unroute(url);
    await page.waitForTimeout(300);
  };
}
