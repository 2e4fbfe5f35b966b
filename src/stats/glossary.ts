/**
 * The KPI glossary as plain data, the one source of every name a run reports: the model's KPIs, the
 * per-stage figures, the series and the other fields of a result, and the terms a reader of a report needs, each with its unit and a label and definition in English
 * and Vietnamese. Definitions say what the model measures (src/model/report.ts and the parts it reads),
 * not what one might wish it measured. Ids with `<…>` parts are patterns: `<n>` stands for a number,
 * any other part (`<id>`, `<kind>`, `<stage>`) for one dot-free name, so `zone.<id>.trucksMean` covers
 * `zone.nh1a.trucksMean` and `breakdown.<id>.<kind>.availability` covers
 * `breakdown.exportGate.lanes.availability`. Served at `GET /glossary`; docs/kpis.md is generated
 * from it (glossary-markdown.ts). The entries live in one table per domain noun (glossary-*.ts), combined here.
 *
 * Every KPI is measured over the measured period only (after the warm-up), per replication, and
 * reported as the mean across replications with a 95 % interval.
 */
import { GLOSSARY_BOOKING } from "./glossary-booking.js";
import { GLOSSARY_CAPACITY } from "./glossary-capacity.js";
import type { GlossaryEntry } from "./glossary-entry.js";
import { GLOSSARY_JOURNEYS } from "./glossary-journeys.js";
import { GLOSSARY_OUTCOMES } from "./glossary-outcomes.js";
import { GLOSSARY_PARCELS } from "./glossary-parcels.js";
import { GLOSSARY_RAIL } from "./glossary-rail.js";
import { GLOSSARY_RESULT } from "./glossary-result.js";
import { GLOSSARY_SERIES } from "./glossary-series.js";
import { GLOSSARY_STAGES } from "./glossary-stages.js";
import { GLOSSARY_TERMS } from "./glossary-terms.js";
import { GLOSSARY_THROUGHPUT } from "./glossary-throughput.js";
import { GLOSSARY_TRANSSHIPMENT } from "./glossary-transshipment.js";
import { GLOSSARY_ZONES } from "./glossary-zones.js";

export { GLOSSARY_KINDS, type GlossaryEntry, type GlossaryKind } from "./glossary-entry.js";

/** One section of the glossary: a domain table with its title (docs/kpis.md has one heading per section). */
export interface GlossarySection {
  id: string;
  title: { en: string; vi: string };
  entries: readonly GlossaryEntry[];
}

/** The glossary by section, in the order docs/kpis.md lists them. */
export const GLOSSARY_SECTIONS: readonly GlossarySection[] = [
  { id: "terms", title: { en: "Terms", vi: "Thuật ngữ" }, entries: GLOSSARY_TERMS },
  {
    id: "throughput",
    title: { en: "Throughput, time in system, backlog", vi: "Thông quan, thời gian trong hệ thống, xe tồn" },
    entries: GLOSSARY_THROUGHPUT,
  },
  {
    id: "journeys",
    title: {
      en: "Trucks still waiting, waits by class, measure windows",
      vi: "Xe còn chờ, thời gian chờ theo nhóm, khung đo",
    },
    entries: GLOSSARY_JOURNEYS,
  },
  {
    id: "outcomes",
    title: { en: "Trucks that leave without crossing", vi: "Xe rời đi mà không qua biên giới" },
    entries: GLOSSARY_OUTCOMES,
  },
  { id: "zones", title: { en: "Where trucks stand", vi: "Nơi xe đứng chờ" }, entries: GLOSSARY_ZONES },
  { id: "booking", title: { en: "Appointments and booking", vi: "Lịch hẹn và đặt chỗ" }, entries: GLOSSARY_BOOKING },
  { id: "transshipment", title: { en: "Transshipment", vi: "Sang tải" }, entries: GLOSSARY_TRANSSHIPMENT },
  { id: "rail", title: { en: "Rail", vi: "Đường sắt" }, entries: GLOSSARY_RAIL },
  { id: "parcels", title: { en: "E-commerce parcels", vi: "Bưu kiện thương mại điện tử" }, entries: GLOSSARY_PARCELS },
  {
    id: "capacity",
    title: { en: "Lanes, breakdowns, staff pools", vi: "Làn, hỏng hóc, nhóm nhân sự" },
    entries: GLOSSARY_CAPACITY,
  },
  { id: "stages", title: { en: "Stage figures", vi: "Số liệu công đoạn" }, entries: GLOSSARY_STAGES },
  { id: "series", title: { en: "Series", vi: "Chuỗi số liệu" }, entries: GLOSSARY_SERIES },
  {
    id: "result",
    title: { en: "The rest of a result", vi: "Các phần khác của kết quả" },
    entries: GLOSSARY_RESULT,
  },
];

/** The glossary: terms, then KPIs by domain, then stage figures, series and the other fields of a result. */
export const KPI_GLOSSARY: readonly GlossaryEntry[] = GLOSSARY_SECTIONS.flatMap((s) => s.entries);

/**
 * The regular expression source that matches the names a pattern id stands for: `<n>` one number, any
 * other `<…>` part one dot-free name (each part a capture group), the rest literal. `GET /glossary` serves
 * it as `match`, so a client matches names exactly as the server does.
 */
export function glossaryMatchSource(id: string): string {
  const src = id
    .split(/(<[a-z]+>)/i)
    .map((part) =>
      part === "<n>" ? "(\\d+)" : /^<[a-z]+>$/i.test(part) ? "([^.]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return `^${src}$`;
}

/** The glossary as `GET /glossary` serves it: every entry, pattern entries with their `match`. */
export function glossaryAsServed(): (GlossaryEntry & { match?: string })[] {
  return KPI_GLOSSARY.map((g) =>
    g.kind !== "term" && g.id.includes("<") ? { ...g, match: glossaryMatchSource(g.id) } : { ...g },
  );
}

const EXACT = new Map(KPI_GLOSSARY.filter((g) => g.kind !== "term" && !g.id.includes("<")).map((g) => [g.id, g]));
const PATTERNS = KPI_GLOSSARY.filter((g) => g.kind !== "term" && g.id.includes("<")).map(
  (g) => [new RegExp(glossaryMatchSource(g.id)), g] as const,
);

/**
 * The glossary entry of a KPI or stage-figure name: its own entry, else the pattern it fits
 * (`zone.nh1a.trucksMean` finds `zone.<id>.trucksMean`).
 */
export function glossaryEntryOf(name: string): GlossaryEntry | undefined {
  return EXACT.get(name) ?? PATTERNS.find(([re]) => re.test(name))?.[1];
}
