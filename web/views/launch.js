/**
 * Launch view: pick a shipped scenario, name the run, adjust what planners care about, choose the
 * experiment (the scenario's own horizon by default, never cut short), see the calendar window and the
 * expected run time before launching, and follow runs in progress live (they survive a reload: the
 * list comes from the server). Every problem in the form is shown at once, next to its field.
 */
import * as api from "../api.js";
import { fill, h, loadIntoForm } from "../dom.js";
import { fmt, t } from "../i18n.js";
import { scenarioDescription, scenarioTitle } from "../names.js";
import { controlsFor, hoursOf, numberProblem, overridesFrom, plannerMessage } from "./launch-controls.js";
import { drawActiveRuns, drawLaunched, drawPlanPanel } from "./launch-plan.js";

const state = { scenarios: null, scenarioName: null, scenario: null, values: {}, limits: null, launched: null };

/** The name POST /runs knows a shipped scenario by (grouped ones, like textbook/mm1, by their alias). */
function scenarioRef(name) {
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  return meta?.aliases?.[0] ?? name;
}

async function loadScenario(name) {
  state.scenarioName = name;
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  state.scenario = await api.getScenario(meta?.url ?? name);
  const sc = state.scenario;
  state.values = {
    label: state.values.label ?? "",
    note: state.values.note ?? "",
    replications: 5,
    seed: String(sc?.seed ?? 1),
    horizonDays: String(sc?.horizonDays ?? 30),
    warmupDays: String(sc?.warmupDays ?? 0),
  };
}

/** The experiment fields: id, value key, label key, bounds. */
function experimentFields() {
  const lim = state.limits ?? {};
  return [
    { id: "replications", key: "replications", label: "replications", min: 1, max: lim.maxReplications, integer: true },
    { id: "seed", key: "seed", label: "seed", kind: "text" },
    { id: "horizon", key: "horizonDays", label: "horizonDays", above: 0, max: lim.maxHorizonDays },
    { id: "warmup", key: "warmupDays", label: "warmupDays", min: 0, max: lim.maxWarmupDays },
  ];
}

/** Every problem of the form at once: `{ fieldId: message }`. */
export function formProblems(controls, values) {
  const problems = {};
  for (const c of controls) {
    if (c.kind !== "number") continue;
    const p = numberProblem(values[c.id] ?? c.initial, c);
    if (p) problems[`ctl-${c.id}`] = p;
  }
  const hours = hoursOf(state.scenario);
  if (
    !(values["hours-24h"] ?? hours.open24h) &&
    (values["hours-from"] ?? hours.from) === (values["hours-to"] ?? hours.to)
  )
    problems["ctl-hours-to"] = t("hoursEmpty");
  for (const f of experimentFields()) {
    const v = values[f.key];
    if (f.kind === "text") {
      if (String(v ?? "").trim() === "") problems[f.id] = t("required");
      continue;
    }
    const p = numberProblem(v, f);
    if (p) problems[f.id] = p;
  }
  if (!problems.horizon && !problems.warmup && Number(values.warmupDays) >= Number(values.horizonDays))
    problems.warmup = t("warmupBeforeHorizon");
  return problems;
}

/** The POST /runs body of the form. */
function requestBody(controls) {
  const v = state.values;
  const seedText = String(v.seed ?? "").trim();
  const body = {
    scenario: scenarioRef(state.scenarioName),
    overrides: overridesFrom(controls, v),
    replications: Number(v.replications),
    seed: /^-?\d+$/.test(seedText) ? Number(seedText) : seedText,
    horizonDays: Number(v.horizonDays),
    warmupDays: Number(v.warmupDays),
  };
  if (String(v.label ?? "").trim()) body.label = String(v.label).trim();
  if (String(v.note ?? "").trim()) body.note = String(v.note).trim();
  return body;
}

/** Renders the launch view into `root`. */
export async function render(root, ctx) {
  fill(root, h("h2", {}, t("launchTitle")), h("p", { class: "note", role: "status" }, t("scenarioLoading")));
  try {
    if (!state.scenarios) state.scenarios = await api.listScenarios();
    if (!state.limits) state.limits = (await api.getHealth()).limits;
    if (state.scenarios.length > 0 && !state.scenarioName) await loadScenario(state.scenarios[0].name);
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("launchTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  draw(root, ctx);
  await drawActiveRuns(root.querySelector("#active-runs"));
}

/** One labelled field; `problem` is shown under it and linked by aria-describedby. */
function fieldBox(id, label, input, problem) {
  const errId = `${id}-error`;
  input.setAttribute("aria-invalid", problem ? "true" : "false");
  if (problem) input.setAttribute("aria-describedby", errId);
  return h(
    "div",
    { class: `field${problem ? " invalid" : ""}`, "data-field": id },
    h("label", { for: id }, label),
    input,
    problem ? h("p", { class: "field-error", id: errId }, problem) : null,
  );
}

function draw(root, ctx, problems = {}) {
  const sc = state.scenario;
  const controls = controlsFor(sc);
  const v = state.values;
  const plan = h("div", { class: "run-plan", id: "run-plan", "aria-live": "polite" });
  const preview = h("pre", { class: "overrides", id: "overrides-preview", tabindex: "0" });
  const refreshPreview = () => {
    const o = overridesFrom(controls, v);
    preview.textContent = Object.keys(o).length ? JSON.stringify(o, null, 2) : t("noOverrides");
  };
  const onValue = (key, value) => {
    v[key] = value;
    refreshPreview();
    schedulePlan(plan, controls);
  };
  const controlField = (c) => {
    const id = `ctl-${c.id}`;
    const value = v[c.id] ?? c.initial;
    if (c.kind === "checkbox") {
      const input = h("input", {
        id,
        type: "checkbox",
        checked: Boolean(value),
        onchange: (e) => {
          onValue(c.id, e.target.checked);
          for (const x of ["ctl-hours-from", "ctl-hours-to"]) {
            const el = root.querySelector(`#${x}`);
            if (el) el.disabled = e.target.checked;
          }
        },
      });
      return h("div", { class: "field field-check" }, input, h("label", { for: id }, c.label));
    }
    if (c.kind === "select") {
      const input = h(
        "select",
        { id, onchange: (e) => onValue(c.id, e.target.value) },
        c.options.map(([val, label]) => h("option", { value: val, selected: val === value }, label)),
      );
      return fieldBox(id, c.label, input, problems[id]);
    }
    const input = h("input", {
      id,
      type: c.kind === "time" ? "time" : "text",
      inputmode: c.kind === "number" ? "decimal" : null,
      value: String(value ?? ""),
      "data-path": c.path,
      oninput: (e) => onValue(c.id, e.target.value),
    });
    if (c.kind === "time") input.disabled = Boolean(v["hours-24h"] ?? hoursOf(sc).open24h);
    return fieldBox(id, c.label, input, problems[id]);
  };
  const groups = [
    ["volumes", "volumes"],
    ["capacity", "capacity"],
    ["appointments", "appointments"],
    ["hours", "openingHours"],
    ["transship", "transshipment"],
    ["china", "chinaSide"],
  ].map(([group, key]) => {
    const cs = controls.filter((c) => c.group === group);
    return cs.length === 0
      ? null
      : h("fieldset", { class: `group group-${group}` }, h("legend", {}, t(key)), cs.map(controlField));
  });
  const experiment = h(
    "fieldset",
    { class: "group group-experiment" },
    h("legend", {}, t("experiment")),
    experimentFields().map((f) =>
      fieldBox(
        f.id,
        t(f.label),
        h("input", {
          id: f.id,
          type: "text",
          inputmode: f.kind === "text" ? null : "decimal",
          value: String(v[f.key] ?? ""),
          oninput: (e) => onValue(f.key, e.target.value),
        }),
        problems[f.id],
      ),
    ),
  );
  const scenarioSelect = h(
    "select",
    {
      id: "scenario",
      onchange: (e) =>
        loadIntoForm(
          e.target,
          () => loadScenario(e.target.value),
          () => {
            draw(root, ctx);
            root.querySelector("#scenario")?.focus();
          },
        ),
    },
    (state.scenarios ?? []).map((s) =>
      h("option", { value: s.name, selected: s.name === state.scenarioName }, scenarioTitle(s.name, s.title)),
    ),
  );
  const meta = (state.scenarios ?? []).find((s) => s.name === state.scenarioName);
  const names = h(
    "div",
    { class: "groups names" },
    fieldBox(
      "run-label",
      t("runLabel"),
      h("input", {
        id: "run-label",
        type: "text",
        maxlength: 120,
        value: v.label,
        oninput: (e) => onValue("label", e.target.value),
      }),
    ),
    fieldBox(
      "run-note",
      t("runNote"),
      h(
        "textarea",
        { id: "run-note", rows: 2, maxlength: 2000, oninput: (e) => onValue("note", e.target.value) },
        v.note,
      ),
    ),
  );
  const count = Object.keys(problems).length;
  const summary =
    count > 0
      ? h(
          "div",
          { class: "error-summary", id: "error-summary", role: "alert", tabindex: "-1" },
          h("p", {}, t("formProblems", { n: fmt(count, 0) })),
          h(
            "ul",
            {},
            Object.entries(problems).map(([id, msg]) =>
              h(
                "li",
                {},
                h("a", { href: `#${id}`, onclick: (e) => focusField(e, id) }, `${labelOf(root, id)}: ${msg}`),
              ),
            ),
          ),
        )
      : null;
  const launchButton = h("button", { type: "submit", class: "primary", id: "launch" }, t("launch"));
  const form = h(
    "form",
    {
      class: "launch-form",
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        const found = formProblems(controls, v);
        if (Object.keys(found).length > 0) return showProblems(root, ctx, found);
        launchButton.disabled = true;
        launchButton.textContent = t("launching");
        try {
          const run = await api.createRun(requestBody(controls));
          state.launched = run;
          drawLaunched(root.querySelector("#progress-panel"), run, (r) => {
            state.launched = r;
          });
          await drawActiveRuns(root.querySelector("#active-runs"));
        } catch (err) {
          const serverProblems = problemsFromServer(err, controls);
          if (Object.keys(serverProblems).length > 0) return showProblems(root, ctx, serverProblems);
          fill(
            root.querySelector("#progress-panel"),
            h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
          );
        } finally {
          launchButton.disabled = false;
          launchButton.textContent = t("launch");
        }
      },
    },
    summary,
    h(
      "div",
      { class: "field field-scenario" },
      h("label", { for: "scenario" }, t("scenario")),
      scenarioSelect,
      h("p", { class: "note scenario-description" }, scenarioDescription(state.scenarioName, meta?.description)),
    ),
    names,
    h("div", { class: "groups" }, groups, experiment),
    h("details", { class: "overrides-box" }, h("summary", {}, t("overridesPreview")), preview),
    plan,
    h("div", { class: "actions" }, launchButton),
  );
  const panel = h("div", { class: "progress-panel", id: "progress-panel" });
  fill(
    root,
    h("h2", {}, t("launchTitle")),
    form,
    panel,
    h(
      "section",
      { class: "card", "aria-labelledby": "active-title" },
      h("h3", { id: "active-title" }, t("activeRuns")),
      h("div", { id: "active-runs" }),
    ),
  );
  if (state.launched)
    drawLaunched(panel, state.launched, (r) => {
      state.launched = r;
    });
  refreshPreview();
  schedulePlan(plan, controls, 0);
  if (count > 0) root.querySelector("#error-summary")?.focus();
}

function labelOf(root, id) {
  return root.querySelector(`label[for="${id}"]`)?.textContent ?? id;
}

function focusField(e, id) {
  e.preventDefault();
  document.getElementById(id)?.focus();
}

function showProblems(root, ctx, problems) {
  draw(root, ctx, problems);
  void drawActiveRuns(root.querySelector("#active-runs"));
}

/** Field problems from a 400 answer: each detail mapped to its control, in the planner's words. */
function problemsFromServer(err, controls) {
  const out = {};
  for (const d of err?.body?.details ?? []) {
    const path = String(d.path ?? "");
    const control = controls.find(
      (c) => c.path && (path === `overrides.${c.path}` || path.startsWith(`overrides.${c.path}.`)),
    );
    const exp = experimentFields().find((f) => path === f.key || path.endsWith(`.${f.key}`));
    const id = control ? `ctl-${control.id}` : exp ? exp.id : "scenario";
    out[id] = plannerMessage(d.message);
  }
  return out;
}

let planTimer = null;
let planSeq = 0;

/** Asks the server what the form would run (after typing pauses) and shows it. */
function schedulePlan(el, controls, delay = 350) {
  clearTimeout(planTimer);
  planTimer = setTimeout(() => void drawPlan(el, controls), delay);
}

async function drawPlan(el, controls) {
  const seq = ++planSeq;
  if (Object.keys(formProblems(controls, state.values)).length > 0) {
    fill(el, h("p", { class: "note" }, t("planNeedsValidForm")));
    return;
  }
  let check;
  try {
    check = await api.checkRun(requestBody(controls));
  } catch (err) {
    if (seq !== planSeq) return;
    const problems = problemsFromServer(err, controls);
    fill(
      el,
      h("p", { class: "error" }, t("planRejected")),
      h(
        "ul",
        {},
        Object.values(problems).map((m) => h("li", {}, m)),
      ),
    );
    return;
  }
  if (seq !== planSeq) return;
  drawPlanPanel(el, check);
}
