/**
 * The leaderboard as one self-contained HTML page (no server, no network): per scenario a chart of the
 * selection KPI with its 95 % intervals, the KPI table and the selection statement; the overall ranking
 * as a chart; the suite version, model version and every policy's hash. Chart libraries are inlined from
 * the caller, as for the run report.
 */
import { escapeHtml, type HtmlReportLibraries, jsonForScript, scriptSafe } from "./html-report.js";
import type { LeaderboardReport } from "./leaderboard.js";
import { formatNumber } from "./report.js";

// A plain template literal: keep backslashes out of this code.
const CHART_SCRIPT = `
(function () {
  var report = JSON.parse(document.getElementById("leaderboard-data").textContent);
  var kpi = report.selection.kpi;
  report.scenarios.forEach(function (s, i) {
    var rows = s.rows.map(function (r) {
      var k = r.kpis[kpi] || { mean: NaN, ci95: [NaN, NaN] };
      return { policy: r.label, mean: k.mean, lo: k.ci95[0], hi: k.ci95[1], selected: r.label === s.selection.selectedLabel };
    });
    var el = document.getElementById("chart-" + i);
    if (!el || rows.length === 0) return;
    el.appendChild(Plot.plot({
      width: 900, height: Math.max(120, 34 * rows.length + 60), marginLeft: 160, grid: true,
      x: { label: kpi + " (" + (s.selection.unit || "") + "), 95 % interval" },
      y: { label: null, domain: rows.map(function (r) { return r.policy; }) },
      marks: [
        Plot.ruleY(rows, { y: "policy", x1: "lo", x2: "hi", strokeWidth: 3, stroke: "steelblue" }),
        Plot.dot(rows, { y: "policy", x: "mean", r: 5, fill: function (r) { return r.selected ? "darkorange" : "black"; }, tip: true }),
      ],
    }));
  });
  var overall = document.getElementById("chart-overall");
  if (overall) overall.appendChild(Plot.plot({
    width: 900, height: Math.max(120, 34 * report.overall.length + 60), marginLeft: 160, grid: true,
    x: { label: "mean rank over the scenarios (1 = best)", zero: true }, y: { label: null, domain: report.overall.map(function (o) { return o.label; }) },
    marks: [Plot.barX(report.overall, { y: "label", x: "meanRank", fill: "#8ab", tip: true })],
  }));
  document.body.setAttribute("data-ready", "true");
})();
`;

/** Renders the leaderboard page. */
export function renderLeaderboardHtml(report: LeaderboardReport, libraries: HtmlReportLibraries): string {
  const e = escapeHtml;
  const policyRows = report.policies
    .map(
      (p) =>
        `<tr><td>${e(p.label)}</td><td>${p.decisions
          .map(
            (d) =>
              `${e(d.decision)} = ${e(d.name)}${d.params ? ` <code>${e(JSON.stringify(d.params))}</code>` : ""} (${d.sha256 === "built-in" ? "built-in" : `sha256 <code>${e(d.sha256)}</code>`})`,
          )
          .join("<br>")}</td><td><code>${e(p.hash)}</code></td></tr>`,
    )
    .join("\n");
  const scenarios = report.scenarios
    .map((s, i) => {
      const rows = s.rows
        .map(
          (r) =>
            `<tr${r.label === s.selection.selectedLabel ? ' class="selected"' : ""}><td class="n">${r.rank}</td><td>${e(r.label)}</td>${report.kpis
              .map((k) => {
                const v = r.kpis[k];
                return `<td class="n">${v === undefined ? "-" : `${formatNumber(v.mean)} ± ${formatNumber(v.halfWidth)}`}</td>`;
              })
              .join(
                "",
              )}<td class="n">${r.rank === 1 ? "best" : `${formatNumber(r.vsBest.mean)} [${formatNumber(r.vsBest.ci95[0])}, ${formatNumber(r.vsBest.ci95[1])}]`}</td><td class="n">${s.selection.replicationsByPolicy[r.label] ?? s.replications}</td></tr>`,
        )
        .join("\n");
      return `<section>
<h2>${e(s.id)}: ${e(s.title)}</h2>
<p class="meta">Scenario <code>${e(s.scenario)}</code>, ${s.horizonDays} day(s), warm-up ${formatNumber(s.warmupDays)}, seed ${e(String(s.seed))}, ${s.replications} common replications per policy.</p>
<figure id="chart-${i}"></figure>
<div class="wide"><table><thead><tr><th>rank</th><th>policy</th>${report.kpis.map((k) => `<th>${e(k)}</th>`).join("")}<th>vs best</th><th>replications</th></tr></thead>
<tbody>
${rows}
</tbody></table></div>
<p class="statement">${e(s.selection.statement)}</p>
<p class="meta">Replications spent: ${s.selection.totalReplications}; a fixed-budget two-stage design (Nelson &amp; Matejcik) would need ${s.selection.fixedBudget.total} (${s.selection.fixedBudget.perSystem} per policy).</p>
</section>`;
    })
    .join("\n");
  const notes =
    report.notes.length === 0 ? "" : `<ul class="notes">${report.notes.map((n) => `<li>${e(n)}</li>`).join("")}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>gatesim leaderboard: ${e(report.suite.name)}</title>
<style>
body { font-family: system-ui, sans-serif; margin: 2em auto; max-width: 1100px; color: #222; }
table { border-collapse: collapse; } td, th { padding: 2px 8px; border-bottom: 1px solid #ddd; text-align: left; }
td.n { text-align: right; font-variant-numeric: tabular-nums; }
tr.selected td { background: #fff3e0; } .meta { color: #555; } .statement { font-weight: 600; }
.notes li { color: #a40; } figure { margin: 1em 0; } .wide { overflow-x: auto; }
code { word-break: break-all; }
</style>
</head>
<body>
<h1>Policy leaderboard: ${e(report.suite.title || report.suite.name)}</h1>
<p class="meta">Suite <code>${e(report.suite.name)}</code> version ${report.suite.version} (sha256 <code>${e(report.suite.hash)}</code>), model ${e(report.modelVersion)}.
Selection on <code>${e(report.selection.kpi)}</code> (${report.selection.minimize ? "lower" : "higher"} is better) with ${report.selection.procedure}, 1 − α = ${1 - report.selection.alpha}.
Every policy runs the same seeds and replication indices (common random numbers); intervals are 95 %.</p>
${notes}
<h2>Policies</h2>
<table><thead><tr><th>policy</th><th>decisions</th><th>hash</th></tr></thead><tbody>
${policyRows}
</tbody></table>
<h2>Overall</h2>
<p class="meta">Mean rank over the scenarios: descriptive, with no guarantee across scenarios.</p>
<figure id="chart-overall"></figure>
<table><thead><tr><th>policy</th><th>mean rank</th><th>selected in</th></tr></thead><tbody>
${report.overall.map((o) => `<tr><td>${e(o.label)}</td><td class="n">${formatNumber(o.meanRank)}</td><td>${e(o.selectedIn.join(", ") || "-")}</td></tr>`).join("\n")}
</tbody></table>
${scenarios}
<script type="application/json" id="leaderboard-data">${jsonForScript(report)}</script>
<script>${scriptSafe(libraries.d3)}</script>
<script>${scriptSafe(libraries.plot)}</script>
<script>${CHART_SCRIPT}</script>
</body>
</html>
`;
}
