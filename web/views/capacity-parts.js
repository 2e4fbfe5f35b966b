/**
 * One capacity analysis on the page: its settings, live progress and cancel while it runs, then the
 * answer in three figures (largest sustainable demand, clearance capacity under overload, bottleneck),
 * the curves over the evaluated demand levels, the bottleneck outlined on the gate schematic with the
 * stages' use under overload, and the table of levels; JSON and CSV downloads.
 */
import * as api from "../api.js";
import { capacityChart, growthChart, pointRows } from "../charts/capacity.js";
import { gateSchematic, stageBoxes, utilizationChart } from "../charts/stages.js";
import { card, download, fill, h, innerWidth, statusBadge, toCsv } from "../dom.js";
import { fmt, t } from "../i18n.js";
import { scenarioTitle, stageName } from "../names.js";

/** A demand factor as a share of the scenario's demand: "113 %" (never "×1.127", which reads as 1,127 in Vietnamese). */
export function factorText(f) {
  return `${fmt(f * 100, f < 0.1 ? 1 : 0)} %`;
}

/** An analysis's name: its label, else "Capacity · scenario title". */
export function analysisName(a) {
  return a.label || t("capacityOf", { title: scenarioTitle(a.scenario?.name, a.scenario?.title) });
}

/** "3 of about 14 demand levels evaluated · 12 replications done". */
export function progressText(a) {
  return t("capacityProgress", {
    done: fmt(a.progress.pointsDone, 0),
    total: fmt(a.progress.pointsEstimated, 0),
    reps: fmt(a.progress.replicationsDone, 0),
  });
}

/** "1.234 trucks a day [1.200, 1.260]" of a summary. */
function perDay(s) {
  return t("perDayInterval", { mean: fmt(s?.mean, 0), lo: fmt(s?.ci95?.[0], 0), hi: fmt(s?.ci95?.[1], 0) });
}

/** The three figures of the answer. */
function answerCard(report, scenario, settings) {
  const sus = report.sustainable;
  const sat = report.saturated;
  const block = (key, title, main, ...rest) =>
    h(
      "div",
      { class: "answer", "data-answer": key },
      h("h4", {}, title),
      h("p", { class: "answer-main" }, main),
      ...rest,
    );
  return card(
    "capacityAnswer",
    null,
    h(
      "div",
      { class: "answers", id: "capacity-answer" },
      block(
        "sustainable",
        t("sustainableTitle"),
        sus ? perDay(sus.demandPerDay) : t("sustainableNone"),
        sus
          ? h(
              "p",
              { class: "note" },
              t("sustainableBody", {
                factor: factorText(sus.factor),
                cleared: fmt(sus.throughputPerDay.mean, 0),
                lo: fmt(sus.throughputPerDay.ci95?.[0], 0),
                hi: fmt(sus.throughputPerDay.ci95?.[1], 0),
              }),
            )
          : null,
      ),
      block(
        "clearance",
        t("clearanceTitle"),
        sat ? perDay(sat.throughputPerDay) : t("clearanceNone"),
        sat
          ? h(
              "p",
              { class: "note" },
              t("clearanceBody", {
                factor: factorText(sat.factor),
                growth: fmt(sat.unservedGrowthPerDay.mean, 0),
                exp: fmt(sat.exportThroughputPerDay.mean, 0),
                imp: fmt(sat.importThroughputPerDay.mean, 0),
              }),
            )
          : null,
      ),
      block(
        "bottleneck",
        t("bottleneckTitle"),
        report.bottleneck.length > 0
          ? report.bottleneck.map((b) => stageName(b.stage, scenario)).join(", ")
          : t("bottleneckNone"),
        report.bottleneck.length > 0
          ? h(
              "ul",
              { class: "note" },
              report.bottleneck.map((b) =>
                h(
                  "li",
                  {},
                  t("bottleneckItem", {
                    stage: stageName(b.stage, scenario),
                    busy: fmt(b.busyShare * 100, 0),
                    line: fmt(b.queueLengthMean, 0),
                  }),
                ),
              ),
            )
          : null,
      ),
    ),
    h("p", { class: "note" }, t("capacityCriterion", { share: fmt(settings.growthShare * 100) })),
  );
}

/** The saturated point's stages as a report's `stages`, for the schematic and the bars. */
function stagesOf(point) {
  const out = {};
  for (const s of point?.stages ?? []) {
    out[s.stage] = { utilization: { mean: s.utilization }, queueLengthMean: { mean: s.queueLengthMean } };
  }
  return out;
}

/** The bottleneck on the schematic (when the scenario's stages map onto it) and the stages' use at overload. */
function bottleneckCard(report, scenario) {
  const stages = stagesOf(report.saturated);
  const ids = report.bottleneck.map((b) => b.stage);
  const onSchematic = Object.keys(stageBoxes(Object.keys(stages))).length > 2;
  const c = card("bottleneckSchematic", "bottleneckSchematicNote");
  c.id = "capacity-bottleneck";
  if (onSchematic) c.append(gateSchematic({ stages, kpis: {} }, scenario, { highlight: ids }));
  const bars = h("figure", { class: "chart", id: "chart-capacity-use" });
  c.append(h("h4", {}, t("overloadUse")), bars);
  return { card: c, fillBars: () => bars.append(utilizationChart(stages, scenario, innerWidth(c))) };
}

/** The table of evaluated levels. */
function pointsTable(points, scenario) {
  const rows = [...points].sort((a, b) => a.factor - b.factor);
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("tableOf", { name: t("capacityPoints") }) },
    h(
      "table",
      { id: "capacity-points-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          ["factorCol", "demandCol", "clearedCol", "growthCol", "verdictCol", "busiestCol"].map((k) =>
            h("th", { scope: "col" }, t(k)),
          ),
        ),
      ),
      h(
        "tbody",
        {},
        rows.map((p) =>
          h(
            "tr",
            { "data-sustainable": String(p.sustainable) },
            h("th", { scope: "row" }, factorText(p.factor)),
            h("td", { class: "num" }, fmt(p.demandPerDay?.mean, 0)),
            h("td", { class: "num" }, perDayShort(p.throughputPerDay, 0)),
            h("td", { class: "num" }, perDayShort(p.unservedGrowthPerDay, 1)),
            h("td", {}, p.sustainable ? t("sustainableYes") : t("sustainableNo")),
            h(
              "td",
              {},
              p.stages?.[0]
                ? `${stageName(p.stages[0].stage, scenario)} ${fmt(p.stages[0].utilization * 100, 0)} %`
                : "–",
            ),
          ),
        ),
      ),
    ),
  );
}

function perDayShort(s, digits) {
  return `${fmt(s?.mean, digits)} [${fmt(s?.ci95?.[0], digits)}, ${fmt(s?.ci95?.[1], digits)}]`;
}

/** One CSV row per evaluated level. */
function pointsCsv(points) {
  const rows = [
    [
      "factor",
      "demand_per_day",
      "cleared_per_day",
      "cleared_lo95",
      "cleared_hi95",
      "growth_per_day",
      "growth_lo95",
      "growth_hi95",
      "tolerance_per_day",
      "sustainable",
      "busiest_stage",
      "busiest_utilization",
    ],
  ];
  for (const p of [...points].sort((a, b) => a.factor - b.factor)) {
    rows.push([
      p.factor,
      p.demandPerDay?.mean,
      p.throughputPerDay?.mean,
      p.throughputPerDay?.ci95?.[0],
      p.throughputPerDay?.ci95?.[1],
      p.unservedGrowthPerDay?.mean,
      p.unservedGrowthPerDay?.ci95?.[0],
      p.unservedGrowthPerDay?.ci95?.[1],
      p.growthTolerancePerDay,
      p.sustainable,
      p.stages?.[0]?.stage ?? "",
      p.stages?.[0]?.utilization,
    ]);
  }
  return toCsv(rows);
}

/** Progress and cancel while the analysis is queued or running. */
function runningPart(a, actions) {
  const b = a.progress.bracket;
  return h(
    "section",
    { class: "card", id: "capacity-running", "aria-live": "polite", "aria-labelledby": "capacity-running-title" },
    h("h3", { id: "capacity-running-title" }, t("progress")),
    h("div", { class: "progress-row" }, statusBadge(a.status)),
    h("label", { for: "capacity-progress", class: "visually-hidden" }, t("progress")),
    h("progress", {
      id: "capacity-progress",
      max: Math.max(1, a.progress.pointsEstimated),
      value: a.progress.pointsDone,
    }),
    h("p", { id: "capacity-progress-text" }, progressText(a)),
    b.sustainableFactor !== null && b.unsustainableFactor !== null
      ? h(
          "p",
          { class: "note" },
          t("capacityBracket", { lo: factorText(b.sustainableFactor), hi: factorText(b.unsustainableFactor) }),
        )
      : null,
    h(
      "button",
      {
        type: "button",
        id: "capacity-cancel",
        onclick: (e) => {
          e.target.disabled = true;
          void actions.cancel();
        },
      },
      t("capacityCancel"),
    ),
  );
}

/** Draws an analysis into `root` (`scenario`: the scenario as run, for stage names; may be null). */
export function drawAnalysis(root, a, scenario, actions) {
  const s = a.settings;
  const points = a.report?.points ?? a.points ?? [];
  const final = api.isFinal(a.status);
  const slug = (a.scenario?.name ?? "capacity").replace(/[^\w-]+/g, "_");
  const head = [
    h("h2", { id: "capacity-title" }, analysisName(a)),
    h(
      "p",
      { class: "note" },
      t("capacitySettings", {
        reps: fmt(s.replications, 0),
        days: fmt(s.horizonDays),
        warmup: fmt(s.warmupDays),
        seed: s.seed,
        direction: t(`direction_${s.direction}`).toLowerCase(),
      }),
    ),
    a.attempts > 1 ? h("p", { class: "note" }, t("capacityResumed")) : null,
    h(
      "div",
      { class: "actions" },
      points.length > 0
        ? h(
            "button",
            {
              type: "button",
              id: "capacity-csv",
              onclick: () => download(`${slug}-capacity.csv`, pointsCsv(points), "text/csv"),
            },
            t("downloadCsv"),
          )
        : null,
      a.report
        ? h(
            "button",
            {
              type: "button",
              id: "capacity-json",
              onclick: () => download(`${slug}-capacity.json`, JSON.stringify(a.report, null, 2), "application/json"),
            },
            t("downloadJson"),
          )
        : null,
      h("a", { class: "button", href: "#capacity" }, t("capacityNew")),
      final
        ? h(
            "button",
            {
              type: "button",
              id: "capacity-delete",
              onclick: () => {
                if (globalThis.confirm(t("confirmDeleteCapacity"))) void actions.remove();
              },
            },
            t("capacityDelete"),
          )
        : null,
    ),
  ];
  const status = final
    ? a.status === "succeeded"
      ? null
      : h(
          "div",
          { class: "banner", id: "capacity-ended" },
          statusBadge(a.status),
          " ",
          t("capacityEnded"),
          a.error?.message ? h("p", { class: "error" }, a.error.message) : null,
        )
    : runningPart(a, actions);
  const curve = h("figure", { class: "chart", id: "chart-capacity" });
  const growth = h("figure", { class: "chart", id: "chart-capacity-growth" });
  const curveCard = points.length > 0 ? card("capacityCurve", "capacityCurveNote", curve) : null;
  const growthCard = points.length > 0 ? card("growthCurve", "growthCurveNote", growth) : null;
  const bottleneck = a.report?.saturated ? bottleneckCard(a.report, scenario) : null;
  fill(
    root,
    ...head,
    status,
    a.report ? answerCard(a.report, scenario, s) : null,
    curveCard,
    bottleneck?.card,
    growthCard,
    points.length > 0 ? card("capacityPoints", null, pointsTable(points, scenario)) : null,
  );
  if (curveCard) {
    const capacity = a.report?.saturated?.throughputPerDay?.mean ?? null;
    const bracket = a.report
      ? { lo: a.report.sustainable?.factor, hi: a.report.unsustainable?.factor }
      : { lo: a.progress.bracket.sustainableFactor, hi: a.progress.bracket.unsustainableFactor };
    curve.append(capacityChart(points, { capacity, bracket }, innerWidth(curveCard)));
    growth.append(growthChart(points, innerWidth(growthCard)));
  }
  bottleneck?.fillBars();
  return pointRows(points).length;
}
