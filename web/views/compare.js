/**
 * Comparison view: pick two or more finished runs; the server pairs their replications (common random
 * numbers) and reports each run's KPIs and the paired differences against the first, with intervals
 * and significance. Shown side by side, as a chart of relative differences and as tables; exportable.
 */
import * as api from "../api.js";
import { COMPARE_KPIS, differencesChart } from "../charts.js";
import { card, download, h, innerWidth, shortId, toCsv, when } from "../dom.js";
import { fmt, kpiName, t, unitName } from "../i18n.js";
import { withInterval } from "./results.js";

/** Runs picked for comparison, in the order they were ticked (the first is the reference). Shared with history. */
export const selection = [];

/** Adds or removes a run from the selection. */
export function toggleSelected(id, on) {
  const i = selection.indexOf(id);
  if (on && i < 0) selection.push(id);
  if (!on && i >= 0) selection.splice(i, 1);
}

const state = { comparison: null, error: null, busy: false, showAll: false };

/** The comparison's differences as CSV rows. */
export function compareCsv(report) {
  const rows = [
    [
      "scenario",
      "against",
      "kpi",
      "mean_a",
      "mean_b",
      "diff_mean",
      "ci95_lo",
      "ci95_hi",
      "relative_diff",
      "significant",
      "unit",
      "n",
    ],
  ];
  for (const d of report?.differences ?? []) {
    for (const [name, k] of Object.entries(d.kpis ?? {})) {
      rows.push([
        d.scenario,
        d.against,
        name,
        k.meanA,
        k.meanB,
        k.diffMean,
        k.ci95?.[0],
        k.ci95?.[1],
        k.relativeDiff,
        k.significant,
        k.unit,
        k.n,
      ]);
    }
  }
  return rows;
}

async function waitForComparison(created) {
  let c = created;
  for (let i = 0; i < 600 && c && !c.report && c.status !== "failed"; i++) {
    await new Promise((r) => setTimeout(r, 500));
    c = await api.getComparison(created.id);
  }
  return c;
}

/** Renders the comparison view into `root`; `id` opens a stored comparison. */
export async function render(root, ctx, id) {
  root.replaceChildren(h("h2", {}, t("compareTitle")), h("p", { class: "note", role: "status" }, "…"));
  let runs = [];
  try {
    runs = (await api.listRuns({ status: "succeeded", limit: 50 })).items ?? [];
    if (id && state.comparison?.id !== id) state.comparison = await api.getComparison(id);
  } catch (err) {
    state.error = err;
  }
  draw(root, ctx, runs);
}

function draw(root, ctx, runs) {
  const known = new Set(runs.map((r) => r.id));
  for (const id of [...selection]) if (!known.has(id)) toggleSelected(id, false);
  const button = h(
    "button",
    { type: "button", class: "primary", id: "compare-button", disabled: state.busy },
    state.busy ? t("comparing") : t("compareSelected"),
  );
  button.addEventListener("click", async () => {
    if (selection.length < 2) {
      state.error = new Error(t("needTwoRuns"));
      draw(root, ctx, runs);
      return;
    }
    state.busy = true;
    state.error = null;
    draw(root, ctx, runs);
    try {
      const created = await api.createComparison([...selection]);
      state.comparison = await waitForComparison(created);
      if (state.comparison?.id) history.replaceState(null, "", `#compare/${state.comparison.id}`);
    } catch (err) {
      state.error = err;
    } finally {
      state.busy = false;
      draw(root, ctx, runs);
    }
  });

  const picker = h(
    "fieldset",
    { class: "run-picker" },
    h("legend", {}, t("compareHelp")),
    runs.length === 0
      ? h("p", { class: "note" }, t("noRuns"))
      : h(
          "ul",
          { class: "run-list" },
          runs.map((r) => {
            const cid = `cmp-${r.id}`;
            const order = selection.indexOf(r.id);
            return h(
              "li",
              {},
              h("input", {
                type: "checkbox",
                id: cid,
                checked: order >= 0,
                "data-run": r.id,
                onchange: (e) => {
                  toggleSelected(r.id, e.target.checked);
                  draw(root, ctx, runs);
                  document.getElementById(cid)?.focus();
                },
              }),
              h(
                "label",
                { for: cid },
                order >= 0 ? h("span", { class: "order" }, order === 0 ? t("reference") : `B${order}`) : null,
                h("strong", {}, r.scenario?.title || r.scenario?.name || r.scenarioTitle || r.scenarioName),
                ` · ${shortId(r.id)} · ${t("configHash")} ${(r.scenario?.hash ?? "").slice(0, 8)} · ${t("seed")} ${r.seed} · ${r.replications} × ${r.horizonDays} ${t("days")} · ${when(r.createdAt)}`,
              ),
            );
          }),
        ),
    h("div", { class: "actions" }, button),
  );

  const children = [h("h2", {}, t("compareTitle")), picker];
  if (state.error) children.push(h("p", { class: "error", role: "alert" }, `${t("error")}: ${state.error.message}`));
  const c = state.comparison;
  if (c?.status === "failed")
    children.push(h("p", { class: "error", role: "alert" }, `${t("error")}: ${c.error?.message ?? "failed"}`));
  const report = c?.report;
  let chartCard = null;
  if (report) {
    const labels = labelsOf(c, report, runs);
    children.push(
      h(
        "div",
        { class: "actions" },
        h(
          "button",
          {
            type: "button",
            id: "download-compare-json",
            onclick: () => download(`gatesim-comparison-${c.id}.json`, JSON.stringify(c, null, 2), "application/json"),
          },
          t("downloadJson"),
        ),
        h(
          "button",
          {
            type: "button",
            id: "download-compare-csv",
            onclick: () => download(`gatesim-comparison-${c.id}.csv`, toCsv(compareCsv(report)), "text/csv"),
          },
          t("downloadCsv"),
        ),
      ),
    );
    const total = Object.keys(report.scenarios?.[0]?.kpis ?? {}).length;
    const toggle = h(
      "button",
      {
        type: "button",
        id: "toggle-all-figures",
        "aria-expanded": String(state.showAll),
        onclick: () => {
          state.showAll = !state.showAll;
          toggle.setAttribute("aria-expanded", String(state.showAll));
          toggle.textContent = state.showAll ? t("showKeyFigures") : t("showAllFigures", { n: total });
          for (const tr of root.querySelectorAll("tr[data-kpi]")) {
            tr.hidden = !state.showAll && !COMPARE_KPIS.includes(tr.dataset.kpi);
          }
        },
      },
      state.showAll ? t("showKeyFigures") : t("showAllFigures", { n: total }),
    );
    children.push(
      card("sideBySide", null, h("div", { class: "actions table-toggle" }, toggle), sideBySide(report, labels)),
    );
    chartCard = card("pairedDiffs", "pairedDiffsNote");
    children.push(chartCard);
    (report.differences ?? []).forEach((d, i) => {
      children.push(diffTable(d, labels[i + 1] ?? d.scenario, labels[0] ?? d.against));
    });
  }
  root.replaceChildren(...children);
  if (chartCard) {
    chartCard.append(
      h(
        "figure",
        { class: "chart", id: "chart-diffs" },
        differencesChart(relabel(report.differences, labelsOf(c, report, runs)), innerWidth(chartCard)),
      ),
    );
  }
}

/** Column labels of the compared runs: scenario title plus short run id (two runs may share a scenario). */
function labelsOf(c, report, runs) {
  const byId = new Map(runs.map((r) => [r.id, r]));
  const ids = report.runs ?? (c.runs ?? []).map((r) => r.id ?? r);
  return (report.scenarios ?? []).map((s, i) => {
    const runId = ids[i];
    const r = runId ? byId.get(runId) : null;
    const name = r?.scenario?.name || s.scenario?.name || `#${i + 1}`;
    return runId ? `${name} (${shortId(runId)})` : name;
  });
}

/** Differences with readable run labels (the report names runs by scenario, which can repeat). */
function relabel(differences, labels) {
  return (differences ?? []).map((d, i) => ({
    ...d,
    scenario: labels[i + 1] ?? d.scenario,
    against: labels[0] ?? d.against,
  }));
}

/** KPI names with the key ones first (the rest are hidden until the planner asks for all). */
function keyFirst(names) {
  return [...COMPARE_KPIS.filter((n) => names.includes(n)), ...names.filter((n) => !COMPARE_KPIS.includes(n))];
}

/** Row attributes: a figure outside the key ones is hidden unless "show all" is on. */
function rowAttrs(name, extra = {}) {
  return { "data-kpi": name, hidden: !state.showAll && !COMPARE_KPIS.includes(name), ...extra };
}

function sideBySide(report, labels) {
  const ordered = keyFirst(Object.keys(report.scenarios?.[0]?.kpis ?? {}));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("sideBySide") },
    h(
      "table",
      { class: "compare-table", id: "side-by-side" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("kpi")),
          labels.map((l, i) => h("th", { scope: "col" }, i === 0 ? `${l} · ${t("reference")}` : l)),
          h("th", { scope: "col" }, t("unit")),
        ),
      ),
      h(
        "tbody",
        {},
        ordered.map((name) => {
          const unit = report.scenarios[0].kpis[name]?.unit;
          const sc = unit === "share" ? 100 : 1;
          return h(
            "tr",
            rowAttrs(name),
            h("th", { scope: "row", title: name }, kpiName(name)),
            report.scenarios.map((s) => h("td", { class: "num" }, withInterval(s.kpis?.[name], sc))),
            h("td", {}, unitName(unit)),
          );
        }),
      ),
    ),
  );
}

function diffTable(d, labelB, labelA) {
  const title = `${t("pairedDiffs")}: ${labelB} − ${labelA}`;
  const rows = keyFirst(Object.keys(d.kpis ?? {})).map((name) => [name, d.kpis[name]]);
  return h(
    "section",
    { class: "card", "data-card": "difference" },
    h("h3", {}, title),
    h(
      "div",
      { class: "table-wrap", tabindex: "0", role: "region", "aria-label": title },
      h(
        "table",
        { class: "diff-table" },
        h(
          "thead",
          {},
          h(
            "tr",
            {},
            h("th", { scope: "col" }, t("kpi")),
            h("th", { scope: "col" }, "A"),
            h("th", { scope: "col" }, "B"),
            h("th", { scope: "col" }, t("difference")),
            h("th", { scope: "col" }, t("interval95")),
            h("th", { scope: "col" }, t("relative")),
            h("th", { scope: "col" }, t("significance")),
            h("th", { scope: "col" }, t("unit")),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map(([name, k]) => {
            const sc = k.unit === "share" ? 100 : 1;
            const n = (x) => (typeof x === "number" ? fmt(x * sc) : "–");
            return h(
              "tr",
              rowAttrs(name, { "data-significant": String(Boolean(k.significant)) }),
              h("th", { scope: "row", title: name }, kpiName(name)),
              h("td", { class: "num" }, n(k.meanA)),
              h("td", { class: "num" }, n(k.meanB)),
              h("td", { class: "num" }, n(k.diffMean)),
              h("td", { class: "num" }, `[${n(k.ci95?.[0])}, ${n(k.ci95?.[1])}]`),
              h(
                "td",
                { class: "num" },
                typeof k.relativeDiff === "number" && Number.isFinite(k.relativeDiff)
                  ? `${fmt(k.relativeDiff * 100, 1)} %`
                  : "–",
              ),
              h(
                "td",
                {},
                k.significant
                  ? h("span", { class: "badge sig-yes" }, t("significant"))
                  : h("span", { class: "badge sig-no" }, t("notSignificant")),
              ),
              h("td", {}, unitName(k.unit)),
            );
          }),
        ),
      ),
    ),
  );
}
