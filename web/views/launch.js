/**
 * Launch view: pick a shipped scenario, adjust what planners care about (volumes, Smart Gate lanes,
 * appointments, opening hours, transshipment technology, X-ray units, Chinese-side acceptance), choose
 * the experiment, launch, and watch progress live. Every changed control becomes one `overrides` entry
 * keyed by its dotted path in the scenario file; unchanged controls send nothing.
 */
import * as api from "../api.js";
import { h, statusBadge } from "../dom.js";
import { fmt, t } from "../i18n.js";

/** Service time of each transshipment technology, minutes (Seed: 30–40 min automated, about 3 h manual). */
export const TRANSSHIP_TECH = {
  automated: { type: "uniform", min: 30, max: 40 },
  manual: { type: "triangular", min: 120, mode: 180, max: 240 },
};

/** Appointment settings used when a scenario has none and the planner turns them on (Assumed). */
const APPOINTMENT_DEFAULTS = { slotMinutes: 60, punctualitySdMinutes: 30, noShowPercent: 10 };

const state = {
  scenarios: null,
  scenarioName: null,
  scenario: null,
  /** Control values by control id. */
  values: {},
  run: null,
  progress: { done: 0, total: 0 },
  error: null,
  stopWatch: null,
};

/** The value at a dotted path of an object. */
function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Server stages whose id matches `re`. */
function serverStagesMatching(sc, re) {
  return Object.entries(sc?.stages ?? {})
    .filter(([id, st]) => st?.type === "server" && re.test(id))
    .map(([id, st]) => ({ id, stage: st }));
}

/** Planner's words for a stage: its direction when its id tells it, else the id. */
function stageLabel(label, id) {
  if (/export|accept/i.test(id)) return `${label} · ${t("exportDir")}`;
  if (/import|release/i.test(id)) return `${label} · ${t("importDir")}`;
  return label;
}

/** Opening hours of a scenario as {open24h, from, to}. */
function hoursOf(sc) {
  const oh = sc?.openingHours;
  if (!oh || oh === "24h" || !Array.isArray(oh) || oh.length === 0)
    return { open24h: true, from: "07:00", to: "22:00" };
  return { open24h: false, from: oh[0].from, to: oh[oh.length - 1].to };
}

/**
 * The controls a scenario offers, derived from its own content: each has an id, a group, a label, the
 * scenario's value, and how a value becomes overrides.
 */
export function controlsFor(sc) {
  const controls = [];
  const number = (id, group, label, path, opts = {}) => {
    const value = getPath(sc, path);
    controls.push({ id, group, label, kind: "number", initial: value ?? opts.initial ?? "", min: 0, ...opts, path });
  };
  for (const [dir, key] of [
    ["export", "exportPerDay"],
    ["import", "importPerDay"],
  ]) {
    if (sc?.demand?.[dir]) number(`demand-${dir}`, "volumes", t(key), `demand.${dir}.trucksPerDay`, { step: 10 });
  }
  for (const { id } of serverStagesMatching(sc, /smart|gate/i)) {
    number(`lanes-${id}`, "capacity", stageLabel(t("smartGateLanes"), id), `stages.${id}.servers`, { step: 1 });
  }
  for (const { id } of serverStagesMatching(sc, /x-?ray|scan/i)) {
    number(`xray-${id}`, "capacity", stageLabel(t("xrayUnits"), id), `stages.${id}.servers`, { step: 1 });
  }
  for (const dir of ["export", "import"]) {
    if (!sc?.demand?.[dir]) continue;
    const appt = sc.demand[dir].appointment;
    const dirLabel = dir === "export" ? t("exportDir") : t("importDir");
    controls.push({
      id: `appt-share-${dir}`,
      group: "appointments",
      label: `${t("appointmentShare")} · ${dirLabel}`,
      kind: "number",
      min: 0,
      max: 100,
      step: 5,
      initial: appt?.sharePercent ?? 0,
      path: `demand.${dir}.appointment.sharePercent`,
      dir,
      hasBlock: Boolean(appt),
    });
    controls.push({
      id: `appt-quota-${dir}`,
      group: "appointments",
      label: `${t("quotaPerSlot")} · ${dirLabel}`,
      kind: "number",
      min: 1,
      step: 1,
      initial: appt?.quotaPerSlot ?? 40,
      path: `demand.${dir}.appointment.quotaPerSlot`,
      dir,
      hasBlock: Boolean(appt),
    });
  }
  const hours = hoursOf(sc);
  controls.push({ id: "hours-24h", group: "hours", label: t("open24h"), kind: "checkbox", initial: hours.open24h });
  controls.push({ id: "hours-from", group: "hours", label: t("opensAt"), kind: "time", initial: hours.from });
  controls.push({ id: "hours-to", group: "hours", label: t("closesAt"), kind: "time", initial: hours.to });
  for (const { id } of serverStagesMatching(sc, /trans-?ship|tranship/i)) {
    controls.push({
      id: `tech-${id}`,
      group: "transship",
      label: t("transshipTech"),
      kind: "select",
      options: [
        ["", t("techAsScenario")],
        ["automated", t("techAutomated")],
        ["manual", t("techManual")],
      ],
      initial: "",
      path: `stages.${id}.serviceMinutes`,
    });
    number(`docks-${id}`, "transship", t("transshipDocks"), `stages.${id}.servers`, { step: 10 });
  }
  for (const { id, stage } of serverStagesMatching(sc, /youyi|china|chinese|accept|^cn/i)) {
    // An acceptance cap belongs to the stage that accepts exports (or one that already has a cap).
    if (/accept/i.test(id) || stage.dailyCapTrucks !== undefined)
      controls.push({
        id: `cap-${id}`,
        group: "china",
        label: stageLabel(t("chinaAcceptance"), id),
        kind: "number",
        min: 0,
        step: 50,
        initial: stage.dailyCapTrucks ?? "",
        path: `stages.${id}.dailyCapTrucks`,
      });
    number(`cnlanes-${id}`, "china", stageLabel(t("chinaLanes"), id), `stages.${id}.servers`, { step: 1 });
  }
  return controls;
}

/** The overrides that the current control values make, against the scenario's own values. */
export function overridesFrom(sc, controls, values) {
  const out = {};
  const val = (c) => (values[c.id] === undefined ? c.initial : values[c.id]);
  for (const c of controls) {
    if (c.group === "hours" || c.group === "appointments" || c.kind === "select") continue;
    const v = val(c);
    if (v === "" || v === null || Number(v) === Number(c.initial)) continue;
    out[c.path] = Number(v);
  }
  for (const dir of ["export", "import"]) {
    const share = controls.find((c) => c.id === `appt-share-${dir}`);
    const quota = controls.find((c) => c.id === `appt-quota-${dir}`);
    if (!share || !quota) continue;
    const s = Number(val(share));
    const q = Number(val(quota));
    if (share.hasBlock) {
      if (s !== Number(share.initial)) out[share.path] = s;
      if (q !== Number(quota.initial)) out[quota.path] = q;
    } else if (s > 0) {
      out[`demand.${dir}.appointment`] = { sharePercent: s, quotaPerSlot: q, ...APPOINTMENT_DEFAULTS };
    }
  }
  const h24 = controls.find((c) => c.id === "hours-24h");
  const from = controls.find((c) => c.id === "hours-from");
  const to = controls.find((c) => c.id === "hours-to");
  if (h24 && from && to) {
    const open24h = Boolean(val(h24));
    const changed = open24h !== h24.initial || (!open24h && (val(from) !== from.initial || val(to) !== to.initial));
    if (changed) out.openingHours = open24h ? "24h" : [{ from: val(from), to: val(to) }];
  }
  for (const c of controls.filter((x) => x.kind === "select")) {
    const tech = val(c);
    if (tech && TRANSSHIP_TECH[tech]) out[c.path] = TRANSSHIP_TECH[tech];
  }
  void sc;
  return out;
}

/** The name POST /runs knows a shipped scenario by (grouped ones, like textbook/mm1, by their alias). */
function scenarioRef(name) {
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  return meta?.aliases?.[0] ?? name;
}

function experimentDefaults(sc) {
  return {
    replications: 5,
    seed: sc?.seed ?? 1,
    horizonDays: Math.min(Number(sc?.horizonDays ?? 7), 14),
    warmupDays: Number(sc?.warmupDays ?? 0),
  };
}

async function loadScenario(name) {
  state.scenarioName = name;
  state.scenario = null;
  state.values = {};
  const meta = (state.scenarios ?? []).find((s) => s.name === name);
  state.scenario = await api.getScenario(meta?.url ?? name);
  Object.assign(state.values, experimentDefaults(state.scenario));
}

function field(c, onChange) {
  const id = `ctl-${c.id}`;
  const value = state.values[c.id] ?? c.initial;
  let input;
  if (c.kind === "checkbox") {
    input = h("input", {
      id,
      type: "checkbox",
      checked: Boolean(value),
      onchange: (e) => onChange(c, e.target.checked),
    });
    return h("div", { class: "field field-check" }, input, h("label", { for: id }, c.label));
  }
  if (c.kind === "select") {
    input = h(
      "select",
      { id, onchange: (e) => onChange(c, e.target.value) },
      c.options.map(([v, label]) => h("option", { value: v, selected: v === value }, label)),
    );
  } else {
    input = h("input", {
      id,
      type: c.kind,
      value: String(value),
      min: c.min,
      max: c.max,
      step: c.step,
      placeholder: c.placeholder,
      "data-path": c.path,
      oninput: (e) => onChange(c, e.target.value),
    });
    if (c.kind === "time") {
      const h24 = state.values["hours-24h"] ?? hoursOf(state.scenario).open24h;
      input.disabled = Boolean(h24);
    }
  }
  return h("div", { class: "field" }, h("label", { for: id }, c.label), input);
}

const GROUPS = [
  ["volumes", "volumes"],
  ["capacity", "capacity"],
  ["appointments", "appointments"],
  ["hours", "openingHours"],
  ["transship", "transshipment"],
  ["china", "chinaSide"],
];

/** Renders the launch view into `root`. */
export async function render(root, ctx) {
  root.replaceChildren(h("h2", {}, t("launchTitle")), h("p", { class: "note", role: "status" }, t("scenarioLoading")));
  try {
    if (!state.scenarios) state.scenarios = await api.listScenarios();
    if (state.scenarios.length > 0 && !state.scenarioName) await loadScenario(state.scenarios[0].name);
  } catch (err) {
    root.replaceChildren(
      h("h2", {}, t("launchTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  draw(root, ctx);
}

function draw(root, ctx) {
  const sc = state.scenario;
  const controls = controlsFor(sc);
  const preview = h("pre", { class: "overrides", id: "overrides-preview", tabindex: "0" });
  const refreshPreview = () => {
    const o = overridesFrom(sc, controls, state.values);
    preview.textContent = Object.keys(o).length ? JSON.stringify(o, null, 2) : t("noOverrides");
  };
  const onChange = (c, v) => {
    state.values[c.id] = v;
    if (c.id === "hours-24h") {
      for (const id of ["ctl-hours-from", "ctl-hours-to"]) {
        const el = root.querySelector(`#${id}`);
        if (el) el.disabled = Boolean(v);
      }
    }
    refreshPreview();
  };

  const scenarioSelect = h(
    "select",
    {
      id: "scenario",
      onchange: async (e) => {
        await loadScenario(e.target.value);
        draw(root, ctx);
        root.querySelector("#scenario")?.focus();
      },
    },
    (state.scenarios ?? []).map((s) =>
      h("option", { value: s.name, selected: s.name === state.scenarioName }, s.title || s.name),
    ),
  );
  const meta = (state.scenarios ?? []).find((s) => s.name === state.scenarioName);

  const fieldsets = GROUPS.map(([group, key]) => {
    const cs = controls.filter((c) => c.group === group);
    if (cs.length === 0) return null;
    return h(
      "fieldset",
      { class: `group group-${group}` },
      h("legend", {}, t(key)),
      cs.map((c) => field(c, onChange)),
    );
  });

  const exp = (key, id, attrs) =>
    h(
      "div",
      { class: "field" },
      h("label", { for: id }, t(key)),
      h("input", {
        id,
        value: String(state.values[key] ?? ""),
        oninput: (e) => {
          state.values[key] = e.target.value;
        },
        ...attrs,
      }),
    );
  const experiment = h(
    "fieldset",
    { class: "group group-experiment" },
    h("legend", {}, t("experiment")),
    exp("replications", "replications", { type: "number", min: 1, max: 200, step: 1 }),
    exp("seed", "seed", { type: "text", inputmode: "numeric" }),
    exp("horizonDays", "horizon", { type: "number", min: 1, max: 365, step: 1 }),
    exp("warmupDays", "warmup", { type: "number", min: 0, max: 60, step: 1 }),
  );

  const progressPanel = h("div", { class: "progress-panel", id: "progress-panel", "aria-live": "polite" });
  const launchButton = h("button", { type: "submit", class: "primary", id: "launch" }, t("launch"));
  const form = h(
    "form",
    {
      class: "launch-form",
      novalidate: true,
      onsubmit: async (e) => {
        e.preventDefault();
        launchButton.disabled = true;
        launchButton.textContent = t("launching");
        state.error = null;
        try {
          const seedText = String(state.values.seed ?? "").trim();
          const body = {
            scenario: scenarioRef(state.scenarioName),
            overrides: overridesFrom(sc, controls, state.values),
            replications: Number(state.values.replications),
            seed: /^-?\d+$/.test(seedText) ? Number(seedText) : seedText,
            horizonDays: Number(state.values.horizonDays),
          };
          if (String(state.values.warmupDays ?? "") !== "") body.warmupDays = Number(state.values.warmupDays);
          const created = await api.createRun(body);
          state.run = { id: created.id, status: created.status ?? "queued" };
          state.progress = { done: 0, total: body.replications };
          follow(progressPanel, ctx);
        } catch (err) {
          state.error = err;
        } finally {
          launchButton.disabled = false;
          launchButton.textContent = t("launch");
          drawProgress(progressPanel, ctx);
        }
      },
    },
    h(
      "div",
      { class: "field field-scenario" },
      h("label", { for: "scenario" }, t("scenario")),
      scenarioSelect,
      meta?.description ? h("p", { class: "note scenario-description" }, meta.description) : null,
    ),
    h("div", { class: "groups" }, fieldsets, experiment),
    h("details", { class: "overrides-box" }, h("summary", {}, t("overridesPreview")), preview),
    h("div", { class: "actions" }, launchButton),
  );
  refreshPreview();
  root.replaceChildren(h("h2", {}, t("launchTitle")), form, progressPanel);
  drawProgress(progressPanel, ctx);
  if (state.run && !api.isFinal(state.run.status) && !state.stopWatch) follow(progressPanel, ctx);
}

function follow(panel, ctx) {
  state.stopWatch?.();
  const id = state.run.id;
  state.stopWatch = api.watchRun(id, {
    onProgress: (p) => {
      if (state.run?.id !== id) return;
      if (p.total > 0) state.progress = p;
      else state.progress = { ...state.progress, done: p.done };
      drawProgress(document.getElementById("progress-panel") ?? panel, ctx);
    },
    onStatus: (run) => {
      if (state.run?.id !== id) return;
      state.run = { ...state.run, ...run };
      if (run.progress) state.progress = api.progressOf(run);
      if (run.status === "succeeded") state.progress = { ...state.progress, done: state.progress.total };
      if (api.isFinal(run.status)) state.stopWatch = null;
      drawProgress(document.getElementById("progress-panel") ?? panel, ctx);
      // Focus moves to the way forward, so keyboard users land on it when the run ends.
      if (run.status === "succeeded" && ctx.currentView() === "launch")
        document.getElementById("view-results-link")?.focus();
    },
  });
}

function drawProgress(panel, ctx) {
  const children = [];
  if (state.error) children.push(h("p", { class: "error", role: "alert" }, `${t("error")}: ${state.error.message}`));
  if (state.run) {
    const { done, total } = state.progress;
    const status = state.run.status;
    children.push(
      h(
        "div",
        { class: "progress-row" },
        h("span", { class: "run-id" }, `${t("run")} ${state.run.id}`),
        statusBadge(status),
      ),
      h("label", { for: "run-progress", class: "progress-label" }, t("progress")),
      h("progress", { id: "run-progress", max: Math.max(1, total), value: done }),
      h(
        "p",
        { class: "progress-text", id: "progress-text" },
        `${fmt(done, 0)} / ${fmt(total, 0)} ${t("replicationsDone")}`,
      ),
      api.isFinal(status)
        ? status === "succeeded"
          ? h(
              "a",
              { class: "button primary", id: "view-results-link", href: `#results/${state.run.id}` },
              t("viewResults"),
            )
          : null
        : h(
            "button",
            {
              type: "button",
              id: "cancel-run",
              onclick: async () => {
                try {
                  await api.cancelRun(state.run.id);
                } catch (err) {
                  state.error = err;
                  drawProgress(panel, ctx);
                }
              },
            },
            t("cancel"),
          ),
    );
    if (state.run.error?.message) children.push(h("p", { class: "error" }, state.run.error.message));
  }
  panel.replaceChildren(...children);
}
