/**
 * The HTML report opens from a file in a real browser (Debian's Chromium, through playwright-core),
 * with no network, and draws its four charts. Skipped where Chromium is not installed.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chartLibraries } from "../../src/cli/common.js";
import { experimentReport, InlineExecutor, runExperiment } from "../../src/runner/index.js";
import { applyOverrides, compileScenario, loadShippedScenario } from "../../src/scenario/index.js";
import { renderHtmlReport } from "../../src/stats/index.js";

const CHROMIUM = "/usr/bin/chromium";

describe("HTML report in a browser", () => {
  it.skipIf(!existsSync(CHROMIUM))("renders every chart offline, without errors", async () => {
    const compiled = compileScenario(applyOverrides(loadShippedScenario("mm1"), { horizonDays: 3, warmupDays: 0.5 }));
    const result = await runExperiment({ compiled, replications: 3, seed: 5, executor: new InlineExecutor() });
    const dir = mkdtempSync(join(tmpdir(), "gatesim-html-"));
    const file = join(dir, "report.html");
    const vi = join(dir, "report-vi.html");
    writeFileSync(file, renderHtmlReport(experimentReport(result), chartLibraries()));
    writeFileSync(vi, renderHtmlReport(experimentReport(result), chartLibraries(), {}, "vi"));
    const profile = mkdtempSync(join(tmpdir(), "chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"],
    });
    try {
      const page = await context.newPage();
      const errors: string[] = [];
      const requests: string[] = [];
      page.on("pageerror", (e) => errors.push(String(e)));
      page.on("console", (m) => {
        if (m.type() === "error") errors.push(m.text());
      });
      page.on("request", (r) => {
        if (!r.url().startsWith("file:")) requests.push(r.url());
      });
      for (const f of [file, vi]) {
        await page.goto(pathToFileURL(f).href);
        await page.waitForSelector("body[data-ready]", { timeout: 15_000 });
        expect(errors).toEqual([]);
        expect(requests).toEqual([]);
        for (const id of ["chart-daily", "chart-tis", "chart-queues", "chart-util", "chart-stages"]) {
          expect(await page.locator(`#${id} svg`).count(), id).toBeGreaterThan(0);
        }
      }
      // The Vietnamese page's charts speak Vietnamese: axis words and the busy/blocked/idle legend.
      const chartText = await page.locator("figure").allTextContents();
      expect(chartText.join(" ")).toContain("bận");
      expect(chartText.join(" ")).not.toContain("share of the capacity");
    } finally {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
