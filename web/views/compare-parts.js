/**
 * Parts of the comparison view: the headline (one sentence per key figure), the side-by-side table,
 * the table of paired differences (absolute and relative, with the verdict), and the
 * explanation of runs that cannot be paired and what became of the matched rerun.
 */

import { isFinal } from "../api.js";
import { displayOf, timeUnit } from "../charts/common.js";
import { COMPARE_KPIS, changeText, KEY_FIGURES, shown, VERDICT_COLOR, verdict } from "../charts/compare.js";
import { h } from "../dom.js";
import { fmt, t, unitName } from "../i18n.js";
import { runProgress } from "../live.js";
import { kpiName, runName } from "../names.js";
import { withInterval } from "./results-parts.js";

/** One sentence per key figure and compared run, coloured by the verdict. */
export function headline(report, labels, practical) {
  const time = timeUnit(report.scenarios?.[0]?.kpis);
  return h(
    "div",
    { id: "compare-summary" },
    (report.differences ?? []).map((d, i) => {
      const items = KEY_FIGURES.slice(0, 5)
        .map(([name]) => [name, d.kpis?.[name]])
        .filter(([, k]) => k);
      return h(
        "div",
        { class: "headline" },
        h("p", { class: "headline-lead" }, t("headlineLead", { b: labels[i + 1], a: labels[0] })),
        h(
          "ul",
          {},
          items.map(([name, k]) => {
            const v = verdict(name, k, practical);
            const display = displayOf(k.unit, time);
            const figure = kpiName(name);
            const unit = display.unit === "share" ? t("percentPoints") : unitName(display.unit);
            const text =
              v === "unchanged"
                ? t("sentenceUnchanged", { figure, change: changeText(k, display, unit) })
                : v === "small"
                  ? t("sentenceSmall", { figure, change: changeText(k, display, unit), threshold: fmt(practical) })
                  : t("sentenceChanged", { figure, change: changeText(k, display, unit), verdict: t(`verdict_${v}`) });
            return h(
              "li",
              { class: `verdict-${v}`, "data-kpi": name, "data-verdict": v },
              h("span", { class: "dot", style: `background:${VERDICT_COLOR[v]}`, "aria-hidden": "true" }),
              text,
            );
          }),
        ),
      );
    }),
  );
}

/** KPI names with the key ones first. */
function keyFirst(names) {
  return [...COMPARE_KPIS.filter((n) => names.includes(n)), ...names.filter((n) => !COMPARE_KPIS.includes(n))];
}

/** Row attributes: a figure outside the key ones is hidden unless "show all" is on. */
function rowAttrs(name, showAll, extra = {}) {
  return { "data-kpi": name, hidden: !showAll && !COMPARE_KPIS.includes(name), ...extra };
}

/** Each run's figures side by side, the reference first. */
export function sideBySide(report, labels, showAll) {
  const time = timeUnit(report.scenarios?.[0]?.kpis);
  const ordered = keyFirst(Object.keys(report.scenarios?.[0]?.kpis ?? {}));
  return h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("tableOf", { name: t("sideBySide") }) },
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
          const d = displayOf(report.scenarios[0].kpis[name]?.unit, time);
          return h(
            "tr",
            rowAttrs(name, showAll),
            h("th", { scope: "row" }, kpiName(name)),
            report.scenarios.map((s) => h("td", { class: "num" }, withInterval(s.kpis?.[name], d.scale))),
            h("td", {}, unitName(d.unit)),
          );
        }),
      ),
    ),
  );
}

/** Paired differences of one run against the reference: absolute, relative, interval, verdict. */
export function diffTable(report, d, labelB, labelA, practical, showAll) {
  const time = timeUnit(report.scenarios?.[0]?.kpis);
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
            [t("kpi"), labelA, labelB, t("difference"), t("interval95"), t("relative"), t("assessment"), t("unit")].map(
              (x) => h("th", { scope: "col" }, x),
            ),
          ),
        ),
        h(
          "tbody",
          {},
          rows.map(([name, k]) => {
            const disp = displayOf(k.unit, time);
            const v = verdict(name, k, practical);
            return h(
              "tr",
              rowAttrs(name, showAll, { "data-significant": String(Boolean(k.significant)), "data-verdict": v }),
              h("th", { scope: "row" }, kpiName(name)),
              h("td", { class: "num" }, shown(k.meanA, disp)),
              h("td", { class: "num" }, shown(k.meanB, disp)),
              h("td", { class: "num" }, shown(k.diffMean, disp)),
              h("td", { class: "num" }, `[${shown(k.ci95?.[0], disp)}, ${shown(k.ci95?.[1], disp)}]`),
              h(
                "td",
                { class: "num" },
                typeof k.relativeDiff === "number" && Number.isFinite(k.relativeDiff)
                  ? `${fmt(k.relativeDiff * 100, 1)} %`
                  : "–",
              ),
              h("td", {}, h("span", { class: `badge verdict-${v}` }, t(`verdict_${v}`))),
              h("td", {}, unitName(disp.unit)),
            );
          }),
        ),
      ),
    ),
  );
}

/** Settings a paired comparison needs equal. */
const PAIRED = ["seed", "replications", "horizonDays", "warmupDays"];

/** Why run `b` cannot be paired with the reference `a`, as `[{field, a, b}]` (empty when it can). */
export function pairingProblems(a, b) {
  return PAIRED.filter((f) => String(a[f]) !== String(b[f])).map((f) => ({ field: f, a: a[f], b: b[f] }));
}

/** The explanation of runs that cannot be paired, with a way out: rerun with the reference's settings. */
export function pairingExplanation(reference, mismatched, onRerun) {
  return h(
    "div",
    { class: "banner warning", id: "pairing-problem", role: "alert" },
    h("p", {}, t("pairingWhy")),
    h(
      "ul",
      {},
      mismatched.map(({ run, problems }) =>
        h(
          "li",
          {},
          t("pairingRun", {
            b: runName(run),
            a: runName(reference),
            list: problems.map((p) => t(`pairingField_${p.field}`, { a: fmt(p.a), b: fmt(p.b) })).join("; "),
          }),
          " ",
          h(
            "button",
            { type: "button", class: "rerun-matched", "data-run": run.id, onclick: () => onRerun(run) },
            t("rerunMatched"),
          ),
        ),
      ),
    ),
  );
}

/**
 * What became of the matched rerun: running (live progress), finished and selected, answered at once
 * from an identical stored run, or ended without results. It stays until the planner closes it, so a
 * rerun that finishes in moments still says what happened. `onEnd(run)` hears the run's final record.
 */
export function rerunPanel({ run, cached }, { onEnd, onClose }) {
  const name = runName(run);
  let body;
  if (!isFinal(run.status)) body = [h("p", {}, t("rerunLaunched", { name })), runProgress(run, { onEnd })];
  else if (run.status === "succeeded") body = [h("p", {}, t(cached ? "rerunFromStore" : "rerunDone", { name }))];
  else body = [h("p", {}, t("rerunEnded", { name, status: t(`status_${run.status}`) }))];
  const failed = isFinal(run.status) && run.status !== "succeeded";
  return h(
    "div",
    { class: failed ? "banner warning" : "banner", id: "rerun-panel", role: "status", "data-status": run.status },
    ...body,
    h("button", { type: "button", class: "rerun-close", onclick: onClose }, t("closePanel")),
  );
}
