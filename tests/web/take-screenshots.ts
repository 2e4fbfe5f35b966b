/**
 * Takes the README's screenshots of the dashboard (docs/screenshots/*.png): desktop and phone, English
 * and Vietnamese, on runs made for the purpose (baseline against Smart Gate 2026 over a week, a sweep
 * of X-ray units, the capacity of today's gate). Run: `node --import tsx tests/web/take-screenshots.ts`
 * (a few minutes; needs /usr/bin/chromium). The server, browser profiles and data are temporary and
 * deleted afterwards. `--only=replay` retakes only the replay's.
 */
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import type { Page } from "playwright-core";
import { hasChromium, openDashboard, ready, WAIT } from "./harness.js";

const OUT = fileURLToPath(new URL("../../docs/screenshots/", import.meta.url));

/** Opens a route, waits for the view, and saves what the screen shows. */
async function shoot(page: Page, base: string, route: string, file: string, waitFor?: string): Promise<void> {
  await page.goto(`${base}/${route}`);
  await ready(page);
  if (waitFor) await page.locator(waitFor).first().waitFor(WAIT);
  await page.waitForTimeout(300);
  await page.screenshot({ path: `${OUT}${file}.png` });
  console.log(`docs/screenshots/${file}.png`);
}

/** The replay of a run's first replication on its fourth day, stopped at 11:00 (the morning peak). */
async function shootReplay(page: Page, base: string, runId: string, file: string): Promise<void> {
  await page.goto(`${base}/#replay/${runId}/0/3`);
  await ready(page);
  await page.locator("#replay-clock").waitFor({ timeout: 120_000 });
  await page.locator("#replay-time").fill("660");
  await page.waitForTimeout(500);
  await page.screenshot({ path: `${OUT}${file}.png` });
  console.log(`docs/screenshots/${file}.png`);
}

if (!hasChromium) throw new Error("/usr/bin/chromium is missing: apt-get install chromium");
mkdirSync(OUT, { recursive: true });
const d = await openDashboard();
try {
  const common = { replications: 5, seed: 2026, horizonDays: 10, warmupDays: 3 };
  if (process.argv.includes("--only=replay")) {
    // Only the replay's screenshots, on the same Smart Gate run as below.
    const smart = await d.startRun({
      scenario: "smart-gate-2026",
      ...common,
      overrides: { "stages.exportGate.servers": 6 },
    });
    await d.waitRun(smart, 300_000);
    for (const [lang, locale] of [
      ["en", "en-GB"],
      ["vi", "vi-VN"],
    ] as const) {
      await shootReplay(
        await d.newPage({ locale, viewport: { width: 1360, height: 900 } }),
        d.base,
        smart,
        `desktop-replay-${lang}`,
      );
      await shootReplay(
        await d.newPage({ locale, viewport: { width: 390, height: 844 } }),
        d.base,
        smart,
        `phone-replay-${lang}`,
      );
    }
    await d.close();
    process.exit(0);
  }
  const baseline = await d.startRun({ scenario: "baseline-2026q1", ...common, label: "Baseline, March 2026" });
  await d.waitRun(baseline, 300_000);
  const smart = await d.startRun({
    scenario: "smart-gate-2026",
    ...common,
    label: "Smart Gate, 6 export lanes",
    note: "Two more export lanes than planned",
    overrides: { "stages.exportGate.servers": 6 },
  });
  await d.waitRun(smart, 300_000);
  const res = await fetch(`${d.base}/comparisons`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ runs: [baseline, smart] }),
  });
  const comparison = ((await res.json()) as { id: string }).id;
  const sweepRes = await fetch(`${d.base}/sweeps`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      scenario: "smart-gate-2026",
      grid: { "stages.xray.servers": [1, 2, 3, 4, 6] },
      replications: 4,
      horizonDays: 5,
      warmupDays: 1,
      label: "How many X-ray units?",
    }),
  });
  const sweep = (await sweepRes.json()) as { id: string; points: { runId: string }[] };
  for (const p of sweep.points) await d.waitRun(p.runId, 300_000);
  const capacityRes = await fetch(`${d.base}/capacity-analyses`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      scenario: "baseline-2026q1",
      replications: 4,
      horizonDays: 8,
      warmupDays: 2,
      precision: 0.05,
      label: "Capacity of today's gate",
    }),
  });
  const capacity = ((await capacityRes.json()) as { id: string }).id;
  for (let i = 0; i < 3000; i++) {
    const a = (await (await fetch(`${d.base}/capacity-analyses/${capacity}`)).json()) as { status: string };
    if (!["queued", "running"].includes(a.status)) break;
    await new Promise((ok) => setTimeout(ok, 200));
  }

  for (const [lang, locale] of [
    ["en", "en-GB"],
    ["vi", "vi-VN"],
  ] as const) {
    const desk = await d.newPage({ locale, viewport: { width: 1360, height: 900 } });
    await shoot(desk, d.base, "#launch", `desktop-launch-${lang}`, "#plan-estimate");
    await shoot(desk, d.base, `#results/${smart}`, `desktop-results-${lang}`, "#chart-daily svg");
    await desk.locator('[data-card="dailyThroughput"]').scrollIntoViewIfNeeded();
    await desk.screenshot({ path: `${OUT}desktop-results-charts-${lang}.png` });
    await shoot(desk, d.base, `#compare/${comparison}`, `desktop-compare-${lang}`, "#compare-summary");
    await shoot(desk, d.base, `#sweep/${sweep.id}`, `desktop-sweep-${lang}`, "#chart-sweep svg");
    await shoot(desk, d.base, `#capacity/${capacity}`, `desktop-capacity-${lang}`, "#chart-capacity svg");
    await desk.locator("#capacity-bottleneck").scrollIntoViewIfNeeded();
    await desk.screenshot({ path: `${OUT}desktop-capacity-bottleneck-${lang}.png` });
    await shoot(desk, d.base, "#history", `desktop-history-${lang}`, "#history-table");
    await shootReplay(desk, d.base, smart, `desktop-replay-${lang}`);
    const phone = await d.newPage({ locale, viewport: { width: 390, height: 844 } });
    await shoot(phone, d.base, `#results/${smart}`, `phone-results-${lang}`, "#chart-daily svg");
    await shoot(phone, d.base, `#compare/${comparison}`, `phone-compare-${lang}`, "#compare-summary");
    await shoot(phone, d.base, "#launch", `phone-launch-${lang}`, "#plan-estimate");
    await shootReplay(phone, d.base, smart, `phone-replay-${lang}`);
  }
} finally {
  await d.close();
}
