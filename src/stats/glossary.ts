/**
 * The KPI glossary as plain data: every figure a run reports (the model's KPIs, the per-stage figures)
 * and the terms a reader of a report needs, each with its unit and a label and definition in English
 * and Vietnamese. Definitions say what the model measures (src/model/report.ts and the parts it reads),
 * not what one might wish it measured. Ids with `<…>` parts are patterns: `<n>` stands for a number,
 * any other part (`<id>`, `<kind>`, `<stage>`) for one dot-free name, so `zone.<id>.trucksMean` covers
 * `zone.nh1a.trucksMean` and `breakdown.<id>.<kind>.availability` covers
 * `breakdown.exportGate.lanes.availability`. Served at `GET /glossary`; docs/kpis.md can be generated
 * from it. The entries live in one table per domain noun (glossary-*.ts), combined here.
 *
 * Every KPI is measured over the measured period only (after the warm-up), per replication, and
 * reported as the mean across replications with a 95 % interval.
 */
import { GLOSSARY_BOOKING } from "./glossary-booking.js";
import { GLOSSARY_CAPACITY } from "./glossary-capacity.js";
import type { GlossaryEntry } from "./glossary-entry.js";
import { GLOSSARY_OUTCOMES } from "./glossary-outcomes.js";
import { GLOSSARY_PARCELS } from "./glossary-parcels.js";
import { GLOSSARY_RAIL } from "./glossary-rail.js";
import { GLOSSARY_STAGES } from "./glossary-stages.js";
import { GLOSSARY_TERMS } from "./glossary-terms.js";
import { GLOSSARY_THROUGHPUT } from "./glossary-throughput.js";
import { GLOSSARY_TRANSSHIPMENT } from "./glossary-transshipment.js";
import { GLOSSARY_ZONES } from "./glossary-zones.js";

export type { GlossaryEntry } from "./glossary-entry.js";

/** The glossary: terms, then KPIs by domain, then stage figures. */
export const KPI_GLOSSARY: readonly GlossaryEntry[] = [
  ...GLOSSARY_TERMS,
  ...GLOSSARY_THROUGHPUT,
  ...GLOSSARY_OUTCOMES,
  ...GLOSSARY_ZONES,
  ...GLOSSARY_BOOKING,
  ...GLOSSARY_TRANSSHIPMENT,
  ...GLOSSARY_RAIL,
  ...GLOSSARY_PARCELS,
  ...GLOSSARY_CAPACITY,
  ...GLOSSARY_STAGES,
];

/** The matcher of a pattern id: `<n>` one number, any other `<…>` part one dot-free name, the rest literal. */
function patternOf(id: string): RegExp {
  const src = id
    .split(/(<[a-z]+>)/i)
    .map((part) =>
      part === "<n>" ? "\\d+" : /^<[a-z]+>$/i.test(part) ? "[^.]+" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    )
    .join("");
  return new RegExp(`^${src}$`);
}

const EXACT = new Map(KPI_GLOSSARY.filter((g) => g.kind !== "term" && !g.id.includes("<")).map((g) => [g.id, g]));
const PATTERNS = KPI_GLOSSARY.filter((g) => g.kind !== "term" && g.id.includes("<")).map(
  (g) => [patternOf(g.id), g] as const,
);

/**
 * The glossary entry of a KPI or stage-figure name: its own entry, else the pattern it fits
 * (`zone.nh1a.trucksMean` finds `zone.<id>.trucksMean`).
 */
export function glossaryEntryOf(name: string): GlossaryEntry | undefined {
  return EXACT.get(name) ?? PATTERNS.find(([re]) => re.test(name))?.[1];
}
