/**
 * The replay of the gate (issue 16, "a replay plays"): from a finished run's results, open the replay of
 * replication 1 on the first measured day; play advances the calendar clock and the trucks counted at the
 * schematic's stages change; pause stops the clock; the slider moves back to the day's start and the
 * counts are those of the start again; another replication and day can be picked. A cut log is said,
 * and the replay stops where it ends.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

/** The clock's simulated time and the counts shown on each schematic box ("waiting/served"). */
async function snapshot(page: Page): Promise<{ ms: number; clock: string; boxes: Record<string, string> }> {
  const ms = Number(await page.locator("#replay-clock").getAttribute("data-sim-ms"));
  const clock = (await page.locator("#replay-clock").textContent()) ?? "";
  const boxes: Record<string, string> = {};
  for (const g of await page.locator("g.stage-box[data-waiting]").all()) {
    const key = (await g.getAttribute("data-box")) ?? "";
    boxes[key] = `${await g.getAttribute("data-waiting")}/${await g.getAttribute("data-served")}`;
  }
  return { ms, clock, boxes };
}

describe.skipIf(!hasChromium)("the replay of the gate in Chromium", () => {
  let d: Dashboard;
  let runId = "";
  beforeAll(async () => {
    d = await openDashboard();
    runId = await d.startRun({ scenario: "baseline-2026q1", replications: 2, seed: 3, horizonDays: 2, warmupDays: 1 });
    const run = await d.waitRun(runId, 120_000);
    expect(run.status).toBe("succeeded");
  });
  afterAll(async () => {
    await d?.close();
  });

  it("plays a day of a replication on the schematic: the clock advances, counts change, pause stops", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#results/${runId}`);
    await ready(page);
    await page.locator("#open-replay").click();
    await page.waitForURL(/#replay\//, WAIT);
    await ready(page);
    await page.locator("#replay-clock").waitFor({ timeout: 60_000 });
    // Replication 1, first measured day (day 2 of the run), at midnight of that day.
    expect(await page.locator("#replay-replication").inputValue()).toBe("0");
    expect(await page.locator("#replay-day").inputValue()).toBe("1");
    const start = await snapshot(page);
    expect(start.ms).toBe(86_400_000);
    expect(start.clock).toMatch(/00:00/);
    expect(Object.keys(start.boxes).length).toBeGreaterThan(2);
    expect(await page.locator("#replay-status").textContent()).toMatch(/[1-9][\d,]* truck events on this day/);
    expect(await page.locator("#replay-truncated").count()).toBe(0);

    await page.getByRole("button", { name: "60 min/s" }).click();
    await page.getByRole("button", { name: "Play" }).click();
    await page.waitForFunction(
      (t0) => {
        const el = (
          globalThis as unknown as { document: { querySelector(s: string): { dataset: { simMs: string } } } }
        ).document.querySelector("#replay-clock");
        return Number(el.dataset.simMs) > t0 + 3 * 3_600_000;
      },
      start.ms,
      WAIT,
    );
    await page.getByRole("button", { name: "Pause" }).click();
    const paused = await snapshot(page);
    expect(paused.ms).toBeGreaterThan(start.ms);
    expect(paused.clock).not.toBe(start.clock);
    expect(paused.boxes).not.toEqual(start.boxes);
    for (const v of Object.values(paused.boxes)) expect(v).toMatch(/^\d+\/\d+$/);
    await page.waitForTimeout(600);
    const later = await snapshot(page);
    expect(later.ms).toBe(paused.ms);
    expect(later.clock).toBe(paused.clock);

    // Back to the day's start with the slider: the counts are those of the start again.
    await page.locator("#replay-time").fill("0");
    expect(await snapshot(page)).toEqual(start);

    // Another replication and day: the address and the log follow.
    await page.locator("#replay-replication").selectOption({ value: "1" });
    await expect.poll(() => page.url(), WAIT).toMatch(/#replay\/[^/]+\/1\/1$/);
    await ready(page);
    await page.locator("#replay-day").selectOption({ value: "0" });
    await expect.poll(() => page.url(), WAIT).toMatch(/#replay\/[^/]+\/1\/0$/);
    await ready(page);
    await expect.poll(async () => (await snapshot(page)).ms, WAIT).toBe(0);
    expect(await page.locator("#replay-replication").inputValue()).toBe("1");
    expect(d.errors).toEqual([]);
  }, 180_000);

  it("shows every stage of the log, and ends the horizon with the run's own counts of trucks in the gate", async () => {
    const page = await d.newPage();
    // Replication 2, the run's last day (day 2), slid to the end of the horizon.
    await page.goto(`${d.base}/#replay/${runId}/1/1`);
    await ready(page);
    await page.locator("#replay-clock").waitFor({ timeout: 60_000 });
    await page.locator("#replay-time").fill("1440");
    expect(Number(await page.locator("#replay-clock").getAttribute("data-sim-ms"))).toBe(2 * 86_400_000 - 1);
    const totals = page.locator("#replay-totals");
    const reps = (await (await page.request.get(`${d.base}/runs/${runId}/replications`)).json()) as {
      replications: { replication: number; kpis: Record<string, number> }[];
    };
    const kpis = reps.replications.find((r) => r.replication === 1)?.kpis ?? {};
    expect(kpis.inSystemAtEnd).toBeGreaterThan(0);
    expect(Number(await totals.getAttribute("data-in-gate"))).toBe(kpis.inSystemAtEnd);
    expect(Number(await totals.getAttribute("data-not-crossed"))).toBe(kpis.stillWaitingAtEnd);
    expect(await totals.textContent()).toMatch(/^In the gate: [\d,]+ trucks \([\d,]+ not yet across the border/);
    // Every stage a truck stood at in the log has a row of counts, drawn in the schematic or not.
    const log = await (await page.request.get(`${d.base}/runs/${runId}/replications/1/event-log?format=csv`)).text();
    const lines = log.trim().split("\n");
    const stageCol = (lines[0] ?? "").split(",").indexOf("stage");
    const logged = new Set(
      lines
        .slice(1)
        .map((l) => l.split(",")[stageCol])
        .filter((s) => s),
    );
    const shown = new Set(
      (
        await page
          .locator("#replay-table tr[data-stages]")
          .evaluateAll((rows) => rows.map((r) => r.getAttribute("data-stages")))
      ).flatMap((s) => String(s).split(" ")),
    );
    expect(logged.size).toBeGreaterThan(5);
    expect([...logged].filter((s) => !shown.has(String(s)))).toEqual([]);
    expect(await page.locator("#replay-other-stages tr[data-stages]").count()).toBeGreaterThan(0);
    await page.close();
  }, 180_000);

  it("says when the event log was cut, and stops the replay where the log ends", async () => {
    const page = await d.newPage();
    // The server's own bound, lowered: the log is cut at 2,000 events, within the run's first day.
    await page.route("**/event-log?*", (route) =>
      route.continue({
        url: route
          .request()
          .url()
          .replace(/maxRows=\d+/, "maxRows=2000"),
      }),
    );
    await page.goto(`${d.base}/#replay/${runId}/0/0`);
    await ready(page);
    expect(await page.locator("#replay-truncated").textContent()).toMatch(/cut at 2,000 events.*stops.*\d\d:\d\d/);
    const start = await snapshot(page);
    await page.getByRole("button", { name: "60 min/s" }).click();
    await page.getByRole("button", { name: "Play" }).click();
    // Played to the log's end, which is before the day's end, and stopped there by itself.
    await page.getByRole("button", { name: "Play" }).waitFor({ timeout: 60_000 });
    const end = await snapshot(page);
    expect(end.ms).toBeGreaterThan(start.ms);
    expect(end.ms).toBeLessThan(86_400_000);
    // Play at the end plays the day again from its start.
    await page.getByRole("button", { name: "Play" }).click();
    await page.getByRole("button", { name: "Pause" }).click();
    expect((await snapshot(page)).ms).toBeLessThan(end.ms);
    // A day after the log's end is not replayed at all.
    await page.goto(`${d.base}/#replay/${runId}/0/1`);
    await ready(page);
    expect(await page.locator("#replay-truncated").textContent()).toMatch(/before this day/);
    expect(await page.locator("#replay-clock").count()).toBe(0);
  }, 120_000);
});
