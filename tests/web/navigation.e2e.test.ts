/**
 * Going from one run's results to another's never shows the first run's figures under the second run's
 * address: the view is emptied as soon as the route changes, before its module, the glossary or the chart
 * libraries have been awaited (a test that read #kpi-table right after navigating saw the previous run's
 * table and charts).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready } from "./harness.js";

describe.skipIf(!hasChromium)("navigation between runs in Chromium", () => {
  let d: Dashboard;
  let first: string;
  let second: string;
  beforeAll(async () => {
    d = await openDashboard();
    const body = { scenario: "mm1", replications: 2, horizonDays: 2, warmupDays: 0 };
    first = await d.startRun({ ...body, label: "First run shown" });
    second = await d.startRun({ ...body, seed: 9, label: "Second run shown" });
    await d.waitRun(first);
    await d.waitRun(second);
  }, 120_000);
  afterAll(async () => {
    await d?.close();
  });

  it("empties the results view at once when another run is opened", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#results/${first}`);
    await ready(page);
    expect(await page.locator("#view-results").textContent()).toContain("First run shown");
    // Right after the route changes (the app's hashchange listener has run, nothing awaited yet), the
    // results view must not show the first run any more.
    const stale = await page.evaluate(async (id) => {
      const w = globalThis as unknown as {
        addEventListener(type: string, listener: () => void, options: { once: boolean }): void;
        location: { hash: string };
        document: { getElementById(id: string): { textContent: string | null } | null };
      };
      const changed = new Promise<void>((resolve) => w.addEventListener("hashchange", resolve, { once: true }));
      w.location.hash = `#results/${id}`;
      await changed;
      return w.document.getElementById("view-results")?.textContent?.includes("First run shown") ?? false;
    }, second);
    expect(stale).toBe(false);
    await ready(page);
    expect(await page.locator("#view-results").textContent()).toContain("Second run shown");
  });
});
