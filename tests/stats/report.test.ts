/** Aggregation and rendering on hand-made replication results (exact values, no simulation). */
import { describe, expect, it } from "vitest";
import type { ReplicationResult } from "../../src/model/index.js";
import {
  aggregateReplications,
  buildJsonReport,
  deterministicPart,
  escapeHtml,
  formatNumber,
  glossaryEntryOf,
  renderHtmlReport,
  renderReportTable,
  renderTextTable,
  reportCsvRows,
  STAGE_FIELDS,
} from "../../src/stats/index.js";

/** A small replication result with the given KPI value and a 3-day series. */
function fake(replication: number, value: number): ReplicationResult {
  return {
    modelVersion: "test",
    scenarioName: "s",
    scenarioHash: "h",
    seed: 1,
    replication,
    horizonDays: 4,
    warmupDays: 1,
    calendar: { startDate: "2026-03-09", utcOffsetHours: 7 },
    timeInSystemSpans: { export: { from: ["gate"], to: ["out"] } },
    kpis: { wait: { value, unit: "minutes" }, cleared: { value: 10 * value, unit: "trucks/day" } },
    stages: {
      gate: {
        utilization: 0.5 + value / 100,
        busyShare: 0.4 + value / 100,
        blockedShare: 0.1,
        idleShare: 0.5 - value / 100,
        capacityMean: 2,
        capacityMax: 2,
        heldMean: 1 + value / 50,
        heldMax: 2,
        waitMinutesMean: value,
        waitMinutesP50: value / 2,
        waitMinutesP95: 2 * value,
        waitMinutesMax: 3 * value,
        queueLengthMean: 1,
        queueLengthMax: 3,
        throughput: 100,
        lost: 0,
        leftEarly: 0,
      },
    },
    series: {
      sampleStepMinutes: 60,
      daily: { exportCleared: [value, value + 1, value + 2] },
      sampled: { nh1aQueue: [0, value] },
      stageStepMinutes: 60,
      stages: { "gate.queue": [value, 0], "gate.blocked": [0, 1] },
    },
    conservation: {
      arrivals: 10,
      cleared: 9,
      inSystemAtEnd: 1,
      lost: 0,
      balked: 0,
      reneged: 0,
      expelled: 0,
      diverted: {},
      holds: true,
    },
    events: 1000,
  };
}

const results = [fake(0, 2), fake(1, 4), fake(2, 6)];

describe("aggregateReplications", () => {
  const a = aggregateReplications(results);

  it("summarizes every KPI, stage figure and series", () => {
    expect(a.n).toBe(3);
    expect(a.kpis.wait).toMatchObject({ mean: 4, sd: 2, unit: "minutes", n: 3 });
    // t(0.975, 2) = 4.302652730; half-width = 4.3027 * 2 / sqrt(3)
    expect(a.kpis.wait?.halfWidth).toBeCloseTo((4.30265273 * 2) / Math.sqrt(3), 7);
    expect(a.stages.gate?.waitMinutesMean.mean).toBe(4);
    expect(a.stages.gate?.queueLengthMax.sd).toBe(0);
    expect(a.series.daily.exportCleared?.mean).toEqual([4, 5, 6]);
    expect(a.series.sampled.nh1aQueue?.lo[0]).toBe(0);
    expect(a.conservation).toEqual({
      holds: true,
      failedReplications: [],
      arrivals: 30,
      cleared: 27,
      inSystemAtEnd: 3,
      lost: 0,
      balked: 0,
      reneged: 0,
      expelled: 0,
      diverted: {},
    });
    expect(a.events).toBe(3000);
  });

  it("leaves the series out when asked, with every other figure the same", () => {
    const scalars = aggregateReplications(results, { series: false });
    expect(scalars.series).toMatchObject({ daily: {}, sampled: {}, stages: {} });
    expect(Object.keys(a.series.daily).length).toBeGreaterThan(0);
    expect(scalars.kpis).toEqual(a.kpis);
    expect(scalars.stages).toEqual(a.stages);
    expect(scalars.conservation).toEqual(a.conservation);
    expect(scalars.events).toBe(a.events);
  });

  it("flags the replications whose conservation failed", () => {
    const bad = fake(7, 1);
    bad.conservation = { ...bad.conservation, holds: false };
    expect(aggregateReplications([...results, bad]).conservation).toMatchObject({
      holds: false,
      failedReplications: [7],
    });
  });

  it("keeps a KPI missing from some replications, counting only where present", () => {
    const partial = fake(3, 8);
    delete (partial.kpis as Record<string, unknown>).wait;
    expect(aggregateReplications([...results, partial]).kpis.wait?.n).toBe(3);
  });
});

describe("report rendering", () => {
  const report = buildJsonReport({
    scenario: { name: "s", title: "Test <scenario>", hash: "h" },
    seed: 1,
    replications: 3,
    horizonDays: 4,
    warmupDays: 1,
    modelVersion: "test",
    assumedInputs: ["stages.gate.servers"],
    aggregate: aggregateReplications(results),
    timing: { wallMs: 12, events: 3000, eventsPerSecond: 250000 },
  });

  it("builds the JSON contract with timing last and deterministic otherwise", () => {
    expect(Object.keys(report).at(-1)).toBe("timing");
    expect(report.kpis.wait).toEqual({ mean: 4, ci95: report.kpis.wait?.ci95, sd: 2, unit: "minutes", n: 3 });
    expect(Object.keys(report.stages.gate ?? {})).toEqual([...STAGE_FIELDS]);
    // Busy, blocked and idle shares of a server stage are reported apart (they sum to 1 in every replication).
    expect(report.stages.gate?.blockedShare.mean).toBeCloseTo(0.1, 12);
    expect(
      (report.stages.gate?.busyShare.mean ?? 0) +
        (report.stages.gate?.blockedShare.mean ?? 0) +
        (report.stages.gate?.idleShare.mean ?? 0),
    ).toBeCloseTo(1, 12);
    // The calendar and the per-stage series travel with the report so consumers can label dates.
    expect(report.calendar).toEqual({ startDate: "2026-03-09", utcOffsetHours: 7 });
    expect(report.series.stageStepMinutes).toBe(60);
    expect(report.series.stages["gate.queue"]?.mean).toEqual([4, 0]);
    expect(report.timeInSystemSpans.export).toEqual({ from: ["gate"], to: ["out"] });
    expect(Object.keys(report.stages.gate?.utilization ?? {})).toEqual(["mean", "ci95"]);
    expect(deterministicPart(report)).not.toHaveProperty("timing");
  });

  it("renders an aligned table", () => {
    const text = renderReportTable(report);
    expect(text).toContain("Scenario s: Test <scenario> (hash h)");
    expect(text).toMatch(/wait\s+4\.00\s+\[/);
    expect(text).toContain("Conservation holds");
    expect(text).toMatch(/stage\s+busy\s+blocked\s+idle/);
    expect(text).toContain("stages.gate.servers");
    const t = renderTextTable(
      ["a", "n"],
      [
        ["x", "1"],
        ["long", "100"],
      ],
    ).split("\n");
    expect(t[2]).toBe("x       1");
    expect(t[3]).toBe("long  100");
    expect(formatNumber(Number.NaN)).toBe("-");
    expect(formatNumber(1234.56)).toBe("1235");
  });

  it("gives CSV rows with a header", () => {
    const rows = reportCsvRows(report);
    expect(rows[0]).toEqual(["kind", "name", "figure", "mean", "ci95_lo", "ci95_hi", "sd", "unit", "n"]);
    expect(rows[1]?.slice(0, 4)).toEqual(["kpi", "wait", "value", 4]);
    const stageRows = rows.filter((r) => r[0] === "stage");
    expect(stageRows).toHaveLength(STAGE_FIELDS.length);
    expect(stageRows.map((r) => r[2])).toEqual(expect.arrayContaining(["busyShare", "blockedShare", "idleShare"]));
    // Every stage figure maps to its glossary entry, whose unit the CSV carries.
    for (const r of stageRows) expect(glossaryEntryOf(`stages.gate.${r[2]}`)?.unit, String(r[2])).toBe(r[7]);
    expect(stageRows.find((r) => r[2] === "waitMinutesP95")?.[7]).toBe("minutes");
  });

  it("labels every KPI and stage figure of the HTML report with its glossary entry", () => {
    const html = renderHtmlReport(report, { d3: "", plot: "" });
    for (const f of STAGE_FIELDS) {
      const g = glossaryEntryOf(`stages.gate.${f}`)!;
      expect(g, f).toBeDefined();
      expect(html).toContain(`<span title="${escapeHtml(g.en.definition)}">`);
    }
    expect(html).toContain("Blocked share");
    expect(html).toContain("<h2>Stage figures (means)</h2>");
  });

  it("renders a self-contained HTML page with escaped data and inlined libraries", () => {
    const html = renderHtmlReport(report, { d3: "var d3 = {}; // </script> inside", plot: "var Plot = {};" });
    expect(html).toContain("Test &lt;scenario&gt;");
    expect(html).not.toContain("// </script> inside");
    expect(html).toContain("<\\/script> inside");
    const json = html.match(/id="report-data">(.*?)<\/script>/s)?.[1] as string;
    expect(json).not.toContain("<");
    expect(JSON.parse(json).scenario.title).toBe("Test <scenario>");
    expect(html).not.toMatch(/<script[^>]+src=/);
    // Busy, blocked and idle shares and the per-stage series reach the page, with the calendar to date them.
    expect(html).toContain("Stages: busy, blocked, idle");
    expect(html).toContain('id="chart-stages"');
    expect(JSON.parse(json).stages.gate.blockedShare.mean).toBeCloseTo(0.1, 12);
    expect(JSON.parse(json).series.stages["gate.queue"].mean).toEqual([4, 0]);
    expect(JSON.parse(json).calendar.startDate).toBe("2026-03-09");
  });
});
