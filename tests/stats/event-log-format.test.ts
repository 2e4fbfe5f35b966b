/** The event log as CSV and OCEL 2.0 JSON, on a hand-made two-truck log. */
import { describe, expect, it } from "vitest";
import type { EventLogData } from "../../src/model/index.js";
import {
  calendarTimeFormatter,
  EVENT_LOG_CSV_COLUMNS,
  eventLogCsvChunks,
  eventLogFormatOf,
  eventLogOcelChunks,
} from "../../src/stats/index.js";

function log(): EventLogData {
  // Truck 1 (export, fruit, perishable, red) arrives at 06:00 and crosses at 07:30; truck 2 (import) arrives at 06:30.
  const rows = [
    [1, 6 * 3_600_000, 0, 0, 0, 0, 2, 1 | 16],
    [2, 6.5 * 3_600_000, 1, 0, 1, 1, -1, 0],
    [1, 7.5 * 3_600_000, 1, 6, 0, 0, 2, 1 | 16],
  ];
  const col = <T extends Float64Array | Int16Array | Uint8Array | Int8Array | Int32Array>(
    Ctor: new (xs: number[]) => T,
    k: number,
  ): T => new Ctor(rows.map((r) => r[k] as number));
  return {
    rows: 3,
    rowsMax: 10,
    truncated: false,
    droppedRows: 0,
    calendar: { startDate: "2026-03-09", utcOffsetHours: 7 },
    stageIds: ["gate", 'exit, "zero line"'],
    cargoClasses: ["fruit", "general"],
    eventTypes: ["arrive", "queue", "start", "end", "blocked", "waitPartner", "cross"],
    directions: ["export", "import"],
    channels: ["green", "yellow", "red"],
    flagNames: ["container", "appointment", "plateRead", "transship", "perishable"],
    caseId: col(Float64Array, 0),
    timeMs: col(Float64Array, 1),
    stage: col(Int16Array, 2),
    type: col(Uint8Array, 3),
    direction: col(Int8Array, 4),
    cargo: col(Int8Array, 5),
    channel: col(Int8Array, 6),
    flags: col(Int32Array, 7),
  };
}

describe("event log formats", () => {
  it("formats calendar time as local ISO 8601 with its UTC offset", () => {
    expect(calendarTimeFormatter(log())(6 * 3_600_000)).toBe("2026-03-09T06:00:00.000+07:00");
    expect(calendarTimeFormatter({ calendar: { startDate: "2026-03-09", utcOffsetHours: -3.5 } })(0)).toBe(
      "2026-03-09T00:00:00.000-03:30",
    );
  });

  it("writes one CSV row per event with the truck's attributes, quoting what needs it", () => {
    const text = [...eventLogCsvChunks(log(), { replication: 4 })].join("");
    const lines = text.trimEnd().split("\n");
    expect(lines[0]).toBe(EVENT_LOG_CSV_COLUMNS.join(","));
    expect(lines).toHaveLength(4);
    expect(lines[1]).toBe("1,4,arrive,gate,21600000,2026-03-09T06:00:00.000+07:00,export,fruit,red,1,0,0,0,1");
    expect(lines[2]).toBe(
      '2,4,arrive,"exit, ""zero line""",23400000,2026-03-09T06:30:00.000+07:00,import,general,,0,0,0,0,0',
    );
    expect(lines[3]).toContain(",cross,");
  });

  it("writes OCEL 2.0 JSON: object and event types, each truck and stage once, events related to both", () => {
    const ocel = JSON.parse([...eventLogOcelChunks(log(), { replication: 4 })].join(""));
    expect(Object.keys(ocel)).toEqual(["objectTypes", "eventTypes", "objects", "events"]);
    expect(ocel.objectTypes.map((t: { name: string }) => t.name)).toEqual(["truck", "stage"]);
    expect(ocel.eventTypes.map((t: { name: string }) => t.name)).toContain("cross");
    const trucks = ocel.objects.filter((o: { type: string }) => o.type === "truck");
    expect(trucks.map((o: { id: string }) => o.id)).toEqual(["truck:1", "truck:2"]);
    const t1 = Object.fromEntries(trucks[0].attributes.map((a: { name: string; value: unknown }) => [a.name, a.value]));
    expect(t1).toMatchObject({
      direction: "export",
      cargo: "fruit",
      channel: "red",
      container: true,
      perishable: true,
    });
    expect(trucks[0].attributes[0].time).toBe("2026-03-09T06:00:00.000+07:00");
    expect(ocel.events).toHaveLength(3);
    expect(ocel.events[2]).toEqual({
      id: "e3",
      type: "cross",
      time: "2026-03-09T07:30:00.000+07:00",
      attributes: [
        { name: "simMs", value: 27_000_000 },
        { name: "replication", value: 4 },
      ],
      relationships: [
        { objectId: "truck:1", qualifier: "truck" },
        { objectId: 'stage:exit, "zero line"', qualifier: "at" },
      ],
    });
    const ids = new Set(ocel.objects.map((o: { id: string }) => o.id));
    for (const e of ocel.events) for (const r of e.relationships) expect(ids.has(r.objectId)).toBe(true);
  });

  it("picks the format from the file name", () => {
    expect(eventLogFormatOf("a.csv")).toBe("csv");
    expect(eventLogFormatOf("a.CSV.GZ")).toBe("csv.gz");
    expect(eventLogFormatOf("a.json")).toBe("ocel");
    expect(eventLogFormatOf("a.txt")).toBeNull();
  });
});
