/**
 * The planner's views in a real browser (issue 16, items 3, 6 and 8): a comparison answers at a glance
 * (one sentence per key figure with absolute and relative change, better or worse, practical apart from
 * statistical significance, a labelled linear scale) and explains runs that cannot be paired, offering a
 * matched rerun; a browser set to Vietnamese opens in Vietnamese, and no view shows an English label or
 * an English-formatted number there; at 390 px no view scrolls sideways and every tab is visible.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Dashboard, hasChromium, openDashboard, ready, WAIT } from "./harness.js";

/** What the browser-side collector reads (the project's tsconfig has no DOM lib, on purpose). */
interface Node0 {
  nodeType: number;
  textContent: string | null;
  parentElement: (Node0 & { checkVisibility(): boolean; getAttribute(n: string): string | null }) | null;
}
declare const document: {
  createTreeWalker(root: unknown, what: number): { nextNode(): Node0 | null };
  body: unknown;
  querySelectorAll(s: string): Iterable<{ checkVisibility(): boolean; getAttribute(n: string): string | null }>;
  documentElement: { scrollWidth: number; clientWidth: number };
};

/** Every string a planner can see or hear on the page: visible text, aria-labels, tooltips. */
async function visibleStrings(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walker = document.createTreeWalker(document.body, 4);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const p = n.parentElement;
      const text = (n.textContent ?? "").trim();
      if (!p || !text) continue;
      const tag = (p as unknown as { tagName: string }).tagName;
      // Code is the name a figure has in CSV and JSON files (the glossary gives it): the same in both.
      if (tag === "STYLE" || tag === "SCRIPT" || tag === "CODE") continue;
      // Tooltips (<title> in SVG) count when their element is shown.
      const shown = tag.toLowerCase() === "title" ? (p.parentElement?.checkVisibility() ?? false) : p.checkVisibility();
      if (shown) out.push(text);
    }
    for (const el of document.querySelectorAll("[aria-label], [title]")) {
      if (!el.checkVisibility()) continue;
      for (const a of ["aria-label", "title"]) {
        const v = el.getAttribute(a);
        if (v) out.push(v.trim());
      }
    }
    return out;
  });
}

/** Strings that read the same in both languages on purpose: names, symbols, the language switch. */
const SAME_IN_BOTH = new Set([
  "English",
  "Tiếng Việt",
  "%",
  "P50",
  "P95",
  "P99",
  "B1",
  "·",
  "–",
  "×",
  "✓",
  "✗",
  "Run A",
  "Run B",
  "Run C",
]);

/** True for strings made only of numbers, dates, times, units symbols and punctuation. */
function neutral(s: string): boolean {
  return /^[\d\s.,:;%/–—−+\-()×[\]→←↑↓·≥<≈°|]*$/.test(s) || SAME_IN_BOTH.has(s) || /^(Run [ABC]|B\d)\b/.test(s);
}

describe.skipIf(!hasChromium)("planner's views in Chromium", () => {
  let d: Dashboard;
  const ids: Record<string, string> = {};
  let comparisonId = "";
  let sweepId = "";
  let capacityId = "";
  /** Every view, with a stored run, comparison, sweep and capacity analysis in those that show one. */
  const everyView = () => [
    "#launch",
    `#results/${ids.b}`,
    `#compare/${comparisonId}`,
    "#history",
    "#sweep",
    `#sweep/${sweepId}`,
    "#capacity",
    `#capacity/${capacityId}`,
    "#glossary",
    `#replay/${ids.b}`,
  ];

  beforeAll(async () => {
    d = await openDashboard();
    const common = { replications: 3, seed: 5, horizonDays: 3, warmupDays: 1 };
    // One after the other: runs in parallel on one shared pool can overflow its task queue (see the report).
    for (const [key, body] of [
      ["a", { scenario: "baseline-2026q1", ...common, label: "Run A" }],
      ["b", { scenario: "smart-gate-2026", ...common, label: "Run B" }],
      [
        "c",
        {
          scenario: "smart-gate-2026",
          ...common,
          warmupDays: 0,
          overrides: { "stages.xray.servers": 5 },
          label: "Run C",
        },
      ],
    ] as const) {
      ids[key] = await d.startRun(body);
      expect((await d.waitRun(ids[key] as string, 120_000)).status).toBe("succeeded");
    }
    // A sweep and a capacity analysis, for their views.
    const post = async (path: string, body: unknown) =>
      (await (
        await fetch(`${d.base}${path}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        })
      ).json()) as { id: string };
    sweepId = (
      await post("/sweeps", {
        scenario: "smart-gate-2026",
        grid: { "stages.xray.servers": [2, 4] },
        replications: 2,
        seed: 5,
        horizonDays: 2,
        warmupDays: 0,
      })
    ).id;
    capacityId = (
      await post("/capacity-analyses", {
        scenario: "huu-nghi-2024",
        replications: 3,
        horizonDays: 5,
        warmupDays: 1,
        precision: 0.2,
      })
    ).id;
    for (const path of [`/sweeps/${sweepId}`, `/capacity-analyses/${capacityId}`]) {
      for (let i = 0; i < 1200; i++) {
        const r = (await (await fetch(`${d.base}${path}`)).json()) as { status: string };
        if (!["queued", "running"].includes(r.status)) break;
        await new Promise((ok) => setTimeout(ok, 100));
      }
    }
  });
  afterAll(async () => {
    await d?.close();
  });

  it("answers a comparison at a glance: one sentence per key figure, better or worse, on a labelled linear scale", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#compare`);
    await ready(page);
    await page.locator(`#cmp-${ids.a}`).check();
    await page.locator(`#cmp-${ids.b}`).check();
    await page.locator("#compare-button").click();
    await page.locator("#compare-summary").waitFor(WAIT);
    comparisonId = new URL(page.url()).hash.replace("#compare/", "");
    const sentences = await page.$$eval("#compare-summary li", (lis) =>
      lis.map((li) => ({ verdict: li.getAttribute("data-verdict"), text: li.textContent ?? "" })),
    );
    expect(sentences.length).toBeGreaterThanOrEqual(4);
    expect((await page.locator(".headline-lead").textContent()) ?? "").toBe("Run B compared with Run A:");
    // The Smart Gate cuts time in system: significant, large, better, with absolute and relative change.
    const tis = sentences.find((s) => s.text.startsWith("Time in system, mean"));
    expect(tis?.verdict).toBe("better");
    expect(tis?.text).toMatch(/^Time in system, mean: −[\d.]+ (hours|minutes) \(−\d+ %\), better$/);
    for (const s of sentences) expect(s.text).toMatch(/%/);
    // A practical threshold beyond every change turns the verdicts into "too small to matter".
    await page.locator("#practical-threshold").fill("1000");
    await page.locator("#practical-threshold").press("Enter");
    await page
      .locator('#compare-summary li[data-verdict="better"]')
      .first()
      .waitFor({ state: "detached", ...WAIT });
    expect(await page.locator('#compare-summary li[data-verdict="small"]').count()).toBeGreaterThan(0);
    await page.locator("#practical-threshold").fill("5");
    await page.locator("#practical-threshold").press("Enter");
    await page.locator('#compare-summary li[data-verdict="better"]').first().waitFor(WAIT);
    // The chart's scale is labelled and linear: evenly spaced percent ticks around 0.
    const svg = page.locator("#chart-diffs svg[viewBox]");
    expect((await svg.textContent()) ?? "").toContain("Change against the reference (%)");
    const ticks = (await svg.locator('g[data-mark="x-axis tick label"] text').allTextContents()).map((s) =>
      Number(s.replace("−", "-").replace(/[+ %]/g, "")),
    );
    expect(ticks).toContain(0);
    const steps = new Set(ticks.slice(1).map((x, i) => x - (ticks[i] as number)));
    expect(steps.size).toBe(1);
    const colours = await page.$$eval("#chart-diffs svg[viewBox] circle", (cs) =>
      cs.map((c) => c.getAttribute("fill")),
    );
    expect(colours).toContain("#15803d");
  });

  it("explains runs that cannot be paired and reruns the odd one with the reference's settings", async () => {
    const page = d.page;
    await page.goto(`${d.base}/#compare`);
    await ready(page);
    for (const id of [ids.a, ids.b]) await page.locator(`#cmp-${id}`).uncheck();
    await page.locator(`#cmp-${ids.a}`).check();
    await page.locator(`#cmp-${ids.c}`).check();
    const why = (await page.locator("#pairing-problem").textContent(WAIT)) ?? "";
    expect(why).toContain("Run C differs from the reference Run A: 0 days of warm-up instead of 1.");
    await page.locator("#pairing-problem .rerun-matched").click();
    await page.locator("#rerun-panel").waitFor(WAIT);
    await page.locator("#pairing-problem").waitFor({ state: "detached", ...WAIT });
    // The matched rerun finishes and joins the selection; the comparison then works.
    await page
      .locator(".run-list li", { hasText: "matched to the reference" })
      .locator("input:checked")
      .waitFor({ timeout: 60_000 });
    // The panel stays and says what happened, however quickly the rerun finished.
    await expect
      .poll(async () => (await page.locator("#rerun-panel").textContent()) ?? "", WAIT)
      .toContain("has finished and is selected");
    await page.locator("#compare-button").click();
    await page.locator("#compare-summary").waitFor(WAIT);
    expect(await page.locator("#rerun-panel").count()).toBe(0);
    // The same rerun again is answered at once from the stored identical run: the panel says so.
    const matched = page.locator(".run-list li", { hasText: "matched to the reference" });
    expect(await matched.count()).toBe(1);
    await matched.locator("input").uncheck();
    await page.locator(`#cmp-${ids.c}`).check();
    await page.locator("#pairing-problem .rerun-matched").click();
    const panel = (await page.locator("#rerun-panel").textContent(WAIT)) ?? "";
    expect(panel).toContain("an identical run was already stored");
    await page.locator("#pairing-problem").waitFor({ state: "detached", ...WAIT });
    expect(await page.locator(".run-list li", { hasText: "matched to the reference" }).count()).toBe(2);
    expect(
      await page.locator(".run-list li", { hasText: "matched to the reference" }).locator("input:checked").count(),
    ).toBe(1);
    await page.locator("#rerun-panel .rerun-close").click();
    await page.locator("#rerun-panel").waitFor({ state: "detached", ...WAIT });
  });

  it("opens in Vietnamese for a Vietnamese browser, and no view shows an English label or English number there", async () => {
    const en = await d.newPage({ locale: "en-GB" });
    const vi = await d.newPage({ locale: "vi-VN" });
    await vi.goto(`${d.base}/`);
    await ready(vi);
    expect(await vi.getAttribute("html", "lang")).toBe("vi");
    expect(await vi.locator('nav a[data-view="launch"]').textContent()).toBe("Chạy mô phỏng");
    const routes = everyView();
    const visit = (route: string) => async (page: Page) => {
      await page.goto(`${d.base}/${route}`);
      await ready(page);
      if (route === "#launch") await page.locator("#plan-estimate").waitFor(WAIT);
    };
    const states: [string, (page: Page) => Promise<void>][] = routes.map((r) => [r, visit(r)]);
    // Two states a planner meets on the way, not only pages as they open.
    states.push([
      "#compare with runs that cannot be paired",
      async (page) => {
        await visit("#compare")(page);
        while ((await page.locator(".run-list input:checked").count()) > 0)
          await page.locator(".run-list input:checked").first().uncheck();
        await page.locator(`#cmp-${ids.a}`).check();
        await page.locator(`#cmp-${ids.c}`).check();
        await page.locator("#pairing-problem").waitFor(WAIT);
      },
    ]);
    states.push([
      "#launch with every problem of the form",
      async (page) => {
        await visit("#launch")(page);
        await page.locator("#ctl-lanes-exportGate").fill("0");
        await page.locator("#warmup").fill("400");
        await page.locator("#launch").click();
        await page.locator("#error-summary").waitFor(WAIT);
      },
    ]);
    for (const [route, open] of states) {
      const strings: Record<string, string[]> = {};
      for (const [lang, page] of [
        ["en", en],
        ["vi", vi],
      ] as const) {
        await open(page);
        strings[lang] = await visibleStrings(page);
      }
      const english = new Set((strings.en ?? []).filter((s) => !neutral(s)));
      const untranslated = [...new Set((strings.vi ?? []).filter((s) => english.has(s)))];
      expect(untranslated, route).toEqual([]);
      const viText = (strings.vi ?? []).join("\n");
      expect(viText.match(/\b[1-9]\d{0,2},\d{3}\b/g) ?? [], `${route}: English thousands`).toEqual([]);
      expect(viText.match(/\b\d+\.\d{1,2}\b(?!\.)/g) ?? [], `${route}: English decimals`).toEqual([]);
      expect(viText, route).not.toMatch(/\bnull\b|\bundefined\b|\bNaN\b/);
    }
  });

  it("fits a 390 px phone: no sideways scroll on any view, a compact header, every tab visible", async () => {
    // Vietnamese words are longer: both languages must fit.
    for (const locale of ["en-GB", "vi-VN"]) {
      const phone = await d.newPage({ viewport: { width: 390, height: 844 }, locale });
      for (const route of everyView()) {
        const where = `${locale} ${route}`;
        await phone.goto(`${d.base}/${route}`);
        await ready(phone);
        const width = await phone.evaluate(() => document.documentElement.scrollWidth);
        expect(width, where).toBeLessThanOrEqual(390);
        const header = await phone.locator("header.top").boundingBox();
        expect(header?.height ?? 999, where).toBeLessThanOrEqual(150);
        for (const tab of await phone.locator("nav a").all()) {
          const box = await tab.boundingBox();
          expect(box, where).not.toBeNull();
          expect((box?.x ?? -1) >= 0 && (box?.x ?? 0) + (box?.width ?? 0) <= 390, where).toBe(true);
        }
      }
    }
  });
});
