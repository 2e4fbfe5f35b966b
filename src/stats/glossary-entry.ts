/**
 * One entry of the KPI glossary (see glossary.ts) and the helper the domain tables write entries with.
 */

/** One glossary entry. */
export interface GlossaryEntry {
  /** KPI name as in reports, a pattern with `<id>`-style parts / `<n>`, or a term's id. */
  id: string;
  /** "kpi": a figure of `kpis`; "stage": a figure of `stages.<id>`; "term": a word of the reports. */
  kind: "kpi" | "stage" | "term";
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
