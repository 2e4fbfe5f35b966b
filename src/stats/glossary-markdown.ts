/**
 * docs/kpis.md, generated from the glossary (glossary.ts and its domain tables): the glossary is the one
 * source of every name, unit and definition, and the document is its readable form, one table per section.
 * `UPDATE_DOCS=1 npx vitest run tests/docs/kpis.test.ts` rewrites the file; the test keeps them equal.
 */
import { GLOSSARY_SECTIONS, type GlossaryEntry } from "./glossary.js";

const INTRO = `# KPI glossary

<!-- Generated from src/stats/glossary*.ts (UPDATE_DOCS=1 npx vitest run tests/docs/kpis.test.ts): edit the glossary, not this file. -->

Every figure gatesim reports, with its unit and definition, and the terms of its reports. The same names
appear in the CLI table, the CSV and JSON exports, the HTTP API (\`/runs/:id/results\`,
\`/runs/:id/replications\`, and the glossary itself, in English and Vietnamese, at \`GET /glossary\`), the
dashboard and the HTML report; \`tests/docs/kpis.test.ts\` checks that every key a replication of every
shipped scenario emits, and every key of a run's JSON report, has an entry here. A name with \`<...>\` is a
pattern: each \`<...>\` part stands for one dot-free name (a stage, zone, area, class, window, pool, crossing
or direction id), \`<n>\` for a number.

Conventions. All figures are over the **measured period**, from the end of the warm-up (\`warmupDays\`) to
the horizon (\`horizonDays\`), unless the entry says otherwise. "Per day" divides by the measured days. A
time-weighted mean ("mean") averages a count over time; a maximum is the largest value reached. Across
replications, every KPI is reported as its mean with a 95 % Student-t interval (\`mean\`, \`ci95\`, \`sd\`,
\`unit\`, \`n\`), every stage figure as \`mean\` and \`ci95\`, every series as its per-index \`mean\`, \`lo\`,
\`hi\` (the band). \`gatesim run --per-replication\` and \`GET /runs/:id/replications\` give each replication's
values instead. The CSV of a report has one row per KPI (\`kind\` kpi) and per stage figure (\`kind\` stage,
\`name\` the stage, \`figure\` the last part of its key below).
`;

/** A table cell: one line, pipes escaped. */
function cell(text: string): string {
  return text.replace(/\s*\n\s*/g, " ").replace(/\|/g, "\\|");
}

function row(g: GlossaryEntry): string {
  if (g.kind === "term") return `| ${cell(g.en.label)} | ${cell(g.vi.label)} | ${cell(g.en.definition)} |`;
  const better = g.better === undefined ? "" : ` (${g.better} is better)`;
  return `| \`${g.id}\` | ${cell(g.unit)} | **${cell(g.en.label)}.** ${cell(g.en.definition)}${better} | ${cell(g.vi.label)} |`;
}

/** The whole of docs/kpis.md. */
export function renderGlossaryMarkdown(): string {
  const out = [INTRO];
  for (const s of GLOSSARY_SECTIONS) {
    out.push(`## ${s.title.en}`, "");
    if (s.entries.every((g) => g.kind === "term")) {
      out.push("| term | Vietnamese | definition |", "|---|---|---|");
    } else {
      out.push("| key | unit | definition | Vietnamese |", "|---|---|---|---|");
    }
    for (const g of s.entries) out.push(row(g));
    out.push("");
  }
  return out.join("\n");
}
