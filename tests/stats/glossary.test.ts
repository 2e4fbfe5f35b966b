/**
 * The glossary's pattern ids: a `<…>` part stands for exactly one dot-free name (`<n>` for a number), so
 * a one-level pattern never swallows a two-level name and every reported name finds the entry meant for it.
 */
import { describe, expect, it } from "vitest";
import { glossaryEntryOf } from "../../src/stats/index.js";

describe("glossaryEntryOf", () => {
  it("finds exact ids first, then the pattern a name fits", () => {
    expect(glossaryEntryOf("throughputPerDay")?.id).toBe("throughputPerDay");
    expect(glossaryEntryOf("zone.nh1a.trucksMean")?.id).toBe("zone.<id>.trucksMean");
    expect(glossaryEntryOf("laneGroup0.shiftMean")?.id).toBe("laneGroup<n>.shiftMean");
    expect(glossaryEntryOf("stages.xray.utilization")?.id).toBe("stages.<id>.utilization");
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
