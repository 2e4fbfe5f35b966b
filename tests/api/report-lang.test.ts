/**
 * The HTML report of a run in the planner's language: `?lang=vi` (or a Vietnamese Accept-Language) gives
 * a page whose headings, KPI and stage-figure names, units and numbers are Vietnamese; English stays the
 * default; an unknown language is refused with 400 naming the field.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { GatesimApp } from "../../src/api/index.js";
import { escapeHtml, glossaryEntryOf, reportLangOf } from "../../src/stats/index.js";
import { testApp, waitForRun } from "./helpers.js";

let a: GatesimApp;
let runId: string;
let kpiNames: string[];

beforeAll(async () => {
  a = await testApp();
  const res = await a.inject({
    method: "POST",
    url: "/runs",
    payload: { scenario: "baseline-2026q1", replications: 2, horizonDays: 2, warmupDays: 0 },
  });
  runId = res.json().id;
  await waitForRun(a, runId);
  const html = (await a.inject({ method: "GET", url: `/runs/${runId}/report.html` })).body;
  kpiNames = Object.keys(JSON.parse(html.match(/id="report-data">(.*?)<\/script>/s)?.[1] as string).kpis);
}, 120_000);
afterAll(async () => {
  await a.close();
});

/** The report page's static part (the inlined libraries and data left out). */
const page = (html: string) => html.slice(0, html.indexOf('<script type="application/json"'));

describe("the HTML report's language", () => {
  it("is Vietnamese with ?lang=vi: headings, KPI names, units and numbers", async () => {
    const res = await a.inject({ method: "GET", url: `/runs/${runId}/report.html?lang=vi` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-language"]).toBe("vi");
    const html = page(res.body);
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain("<h2>Chỉ số chính</h2>");
    expect(html).toContain("<th>Chỉ số</th><th>trung bình</th><th>KTC 95 %</th><th>đơn vị</th>");
    expect(html).not.toContain("Key figures");
    expect(html).not.toContain("replication(s)");
    expect(kpiNames.length).toBeGreaterThan(20);
    let differing = 0;
    for (const name of kpiNames) {
      const g = glossaryEntryOf(name);
      expect(g, name).toBeDefined();
      expect(html).toContain(`>${escapeHtml(g!.vi.label)}</span>`);
      if (g!.en.label !== g!.vi.label) {
        differing++;
        expect(html, name).not.toContain(`>${escapeHtml(g!.en.label)}</span>`);
      }
    }
    expect(differing).toBeGreaterThan(20);
    // Units in Vietnamese, numbers with the Vietnamese decimal comma (never an English decimal point).
    expect(html).toContain("<td>xe/ngày</td>");
    expect(html).not.toContain("<td>trucks/day</td>");
    const cells = [...html.matchAll(/<td class="n">([^<]*)<\/td>/g)].map((m) => m[1] as string);
    expect(cells.some((c) => /^-?\d+,\d\d$/.test(c))).toBe(true);
    expect(cells.filter((c) => /\d\.\d\d$/.test(c))).toEqual([]);
    // The charts' words reach the page's script in the same language.
    const text = JSON.parse(res.body.match(/id="report-text">(.*?)<\/script>/s)?.[1] as string);
    expect(text.locale).toBe("vi");
    expect(text.charts.trucksPerDay).toBe("xe mỗi ngày");
    expect(text.labels.throughputPerDay).toBe(glossaryEntryOf("throughputPerDay")?.vi.label);
  });

  it("follows Accept-Language when no lang is given, and stays English by default", async () => {
    const vi = await a.inject({
      method: "GET",
      url: `/runs/${runId}/report.html`,
      headers: { "accept-language": "vi-VN,vi;q=0.9,en;q=0.8" },
    });
    expect(vi.headers["content-language"]).toBe("vi");
    expect(vi.headers.vary).toContain("accept-language");
    const en = await a.inject({ method: "GET", url: `/runs/${runId}/report.html` });
    expect(en.headers["content-language"]).toBe("en");
    expect(page(en.body)).toContain('<html lang="en">');
    expect(page(en.body)).toContain("<h2>Key figures</h2>");
    const forced = await a.inject({
      method: "GET",
      url: `/runs/${runId}/report.html?lang=en`,
      headers: { "accept-language": "vi" },
    });
    expect(page(forced.body)).toContain("<h2>Key figures</h2>");
  });

  it("refuses a language it does not have, naming the field", async () => {
    const res = await a.inject({ method: "GET", url: `/runs/${runId}/report.html?lang=fr` });
    expect(res.statusCode).toBe(400);
    expect(JSON.stringify(res.json())).toContain("lang");
  });
});

describe("reportLangOf", () => {
  it("ranks Accept-Language by quality and order", () => {
    expect(reportLangOf(undefined, undefined)).toBe("en");
    expect(reportLangOf(undefined, "fr-FR, vi;q=0.5, en;q=0.4")).toBe("vi");
    expect(reportLangOf(undefined, "en;q=0.9, vi-VN;q=0.95")).toBe("vi");
    expect(reportLangOf(undefined, "vi;q=0, en")).toBe("en");
    expect(reportLangOf(undefined, "de")).toBe("en");
    expect(reportLangOf("en", "vi")).toBe("en");
  });
});
