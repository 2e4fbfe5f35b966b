/**
 * One entry of the KPI glossary (see glossary.ts) and the helper the domain tables write entries with.
 */

/** Kinds of glossary entries. */
export const GLOSSARY_KINDS = ["term", "kpi", "stage", "series", "field"] as const;
/** A kind of glossary entry. */
export type GlossaryKind = (typeof GLOSSARY_KINDS)[number];

/** One glossary entry. */
export interface GlossaryEntry {
  /** KPI name as in reports, a pattern with `<id>`-style parts / `<n>`, or a term's id. */
  id: string;
  /**
   * "kpi": a figure of `kpis`; "stage": a figure of `stages.<id>`; "series": a series of `series.*` (its id
   * is its path); "field": another field of a result or report; "term": a word of the reports.
   */
  kind: GlossaryKind;
  /** Unit as reports print it ("" for terms). */
  unit: string;
  /** Which way is better, when one is ("higher" / "lower"); comparisons colour changes by it. */
  better?: "higher" | "lower";
  en: { label: string; definition: string };
  vi: { label: string; definition: string };
}

type Text = [label: string, definition: string];

/** An entry from its parts. */
export function entry(
  id: string,
  kind: GlossaryEntry["kind"],
  unit: string,
  better: GlossaryEntry["better"],
  en: Text,
  vi: Text,
): GlossaryEntry {
  const g: GlossaryEntry = {
    id,
    kind,
    unit,
    en: { label: en[0], definition: en[1] },
    vi: { label: vi[0], definition: vi[1] },
  };
  if (better !== undefined) g.better = better;
  return g;
}
