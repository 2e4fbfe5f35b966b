/**
 * Capacity view: "how many trucks a day can the gate take?". Pick a scenario and which demand to raise,
 * launch the capacity analysis (the server's `/capacity-analyses`), watch its demand levels come in,
 * then read the answer: the largest sustainable demand and the clearance capacity under overload with
 * their 95 % intervals, the curve of cleared against demand with the limit marked, and the bottleneck
 * outlined on the gate schematic. The state lives on the server: a reload keeps following it.
 */
import * as api from "../api.js";
import { fill, h, loadIntoForm } from "../dom.js";
import { fmtDuration, fmtWhen, t } from "../i18n.js";
import { scenarioTitle } from "../names.js";
import { analysisName, drawAnalysis, progressText } from "./capacity-parts.js";
import { numberProblem, plannerMessage } from "./launch-controls.js";

const state = {
  scenarios: null,
  scenarioName: null,
  scenario: null,
  direction: "both",
  reps: "4",
  days: "",
  warmup: "",
  label: "",
  problems: {},
  error: null,
};

/** The view's polling timer (one at a time; a new render replaces it). */
let timer = null;

async function loadScenario(name) {
  state.scenarioName = name;
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  state.scenario = await api.getScenario(meta?.url ?? name);
  const days = Math.min(Number(state.scenario?.horizonDays ?? 21), 21);
  state.days = String(days);
  state.warmup = String(Math.min(Number(state.scenario?.warmupDays ?? 0), days / 2));
}

/** Renders the capacity view: the form and recent analyses, or one analysis (`id`). */
export async function render(root, ctx, id) {
  clearTimeout(timer);
  fill(root, h("h2", {}, t("capacityTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  try {
    if (id) return await follow(root, ctx, id);
    if (!state.scenarios) state.scenarios = await api.listScenarios();
    if (!state.scenario && state.scenarios.length > 0) await loadScenario(state.scenarios[0].name);
    drawForm(root, ctx, (await api.listCapacity()).slice(0, 20));
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("capacityTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
  }
}

/** Draws one analysis and keeps polling it while it runs (redrawing when a level comes in). */
async function follow(root, ctx, id) {
  const route = `capacity/${id}`;
  let last = await api.getCapacity(id);
  const scenario = last.scenario?.ref ? await api.getScenario(last.scenario.ref).catch(() => null) : null;
  const actions = {
    cancel: async () => {
      last = await api.cancelCapacity(id);
      draw();
    },
    remove: async () => {
      await api.deleteCapacity(id);
      ctx.navigate("#capacity");
    },
  };
  const draw = () => drawAnalysis(root, last, scenario, actions);
  draw();
  const tick = async () => {
    if (ctx.currentRoute() !== route || api.isFinal(last.status)) return;
    try {
      const next = await api.getCapacity(id);
      const changed = next.status !== last.status || next.progress.pointsDone !== last.progress.pointsDone;
      last = next;
      if (ctx.currentRoute() !== route) return;
      if (changed) draw();
      else updateProgress(root, last);
    } catch {
      // A transient failure; the next tick tries again.
    }
    timer = setTimeout(tick, 1000);
  };
  if (!api.isFinal(last.status)) timer = setTimeout(tick, 1000);
}

/** Updates the progress bar and text in place (no redraw between levels). */
function updateProgress(root, a) {
  const bar = root.querySelector("#capacity-progress");
  if (bar) {
    bar.max = Math.max(1, a.progress.pointsEstimated);
    bar.value = a.progress.pointsDone;
  }
  const text = root.querySelector("#capacity-progress-text");
  if (text) text.textContent = progressText(a);
}

/** Checks the form; every problem at once, by field. */
function problemsOf() {
  const p = {};
  const reps = numberProblem(state.reps, { min: 2, max: 20, integer: true });
  if (reps) p.reps = reps;
  const days = numberProblem(state.days, { above: 0, max: 60 });
  if (days) p.days = days;
  const warmup = numberProblem(state.warmup, { min: 0 });
  if (warmup) p.warmup = warmup;
  if (!days && !warmup && Number(state.days) - Number(state.warmup) < 3) p.warmup = t("capacityDaysNote");
  return p;
}

/** Field ids of the server's paths. */
const FIELD_OF = { replications: "reps", horizonDays: "days", warmupDays: "warmup" };

async function submit(root, ctx, list) {
  state.problems = problemsOf();
  state.error = null;
  if (Object.keys(state.problems).length > 0) return drawForm(root, ctx, list);
  const meta = state.scenarios.find((s) => s.name === state.scenarioName);
  const body = {
    scenario: meta?.aliases?.[0] ?? state.scenarioName,
    direction: state.direction,
    replications: Number(state.reps),
    horizonDays: Number(state.days.replace(",", ".")),
    warmupDays: Number(state.warmup.replace(",", ".")),
  };
  if (state.label.trim()) body.label = state.label.trim();
  try {
    const a = await api.createCapacity(body);
    ctx.navigate(`#capacity/${a.id}`);
  } catch (err) {
    for (const d of err.body?.details ?? []) {
      const field = FIELD_OF[String(d.path).replace(/^body\./, "")];
      if (field) state.problems[field] = plannerMessage(d.message);
    }
    if (Object.keys(state.problems).length === 0) state.error = err.message;
    drawForm(root, ctx, list);
  }
}

function drawForm(root, ctx, list) {
  const field = (id, key, label, attrs = {}, note = null) => {
    const problem = state.problems[key];
    return h(
      "div",
      { class: `field${problem ? " invalid" : ""}` },
      h("label", { for: id }, label),
      h("input", {
        id,
        type: "text",
        value: state[key],
        "aria-invalid": problem ? "true" : null,
        "aria-describedby": problem ? `${id}-problem` : null,
        oninput: (e) => {
          state[key] = e.target.value;
        },
        ...attrs,
      }),
      problem ? h("p", { class: "field-error", id: `${id}-problem` }, problem) : null,
      note ? h("p", { class: "note" }, note) : null,
    );
  };
  const select = (id, label, value, options, onchange) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, label),
      h(
        "select",
        { id, onchange },
        options.map(([v, text]) => h("option", { value: v, selected: v === value }, text)),
      ),
    );
  const estimate = h("p", { class: "note", id: "capacity-estimate", "aria-live": "polite" });
  const form = h(
    "form",
    {
      class: "launch-form",
      id: "capacity-form",
      novalidate: true,
      onsubmit: (e) => {
        e.preventDefault();
        void submit(root, ctx, list);
      },
    },
    h("p", { class: "note" }, t("capacityHelp")),
    state.error ? h("p", { class: "error", role: "alert" }, state.error) : null,
    h(
      "div",
      { class: "groups" },
      select(
        "capacity-scenario",
        t("scenario"),
        state.scenarioName,
        state.scenarios.map((s) => [s.name, scenarioTitle(s.name, s.title)]),
        (e) =>
          loadIntoForm(
            e.target,
            () => loadScenario(e.target.value),
            () => {
              state.problems = {};
              drawForm(root, ctx, list);
            },
          ),
      ),
      select(
        "capacity-direction",
        t("capacityDirection"),
        state.direction,
        ["both", "export", "import"].map((d) => [d, t(`direction_${d}`)]),
        (e) => {
          state.direction = e.target.value;
        },
      ),
      field("capacity-label", "label", t("runLabel"), { maxlength: 120 }),
      field("capacity-reps", "reps", t("capacityReps"), { inputmode: "numeric" }, t("capacityRepsNote")),
      field("capacity-days", "days", t("capacityDays"), { inputmode: "decimal" }, t("capacityDaysNote")),
      field("capacity-warmup", "warmup", t("warmupDays"), { inputmode: "decimal" }),
    ),
    estimate,
    h(
      "div",
      { class: "actions" },
      h("button", { type: "submit", class: "primary", id: "capacity-launch" }, t("capacityLaunch")),
    ),
  );
  const items =
    list.length === 0
      ? h("p", { class: "note" }, t("noCapacity"))
      : h(
          "ul",
          { class: "active-list", id: "capacity-list" },
          list.map((a) =>
            h(
              "li",
              {},
              h("a", { href: `#capacity/${a.id}` }, analysisName(a)),
              ` · ${t(`status_${a.status}`)} · ${fmtWhen(a.createdAt)}`,
            ),
          ),
        );
  fill(
    root,
    h("h2", {}, t("capacityTitle")),
    form,
    h(
      "section",
      { class: "card", "aria-labelledby": "capacity-recent" },
      h("h3", { id: "capacity-recent" }, t("recentCapacity")),
      items,
    ),
  );
  void showEstimate(estimate);
}

/** "Each level takes about 20 s; … about 3 min to about 7 min in all", from the server's run estimate. */
async function showEstimate(el) {
  if (Object.keys(problemsOf()).length > 0) return;
  const meta = state.scenarios.find((s) => s.name === state.scenarioName);
  try {
    const check = await api.checkRun({
      scenario: meta?.aliases?.[0] ?? state.scenarioName,
      replications: Number(state.reps),
      horizonDays: Number(state.days),
      warmupDays: Number(state.warmup),
    });
    const s = check.estimate?.seconds;
    if (!Number.isFinite(s) || !el.isConnected) return;
    el.textContent = t("capacityEstimate", {
      point: fmtDuration(s),
      low: fmtDuration(s * 10),
      high: fmtDuration(s * 20),
    });
  } catch {
    // No estimate: the form still works.
  }
}
