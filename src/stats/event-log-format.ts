/**
 * The per-truck event log as files: CSV (one row per event, a data frame's shape) and OCEL 2.0 JSON (the
 * object-centric event log standard process-mining tools read: object types `truck` and `stage`, one event
 * per row related to its truck and stage). Both are produced as a sequence of text chunks, so a log of a
 * million rows is written without ever holding the whole file in memory; gzip is the caller's (node:zlib).
 * Times are given twice: simulated milliseconds from the run start, and the local calendar time with its
 * UTC offset (ISO 8601), from the scenario's calendar.
 */
import type { EventLogData } from "../model/index.js";

/** Rows per chunk of text. */
const ROWS_PER_CHUNK = 2000;

/** CSV columns of the event log, in order. */
export const EVENT_LOG_CSV_COLUMNS = [
  "case_id",
  "replication",
  "event",
  "stage",
  "sim_ms",
  "time",
  "direction",
  "cargo",
  "channel",
  "container",
  "appointment",
  "plate_read",
  "transship",
  "perishable",
] as const;

/** Which replication a log belongs to. */
export interface EventLogMeta {
  replication: number;
}

/** "+07:00" for 7. */
function offsetText(hours: number): string {
  const sign = hours < 0 ? "-" : "+";
  const m = Math.round(Math.abs(hours) * 60);
  return `${sign}${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
}

/** Local calendar time of simulated time `ms` as ISO 8601 with the offset ("2026-03-09T06:30:00.000+07:00"). */
export function calendarTimeFormatter(log: Pick<EventLogData, "calendar">): (ms: number) => string {
  const t0 = Date.parse(`${log.calendar.startDate}T00:00:00Z`);
  const suffix = offsetText(log.calendar.utcOffsetHours);
  return (ms) => `${new Date(t0 + ms).toISOString().slice(0, -1)}${suffix}`;
}

/** CSV field: quoted only when it has a comma, quote or newline. */
function csvField(s: string): string {
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The log as CSV text chunks: a header line, then one line per event. */
export function* eventLogCsvChunks(log: EventLogData, meta: EventLogMeta): Generator<string> {
  yield `${EVENT_LOG_CSV_COLUMNS.join(",")}\n`;
  const time = calendarTimeFormatter(log);
  const stage = log.stageIds.map(csvField);
  const cargo = log.cargoClasses.map(csvField);
  const types = log.eventTypes.map(csvField);
  const bit = (f: number, i: number): string => (((f >> i) & 1) === 1 ? "1" : "0");
  const flagIndex = (name: string): number => log.flagNames.indexOf(name);
  const fi = ["container", "appointment", "plateRead", "transship", "perishable"].map(flagIndex);
  let out = "";
  for (let i = 0; i < log.rows; i++) {
    const s = log.stage[i] as number;
    const ch = log.channel[i] as number;
    const f = log.flags[i] as number;
    const ms = log.timeMs[i] as number;
    out +=
      `${log.caseId[i]},${meta.replication},${types[log.type[i] as number]},${s >= 0 ? stage[s] : ""},${ms},${time(ms)},` +
      `${log.directions[log.direction[i] as number]},${cargo[log.cargo[i] as number] ?? ""},${ch >= 0 ? log.channels[ch] : ""},` +
      `${fi.map((b) => (b >= 0 ? bit(f, b) : "")).join(",")}\n`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield out;
      out = "";
    }
  }
  if (out.length > 0) yield out;
}

/** The log as OCEL 2.0 JSON text chunks (objectTypes, eventTypes, objects, events). */
export function* eventLogOcelChunks(log: EventLogData, meta: EventLogMeta): Generator<string> {
  const time = calendarTimeFormatter(log);
  const j = JSON.stringify;
  const truckAttributes = [
    { name: "direction", type: "string" },
    { name: "cargo", type: "string" },
    { name: "channel", type: "string" },
    ...log.flagNames.map((name) => ({ name, type: "boolean" })),
  ];
  const header = {
    objectTypes: [
      { name: "truck", attributes: truckAttributes },
      { name: "stage", attributes: [] },
    ],
    eventTypes: log.eventTypes.map((name) => ({
      name,
      attributes: [
        { name: "simMs", type: "integer" },
        { name: "replication", type: "integer" },
      ],
    })),
  };
  yield `{"objectTypes":${j(header.objectTypes)},"eventTypes":${j(header.eventTypes)},"objects":[`;
  // Objects: the stages, then every truck once, with its attributes (constant over its journey) from its
  // first event; an object attribute's time is the time it holds from, here the truck's first event.
  let sep = "";
  let out = "";
  for (const id of log.stageIds) {
    out += `${sep}${j({ id: `stage:${id}`, type: "stage", attributes: [], relationships: [] })}`;
    sep = ",";
  }
  const seen = new Set<number>();
  for (let i = 0; i < log.rows; i++) {
    const c = log.caseId[i] as number;
    if (seen.has(c)) continue;
    seen.add(c);
    const f = log.flags[i] as number;
    const ch = log.channel[i] as number;
    const at = time(log.timeMs[i] as number);
    const values: (string | boolean)[] = [
      log.directions[log.direction[i] as number] ?? "",
      log.cargoClasses[log.cargo[i] as number] ?? "",
      ch >= 0 ? (log.channels[ch] ?? "") : "none",
      ...log.flagNames.map((_, b) => ((f >> b) & 1) === 1),
    ];
    const attributes = truckAttributes.map((a, k) => ({ name: a.name, value: values[k], time: at }));
    out += `${sep}${j({ id: `truck:${c}`, type: "truck", attributes, relationships: [] })}`;
    sep = ",";
    if (seen.size % ROWS_PER_CHUNK === 0) {
      yield out;
      out = "";
    }
  }
  yield `${out}],"events":[`;
  out = "";
  for (let i = 0; i < log.rows; i++) {
    const s = log.stage[i] as number;
    const relationships = [{ objectId: `truck:${log.caseId[i]}`, qualifier: "truck" }];
    if (s >= 0) relationships.push({ objectId: `stage:${log.stageIds[s]}`, qualifier: "at" });
    const ms = log.timeMs[i] as number;
    const event = {
      id: `e${i + 1}`,
      type: log.eventTypes[log.type[i] as number],
      time: time(ms),
      attributes: [
        { name: "simMs", value: ms },
        { name: "replication", value: meta.replication },
      ],
      relationships,
    };
    out += `${i === 0 ? "" : ","}${j(event)}`;
    if ((i + 1) % ROWS_PER_CHUNK === 0) {
      yield out;
      out = "";
    }
  }
  yield `${out}]}\n`;
}

/** File formats of the event log, from a file name: `.json` OCEL 2.0, `.csv.gz`/`.gz` gzipped CSV, `.csv` CSV. */
export type EventLogFormat = "csv" | "csv.gz" | "ocel";

/** The format a file name asks for, or null when it names none. */
export function eventLogFormatOf(fileName: string): EventLogFormat | null {
  const f = fileName.toLowerCase();
  if (f.endsWith(".json")) return "ocel";
  if (f.endsWith(".gz")) return "csv.gz";
  if (f.endsWith(".csv")) return "csv";
  return null;
}
