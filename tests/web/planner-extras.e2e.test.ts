/**
 * What a planner expects of the dashboard besides the items, in a real browser: a sweep launched
 * from the page drawn as a curve with intervals, the glossary, the HTML report and CSV downloads, and
 * the history's deletion and scenario filter.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, delayScenario, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

describe.skipIf(!hasChromium)("sweeps, glossary, downloads and history housekeeping in Chromium", () => {
  let d: Dashboard;
  let runId = "";
  beforeAll(async () => {
    d = await openDashboard();
    runId = await d.startRun({
      scenario: "smart-gate-2026",
      replications: 2,
      seed: 4,
      horizonDays: 2,
      warmupDays: 0,
      label: "Kept run",
    });
    await d.waitRun(runId);
    const other = await d.startRun({
      scenario: "baseline-2026q1",
      replications: 2,
      seed: 4,
      horizonDays: 2,
      warmupDays: 0,
      label: "Run to delete",
    });
    await d.waitRun(other);
  });
  afterAll(async () => {
    await d?.close();
  });

  it("launches a sweep of X-ray units from the page and draws the curve with intervals", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#sweep`);
    await ready(page);
    // The scenario arrives a second late (a slow link): what is picked and typed meanwhile must not be
    // replaced by its defaults when it comes (CI once launched a sweep of the first parameter instead).
    const arrived = await delayScenario(page, "smart-gate-2026");
    await page.locator("#sweep-scenario").selectOption("smart-gate-2026");
    await page.locator("#sweep-param").selectOption("stages.xray.servers");
    await arrived();
    await page.locator("#sweep-values").fill("1, 2, 4");
    await page.locator("#sweep-reps").fill("2");
    await page.locator("#sweep-horizon").fill("2");
    await page.locator("#sweep-warmup").fill("0");
    await page.locator("#sweep-launch").click();
    // The view follows the points' runs and redraws as each finishes.
    await expect.poll(() => page.locator("#chart-sweep svg[viewBox] circle").count(), { timeout: 120_000 }).toBe(3);
    expect(await page.locator("#sweep-table tbody tr").count()).toBe(3);
    expect((await page.locator("#chart-sweep svg[viewBox]").textContent()) ?? "").toContain("X-ray units");
    const href = (await page.locator("#sweep-csv").getAttribute("href")) ?? "";
    const csv = await (await fetch(`${d.base}${href}`)).text();
    expect(csv.split("\n")[0]).toMatch(/^stages\.xray\.servers,/);
    // The sweep's runs are ordinary runs: in the history, named after the sweep's point.
    await page.goto(`${d.base}/#history`);
    await page.locator("#history-table").waitFor(WAIT);
    expect(await page.locator("#history-table tbody tr", { hasText: "X-ray scanners: servers: 4" }).count()).toBe(1);
  });

  it("shows the glossary's terms and figures in both languages, with a filter", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#glossary`);
    await ready(page);
    const terms = await page.locator("#glossary-term ~ dl dt").allTextContents();
    expect(terms).toEqual([
      "Replication",
      "Seed",
      "Warm-up",
      "95 % interval",
      "Time in system",
      "Wait",
      "Blocked",
      "Zone",
    ]);
    expect(await page.locator('dt[data-id="timeInSystemMinutesMean"]').textContent()).toBe(
      "Time in system, mean (minutes)",
    );
    await page.locator("#glossary-filter").fill("zero line");
    expect(await page.locator("dl.glossary dt").count()).toBeLessThan(6);
    await page.locator("#glossary-filter").fill("");
    await page.locator("#lang").selectOption("vi");
    await ready(page);
    expect(await page.locator("#glossary-term ~ dl dt").first().textContent()).toBe("Lần lặp");
    await page.locator("#lang").selectOption("en");
  });

  it("downloads a run's HTML report and its figures; deletes a run and filters the history by scenario", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#results/${runId}`);
    await page.locator("#download-html").waitFor(WAIT);
    const [html] = await Promise.all([page.waitForEvent("download", WAIT), page.locator("#download-html").click()]);
    const file = join(d.tmp, "report.html");
    await html.saveAs(file);
    expect(readFileSync(file, "utf8")).toContain("<h1>Kept run</h1>");
    await page.goto(`${d.base}/#history`);
    await page.locator("#history-table").waitFor(WAIT);
    await page.locator("#scenario-filter").selectOption("baseline-2026q1");
    await page.locator("#history-table tbody tr").first().waitFor(WAIT);
    const names = await page.locator("#history-table tbody tr td:nth-child(2) a").allTextContents();
    expect(names).toEqual(["Run to delete"]);
    page.once("dialog", (dialog) => void dialog.accept());
    await page.locator("#history-table tbody tr", { hasText: "Run to delete" }).locator(".delete-run").click();
    await page.locator("#history-table tbody tr", { hasText: "Run to delete" }).waitFor({ state: "detached", ...WAIT });
    await page.locator("#scenario-filter").selectOption("");
    await page.locator("#history-table tbody tr", { hasText: "Kept run" }).waitFor(WAIT);
    expect(await page.locator("#history-table tbody tr", { hasText: "Run to delete" }).count()).toBe(0);
  });
});
