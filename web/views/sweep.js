/**
 * Sweep view: "how many X-ray units (or lanes, or appointment share) do we need?". Pick a scenario, a
 * parameter and its values; every value is run with the same seed and replications (common random
 * numbers). The answer is a curve of the chosen figure over the values with its 95 % intervals, and a
 * table; each point's run shows its live progress until it has finished.
 */
import * as api from "../api.js";
import { accessible, displayOf, numberTicks, Plot, STYLE, timeUnit } from "../charts/common.js";
import { COMPARE_KPIS } from "../charts/compare.js";
import { card, fill, h, innerWidth, loadIntoForm } from "../dom.js";
import { fmt, fmtWhen, t, unitName } from "../i18n.js";
import { runProgress } from "../live.js";
import { kpiName, paramName, scenarioTitle } from "../names.js";
import { controlsFor, numberProblem } from "./launch-controls.js";
import { withInterval } from "./results-parts.js";

const state = {
  scenarios: null,
  scenarioName: null,
  scenario: null,
  param: null,
  values: "",
  reps: "5",
  horizon: "",
  warmup: "",
  label: "",
  kpi: "timeInSystemMinutesMean",
  error: null,
};

/** Parameters a sweep can vary: the launch form's numeric controls with a scenario path. */
function sweepable(sc) {
  return controlsFor(sc).filter((c) => c.kind === "number" && c.path && !c.optional && c.group !== "appointments");
}

/** The values typed ("2, 3, 4" or "2 3 4"), or a problem. */
export function parseValues(text, control) {
  const parts = String(text)
    .split(/[;\s]+|,\s+|,(?=\S)(?!\d{3}\b)/)
    .filter((x) => x.trim() !== "");
  if (parts.length < 2) return { problem: t("sweepNeedTwo") };
  if (parts.length > 24) return { problem: t("mustBeAtMost", { max: 24 }) };
  const values = [];
  for (const p of parts) {
    const problem = numberProblem(p, control);
    if (problem) return { problem: `${p}: ${problem}` };
    values.push(Number(p.replace(",", ".")));
  }
  return { values };
}

async function loadScenario(name) {
  state.scenarioName = name;
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  state.scenario = await api.getScenario(meta?.url ?? name);
  const params = sweepable(state.scenario);
  state.param = params[0]?.path ?? null;
  const current = params[0]?.initial;
  state.values =
    typeof current === "number"
      ? [current - 1, current, current + 1, current + 2].filter((x) => x >= 1).join(", ")
      : "";
  state.horizon = String(state.scenario?.horizonDays ?? 30);
  state.warmup = String(state.scenario?.warmupDays ?? 0);
}

/** Renders the sweep view: the form and recent sweeps, or one sweep (`id`). */
export async function render(root, ctx, id) {
  fill(root, h("h2", {}, t("sweepTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  try {
    if (id) return await drawSweep(root, ctx, await api.getSweep(id));
    if (!state.scenarios) state.scenarios = (await api.listScenarios()).filter((s) => !s.aliases?.length);
    if (!state.scenario && state.scenarios.length > 0) await loadScenario(state.scenarios[0].name);
    drawForm(root, ctx, (await api.listSweeps()).slice(0, 20));
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("sweepTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
  }
}

function drawForm(root, ctx, sweeps) {
  const params = sweepable(state.scenario);
  const control = params.find((c) => c.path === state.param);
  const input = (id, key, label, attrs = {}) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h("input", {
        id,
        type: "text",
        value: state[key],
        oninput: (e) => {
          state[key] = e.target.value;
        },
        ...attrs,
      }),
    );
  const form = h(
    "form",
    {
      class: "launch-form",
      id: "sweep-form",
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const parsed = parseValues(state.values, control);
        const problem =
          parsed.problem ??
          numberProblem(state.reps, { min: 2, max: 200, integer: true }) ??
          numberProblem(state.horizon, { above: 0 });
        if (problem) {
          state.error = problem;
          return drawForm(root, ctx, sweeps);
        }
        try {
          const meta = state.scenarios.find((s) => s.name === state.scenarioName);
          const body = {
            scenario: meta?.aliases?.[0] ?? state.scenarioName,
            grid: { [state.param]: parsed.values },
            replications: Number(state.reps),
            horizonDays: Number(state.horizon),
            warmupDays: Number(state.warmup),
          };
          if (state.label.trim()) body.label = state.label.trim();
          const sweep = await api.createSweep(body);
          state.error = null;
          ctx.navigate(`#sweep/${sweep.id}`);
        } catch (err) {
          state.error = err.body?.details?.[0]?.message ? `${err.message}` : err.message;
          drawForm(root, ctx, sweeps);
        }
      },
    },
    h("p", { class: "note" }, t("sweepHelp")),
    state.error ? h("p", { class: "error", role: "alert", id: "sweep-error" }, state.error) : null,
    h(
      "div",
      { class: "groups" },
      h(
        "div",
        { class: "field" },
        h("label", { for: "sweep-scenario" }, t("scenario")),
        h(
          "select",
          {
            id: "sweep-scenario",
            onchange: (e) =>
              loadIntoForm(
                e.target,
                () => loadScenario(e.target.value),
                () => drawForm(root, ctx, sweeps),
              ),
          },
          state.scenarios.map((s) =>
            h("option", { value: s.name, selected: s.name === state.scenarioName }, scenarioTitle(s.name, s.title)),
          ),
        ),
      ),
      h(
        "div",
        { class: "field" },
        h("label", { for: "sweep-param" }, t("sweepParameter")),
        h(
          "select",
          {
            id: "sweep-param",
            onchange: (e) => {
              state.param = e.target.value;
              drawForm(root, ctx, sweeps);
            },
          },
          params.map((c) =>
            h(
              "option",
              { value: c.path, selected: c.path === state.param },
              `${c.label} (${t("scenarioHas", { v: fmt(Number(c.initial)) })})`,
            ),
          ),
        ),
      ),
      input("sweep-values", "values", t("sweepValues"), { inputmode: "decimal" }),
      input("sweep-label", "label", t("runLabel"), { maxlength: 120 }),
      input("sweep-reps", "reps", t("replications"), { inputmode: "numeric" }),
      input("sweep-horizon", "horizon", t("horizonDays"), { inputmode: "decimal" }),
      input("sweep-warmup", "warmup", t("warmupDays"), { inputmode: "decimal" }),
    ),
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "sweep-launch" }, t("sweepLaunch")),
    ),
  );
  const list =
    sweeps.length === 0
      ? h("p", { class: "note" }, t("noSweeps"))
      : h(
          "ul",
          { class: "active-list", id: "sweep-list" },
          sweeps.map((s) =>
            h(
              "li",
              {},
              h("a", { href: `#sweep/${s.id}` }, sweepName(s)),
              ` · ${t(`status_${s.status}`)} · ${fmtWhen(s.createdAt)}`,
            ),
          ),
        );
  fill(
    root,
    h("h2", {}, t("sweepTitle")),
    form,
    h(
      "section",
      { class: "card", "aria-labelledby": "sweeps-title" },
      h("h3", { id: "sweeps-title" }, t("recentSweeps")),
      list,
    ),
  );
}

/** A sweep's name: its label, else the scenario and the parameter. */
function sweepName(s) {
  const path = Object.keys(s.grid ?? {})[0] ?? "";
  return s.label || `${scenarioTitle(s.scenario?.name, s.scenario?.title)} · ${paramName(path, s.scenario)}`;
}

async function drawSweep(root, ctx, sweep) {
  const path = Object.keys(sweep.grid ?? {})[0];
  const scenario = sweep.scenario?.ref ? await api.getScenario(sweep.scenario.ref).catch(() => null) : null;
  const control = scenario ? sweepable(scenario).find((c) => c.path === path) : null;
  const paramLabel = control?.label ?? t("sweepParameter");
  const rerender = () => {
    if (ctx.currentRoute() === `sweep/${sweep.id}`) void render(root, ctx, sweep.id);
  };
  const points = h(
    "ul",
    { class: "active-list", id: "sweep-points" },
    sweep.points.map((p) =>
      h(
        "li",
        { "data-run": p.runId },
        h("a", { href: `#results/${p.runId}` }, `${paramLabel}: ${fmt(Number(p.point[path]))}`),
        sweep.status === "running"
          ? runProgress(
              { id: p.runId, status: p.status, progress: p.progress, replications: p.progress.total },
              { onEnd: () => rerender() },
            )
          : ` · ${t(`status_${p.status === "deleted" ? "interrupted" : p.status}`)}`,
      ),
    ),
  );
  const kpis = Object.keys(sweep.rows[0]?.kpis ?? {});
  const select = h(
    "select",
    {
      id: "sweep-kpi",
      onchange: (e) => {
        state.kpi = e.target.value;
        rerender();
      },
    },
    [...COMPARE_KPIS.filter((k) => kpis.includes(k)), ...kpis.filter((k) => !COMPARE_KPIS.includes(k))].map((k) =>
      h("option", { value: k, selected: k === state.kpi }, kpiName(k)),
    ),
  );
  const chartCard = card(
    "sweepCurve",
    "sweepCurveNote",
    h("div", { class: "field field-inline" }, h("label", { for: "sweep-kpi" }, t("kpi")), select),
  );
  const time = timeUnit(sweep.rows[0]?.kpis);
  const table = h(
    "div",
    { class: "table-wrap", tabindex: "0", role: "region", "aria-label": t("tableOf", { name: t("sweepTitle") }) },
    h(
      "table",
      { id: "sweep-table" },
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, paramLabel),
          COMPARE_KPIS.filter((k) => kpis.includes(k))
            .slice(0, 5)
            .map((k) =>
              h(
                "th",
                { scope: "col" },
                `${kpiName(k)} (${unitName(displayOf(sweep.rows[0].kpis[k].unit, time).unit)})`,
              ),
            ),
        ),
      ),
      h(
        "tbody",
        {},
        sweep.rows.map((r) =>
          h(
            "tr",
            {},
            h("th", { scope: "row" }, fmt(Number(r.point[path]))),
            COMPARE_KPIS.filter((k) => kpis.includes(k))
              .slice(0, 5)
              .map((k) => h("td", { class: "num" }, withInterval(r.kpis[k], displayOf(r.kpis[k].unit, time).scale))),
          ),
        ),
      ),
    ),
  );
  fill(
    root,
    h(
      "h2",
      { id: "sweep-title" },
      sweep.label || `${scenarioTitle(sweep.scenario?.name, sweep.scenario?.title)} · ${paramLabel}`,
    ),
    h(
      "p",
      { class: "note" },
      t("runSettings", {
        seed: sweep.seed,
        reps: fmt(sweep.replications, 0),
        days: fmt(sweep.horizonDays, 0),
        warmup: fmt(sweep.warmupDays, 0),
      }),
    ),
    h(
      "div",
      { class: "actions" },
      h(
        "a",
        { class: "button", id: "sweep-csv", href: `/sweeps/${sweep.id}/results.csv`, download: "" },
        t("downloadCsv"),
      ),
      h("a", { class: "button", href: "#sweep" }, t("sweepNew")),
    ),
    card("sweepPoints", null, points),
    sweep.rows.length > 0 ? chartCard : null,
    sweep.rows.length > 0 ? card("sweepTable", null, table) : null,
  );
  if (sweep.rows.length > 0)
    chartCard.append(
      h(
        "figure",
        { class: "chart", id: "chart-sweep" },
        sweepChart(sweep.rows, path, state.kpi, paramLabel, time, innerWidth(chartCard)),
      ),
    );
}

/** The chosen figure over the swept values: a line through the means and each point's 95 % interval. */
function sweepChart(rows, path, kpi, paramLabel, time, width) {
  const data = rows
    .filter((r) => r.kpis[kpi])
    .map((r) => {
      const k = r.kpis[kpi];
      const d = displayOf(k.unit, time);
      return {
        x: Number(r.point[path]),
        y: k.mean * d.scale,
        lo: (k.ci95?.[0] ?? k.mean) * d.scale,
        hi: (k.ci95?.[1] ?? k.mean) * d.scale,
        unit: d.unit,
      };
    });
  const unit = unitName(data[0]?.unit ?? "");
  return accessible(
    Plot.plot({
      width,
      height: 320,
      marginLeft: 64,
      marginBottom: 44,
      style: STYLE,
      x: { label: paramLabel, ticks: data.map((d) => d.x), tickFormat: numberTicks },
      y: { label: `${kpiName(kpi)} (${unit})`, grid: true, zero: true, nice: true, tickFormat: numberTicks },
      marks: [
        Plot.ruleX(data, { x: "x", y1: "lo", y2: "hi", stroke: "#1f6fb2", strokeWidth: 3, strokeOpacity: 0.5 }),
        Plot.line(data, { x: "x", y: "y", stroke: "#1f6fb2", strokeWidth: 2 }),
        Plot.dot(data, {
          x: "x",
          y: "y",
          fill: "#1f6fb2",
          r: 5,
          title: (d) => `${paramLabel} ${fmt(d.x)}: ${fmt(d.y)} [${fmt(d.lo)}, ${fmt(d.hi)}] ${unit}`,
        }),
      ],
    }),
    t("sweepChartAlt", {
      kpi: kpiName(kpi),
      param: paramLabel,
      list: data.map((d) => `${fmt(d.x)} → ${fmt(d.y)}`).join(", "),
    }),
  );
}
