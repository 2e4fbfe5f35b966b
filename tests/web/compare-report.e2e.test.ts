/**
 * The comparison's HTML report (issue 16, "the HTML report of any run or comparison downloadable from
 * the UI"): one file with the runs compared and their changes, the answer, the chart and every figure,
 * in the page's language; it opens from disk with no script and no network, and axe finds nothing.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");
declare const document: { body: { innerText: string } };

/** Downloads the comparison's HTML report from the page and opens the file in the same tab. */
async function openReport(d: Dashboard, page: Page, name: string): Promise<string[]> {
  const [download] = await Promise.all([
    page.waitForEvent("download", WAIT),
    page.locator("#download-compare-html").click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^gatesim-comparison-.+\.html$/);
  const file = join(d.tmp, name);
  await download.saveAs(file);
  const requests: string[] = [];
  page.on("request", (r) => requests.push(r.url()));
  await page.goto(`file://${file}`);
  return requests;
}

describe.skipIf(!hasChromium)("the comparison's HTML report in Chromium", () => {
  let d: Dashboard;
  let comparisonId = "";
  beforeAll(async () => {
    d = await openDashboard();
    const common = { replications: 3, seed: 8, horizonDays: 3, warmupDays: 1 };
    const a = await d.startRun({ scenario: "baseline-2026q1", ...common, label: "Today" });
    await d.waitRun(a, 120_000);
    const b = await d.startRun({
      scenario: "smart-gate-2026",
      ...common,
      overrides: { "stages.xray.servers": 6 },
      label: "Smart Gate",
    });
    await d.waitRun(b, 120_000);
    const res = await fetch(`${d.base}/comparisons`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ runs: [a, b] }),
    });
    comparisonId = ((await res.json()) as { id: string }).id;
  });
  afterAll(async () => {
    await d?.close();
  });

  it("downloads one self-contained file with the runs, the answer, the chart and every figure", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#compare/${comparisonId}`);
    await ready(page);
    await page.locator("#compare-summary li").first().waitFor(WAIT);
    const sentences = await page.locator("#compare-summary li").allTextContents();
    const keyRows = await page.locator("#side-by-side tbody tr:not([hidden])").count();
    const requests = await openReport(d, page, "comparison.html");
    // Nothing but the file itself is loaded: no script, no stylesheet, no font from anywhere.
    expect(requests.filter((u) => !u.startsWith("file://"))).toEqual([]);
    expect(await page.locator("script").count()).toBe(0);
    expect(await page.getAttribute("html", "lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Comparison: Smart Gate against Today");
    expect(await page.locator("#compare-summary li").allTextContents()).toEqual(sentences);
    const runs = await page.locator("#report-runs tbody tr").allTextContents();
    expect(runs).toHaveLength(2);
    expect(runs[0]).toContain("Today (Reference)");
    expect(runs[0]).toContain("None: the scenario as shipped.");
    expect(runs[1]).toMatch(/Smart Gate.*seed 8, 3 replications × 3 days \(1 warm-up\).*X-ray.*6/);
    // The chart is the page's own SVG, with its labelled scale; the tables hold every figure.
    expect((await page.locator("figure svg").first().textContent()) ?? "").toContain(
      "Change against the reference (%)",
    );
    const shown = await page.locator("#side-by-side tbody tr:not([hidden])").count();
    expect(shown).toBeGreaterThan(Math.max(keyRows, 20));
    expect(await page.locator("#side-by-side tbody tr").count()).toBe(shown);
    expect(await page.locator('section[data-card="difference"] tbody tr:not([hidden])').count()).toBeGreaterThan(20);
    // Styled by the dashboard's stylesheet, inlined.
    expect(await page.evaluate(() => document.body.innerText)).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b|run_\w{6,}/);
    expect(await page.locator("style").count()).toBeGreaterThan(0);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const axe = (
        globalThis as unknown as {
          axe: { run(ctx: unknown, o: unknown): Promise<{ violations: { id: string }[] }> };
        }
      ).axe;
      const r = await axe.run((globalThis as unknown as { document: unknown }).document, {
        resultTypes: ["violations"],
      });
      return r.violations.map((v) => v.id);
    });
    expect(violations).toEqual([]);
  });

  it("is written in the page's language", async () => {
    const vi = await d.newPage({ locale: "vi-VN" });
    await vi.goto(`${d.base}/#compare/${comparisonId}`);
    await ready(vi);
    await vi.locator("#compare-summary li").first().waitFor(WAIT);
    await openReport(d, vi, "so-sanh.html");
    expect(await vi.getAttribute("html", "lang")).toBe("vi");
    expect(await vi.locator("h1").textContent()).toBe("So sánh: Smart Gate với Today");
    const text = await vi.evaluate(() => document.body.innerText);
    for (const english of ["Runs compared", "Side by side", "Paired differences", "What the change buys", "Reference"])
      expect(text).not.toContain(english);
    expect(text).toContain("Các lần chạy được so sánh");
    // Vietnamese numbers: no English thousands separators or decimal points.
    expect(text.match(/\b[1-9]\d{0,2},\d{3}\b/g) ?? []).toEqual([]);
  });
});
