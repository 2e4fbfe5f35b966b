/**
 * The self-contained HTML report: one file a planner can open from a mail attachment, with no server
 * and no network. The caller passes the chart libraries' browser bundles as text (d3 and Observable
 * Plot UMD builds) and this pure function inlines them with the report data as JSON.
 */
import { STAGE_FIELDS } from "./aggregate.js";
import { glossaryEntryOf } from "./glossary.js";
import { type ReportLang, reportText } from "./html-report-text.js";
import type { JsonReport } from "./report.js";

/** Browser bundles to inline (their source text). */
export interface HtmlReportLibraries {
  /** `d3/dist/d3.min.js` (Plot's UMD build needs the `d3` global first). */
  d3: string;
  /** `@observablehq/plot/dist/plot.umd.min.js`. */
  plot: string;
}

/** Makes text safe inside a <script> element: no closing tag or HTML comment opener can end it early. */
export function scriptSafe(text: string): string {
  return text.replace(/<\/(script)/gi, "<\\/$1").replace(/<!--/g, "<\\!--");
}

/** JSON that can sit in a <script> element (the `<` escape is valid JSON and ends no tag). */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}

/** Escapes text for HTML element content. */
export function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] as string,
  );
}

/** The browser-side code that draws the charts from the embedded report (kept small and dependency-free besides Plot). */
// A plain template literal: keep backslashes out of this code (or escape them twice).
const CHART_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById("report-data").textContent);
  var text = JSON.parse(document.getElementById("report-text").textContent);
  var nf = function (d) { return new Intl.NumberFormat(text.locale, { maximumFractionDigits: d }); };
  var dateFmt = new Intl.DateTimeFormat(text.locale, { timeZone: "UTC", day: "numeric", month: "short" });
  function tick(v) { return v instanceof Date ? dateFmt.format(v) : nf(2).format(v); }
  // Calendar time of a point: local wall-clock time, shown on a UTC scale so it is never shifted by the viewer's zone.
  var t0 = report.calendar ? Date.parse(report.calendar.startDate + "T00:00:00Z") + report.warmupDays * 86400000 : null;
  function dateAt(minutes) { return t0 === null ? minutes / 1440 : new Date(t0 + minutes * 60000); }
  var fmt = function (x) { return x === null || x === undefined || !isFinite(x) ? "-" : Math.abs(x) >= 100 ? nf(0).format(x) : Math.abs(x) >= 1 ? nf(2).format(x) : new Intl.NumberFormat(text.locale, { maximumSignificantDigits: 3 }).format(x); };
  function put(id, node, note) {
    var el = document.getElementById(id);
    if (!el) return;
    if (node) el.appendChild(node); else el.appendChild(document.createTextNode(note || text.charts.noData));
  }
  function bandRows(series, names, xOf) {
    var rows = [];
    names.forEach(function (name) {
      var s = series[name];
      for (var i = 0; i < s.mean.length; i++) rows.push({ series: name, x: xOf(i), mean: s.mean[i], lo: s.lo[i], hi: s.hi[i] });
    });
    return rows;
  }
  function bandChart(rows, xLabel, yLabel) {
    if (rows.length === 0) return null;
    return Plot.plot({
      width: 900, height: 320, marginLeft: 60, grid: true,
      x: { label: xLabel, type: t0 !== null && rows.length > 0 && rows[0].x instanceof Date ? "utc" : undefined, tickFormat: tick }, y: { label: yLabel, zero: true, tickFormat: tick },
      color: { legend: true },
      marks: [
        Plot.areaY(rows, { x: "x", y1: "lo", y2: "hi", fill: "series", fillOpacity: 0.2 }),
        Plot.lineY(rows, { x: "x", y: "mean", stroke: "series", tip: true }),
      ],
    });
  }
  // 1. Daily throughput by direction: the daily series whose name says cleared/throughput.
  var daily = report.series.daily || {};
  var dailyNames = Object.keys(daily).filter(function (n) { return /clear|throughput|crossed/i.test(n); });
  if (dailyNames.length === 0) dailyNames = Object.keys(daily);
  put("chart-daily", bandChart(bandRows(daily, dailyNames, function (i) { return dateAt(i * 1440); }), t0 === null ? text.charts.dayOfPeriod : text.charts.day, text.charts.trucksPerDay));
  // 2. Time in system: mean and quantile KPIs with their intervals (the maximum would squash the axis).
  var tis = Object.keys(report.kpis).filter(function (n) { return /^timeInSystem/i.test(n) && !/Max$/.test(n); }).map(function (n) {
    var k = report.kpis[n];
    return { figure: text.labels[n] || n.replace(/^timeInSystem(Minutes)?/i, "") || n, mean: k.mean, lo: k.ci95[0], hi: k.ci95[1], unit: k.unit };
  });
  put("chart-tis", tis.length === 0 ? null : Plot.plot({
    width: 900, height: 260, marginLeft: 80, grid: true,
    x: { label: text.charts.timeInSystem + " (" + (text.units[tis[0].unit] || tis[0].unit || "minutes") + ")", zero: true, tickFormat: tick }, y: { label: null, domain: tis.map(function (d) { return d.figure; }) },
    marks: [
      Plot.ruleY(tis, { y: "figure", x1: "lo", x2: "hi", strokeWidth: 3, stroke: "steelblue" }),
      Plot.dot(tis, { y: "figure", x: "mean", fill: "black", r: 4, tip: true }),
      Plot.text(tis, { y: "figure", x: "hi", text: function (d) { return fmt(d.mean) + " [" + fmt(d.lo) + ", " + fmt(d.hi) + "]"; }, dx: 8, textAnchor: "start" }),
    ],
  }));
  // 3. Queue lengths over time with their band across replications.
  var sampled = report.series.sampled || {};
  var step = report.series.sampleStepMinutes || 60;
  put("chart-queues", bandChart(bandRows(sampled, Object.keys(sampled), function (i) { return dateAt(i * step); }), t0 === null ? text.charts.dayOfPeriod : text.charts.localTime, text.charts.trucks));
  // 4. Server stages: busy, blocked and idle shares of the capacity in force (they sum to 100 %).
  var shares = [];
  Object.keys(report.stages).forEach(function (id) {
    var st = report.stages[id];
    if (!st.capacityMean || !(st.capacityMean.mean > 0)) return;
    [["busy", "busyShare"], ["blocked", "blockedShare"], ["idle", "idleShare"]].forEach(function (p) {
      var f = st[p[1]];
      if (f) shares.push({ stage: id, share: text.charts[p[0]], value: f.mean * 100 });
    });
  });
  put("chart-util", shares.length === 0 ? null : Plot.plot({
    width: 900, height: Math.max(120, 10 * shares.length + 60), marginLeft: 120, grid: true,
    x: { label: text.charts.shareOfCapacity, domain: [0, 100], tickFormat: tick }, y: { label: null },
    color: { legend: true, domain: [text.charts.busy, text.charts.blocked, text.charts.idle], range: ["#4a7fb0", "#d9534f", "#dddddd"] },
    marks: [Plot.barX(shares, Plot.stackX({ y: "stage", x: "value", fill: "share", order: [text.charts.busy, text.charts.blocked, text.charts.idle], tip: true }))],
  }));
  // 5. Transients: the line of the stages whose line was longest, per step, on the calendar.
  var st = report.series.stages || {};
  var stageStep = report.series.stageStepMinutes || 60;
  var peak = function (name) { return Math.max.apply(null, (st[name].mean || [0]).concat([0])); };
  var lines = Object.keys(st).filter(function (n) { return /[.]queue$/.test(n) && peak(n) > 0.5; });
  lines.sort(function (a, b) { return peak(b) - peak(a); });
  lines = lines.slice(0, 6);
  put("chart-stages", bandChart(bandRows(st, lines, function (i) { return dateAt((i + 1) * stageStep); }), text.charts.stepEnd, text.charts.trucksInLine));
  document.body.setAttribute("data-ready", "true");
})();
`;

/** What a stored run adds to its report: the planner's name and note, and its changes to the scenario. */
export interface HtmlReportRun {
  /** Heading instead of the scenario title (the run's name). */
  title?: string;
  note?: string | null;
  /** One line per change ("stages.xray.servers: 3 (scenario: 2)"). */
  changes?: readonly string[];
}

/**
 * Renders the self-contained HTML report of one experiment in `lang` (English by default): headings,
 * KPI and stage-figure names (from the glossary), units, numbers, dates and chart axes.
 */
export function renderHtmlReport(
  report: JsonReport,
  libraries: HtmlReportLibraries,
  run: HtmlReportRun = {},
  lang: ReportLang = "en",
): string {
  const s = report.scenario;
  const t = reportText(lang);
  const numbers = numberFormats(t.locale);
  const fmt = (x: number) => formatFigure(x, numbers);
  const unitOf = (u: string) => t.units[u] ?? u;
  const changes =
    run.changes === undefined || run.changes.length === 0
      ? ""
      : `<h2>${t.changes}</h2><ul>${run.changes.map((c) => `<li>${escapeHtml(c)}</li>`).join("")}</ul>`;
  const note = run.note ? `<p>${escapeHtml(run.note)}</p>` : "";
  // Every KPI and stage figure is labelled and defined (on hover) by its glossary entry.
  const labelled = (name: string, key: string): string => {
    const g = glossaryEntryOf(name);
    return g === undefined
      ? `<code>${escapeHtml(key)}</code>`
      : `<span title="${escapeHtml(g[lang].definition)}">${escapeHtml(g[lang].label)}</span><br><code>${escapeHtml(key)}</code>`;
  };
  const kpiRows = Object.entries(report.kpis)
    .map(
      ([name, k]) =>
        `<tr><td>${labelled(name, name)}</td><td class="n">${fmt(k.mean)}</td><td class="n">[${fmt(k.ci95[0])}, ${fmt(k.ci95[1])}]</td><td>${escapeHtml(unitOf(k.unit))}</td></tr>`,
    )
    .join("\n");
  const stageIds = Object.keys(report.stages);
  const stageTable =
    stageIds.length === 0
      ? ""
      : `<h2>${t.headings.stages}</h2>
<table><thead><tr><th>${t.columns.figure}</th>${stageIds.map((id) => `<th>${escapeHtml(id)}</th>`).join("")}<th>${t.columns.unit}</th></tr></thead><tbody>
${STAGE_FIELDS.map(
  (f) =>
    `<tr><td>${labelled(`stages.${stageIds[0]}.${f}`, f)}</td>${stageIds
      .map((id) => `<td class="n">${fmt(report.stages[id]![f]?.mean ?? Number.NaN)}</td>`)
      .join("")}<td>${escapeHtml(unitOf(glossaryEntryOf(`stages.${stageIds[0]}.${f}`)?.unit ?? ""))}</td></tr>`,
).join("\n")}
</tbody></table>`;
  const assumed =
    report.assumedInputs.length === 0
      ? ""
      : `<h2>${t.headings.assumed}</h2><ul>${report.assumedInputs.map((a) => `<li>${escapeHtml(a)}</li>`).join("")}</ul>`;
  const c = report.conservation;
  // What the page's chart script needs in this language: its words, units and the KPIs' names.
  const labels: Record<string, string> = {};
  for (const name of Object.keys(report.kpis)) {
    const g = glossaryEntryOf(name);
    if (g !== undefined) labels[name] = g[lang].label;
  }
  const chartText = { locale: t.locale, charts: t.charts, units: t.units, labels };
  const summary = t.summary({
    scenario: escapeHtml(s.name),
    hash: escapeHtml(s.hash),
    seed: escapeHtml(String(report.seed)),
    replications: report.replications,
    horizonDays: report.horizonDays,
    warmupDays: report.warmupDays,
    modelVersion: escapeHtml(report.modelVersion),
  });
  return `<!doctype html>
<html lang="${t.locale}">
<head>
<meta charset="utf-8">
<title>gatesim: ${escapeHtml(s.name)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 960px; color: #222; }
table { border-collapse: collapse; } td, th { padding: 2px 10px; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
.meta { color: #555; } figure { margin: 1em 0 2em; }
</style>
</head>
<body>
<h1>${escapeHtml(run.title ?? s.title)}</h1>
${note}
<p class="meta">${summary}
${t.bands}
${c.holds ? t.conservationHolds : `<strong>${t.conservationFailed(c.failedReplications.join(", "))}</strong>`}</p>
${changes}
<h2>${t.headings.daily}</h2><figure id="chart-daily"></figure>
<h2>${t.headings.tis}</h2><figure id="chart-tis"></figure>
<h2>${t.headings.queues}</h2><figure id="chart-queues"></figure>
<h2>${t.headings.shares}</h2><figure id="chart-util"></figure>
<h2>${t.headings.stageLines}</h2><figure id="chart-stages"></figure>
<h2>${t.headings.kpis}</h2>
<table><thead><tr><th>${t.columns.kpi}</th><th>${t.columns.mean}</th><th>${t.columns.ci}</th><th>${t.columns.unit}</th></tr></thead><tbody>
${kpiRows}
</tbody></table>
${stageTable}
${assumed}
<script type="application/json" id="report-data">${jsonForScript(report)}</script>
<script type="application/json" id="report-text">${jsonForScript(chartText)}</script>
<script>${scriptSafe(libraries.d3)}</script>
<script>${scriptSafe(libraries.plot)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}

/** The three number formats of the report's tables in one locale. */
interface NumberFormats {
  whole: Intl.NumberFormat;
  two: Intl.NumberFormat;
  small: Intl.NumberFormat;
}

function numberFormats(locale: string): NumberFormats {
  return {
    whole: new Intl.NumberFormat(locale, { maximumFractionDigits: 0 }),
    two: new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
    small: new Intl.NumberFormat(locale, { maximumSignificantDigits: 3 }),
  };
}

/** Number formatting of the HTML tables, with the terminal table's precision and the locale's separators. */
function formatFigure(x: number, f: NumberFormats): string {
  if (!Number.isFinite(x)) return "-";
  const ax = Math.abs(x);
  if (ax >= 100) return f.whole.format(x);
  if (ax >= 1) return f.two.format(x);
  return f.small.format(x);
}
