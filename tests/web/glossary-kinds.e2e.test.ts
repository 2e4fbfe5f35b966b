/**
 * The glossary view shows every entry GET /glossary serves (issue 16): the terms, the run's figures, the
 * stages' figures, and also the series (daily, sampled and per-stage) and the other fields of a result,
 * each kind in its own group, in English and in Vietnamese with the glossary's own words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready } from "./harness.js";

interface Entry {
  id: string;
  kind: string;
  en: { label: string };
  vi: { label: string };
}

describe.skipIf(!hasChromium)("the glossary view in Chromium", () => {
  let d: Dashboard;
  beforeAll(async () => {
    d = await openDashboard();
  });
  afterAll(async () => {
    await d?.close();
  });

  it("shows every kind of entry the server's glossary has, grouped, in both languages", async () => {
    const entries = ((await (await fetch(`${d.base}/glossary`)).json()) as { items: Entry[] }).items;
    const kinds = [...new Set(entries.map((e) => e.kind))];
    expect(kinds).toEqual(expect.arrayContaining(["term", "kpi", "stage", "series", "field"]));
    const page = d.page;
    for (const lang of ["en", "vi"] as const) {
      await page.goto(`${d.base}/#glossary`);
      await ready(page);
      await page.locator("#lang").selectOption(lang);
      await ready(page);
      for (const kind of kinds) {
        const group = page.locator(`section[aria-labelledby="glossary-${kind}"]`);
        const shown = await group
          .locator("dt")
          .evaluateAll((dts) => dts.map((dt) => [dt.getAttribute("data-id"), dt.firstChild?.textContent ?? ""]));
        const expected = entries.filter((e) => e.kind === kind).map((e) => [e.id, e[lang].label]);
        expect(shown, `${lang} ${kind}`).toEqual(expected);
        expect((await page.locator(`#glossary-${kind}`).textContent())?.trim(), `${lang} ${kind}`).toBeTruthy();
      }
    }
    expect(d.errors).toEqual([]);
  });
});
