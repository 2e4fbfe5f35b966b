/**
 * The glossary's pattern ids: a `<…>` part stands for exactly one dot-free name (`<n>` for a number), so
 * a one-level pattern never swallows a two-level name and every reported name finds the entry meant for it.
 * And its Vietnamese: the dashboard prints the labels, so no label may be left in English.
 */
import { describe, expect, it } from "vitest";
import { glossaryEntryOf, KPI_GLOSSARY } from "../../src/stats/index.js";

describe("glossaryEntryOf", () => {
  it("finds exact ids first, then the pattern a name fits", () => {
    expect(glossaryEntryOf("throughputPerDay")?.id).toBe("throughputPerDay");
    expect(glossaryEntryOf("zone.nh1a.trucksMean")?.id).toBe("zone.<id>.trucksMean");
    expect(glossaryEntryOf("laneGroup0.shiftMean")?.id).toBe("laneGroup<n>.shiftMean");
    expect(glossaryEntryOf("stages.xray.utilization")?.id).toBe("stages.<id>.utilization");
  });

  it("tells one-level from two-level names, and a pattern part inside a segment", () => {
    expect(glossaryEntryOf("breakdown.xray.availability")?.id).toBe("breakdown.<id>.availability");
    expect(glossaryEntryOf("breakdown.exportGate.lanes.availability")?.id).toBe("breakdown.<id>.<kind>.availability");
    expect(glossaryEntryOf("breakdown.exportGate.cameras.failuresPerDay")?.id).toBe(
      "breakdown.<id>.<kind>.failuresPerDay",
    );
    expect(glossaryEntryOf("breakdown.a.b.c.availability")).toBeUndefined();
    expect(glossaryEntryOf("pool.officers.waitMinutesMean")?.id).toBe("pool.<id>.waitMinutesMean");
    expect(glossaryEntryOf("pool.officers.docReview.waitMinutesMean")?.id).toBe("pool.<id>.<stage>.waitMinutesMean");
    expect(glossaryEntryOf("diverted.tanThanhPerDay")?.id).toBe("diverted.<id>PerDay");
    expect(glossaryEntryOf("divertedPerDay")?.id).toBe("divertedPerDay");
    expect(glossaryEntryOf("diverted.PerDay")).toBeUndefined();
    expect(glossaryEntryOf("diverted.a.bPerDay")).toBeUndefined();
    expect(glossaryEntryOf("trips.partnerOfExport.perDay")?.id).toBe("trips.partnerOfExport.perDay");
    expect(glossaryEntryOf("trips.stage.exportRoad.perDay")?.id).toBe("trips.stage.<id>.perDay");
    expect(glossaryEntryOf("rail.exportRail.waitMinutesP95")?.id).toBe("rail.<id>.waitMinutesP95");
  });

  it("matches a pattern part to one dot-free segment, never more, never none", () => {
    expect(glossaryEntryOf("zone.a.b.trucksMean")).toBeUndefined();
    expect(glossaryEntryOf("zone..trucksMean")).toBeUndefined();
    expect(glossaryEntryOf("laneGroupX.shiftMean")).toBeUndefined();
    expect(glossaryEntryOf("stages.xray.utilizationX")).toBeUndefined();
    // The dot is literal, not "any character".
    expect(glossaryEntryOf("zoneXnh1aXtrucksMean")).toBeUndefined();
  });

  it("does not describe terms as KPIs", () => {
    expect(glossaryEntryOf("seed")).toBeUndefined();
  });
});

describe("the glossary's Vietnamese", () => {
  const words = (s: string): string[] => s.toLowerCase().match(/[\p{L}\p{N}₂]+/gu) ?? [];
  /** Words of English labels that read the same in Vietnamese: numbers (P95 → 95) and CO₂. */
  const neutral = (w: string): boolean => /^\d+$/.test(w) || w === "co₂";

  it("has no English word in any Vietnamese label", () => {
    const english = new Set(KPI_GLOSSARY.flatMap((g) => words(g.en.label)));
    const leftInEnglish = KPI_GLOSSARY.flatMap((g) =>
      words(g.vi.label)
        .filter((w) => english.has(w) && !neutral(w))
        .map((w) => `${g.id}: ${w}`),
    );
    expect(leftInEnglish).toEqual([]);
    for (const g of KPI_GLOSSARY) expect(g.vi.label, g.id).not.toBe(g.en.label);
  });

  it("writes no number the English way (1,500 or 0.5) in Vietnamese", () => {
    const english = KPI_GLOSSARY.flatMap((g) =>
      (`${g.vi.label} ${g.vi.definition}`.match(/\b[1-9]\d{0,2},\d{3}\b|\b\d+\.\d{1,2}\b(?!\.)/g) ?? []).map(
        (n) => `${g.id}: ${n}`,
      ),
    );
    expect(english).toEqual([]);
  });
});
