/**
 * The planner's runs in a real browser (issue 16, items 1, 2, 4 and 7): the scenario's own horizon is
 * kept and shown with its calendar window and a run-time estimate (a default Tết run includes the
 * closure); an edited run shows its name, note and changes wherever it appears, and the assumed inputs
 * show the values used; progress and cancel follow the run into every view and survive a reload, and a
 * cancelled run shows its finished replications; every problem of the form is shown at once, in place,
 * in planner's words; no internal ids as labels, and the conventional baseline is not called Smart Gate.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  type Dashboard,
  delayScenario,
  hasChromium,
  launchAndWaitForResults,
  openDashboard,
  ready,
  WAIT,
} from "./harness.js";

interface El {
  textContent: string | null;
  getAttribute(n: string): string | null;
}
declare const document: { body: El & { innerText: string }; querySelectorAll(s: string): Iterable<El> };

/** Text of the page as a planner reads it. */
async function bodyText(d: Dashboard): Promise<string> {
  return d.page.evaluate(() => document.body.innerText);
}

/** Words that must never be shown: JavaScript's empty values and internal ids. */
const NEVER =
  /\bnull\b|\bundefined\b|\bNaN\b|run_[A-Za-z0-9_-]{6,}|§|\b(exportGate|importGate|youyiAccept|youyiRelease|icdPickup|transshipDocks|exportStaging|parkYard)\b|zone cn/;

describe.skipIf(!hasChromium)("planner's runs in Chromium", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await openDashboard();
  });
  afterAll(async () => {
    await d?.close();
  });

  it("keeps the Tết scenario's 72 days, shows the calendar window and an estimate, and the run covers the closure", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#launch`);
    await ready(page);
    await page.locator("#scenario").selectOption("tet-peak");
    await page.locator("#plan-window").waitFor(WAIT);
    // The form redraws for the scenario picked (the baseline's window was there before it).
    await expect.poll(() => page.locator("#horizon").inputValue(), WAIT).toBe("72");
    await expect
      .poll(async () => (await page.locator("#plan-window").textContent()) ?? "", WAIT)
      .toContain("31 Mar 2026");
    expect(await page.locator("#warmup").inputValue()).toBe("3");
    const window = (await page.locator("#plan-window").textContent()) ?? "";
    expect(window).toContain("19 Jan 2026");
    expect(window).toContain("31 Mar 2026");
    expect(window).toContain("22 Jan 2026");
    expect((await page.locator("#plan-seasons").textContent()) ?? "").toContain("Tết 2026 (16 Feb – 20 Feb)");
    expect((await page.locator("#plan-estimate").textContent()) ?? "").toMatch(
      /Expected run time: about \d+ s to about \d+ s for 2 replications|Expected run time: .* for 5 replications/,
    );
    await page.locator("#replications").fill("2");
    await launchAndWaitForResults(page, 120_000);
    await page.locator("#view-results-link").click();
    await page.locator("#chart-daily svg[viewBox]").waitFor(WAIT);
    const subtitle = (await page.locator(".results-title-block").textContent()) ?? "";
    expect(subtitle).toContain("measured 22 Jan 2026 to 31 Mar 2026 (69 days) after 3 days of warm-up");
    // The daily chart runs on calendar dates through the closure, with the seasons shaded and named.
    const chart = (await page.locator("#chart-daily svg[viewBox]").textContent()) ?? "";
    expect(chart).toContain("Tết 2026");
    expect(chart).toContain("before Tết 2026");
    const dots = await page.$$eval("#chart-daily svg[viewBox] circle title", (ts) =>
      ts.map((t) => t.textContent ?? ""),
    );
    expect(dots[0]).toContain("22 Jan 2026");
    expect(dots.some((t) => t.includes("18 Feb 2026"))).toBe(true);
    expect(dots.some((t) => t.includes("31 Mar 2026"))).toBe(true);
    // The same unit for time in system in the chart and in the table.
    const unit =
      (await page.locator('#kpi-table tr[data-kpi="timeInSystemMinutesMean"] td').last().textContent()) ?? "";
    expect((await page.locator("#chart-tis svg[viewBox]").textContent()) ?? "").toContain(`(${unit})`);
    expect(await bodyText(d)).not.toMatch(NEVER);
  });

  it("shows an edited run's name, note and changes wherever it appears, and the assumed inputs as used", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#launch`);
    await ready(page);
    // The scenario arrives a second late (a slow link): what is typed meanwhile is not replaced by its
    // defaults when they come.
    const arrived = await delayScenario(page, "smart-gate-2026");
    await page.locator("#scenario").selectOption("smart-gate-2026");
    await page.locator("#horizon").fill("3");
    await arrived();
    expect(await page.locator("#horizon").inputValue()).toBe("3");
    await page.locator("#ctl-lanes-exportGate").waitFor(WAIT);
    await page.locator("#run-label").fill("Six export lanes");
    await page.locator("#run-note").fill("What two more lanes buy");
    await page.locator("#ctl-lanes-exportGate").fill("6");
    await page.locator("#replications").fill("2");
    await page.locator("#warmup").fill("1");
    await launchAndWaitForResults(page, 60_000);
    await page.locator("#view-results-link").click();
    await page.locator("#assumed-inputs").waitFor(WAIT);
    expect(await page.locator("#results-title").textContent()).toBe("Six export lanes");
    expect(await page.locator("#run-note-text").textContent()).toBe("What two more lanes buy");
    expect(await page.locator("#edited-badge").count()).toBe(1);
    expect((await page.locator("#run-changes").textContent()) ?? "").toContain(
      "Smart Gate lanes · export: servers: 6 (scenario: 4)",
    );
    const gate = page.locator('#assumed-inputs li[data-path="stages.exportGate.servers"]');
    expect(await gate.getAttribute("data-changed")).toBe("true");
    expect((await gate.textContent()) ?? "").toMatch(/servers: 6(?!\d)/);
    // Renamed from the results page; the history and the comparison picker show the name and the change.
    await page.locator("#rename-run").click();
    await page.locator("#rename-label").fill("Six lanes (renamed)");
    await page.getByRole("button", { name: "Save" }).click();
    await page.locator("#results-title", { hasText: "Six lanes (renamed)" }).waitFor(WAIT);
    await page.goto(`${d.base}/#history`);
    await page.locator("#history-table").waitFor(WAIT);
    const row = page.locator("#history-table tbody tr", { hasText: "Six lanes (renamed)" });
    expect((await row.textContent()) ?? "").toContain("edited");
    expect((await row.textContent()) ?? "").toContain("Smart Gate lanes · export: servers: 6");
    await page.goto(`${d.base}/#compare`);
    await ready(page);
    expect((await page.locator(".run-list li", { hasText: "Six lanes (renamed)" }).textContent()) ?? "").toContain(
      "edited",
    );
    expect(await bodyText(d)).not.toMatch(NEVER);
  });

  it("follows a run's progress live after a reload, in every view, and cancels it from the results page", async () => {
    const page = d.page;
    const id = await d.startRun({
      scenario: "baseline-2026q1",
      replications: 6,
      seed: 11,
      horizonDays: 240,
      warmupDays: 0,
      label: "Long run",
    });
    await page.goto(`${d.base}/#launch`);
    await page.reload();
    await ready(page);
    const active = page.locator(`#active-runs .run-progress[data-run="${id}"]`);
    await active.waitFor(WAIT);
    const doneOf = async (sel: string) => Number(await page.locator(`${sel} progress`).getAttribute("value"));
    const first = await doneOf(`#active-runs .run-progress[data-run="${id}"]`);
    await page.waitForFunction(
      ([runId, before]) =>
        Number(
          (globalThis as unknown as { document: { querySelector(s: string): El | null } }).document
            .querySelector(`#active-runs .run-progress[data-run="${runId}"] progress`)
            ?.getAttribute("value"),
        ) > Number(before),
      [id, first] as const,
      { timeout: 60_000 },
    );
    expect(await bodyText(d)).not.toMatch(NEVER);
    await page.goto(`${d.base}/#history`);
    const row = page.locator(`#history-table tr[data-run="${id}"]`);
    await row.locator(".cancel-run").waitFor(WAIT);
    expect(await row.locator("progress").count()).toBe(1);
    expect(await bodyText(d)).not.toMatch(NEVER);
    await page.goto(`${d.base}/#results/${id}`);
    await page.reload();
    await page.locator(`.run-progress[data-run="${id}"] .cancel-run`).click(WAIT);
    // The page follows the run to its end and then shows the replications it finished.
    await page.locator("#partial-banner").waitFor({ timeout: 60_000 });
    const banner = (await page.locator("#partial-banner").textContent()) ?? "";
    expect(banner).toMatch(/cancelled after [1-5] of 6 replications/);
    expect(await page.locator("#kpi-table tbody tr").count()).toBeGreaterThan(20);
    expect(await bodyText(d)).not.toMatch(NEVER);
  });

  it("shows every problem of the form at once, in place and in planner's words; the baseline's gate is conventional", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#launch`);
    await ready(page);
    await page.locator("#scenario").selectOption("baseline-2026q1");
    await page.locator("#ctl-lanes-exportGate").waitFor(WAIT);
    const gateLabel = (await page.locator('label[for="ctl-lanes-exportGate"]').textContent()) ?? "";
    expect(gateLabel).toContain("Conventional gate lanes");
    expect(gateLabel).not.toContain("Smart Gate");
    await page.locator("#ctl-lanes-exportGate").fill("0");
    await page.locator("#ctl-demand-export").fill("many");
    await page.locator("#ctl-appt-share-export").fill("150");
    await page.locator("#ctl-lanes-importGate").fill("2.5");
    await page.locator("#warmup").fill("40");
    await page.locator("#launch").click();
    await page.locator("#error-summary").waitFor(WAIT);
    const problems = await page.$$eval(".field.invalid", (fs) =>
      fs.map((f) => ({ id: f.getAttribute("data-field"), error: f.querySelector(".field-error")?.textContent ?? "" })),
    );
    expect(problems).toEqual(
      expect.arrayContaining([
        { id: "ctl-lanes-exportGate", error: "must be at least 1" },
        { id: "ctl-demand-export", error: "enter a number" },
        { id: "ctl-appt-share-export", error: "must be at most 100" },
        { id: "ctl-lanes-importGate", error: "must be a whole number" },
        { id: "warmup", error: "must be shorter than the days simulated" },
      ]),
    );
    expect(await page.locator("#error-summary li").count()).toBe(problems.length);
    expect(await page.locator('#ctl-lanes-exportGate[aria-invalid="true"]').count()).toBe(1);
    expect(await bodyText(d)).not.toMatch(/expected|Too small|Too big|invalid_type/);
    // Nothing was launched.
    expect(await page.locator("#view-results-link").count()).toBe(0);
    expect(await bodyText(d)).not.toMatch(NEVER);
  });
});
