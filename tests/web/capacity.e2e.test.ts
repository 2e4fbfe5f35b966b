/**
 * The capacity answer in the dashboard (issue 16, "what a planner expects"): pick a scenario and the
 * demand to raise, launch, watch the demand levels come in (after a reload too), cancel; then read the
 * largest sustainable demand and the clearance capacity with their intervals, the curve of cleared
 * against demand with the limit marked, and the bottleneck outlined on the gate schematic.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, delayScenario, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

/** Polls an analysis through the API until its status is final. */
async function waitAnalysis(d: Dashboard, id: string, timeoutMs = 240_000): Promise<Record<string, unknown>> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const a = (await (await fetch(`${d.base}/capacity-analyses/${id}`)).json()) as Record<string, unknown>;
    if (["succeeded", "failed", "cancelled", "interrupted"].includes(a.status as string)) return a;
    if (Date.now() > deadline) throw new Error(`analysis ${id} still ${String(a.status)}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function postAnalysis(d: Dashboard, body: Record<string, unknown>): Promise<string> {
  const res = await fetch(`${d.base}/capacity-analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return ((await res.json()) as { id: string }).id;
}

describe.skipIf(!hasChromium)("the capacity answer in Chromium", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await openDashboard();
  });
  afterAll(async () => {
    await d?.close();
  });

  it("launches an analysis from the page, follows it, and answers with intervals, the curve and the limit", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#capacity`);
    await ready(page);
    // The scenario arrives a second late (a slow link): the form waits for it, and what is typed then is
    // not replaced by the scenario's defaults when they come.
    const arrived = await delayScenario(page, "textbook/mm1");
    await page.locator("#capacity-scenario").selectOption("mm1");
    await page.locator("#capacity-warmup").fill("6");
    await arrived();
    expect(await page.locator("#capacity-warmup").inputValue()).toBe("6");
    expect(await page.locator("#capacity-days").inputValue()).toBe("21");
    await page.locator("#capacity-reps").fill("2");
    await page.locator("#capacity-days").fill("8");
    await page.locator("#capacity-warmup").fill("6");
    await page.locator("#capacity-launch").click();
    // Every problem in place: 2 measured days are too few.
    expect(await page.locator("#capacity-warmup-problem").textContent()).toContain("3 measured days");
    await page.locator("#capacity-warmup").fill("1");
    await page.locator("#capacity-launch").click();
    await page.waitForURL(/#capacity\/cap_/, WAIT);
    const id = page.url().split("/").pop() as string;
    // Levels come in while it runs: the progress says how many of about how many.
    await page.locator("#capacity-progress-text").waitFor(WAIT);
    expect(await page.locator("#capacity-progress-text").textContent()).toMatch(/of about \d+ demand levels/);
    await page.locator("#capacity-answer").waitFor({ timeout: 120_000 });
    const a = (await waitAnalysis(d, id)) as {
      report: { points: unknown[]; sustainable: { factor: number }; saturated: { throughputPerDay: { mean: number } } };
    };
    const sustainable = (await page.locator('[data-answer="sustainable"]').textContent()) ?? "";
    expect(sustainable).toMatch(/Largest sustainable demand[\d,]+ trucks a day \[[\d,]+, [\d,]+\]/);
    expect(sustainable).toContain(`${Math.round(a.report.sustainable.factor * 100)} % of the scenario's demand`);
    const clearance = (await page.locator('[data-answer="clearance"]').textContent()) ?? "";
    const capacity = Math.round(a.report.saturated.throughputPerDay.mean).toLocaleString("en-GB");
    expect(clearance).toContain(`${capacity} trucks a day [`);
    expect(await page.locator('[data-answer="bottleneck"]').textContent()).toContain("Service station");
    // The curve: one dot per evaluated level, the limit band, the capacity line, and a text alternative.
    const chart = page.locator("#chart-capacity svg[viewBox]");
    expect(await chart.locator("circle").count()).toBe(a.report.points.length);
    expect((await chart.textContent()) ?? "").toContain(`capacity ${capacity}`);
    expect((await chart.textContent()) ?? "").toContain("limit");
    expect(await chart.getAttribute("aria-label")).toMatch(/Cleared trucks a day against demand: .*sustainable/);
    expect(await page.locator("#capacity-points-table tbody tr").count()).toBe(a.report.points.length);
    expect(await page.locator("#chart-capacity-use svg[viewBox]").count()).toBe(1);
    // It is listed, and a reload of the form lists it by name.
    await page.goto(`${d.base}/#capacity`);
    await ready(page);
    expect(await page.locator("#capacity-list li", { hasText: "Textbook M/M/1" }).count()).toBe(1);
    expect(d.errors).toEqual([]);
  });

  it("outlines the bottleneck on the gate schematic", async () => {
    const id = await postAnalysis(d, {
      scenario: "huu-nghi-2024",
      replications: 3,
      horizonDays: 5,
      warmupDays: 1,
      precision: 0.2,
      label: "Hữu Nghị capacity",
    });
    const a = (await waitAnalysis(d, id)) as { status: string; report: { bottleneck: { stage: string }[] } };
    expect(a.status).toBe("succeeded");
    const page = d.page;
    await page.goto(`${d.base}/#capacity/${id}`);
    await ready(page);
    const marked = page.locator('#capacity-bottleneck [data-box][data-bottleneck="true"]');
    expect(await marked.count()).toBeGreaterThan(0);
    expect((await marked.first().textContent()) ?? "").toContain("Bottleneck");
    expect(await page.locator("#capacity-bottleneck svg.schematic desc").textContent()).toContain("(Bottleneck)");
    expect(await page.locator("#capacity-title").textContent()).toBe("Hữu Nghị capacity");
  });

  it("keeps following a running analysis after a reload, and cancels it from the page", async () => {
    const id = await postAnalysis(d, { scenario: "baseline-2026q1", replications: 4, horizonDays: 21, warmupDays: 1 });
    const page = d.page;
    await page.goto(`${d.base}/#capacity/${id}`);
    await page.locator("#capacity-running").waitFor(WAIT);
    await page.reload();
    await page.locator("#capacity-progress").waitFor(WAIT);
    await page.locator("#capacity-cancel").click();
    await page.locator("#capacity-ended").waitFor({ timeout: 60_000 });
    expect(await page.locator("#capacity-ended [data-status]").getAttribute("data-status")).toBe("cancelled");
    expect((await waitAnalysis(d, id)).status).toBe("cancelled");
  });
});
