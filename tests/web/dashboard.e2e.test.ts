/**
 * End-to-end test of the planner dashboard in a real browser: the real API (buildApp, temp data dir)
 * on a free port, Debian's Chromium driven by playwright-core. It launches two small runs from the page
 * (Smart Gate 2026, 2 days, 3 replications), watches progress, checks that every chart is drawn with
 * data, exports CSV and JSON, compares the two runs, switches to Vietnamese, and checks keyboard and
 * label basics. Screenshots of the main views go to tests/artifacts/ (gitignored).
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp, type GatesimApp } from "../../src/api/app.js";
import { launchAndWaitForResults } from "./harness.js";

/** The few browser shapes the page functions use (the project's tsconfig has no DOM lib, on purpose). */
interface PageElement {
  id: string;
  className: string;
  outerHTML: string;
  textContent: string | null;
  labels?: { length: number } | null;
  getAttribute(name: string): string | null;
}
declare const document: {
  activeElement: PageElement | null;
  querySelectorAll(selector: string): Iterable<PageElement>;
  body: { dataset: Record<string, string | undefined> };
};
declare function getComputedStyle(el: PageElement): { outlineStyle: string };
interface PageCanvas {
  width: number;
  height: number;
  getContext(
    kind: "2d",
  ): { getImageData(x: number, y: number, w: number, h: number): { data: ArrayLike<number> } } | null;
}

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const ARTIFACTS = join(process.cwd(), "tests", "artifacts");
const SCENARIO = "smart-gate-2026";
/** Short waits: a missing element should fail in seconds, not after playwright's default 30 s. */
const WAIT = { timeout: 15_000 };

describe.skipIf(!hasChromium)(
  `dashboard in Chromium (${hasChromium ? CHROMIUM : "skipped: /usr/bin/chromium is missing"})`,
  () => {
    let app: GatesimApp;
    let base: string;
    let context: BrowserContext;
    let page: Page;
    let dataDir: string;
    let profileDir: string;
    const consoleErrors: string[] = [];
    const eventStreams: string[] = [];
    const runIds: string[] = [];

    beforeAll(async () => {
      mkdirSync(ARTIFACTS, { recursive: true });
      dataDir = mkdtempSync(join(tmpdir(), "gatesim-web-data-"));
      profileDir = mkdtempSync(join(tmpdir(), "gatesim-chromium-"));
      app = await buildApp({ dataDir, threads: 1, rateLimit: false, sseHeartbeatMs: 1000 });
      await app.listen({ port: 0, host: "127.0.0.1" });
      const address = app.server.address();
      if (address === null || typeof address === "string") throw new Error("no TCP address");
      base = `http://127.0.0.1:${address.port}`;
      context = await chromium.launchPersistentContext(profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        viewport: { width: 1360, height: 900 },
        acceptDownloads: true,
        args: [
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
        ],
      });
      page = context.pages()[0] ?? (await context.newPage());
      page.setDefaultTimeout(WAIT.timeout);
      page.on("console", (m) => {
        if (m.type() === "error") consoleErrors.push(m.text());
      });
      page.on("pageerror", (e) => consoleErrors.push(String(e)));
      page.on("request", (r) => {
        if (r.url().endsWith("/events")) eventStreams.push(r.url());
      });
    });

    afterAll(async () => {
      await context?.close();
      await app?.close();
      if (profileDir) rmSync(profileDir, { recursive: true, force: true });
      if (dataDir) rmSync(dataDir, { recursive: true, force: true });
    });

    /** Fills the launch form for the test scenario and launches; returns the run id shown. */
    async function launchFromPage(changes: (p: Page) => Promise<void>): Promise<string> {
      await page.goto(`${base}/#launch`);
      await page.locator("#scenario").selectOption(SCENARIO);
      await page.locator("#ctl-demand-export").waitFor(WAIT);
      await changes(page);
      await page.locator("#replications").fill("3");
      await page.locator("#seed").fill("7");
      await page.locator("#horizon").fill("2");
      await page.locator("#warmup").fill("0");
      // Progress is followed live; the run ends with every replication done and a link to the results.
      const href = await launchAndWaitForResults(page, 60_000);
      const text = (await page.locator("#progress-text").textContent(WAIT)) ?? "";
      expect(text).toMatch(/^3 \/ 3 /);
      const progress = await page
        .locator("#run-progress")
        .evaluate((el: { value: number; max: number }) => ({ value: el.value, max: el.max }));
      expect(progress).toEqual({ value: 3, max: 3 });
      expect(await page.locator("#progress-panel .badge").getAttribute("data-status", WAIT)).toBe("succeeded");
      const id = href.replace("#results/", "");
      expect(id).toMatch(/^run_/);
      return id;
    }

    it("launches a run from the form and follows its progress live", async () => {
      await page.goto(`${base}/`);
      await page
        .locator("#scenario option")
        .first()
        .waitFor({ state: "attached", ...WAIT });
      // The page loads without console errors (favicon included) and every control is labelled.
      await page.locator("#scenario").selectOption(SCENARIO);
      await page.locator("#ctl-demand-export").waitFor(WAIT);
      const unlabelled = await page.evaluate(() =>
        [...document.querySelectorAll("input, select, button, textarea")]
          .filter((el) => {
            const labels = el.labels;
            return !(labels && labels.length > 0) && !el.getAttribute("aria-label") && !(el.textContent ?? "").trim();
          })
          .map((el) => el.outerHTML.slice(0, 80)),
      );
      expect(unlabelled).toEqual([]);
      // The planner's parameters are there, with the scenario's values.
      expect(await page.locator("#ctl-demand-export").inputValue()).toBe("450");
      expect(await page.locator("#ctl-lanes-exportGate").inputValue()).toBe("4");
      expect(await page.locator("#ctl-xray-xray").inputValue()).toBe("4");
      expect(await page.locator("#ctl-appt-share-export").inputValue()).toBe("90");
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-launch.png"), fullPage: true });

      const id = await launchFromPage(async () => {});
      runIds.push(id);
      expect(eventStreams.some((u) => u.endsWith(`/runs/${id}/events`))).toBe(true);
    });

    it("draws the results: schematic, throughput, time in system, queues, utilization, KPIs, assumed inputs", async () => {
      const id = runIds[0] as string;
      await page.locator("#view-results-link").click();
      await page.locator("#kpi-table").waitFor(WAIT);
      expect(new URL(page.url()).hash).toBe(`#results/${id}`);
      await page.waitForFunction(() => document.body.dataset.ready === "true", null, WAIT);

      // Daily throughput: two bands and two lines with real path data, one dot per day and direction.
      const daily = await page.$$eval(
        "#chart-daily svg path",
        (ps) => ps.filter((p) => (p.getAttribute("d") ?? "").length > 10).length,
      );
      expect(daily).toBeGreaterThanOrEqual(4);
      expect(await page.locator("#chart-daily svg circle").count()).toBe(4);
      // Time in system: P50, P95, P99 and the longest, each a point on the cumulative curve.
      expect(await page.locator("#chart-tis svg circle").count()).toBe(4);
      // Utilization: one bar per server stage with a positive width.
      const bars = await page.$$eval(
        "#chart-util svg rect",
        (rs) => rs.filter((r) => Number(r.getAttribute("width")) > 0).length,
      );
      expect(bars).toBeGreaterThanOrEqual(8);
      // Queues: uPlot canvases sized to their cards and actually painted.
      for (const chart of ["#chart-nh1a", "#chart-yard"]) {
        const painted = await page.locator(`${chart} canvas`).evaluate((c: PageCanvas) => {
          const ctx = c.getContext("2d");
          if (!ctx) return { width: c.width, inked: 0 };
          const { data } = ctx.getImageData(0, 0, c.width, c.height);
          let inked = 0;
          for (let i = 3; i < data.length; i += 4) if ((data[i] ?? 0) > 0) inked++;
          return { width: c.width, inked };
        });
        expect(painted.width).toBeGreaterThan(300);
        expect(painted.inked).toBeGreaterThan(2000);
      }
      // Schematic: stage boxes coloured from the results (Smart Gate, X-ray, transshipment, Youyi Guan...).
      const boxes = await page.$$eval(".stage-box", (gs) =>
        gs.map((g) => ({
          box: g.getAttribute("data-box"),
          util: g.getAttribute("data-util"),
          fill: g.querySelector("rect")?.getAttribute("fill"),
        })),
      );
      expect(boxes.map((b) => b.box).sort()).toEqual(
        [
          "channels",
          "icd",
          "inspection",
          "nh1a",
          "quarantine",
          "road",
          "smartGate",
          "transship",
          "xray",
          "yards",
          "youyi",
        ].sort(),
      );
      for (const key of ["smartGate", "xray", "transship", "youyi", "channels"]) {
        const b = boxes.find((x) => x.box === key);
        expect(Number(b?.util), key).toBeGreaterThan(0);
        expect(b?.fill, key).not.toBe("#f3f4f6");
      }
      // KPI table: mean [lo, hi] unit for every KPI; assumed inputs listed.
      const kpiRows = await page.locator("#kpi-table tbody tr").count();
      expect(kpiRows).toBeGreaterThan(20);
      const tput = (await page.locator('#kpi-table tr[data-kpi="throughputPerDay"]').textContent(WAIT)) ?? "";
      expect(tput).toMatch(/Trucks cleared per day[\d,.]+\[[\d,.]+, [\d,.]+\]trucks\/day/);
      expect(await page.locator("#assumed-inputs li").count()).toBeGreaterThan(3);
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-results.png"), fullPage: true });

      // Exports are client-side downloads of the report.
      const [json] = await Promise.all([page.waitForEvent("download", WAIT), page.locator("#download-json").click()]);
      const jsonPath = join(ARTIFACTS, "results.json");
      await json.saveAs(jsonPath);
      const report = JSON.parse(readFileSync(jsonPath, "utf8"));
      expect({
        name: report.scenario?.name,
        replications: report.replications,
        keys: Object.keys(report),
      }).toMatchObject({
        name: SCENARIO,
        replications: 3,
      });
      const [csv] = await Promise.all([page.waitForEvent("download", WAIT), page.locator("#download-csv").click()]);
      const csvPath = join(ARTIFACTS, "results.csv");
      await csv.saveAs(csvPath);
      const lines = readFileSync(csvPath, "utf8").trim().split(/\r?\n/);
      expect(lines[0]).toBe("kind,name,figure,mean,ci95_lo,ci95_hi,sd,unit,n");
      expect(lines.some((l) => l.startsWith("kpi,throughputPerDay,value,"))).toBe(true);
      expect(lines.some((l) => /^daily,exportCleared,\d{4}-\d{2}-\d{2},/.test(l))).toBe(true);
    });

    it("compares two runs with paired differences and their significance", async () => {
      // Second run: the same experiment with two export Smart Gate lanes fewer (common random numbers).
      const id = await launchFromPage(async (p) => {
        await p.locator("#ctl-lanes-exportGate").fill("1");
        await p.locator("#ctl-tech-transshipDocks").selectOption("manual");
        const overrides = JSON.parse((await p.locator("#overrides-preview").textContent(WAIT)) ?? "{}");
        expect(overrides).toMatchObject({
          "stages.exportGate.servers": 1,
          "stages.transshipDocks.serviceMinutes": { type: "triangular" },
        });
      });
      runIds.push(id);
      await page.goto(`${base}/#compare`);
      for (const run of runIds) await page.locator(`#cmp-${run}`).check(WAIT);
      await page.locator("#compare-button").click();
      await page.locator("#side-by-side").waitFor(WAIT);
      // Side by side: one column per run plus KPI and unit.
      expect(await page.locator("#side-by-side thead th").count()).toBe(4);
      // Paired differences: a row per KPI, each saying whether it is significant.
      // Key figures first; the rest appear on request.
      const rows = page.locator('[data-card="difference"] tbody tr');
      const visible = page.locator('[data-card="difference"] tbody tr:visible');
      expect(await visible.count()).toBeLessThanOrEqual(10);
      await page.locator("#toggle-all-figures").click();
      expect(await page.locator("#toggle-all-figures").getAttribute("aria-expanded", WAIT)).toBe("true");
      expect(await visible.count()).toBe(await rows.count());
      expect(await rows.count()).toBeGreaterThan(20);
      await page.locator("#toggle-all-figures").click();
      const tis = page.locator('[data-card="difference"] tr[data-kpi="timeInSystemMinutesMean"]');
      expect(await tis.getAttribute("data-significant", WAIT)).toBe("true");
      expect(await tis.getAttribute("data-verdict", WAIT)).toBe("worse");
      expect((await tis.textContent(WAIT)) ?? "").toContain("worse");
      // The chart of relative differences draws an interval and a dot per KPI.
      expect(await page.locator("#chart-diffs svg circle").count()).toBeGreaterThanOrEqual(8);
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-compare.png"), fullPage: true });
      await page.locator('[data-card="pairedDiffs"]').screenshot({ path: join(ARTIFACTS, "compare-differences.png") });
      const [csv] = await Promise.all([
        page.waitForEvent("download", WAIT),
        page.locator("#download-compare-csv").click(),
      ]);
      const csvPath = join(ARTIFACTS, "comparison.csv");
      await csv.saveAs(csvPath);
      expect(readFileSync(csvPath, "utf8").split(/\r?\n/)[0]).toContain("diff_mean");
    });

    it("lists the runs in the history with their status", async () => {
      await page.goto(`${base}/#history`);
      await page.locator("#history-table").waitFor(WAIT);
      for (const id of runIds) {
        expect(await page.locator(`#history-table tr[data-run="${id}"]`).getAttribute("data-status", WAIT)).toBe(
          "succeeded",
        );
      }
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-history.png"), fullPage: true });
    });

    it("copes with a one-replication run (no intervals) and cancels a run from the page", async () => {
      // One replication: no spread across replications (the API gives a zero-width or missing interval); the
      // charts still draw the means.
      const res = await fetch(`${base}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ scenario: SCENARIO, replications: 1, seed: 3, horizonDays: 1, warmupDays: 0 }),
      });
      const one = (await res.json()) as { id: string };
      await page.goto(`${base}/#results/${one.id}`);
      await page.locator("#kpi-table").waitFor({ timeout: 30_000 });
      expect(await page.locator("#chart-daily svg circle").count()).toBe(2);
      expect(await page.locator("#chart-tis svg circle").count()).toBe(4);
      expect((await page.locator('#kpi-table tr[data-kpi="throughputPerDay"]').textContent(WAIT)) ?? "").toMatch(
        /per day[\d,.]+\[([\d,.]+, [\d,.]+|–, –)\]/,
      );

      // A long run, cancelled while it runs.
      await page.goto(`${base}/#launch`);
      await page.locator("#scenario").selectOption(SCENARIO);
      await page.locator("#ctl-demand-export").waitFor(WAIT);
      await page.locator("#replications").fill("4");
      await page.locator("#horizon").fill("60");
      await page.locator("#launch").click();
      await page.locator("#cancel-run").click(WAIT);
      await page.locator('#progress-panel .badge[data-status="cancelled"]').waitFor({ timeout: 30_000 });
      expect(await page.locator("#cancel-run").count()).toBe(0);
    });

    it("switches to Vietnamese and is usable by keyboard", async () => {
      await page.goto(`${base}/#results/${runIds[0]}`);
      await page.locator("#kpi-table").waitFor(WAIT);
      await page.locator("#lang").selectOption("vi");
      await page.locator("#kpi-table").waitFor(WAIT);
      await page.waitForFunction(() => document.body.dataset.ready === "true", null, WAIT);
      const text = (await page.locator("body").textContent(WAIT)) ?? "";
      for (const s of [
        "Thông lượng hằng ngày",
        "Thời gian trong hệ thống",
        "Hàng đợi trên QL1A",
        "Cửa khẩu thông minh",
        "So sánh",
        "Lịch sử chạy",
      ]) {
        expect(text).toContain(s);
      }
      expect(await page.getAttribute("html", "lang", WAIT)).toBe("vi");
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-results-vi.png"), fullPage: true });
      await page.locator('[data-card="schematicTitle"]').screenshot({ path: join(ARTIFACTS, "schematic-vi.png") });
      await page.locator('[data-card="utilizationTitle"]').screenshot({ path: join(ARTIFACTS, "utilization-vi.png") });
      await page.locator('[data-card="timeInSystem"]').screenshot({ path: join(ARTIFACTS, "time-in-system-vi.png") });
      // Keyboard: Tab reaches the skip link first, then the language switch; focus is visible (an outline).
      await page.goto(`${base}/#launch`);
      await page.reload();
      await page.locator("#scenario").waitFor(WAIT);
      await page.keyboard.press("Tab");
      expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip-link");
      await page.keyboard.press("Tab");
      const focus = await page.evaluate(() => {
        const el = document.activeElement;
        return el ? { id: el.id, outline: getComputedStyle(el).outlineStyle } : null;
      });
      expect(focus).toEqual({ id: "lang", outline: "solid" });
      await page.screenshot({ path: join(ARTIFACTS, "dashboard-launch-vi.png"), fullPage: true });
      await page.locator("#lang").selectOption("en");
      expect(consoleErrors).toEqual([]);
    });
  },
);
