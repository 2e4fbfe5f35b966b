/**
 * A comparison as one self-contained HTML file a planner can mail or file: the runs compared with their
 * settings and changes, the answer (one sentence per key figure), the chart of paired differences, the
 * side-by-side table and the tables of differences with every figure, in the page's language, styled
 * by the dashboard's own stylesheet (inlined). No script and no network: it opens anywhere.
 */
import { differencesChart } from "../charts/compare.js";
import { card, h } from "../dom.js";
import { fmt, fmtWhen, getLang, t } from "../i18n.js";
import { changesText, scenarioTitle } from "../names.js";
import { diffTable, headline, sideBySide } from "./compare-parts.js";

/** Width the report's chart is drawn at (the page's column, printable on A4 landscape). */
const CHART_WIDTH = 880;

/** The page's stylesheet as text, or nothing when it cannot be read (the report still reads). */
async function styleSheet() {
  try {
    const res = await fetch("/style.css");
    return res.ok ? await res.text() : "";
  } catch {
    return "";
  }
}

/** The table of the runs compared: name, scenario, settings, changes; the first is the reference. */
function runsTable(report, runs, labels) {
  const ids = report.runs ?? [];
  const rows = labels.map((label, i) => {
    const run = runs.get(ids[i]);
    const entry = report.scenarios?.[i]?.scenario;
    const settings = t("runSettings", {
      seed: run?.seed ?? report.seed,
      reps: fmt(run?.replications ?? report.replications, 0),
      days: fmt(run?.horizonDays ?? report.horizonDays, 0),
      warmup: fmt(run?.warmupDays ?? report.warmupDays, 0),
    });
    const changes = run ? changesText(run) : "";
    return h(
      "tr",
      {},
      h("th", { scope: "row" }, i === 0 ? `${label} (${t("reference")})` : label),
      h("td", {}, scenarioTitle(entry?.name ?? run?.scenario?.name, entry?.title ?? run?.scenario?.title)),
      h("td", {}, settings),
      h("td", {}, changes || t("noChanges")),
    );
  });
  return h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { id: "report-runs" },
      h("caption", { class: "visually-hidden" }, t("compareReportRuns")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          [t("run"), t("scenario"), t("compareReportSettings"), t("changesTitle")].map((x) =>
            h("th", { scope: "col" }, x),
          ),
        ),
      ),
      h("tbody", {}, rows),
    ),
  );
}

/**
 * The HTML text of comparison `c` (with its report): `runs` maps run ids to the run records the page
 * has, `labels` are the runs' names as the page shows them, `practical` the threshold in percent.
 */
export async function comparisonReportHtml(c, runs, labels, practical) {
  const report = c.report;
  const differences = (report.differences ?? []).map((d, i) => ({ ...d, label: labels[i + 1] }));
  const title = t("compareReportTitle", { b: labels.slice(1).join(", "), a: labels[0] });
  const doc = document.implementation.createHTMLDocument(title);
  doc.documentElement.lang = getLang();
  doc.head.prepend(h("meta", { charset: "utf-8" }), h("meta", { name: "viewport", content: "width=device-width" }));
  const style = doc.createElement("style");
  style.textContent = `${await styleSheet()}\nbody { max-width: 62rem; margin: 0 auto; padding: 1rem; }\n`;
  doc.head.append(style);
  const main = h(
    "main",
    { class: "report" },
    h("h1", {}, title),
    h(
      "p",
      { class: "note" },
      t("compareReportMade", { when: fmtWhen(Date.now()), version: report.modelVersion ?? "–" }),
    ),
    card("compareReportRuns", "compareReportRunsNote", runsTable(report, runs, labels)),
    card(
      "compareAnswer",
      "compareAnswerNote",
      headline(report, labels, practical),
      h("p", { class: "note" }, t("compareReportThreshold", { n: fmt(practical) })),
    ),
    card(
      "pairedDiffs",
      "pairedDiffsNote",
      h("figure", { class: "chart" }, differencesChart(differences, practical, CHART_WIDTH)),
    ),
    card("sideBySide", null, sideBySide(report, labels, true)),
    ...differences.map((d, i) => diffTable(report, d, labels[i + 1], labels[0], practical, true)),
  );
  // The sections sit under the report's title: their headings are one level down from it.
  for (const h3 of main.querySelectorAll("h3")) {
    const h2 = h("h2", {}, [...h3.childNodes]);
    for (const a of h3.attributes) h2.setAttribute(a.name, a.value);
    h3.replaceWith(h2);
  }
  doc.body.append(doc.importNode(main, true));
  return `<!doctype html>\n${doc.documentElement.outerHTML}\n`;
}
