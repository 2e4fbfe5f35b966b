/**
 * The gate schematic's words stay inside their boxes (issue 16): every shipped scenario's schematic, in
 * English and Vietnamese, at a desktop and a 390 px phone width: no label or figure of a box is wider than
 * the box or reaches out of it; a shortened name keeps the full one as the box's title.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready } from "./harness.js";

/**
 * Runs in the page (plain JavaScript, kept as text so the test runner does not rewrite its import()s):
 * draws the schematic of every shipped scenario in both languages, figures in every box, and lists the
 * words that leave their box.
 */
const CHECK_IN_PAGE = `(async () => {
  const stages = await import("/charts/stages.js");
  const i18n = await import("/i18n.js");
  const api = await import("/api.js");
  const names = (await api.listScenarios()).map((s) => s.name);
  const out = [];
  const host = document.createElement("div");
  document.getElementById("main").append(host);
  for (const lang of ["en", "vi"]) {
    i18n.setLang(lang, false);
    for (const name of names) {
      const scenario = await api.getScenario(name);
      const ids = Object.keys(scenario.stages ?? {});
      const figures = { utilization: { mean: 0.87 }, queueLengthMean: { mean: 1234.5 } };
      const report = { stages: Object.fromEntries(ids.map((id) => [id, figures])), kpis: {} };
      host.replaceChildren(stages.gateSchematic(report, scenario, { highlight: ids.slice(0, 1) }));
      for (const g of host.querySelectorAll("g.stage-box")) {
        const r = g.querySelector("rect").getBBox();
        for (const text of g.querySelectorAll("text.box-label, text.box-figure")) {
          const b = text.getBBox();
          if (b.x < r.x + 1 || b.x + b.width > r.x + r.width - 1 || b.y < r.y || b.y + b.height > r.y + r.height)
            out.push(lang + " " + name + " " + g.dataset.box + ": " + text.textContent);
        }
        const label = [...g.querySelectorAll("text.box-label")].map((t) => t.textContent).join(" ");
        const title = g.querySelector("title")?.textContent ?? "";
        if (label.includes("…") && title.length <= label.length) out.push(lang + " " + name + ": " + label + " has no full name");
      }
    }
  }
  host.remove();
  i18n.setLang("en", false);
  return { out, scenarios: names.length };
})()`;

describe.skipIf(!hasChromium)("the schematic's labels in Chromium", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await openDashboard();
  });
  afterAll(async () => {
    await d?.close();
  });

  for (const width of [1360, 390]) {
    it(`keeps every box's words inside the box, in both languages (${width} px)`, async () => {
      const page = await d.newPage({ viewport: { width, height: 900 } });
      await page.goto(`${d.base}/#glossary`);
      await ready(page);
      const found = (await page.evaluate(CHECK_IN_PAGE)) as { out: string[]; scenarios: number };
      expect(found.scenarios).toBeGreaterThan(5);
      expect(found.out).toEqual([]);
      await page.close();
    });
  }
});
