/**
 * Results view of one run: the gate schematic coloured by the results, daily throughput by direction,
 * the distribution of time in system, queues on NH1A and in the yards over time, stage utilization,
 * the KPI table with intervals, the assumed inputs, and CSV / JSON export.
 */
import * as api from "../api.js";
import {
  COLORS,
  dailyThroughputChart,
  gateSchematic,
  queueChart,
  timeInSystemChart,
  utilizationChart,
} from "../charts.js";
import { card, download, h, innerWidth, statusBadge, toCsv } from "../dom.js";
import { fmt, kpiName, t, unitName } from "../i18n.js";

const cache = new Map();

/** The report as CSV rows: KPIs, stage figures, then the daily series. */
export function reportCsv(report) {
  const rows = [["kind", "name", "figure", "mean", "ci95_lo", "ci95_hi", "sd", "unit", "n"]];
  for (const [name, k] of Object.entries(report.kpis ?? {})) {
    rows.push(["kpi", name, "value", k.mean, k.ci95?.[0], k.ci95?.[1], k.sd, k.unit, k.n]);
  }
  for (const [id, s] of Object.entries(report.stages ?? {})) {
    for (const [figure, f] of Object.entries(s)) {
      if (f && typeof f === "object")
        rows.push(["stage", id, figure, f.mean, f.ci95?.[0], f.ci95?.[1], "", "", report.replications]);
      else rows.push(["stage", id, figure, f, "", "", "", "", report.replications]);
    }
  }
  for (const [kind, group] of [
    ["daily", report.series?.daily],
    ["sampled", report.series?.sampled],
  ]) {
    for (const [name, band] of Object.entries(group ?? {})) {
      (band.mean ?? []).forEach((m, i) => {
        rows.push([
          kind,
          name,
          kind === "daily" ? `day ${i + 1}` : `step ${i}`,
          m,
          band.lo?.[i],
          band.hi?.[i],
          "",
          "",
          report.replications,
        ]);
      });
    }
  }
  return rows;
}

/** Number with its interval: "mean [lo, hi]". */
export function withInterval(k, scale = 1) {
  const lo = k?.ci95?.[0];
  const hi = k?.ci95?.[1];
  const s = (x) => (typeof x === "number" ? fmt(x * scale) : "–");
  return `${s(k?.mean)} [${s(lo)}, ${s(hi)}]`;
}

function kpiTable(kpis) {
  const rows = Object.entries(kpis ?? {});
  return h(
    "div",
    { class: "table-wrap kpi-table-wrap", tabindex: "0", role: "region", "aria-label": t("kpisTitle") },
    h(
      "table",
      { class: "kpi-table", id: "kpi-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("kpi")),
          h("th", { scope: "col" }, t("mean")),
          h("th", { scope: "col" }, t("interval95")),
          h("th", { scope: "col" }, t("unit")),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map(([name, k]) => {
          const share = k.unit === "share";
          const sc = share ? 100 : 1;
          const lo = k.ci95?.[0];
          const hi = k.ci95?.[1];
          return h(
            "tr",
            { "data-kpi": name },
            h("th", { scope: "row", title: name }, kpiName(name)),
            h("td", { class: "num" }, fmt(typeof k.mean === "number" ? k.mean * sc : k.mean)),
            h(
              "td",
              { class: "num" },
              `[${typeof lo === "number" ? fmt(lo * sc) : "–"}, ${typeof hi === "number" ? fmt(hi * sc) : "–"}]`,
            ),
            h("td", {}, unitName(k.unit)),
          );
        }),
      ),
    ),
  );
}

function assumedList(items, sources) {
  if (!items?.length) return h("p", { class: "note" }, t("noAssumedInputs"));
  return h(
    "ul",
    { class: "assumed", id: "assumed-inputs" },
    items.map((x) => {
      const path = typeof x === "string" ? x : (x.path ?? JSON.stringify(x));
      const note = (typeof x === "object" && x.note) || sources?.[path]?.note;
      return h("li", {}, h("code", {}, path), note ? h("span", { class: "source-note" }, ` ${note}`) : null);
    }),
  );
}

const sourceCache = new Map();

/** The `sources` notes of a shipped scenario (why each input is assumed), or null for other scenarios. */
function sourcesOf(name) {
  if (!name) return Promise.resolve(null);
  if (!sourceCache.has(name)) {
    sourceCache.set(
      name,
      api.getScenario(name).then(
        (sc) => sc?.sources ?? null,
        () => null,
      ),
    );
  }
  return sourceCache.get(name);
}

/** Loads (and caches) a run and its report. */
async function load(id) {
  const run = await api.getRun(id);
  let report = cache.get(id) ?? null;
  if (!report && run.status === "succeeded") {
    report = await api.getResults(id);
    cache.set(id, report);
  }
  return { run, report };
}

/** Renders the results of run `id` into `root`. */
export async function render(root, ctx, id) {
  if (!id) {
    root.replaceChildren(h("h2", {}, t("resultsTitle")), h("p", { class: "note" }, t("noRunSelected")));
    return;
  }
  root.replaceChildren(h("h2", {}, t("resultsTitle")), h("p", { class: "note", role: "status" }, "…"));
  let data;
  try {
    data = await load(id);
  } catch (err) {
    root.replaceChildren(
      h("h2", {}, t("resultsTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  const { run, report } = data;
  if (!report) {
    const p = api.progressOf(run);
    root.replaceChildren(
      h("h2", {}, t("resultsTitle")),
      h("p", {}, statusBadge(run.status), " ", t("runNotFinished")),
      h("progress", { max: Math.max(1, p.total), value: p.done, "aria-label": t("progress") }),
      run.error?.message ? h("p", { class: "error" }, run.error.message) : null,
    );
    if (!api.isFinal(run.status)) {
      const stop = api.watchRun(id, {
        onProgress: () => {},
        onStatus: (r) => {
          if (api.isFinal(r.status)) {
            stop();
            if (ctx.currentRoute() === `results/${id}`) void render(root, ctx, id);
          }
        },
      });
    }
    return;
  }
  const sources = await sourcesOf(report.scenario?.name);
  drawReport(root, run, report, id, sources);
}

function drawReport(root, run, report, id, sources) {
  const sc = report.scenario ?? {};
  const header = h(
    "div",
    { class: "results-header" },
    h(
      "div",
      {},
      h("h2", { id: "results-title" }, sc.title || sc.name || t("resultsTitle")),
      h(
        "p",
        { class: "note" },
        statusBadge(run.status),
        " ",
        h("code", {}, sc.name ?? ""),
        ` · ${t("run")} `,
        h("code", {}, id),
        " · ",
        t("runSummary", {
          reps: report.replications,
          seed: report.seed,
          days: report.horizonDays,
          warmup: report.warmupDays ?? 0,
        }),
      ),
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "button",
        {
          type: "button",
          id: "download-json",
          onclick: () => download(`gatesim-${id}.json`, JSON.stringify(report, null, 2), "application/json"),
        },
        t("downloadJson"),
      ),
      h(
        "button",
        {
          type: "button",
          id: "download-csv",
          onclick: () => download(`gatesim-${id}.csv`, toCsv(reportCsv(report)), "text/csv"),
        },
        t("downloadCsv"),
      ),
    ),
  );

  const schematic = card("schematicTitle", "schematicNote");
  const daily = card("dailyThroughput", "dailyThroughputNote");
  const tis = card("timeInSystem", "timeInSystemNote");
  const nh1a = card("nh1aQueue", "queuesNote");
  const yard = card("yardOccupancy", "queuesNote");
  const util = card("utilizationTitle", "utilizationNote");
  const kpis = card("kpisTitle", null, kpiTable(report.kpis));
  const assumed = card("assumedInputs", "assumedInputsNote", assumedList(report.assumedInputs, sources));
  for (const c of [daily, tis, nh1a, yard, util, kpis]) c.classList.add("half");
  root.replaceChildren(header, h("div", { class: "grid" }, schematic, daily, tis, nh1a, yard, util, kpis, assumed));
  // Charts are sized to their card, so they are drawn once the cards are in the document.
  schematic.append(gateSchematic(report));
  daily.append(
    h("figure", { class: "chart", id: "chart-daily" }, dailyThroughputChart(report.series?.daily, innerWidth(daily))),
  );
  tis.append(h("figure", { class: "chart", id: "chart-tis" }, timeInSystemChart(report.kpis, innerWidth(tis))));
  const step = report.series?.sampleStepMinutes;
  const sampled = report.series?.sampled ?? {};
  nh1a.append(
    h(
      "figure",
      { class: "chart", id: "chart-nh1a", "aria-label": t("nh1aQueue") },
      queueChart(sampled.nh1aQueue, step, t("nh1aQueue"), COLORS.import, innerWidth(nh1a)),
    ),
  );
  yard.append(
    h(
      "figure",
      { class: "chart", id: "chart-yard", "aria-label": t("yardOccupancy") },
      queueChart(sampled.yardOccupancy, step, t("yardOccupancy"), COLORS.export, innerWidth(yard)),
    ),
  );
  util.append(h("figure", { class: "chart", id: "chart-util" }, utilizationChart(report.stages, innerWidth(util))));
}
