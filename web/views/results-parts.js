/**
 * Parts of the results view: the header that names the run (its label, note and whether it was
 * edited), the list of its changes, the KPI table (units as in the charts), the assumed inputs as the
 * run used them, and the report as CSV rows.
 */
import * as api from "../api.js";
import { displayOf } from "../charts/common.js";
import { h, statusBadge } from "../dom.js";
import { fmt, fmtDate, t, unitName } from "../i18n.js";
import { formatValue, isEdited, kpiName, paramName, runName, scenarioTitle, sourceNote } from "../names.js";

/** "mean [lo, hi]" of a figure, scaled for display. */
export function withInterval(k, scale = 1) {
  const s = (x) => (typeof x === "number" ? fmt(x * scale) : "–");
  return `${s(k?.mean)} [${s(k?.ci95?.[0])}, ${s(k?.ci95?.[1])}]`;
}

/** The report as CSV rows: KPIs, stage figures, then the daily and sampled series with their dates. */
export function reportCsv(report, calendar) {
  const rows = [["kind", "name", "figure", "mean", "ci95_lo", "ci95_hi", "sd", "unit", "n"]];
  for (const [name, k] of Object.entries(report.kpis ?? {}))
    rows.push(["kpi", name, "value", k.mean, k.ci95?.[0], k.ci95?.[1], k.sd, k.unit, k.n]);
  for (const [id, s] of Object.entries(report.stages ?? {}))
    for (const [figure, f] of Object.entries(s))
      rows.push(["stage", id, figure, f?.mean, f?.ci95?.[0], f?.ci95?.[1], "", "", report.replications]);
  const from = Date.parse(`${calendar?.measuredFrom ?? "1970-01-01"}T00:00:00Z`);
  const step = report.series?.sampleStepMinutes ?? 60;
  for (const [kind, group] of [
    ["daily", report.series?.daily],
    ["sampled", report.series?.sampled],
  ]) {
    for (const [name, band] of Object.entries(group ?? {})) {
      (band.mean ?? []).forEach((m, i) => {
        const at = kind === "daily" ? from + i * 86_400_000 : from + i * step * 60_000;
        const when = new Date(at).toISOString();
        rows.push([
          kind,
          name,
          kind === "daily" ? when.slice(0, 10) : when.slice(0, 16),
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

/** The header of a run: name, edited badge, status, scenario, settings, note, rename. */
export function runHeader(run, inputs, onRenamed) {
  const c = inputs?.calendar;
  const measured = c ? Math.max(0, c.horizonDays - c.warmupDays) : null;
  const title = h("h2", { id: "results-title" }, runName(run));
  const summary = c
    ? t("runSummaryDates", {
        reps: fmt(run.replications, 0),
        seed: run.seed,
        from: fmtDate(c.measuredFrom),
        to: fmtDate(c.measuredTo),
        days: fmt(measured, 0),
        warmup: fmt(c.warmupDays, 0),
      })
    : "";
  const editor = h("form", { class: "rename", hidden: true, id: "rename-form" });
  const labelInput = h("input", { id: "rename-label", type: "text", maxlength: 120, value: run.label ?? "" });
  const noteInput = h("textarea", { id: "rename-note", rows: 2, maxlength: 2000 }, run.note ?? "");
  editor.append(
    h("div", { class: "field" }, h("label", { for: "rename-label" }, t("runLabel")), labelInput),
    h("div", { class: "field" }, h("label", { for: "rename-note" }, t("runNote")), noteInput),
    h("button", { type: "submit", class: "primary" }, t("save")),
  );
  editor.addEventListener("submit", async (e) => {
    e.preventDefault();
    const label = labelInput.value.trim();
    const updated = await api.annotateRun(run.id, {
      label: label === "" ? null : label,
      note: noteInput.value.trim() || null,
    });
    onRenamed(updated);
  });
  return h(
    "div",
    { class: "results-title-block" },
    title,
    h(
      "p",
      { class: "note" },
      statusBadge(run.status),
      isEdited(run) ? h("span", { class: "badge edited", id: "edited-badge" }, t("edited")) : null,
      " ",
      scenarioTitle(run.scenario?.name, run.scenario?.title),
      summary ? ` · ${summary}` : "",
    ),
    run.note ? h("p", { class: "run-note", id: "run-note-text" }, run.note) : null,
    h(
      "button",
      {
        type: "button",
        class: "link-button",
        id: "rename-run",
        "aria-expanded": "false",
        onclick: (e) => {
          editor.hidden = !editor.hidden;
          e.target.setAttribute("aria-expanded", String(!editor.hidden));
          if (!editor.hidden) labelInput.focus();
        },
      },
      t("renameRun"),
    ),
    editor,
  );
}

/** The run's changes to its scenario, each with the value used and the scenario's own. */
export function changesList(inputs) {
  const changes = inputs?.changes ?? [];
  if (changes.length === 0) return h("p", { class: "note", id: "run-changes" }, t("noChanges"));
  return h(
    "ul",
    { class: "changes", id: "run-changes" },
    changes.map((c) =>
      h(
        "li",
        {},
        h("strong", {}, paramName(c.path, inputs.scenario)),
        `: ${formatValue(c.value, c.path)} `,
        h("span", { class: "was" }, t("scenarioWas", { was: formatValue(c.was, c.path) })),
      ),
    ),
  );
}

/** The KPI table: each figure with its interval, in the unit the charts use. */
export function kpiTable(kpis, time) {
  return h(
    "div",
    {
      class: "table-wrap kpi-table-wrap",
      tabindex: "0",
      role: "region",
      "aria-label": t("tableOf", { name: t("kpisTitle") }),
    },
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
        Object.entries(kpis ?? {}).map(([name, k]) => {
          const d = displayOf(k.unit, time);
          const lo = k.ci95?.[0];
          const hi = k.ci95?.[1];
          return h(
            "tr",
            { "data-kpi": name },
            h("th", { scope: "row" }, kpiName(name)),
            h("td", { class: "num" }, fmt(typeof k.mean === "number" ? k.mean * d.scale : k.mean)),
            h(
              "td",
              { class: "num" },
              `[${typeof lo === "number" ? fmt(lo * d.scale) : "–"}, ${typeof hi === "number" ? fmt(hi * d.scale) : "–"}]`,
            ),
            h("td", {}, unitName(d.unit)),
          );
        }),
      ),
    ),
  );
}

/** The assumed inputs with the values the run used; the ones the run changed are marked. */
export function assumedList(inputs) {
  const items = inputs?.assumed ?? [];
  if (items.length === 0) return h("p", { class: "note" }, t("noAssumedInputs"));
  return h(
    "ul",
    { class: "assumed", id: "assumed-inputs" },
    items.map((a) => {
      const note = sourceNote(a.note);
      return h(
        "li",
        { "data-path": a.path, "data-changed": String(a.changed) },
        h("strong", {}, paramName(a.path, inputs.scenario)),
        `: ${formatValue(a.value, a.path)}`,
        a.changed ? [" ", h("span", { class: "badge edited" }, t("changedInRun"))] : null,
        note ? h("span", { class: "source-note" }, ` — ${note}`) : null,
      );
    }),
  );
}
