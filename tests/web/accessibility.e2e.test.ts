/**
 * Accessibility of every view (issue 16, item 9): axe-core finds no violation on the launch form, a
 * run's results, a comparison, the history, the sweep form and a sweep, the capacity form and an
 * analysis, the glossary, and the replay of the gate, in English and Vietnamese on a desktop and on a phone; canvas
 * charts carry a text alternative.
 */
import { createRequire } from "node:module";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

const AXE = createRequire(import.meta.url).resolve("axe-core/axe.min.js");

/** axe's violations on the page: rule id and the first offending nodes. */
async function violations(page: Page): Promise<{ id: string; nodes: string[] }[]> {
  await page.addScriptTag({ path: AXE });
  return page.evaluate(async () => {
    const axe = (
      globalThis as unknown as {
        axe: {
          run(ctx: unknown, o: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const r = await axe.run((globalThis as unknown as { document: unknown }).document, { resultTypes: ["violations"] });
    return r.violations.map((v) => ({ id: v.id, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
  });
}

describe.skipIf(!hasChromium)("accessibility of every view (axe-core)", () => {
  let d: Dashboard;
  const routes: string[] = [];

  beforeAll(async () => {
    d = await openDashboard();
    const common = { replications: 3, seed: 9, horizonDays: 3, warmupDays: 1 };
    const a = await d.startRun({ scenario: "baseline-2026q1", ...common, label: "Baseline" });
    await d.waitRun(a, 120_000);
    const b = await d.startRun({
      scenario: "smart-gate-2026",
      ...common,
      overrides: { "stages.exportGate.servers": 5 },
    });
    await d.waitRun(b, 120_000);
    const res = await fetch(`${d.base}/comparisons`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ runs: [a, b] }),
    });
    const comparison = (await res.json()) as { id: string };
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${d.base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as { id: string };
    const sweep = await post("/sweeps", {
      scenario: "smart-gate-2026",
      grid: { "stages.xray.servers": [2, 4] },
      ...common,
    });
    const capacity = await post("/capacity-analyses", {
      scenario: "huu-nghi-2024",
      replications: 3,
      horizonDays: 5,
      warmupDays: 1,
      precision: 0.2,
    });
    for (const path of [`/sweeps/${sweep.id}`, `/capacity-analyses/${capacity.id}`]) {
      for (let i = 0; i < 1200; i++) {
        const r = (await (await fetch(`${d.base}${path}`)).json()) as { status: string };
        if (!["queued", "running"].includes(r.status)) break;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    }
    routes.push(
      "#launch",
      `#results/${b}`,
      `#compare/${comparison.id}`,
      "#history",
      "#sweep",
      `#sweep/${sweep.id}`,
      "#capacity",
      `#capacity/${capacity.id}`,
      "#glossary",
      `#replay/${b}`,
    );
  });
  afterAll(async () => {
    await d?.close();
  });

  for (const [lang, viewport] of [
    ["en-GB", { width: 1360, height: 900 }],
    ["vi-VN", { width: 1360, height: 900 }],
    ["en-GB", { width: 390, height: 844 }],
    ["vi-VN", { width: 390, height: 844 }],
  ] as const) {
    it(`finds no violation on any view (${lang}, ${viewport.width} px)`, async () => {
      const page = await d.newPage({ locale: lang, viewport });
      const found: Record<string, unknown> = {};
      for (const route of routes) {
        await page.goto(`${d.base}/${route}`);
        await ready(page);
        if (route === "#launch") await page.locator("#plan-estimate").waitFor(WAIT);
        const v = await violations(page);
        if (v.length > 0) found[route] = v;
      }
      expect(found).toEqual({});
      // Canvas charts speak: the queue charts have a text alternative naming the mean and the peak.
      await page.goto(`${d.base}/${routes[1]}`);
      await ready(page);
      const alt = (await page.locator("#chart-nh1a .uplot-wrap").getAttribute("aria-label")) ?? "";
      expect(alt).toMatch(/\d/);
    });
  }
});
