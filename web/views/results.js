/**
 * Results view of one run: its name, changes and settings on calendar dates; live progress and cancel
 * while it runs (after a reload too); the gate schematic, daily throughput, time in system, queues,
 * stage utilization, KPIs with intervals and the assumed inputs as used; downloads. A run that stopped
 * early shows the figures of the replications it finished, said as such.
 */
import * as api from "../api.js";
import { COLORS, timeUnit } from "../charts/common.js";
import { dailyThroughputChart, queueChart, timeInSystemChart } from "../charts/series.js";
import { gateSchematic, utilizationChart } from "../charts/stages.js";
import { card, download, fill, h, innerWidth, statusBadge, toCsv } from "../dom.js";
import { fmt, getLang, t } from "../i18n.js";
import { runProgress } from "../live.js";
import { runName } from "../names.js";
import { assumedList, changesList, kpiTable, reportCsv, runHeader } from "./results-parts.js";

export { reportCsv, withInterval } from "./results-parts.js";

const reports = new Map();

/** Loads a run, its inputs and its report (full, or of its finished replications). */
async function load(id) {
  const run = await api.getRun(id);
  const inputs = await api.getInputs(id).catch(() => null);
  let report = reports.get(id) ?? null;
  if (!report && run.status === "succeeded") {
    report = await api.getResults(id);
    reports.set(id, report);
  } else if (!report && api.isFinal(run.status) && api.progressOf(run).done > 0) {
    report = await api.getPartialResults(id).catch(() => null);
  }
  return { run, inputs, report };
}

/** Renders the results of run `id` into `root`. */
export async function render(root, ctx, id) {
  if (!id) {
    fill(root, h("h2", {}, t("resultsTitle")), h("p", { class: "note" }, t("noRunSelected")));
    return;
  }
  fill(root, h("h2", {}, t("resultsTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  let data;
  try {
    data = await load(id);
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("resultsTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  const { run, inputs, report } = data;
  const rerender = () => {
    if (ctx.currentRoute() === `results/${id}`) void render(root, ctx, id);
  };
  const header = runHeader(run, inputs, () => rerender());
  const changes = card("changesTitle", null, changesList(inputs));
  if (!report) {
    const parts = [header, changes];
    if (!api.isFinal(run.status)) {
      parts.push(h("p", {}, t("runNotFinished")), runProgress(run, { onEnd: () => rerender() }));
    } else {
      parts.push(h("p", {}, statusBadge(run.status), " ", t("runEndedEmpty")));
    }
    if (run.error?.message) parts.push(h("p", { class: "error" }, run.error.message));
    fill(root, ...parts);
    return;
  }
  drawReport(root, run, inputs, report, header, changes);
}

function drawReport(root, run, inputs, report, header, changes) {
  const calendar = inputs?.calendar ?? {
    measuredFrom: "2026-01-01",
    measuredTo: "2026-01-01",
    horizonDays: report.horizonDays,
    warmupDays: report.warmupDays,
    seasons: [],
  };
  const scenario = inputs?.scenario ?? null;
  const time = timeUnit(report.kpis);
  const name = runName(run)
    .replace(/[^\p{L}\p{N}]+/gu, "-")
    .slice(0, 60);
  const partial = report.partial
    ? h(
        "p",
        { class: "banner warning", id: "partial-banner", role: "status" },
        t("partialResults", {
          status: t(`status_${report.partial.status}`).toLowerCase(),
          done: fmt(report.partial.done, 0),
          total: fmt(report.partial.total, 0),
        }),
      )
    : null;
  const actions = h(
    "div",
    { class: "actions" },
    h(
      "button",
      {
        type: "button",
        id: "download-json",
        onclick: () => download(`gatesim-${name}.json`, JSON.stringify(report, null, 2), "application/json"),
      },
      t("downloadJson"),
    ),
    h(
      "button",
      {
        type: "button",
        id: "download-csv",
        onclick: () => download(`gatesim-${name}.csv`, toCsv(reportCsv(report, calendar)), "text/csv"),
      },
      t("downloadCsv"),
    ),
    report.partial
      ? null
      : h(
          "a",
          { class: "button", id: "download-html", href: `/runs/${run.id}/report.html?lang=${getLang()}`, download: "" },
          t("downloadHtml"),
        ),
    run.status === "succeeded"
      ? h("a", { class: "button", id: "open-replay", href: `#replay/${run.id}` }, t("replayOpen"))
      : null,
  );
  const schematic = card("schematicTitle", "schematicNote");
  const daily = card("dailyThroughput", "dailyThroughputNote");
  const tis = card("timeInSystem", "timeInSystemNote");
  const nh1a = card("nh1aQueue", "queuesNote");
  const yard = card("yardOccupancy", "queuesNote");
  const util = card("utilizationTitle", "utilizationNote");
  const kpis = card("kpisTitle", null, kpiTable(report.kpis, time));
  const assumed = card("assumedInputs", "assumedInputsNote", assumedList(inputs));
  for (const c of [daily, tis, nh1a, yard, util, kpis]) c.classList.add("half");
  fill(
    root,
    h("div", { class: "results-header" }, header, actions),
    partial,
    h("div", { class: "grid" }, changes, schematic, daily, tis, nh1a, yard, util, kpis, assumed),
  );
  // Charts are sized to their card, so they are drawn once the cards are in the document.
  schematic.append(gateSchematic(report, scenario));
  daily.append(
    h(
      "figure",
      { class: "chart", id: "chart-daily" },
      dailyThroughputChart(report.series?.daily, calendar, innerWidth(daily)),
    ),
  );
  tis.append(h("figure", { class: "chart", id: "chart-tis" }, timeInSystemChart(report.kpis, time, innerWidth(tis))));
  const step = report.series?.sampleStepMinutes;
  const sampled = report.series?.sampled ?? {};
  nh1a.append(
    h(
      "figure",
      { class: "chart", id: "chart-nh1a" },
      queueChart(sampled.nh1aQueue, step, t("nh1aQueue"), COLORS.import, calendar, innerWidth(nh1a)),
    ),
  );
  yard.append(
    h(
      "figure",
      { class: "chart", id: "chart-yard" },
      queueChart(sampled.yardOccupancy, step, t("yardOccupancy"), COLORS.export, calendar, innerWidth(yard)),
    ),
  );
  util.append(
    h("figure", { class: "chart", id: "chart-util" }, utilizationChart(report.stages, scenario, innerWidth(util))),
  );
}
