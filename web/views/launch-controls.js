/**
 * The launch form's controls: which parameters a scenario offers (derived from its own content, named
 * in planners' words), how changed values become `overrides` keyed by dotted path, and the checks on
 * every field, all reported at once in the planner's words.
 */
import { fmt, t } from "../i18n.js";
import { stageName } from "../names.js";

/** Service time of each transshipment technology, minutes (Seed: 30–40 min automated, about 3 h manual). */
export const TRANSSHIP_TECH = {
  automated: { type: "uniform", min: 30, max: 40 },
  manual: { type: "triangular", min: 120, mode: 180, max: 240 },
};

/** Appointment settings used when a scenario has none and the planner turns them on (Assumed). */
const APPOINTMENT_DEFAULTS = { slotMinutes: 60, punctualitySdMinutes: 30, noShowPercent: 10 };

/** The value at a dotted path of an object. */
export function getPath(obj, path) {
  return path.split(".").reduce((o, k) => (o == null ? undefined : o[k]), obj);
}

/** Server stages whose id matches `re`. */
function serverStagesMatching(sc, re) {
  return Object.entries(sc?.stages ?? {})
    .filter(([id, st]) => st?.type === "server" && re.test(id))
    .map(([id, st]) => ({ id, stage: st }));
}

/** " · export" / " · import" for a stage id that names its direction. */
function dirSuffix(id) {
  if (/export|accept/i.test(id)) return ` · ${t("dirExport")}`;
  if (/import|release/i.test(id)) return ` · ${t("dirImport")}`;
  return "";
}

/** Opening hours of a scenario as {open24h, from, to}. */
export function hoursOf(sc) {
  const oh = sc?.openingHours;
  if (!oh || oh === "24h" || !Array.isArray(oh) || oh.length === 0)
    return { open24h: true, from: "07:00", to: "22:00" };
  return { open24h: false, from: oh[0].from, to: oh[oh.length - 1].to };
}

/**
 * The controls a scenario offers: id, group, label, the scenario's value, bounds (`min`, `max`,
 * `integer`, `optional`), and the path its value overrides.
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
    if (sc?.demand?.[dir])
      number(`demand-${dir}`, "volumes", t(key), `demand.${dir}.trucksPerDay`, { step: 10, max: 100_000 });
  }
  for (const { id } of serverStagesMatching(sc, /^(export|import)Gate$|smart/i)) {
    number(`lanes-${id}`, "capacity", stageName(id, sc), `stages.${id}.servers`, {
      step: 1,
      min: 1,
      max: 500,
      integer: true,
    });
  }
  for (const { id } of serverStagesMatching(sc, /x-?ray|scan/i)) {
    number(`xray-${id}`, "capacity", t("xrayUnits"), `stages.${id}.servers`, {
      step: 1,
      min: 1,
      max: 200,
      integer: true,
    });
  }
  for (const dir of ["export", "import"]) {
    if (!sc?.demand?.[dir]) continue;
    const appt = sc.demand[dir].appointment;
    const dirLabel = dir === "export" ? t("exportDir") : t("importDir");
    const common = { group: "appointments", kind: "number", dir, hasBlock: Boolean(appt) };
    controls.push({
      ...common,
      id: `appt-share-${dir}`,
      label: `${t("appointmentShare")} · ${dirLabel}`,
      min: 0,
      max: 100,
      step: 5,
      initial: appt?.sharePercent ?? 0,
      path: `demand.${dir}.appointment.sharePercent`,
    });
    controls.push({
      ...common,
      id: `appt-quota-${dir}`,
      label: `${t("quotaPerSlot")} · ${dirLabel}`,
      min: 1,
      max: 100_000,
      step: 1,
      integer: true,
      initial: appt?.quotaPerSlot ?? 40,
      path: `demand.${dir}.appointment.quotaPerSlot`,
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
    number(`docks-${id}`, "transship", t("transshipDocks"), `stages.${id}.servers`, {
      step: 10,
      min: 1,
      max: 5000,
      integer: true,
    });
  }
  for (const { id, stage } of serverStagesMatching(sc, /youyi|china|chinese|accept|^cn/i)) {
    // An acceptance cap belongs to the stage that accepts exports (or one that already has a cap).
    if (/accept/i.test(id) || stage.dailyCapTrucks !== undefined)
      number(`cap-${id}`, "china", `${t("chinaAcceptance")}${dirSuffix(id)}`, `stages.${id}.dailyCapTrucks`, {
        step: 50,
        max: 100_000,
        integer: true,
        optional: true,
        initial: "",
      });
    number(`cnlanes-${id}`, "china", `${t("chinaLanes")}${dirSuffix(id)}`, `stages.${id}.servers`, {
      step: 1,
      min: 1,
      max: 500,
      integer: true,
    });
  }
  return controls;
}

/** The overrides that the current control values make, against the scenario's own values. */
export function overridesFrom(controls, values) {
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
  return out;
}

/** The problem with a number field's text, in the planner's words, or null. */
export function numberProblem(text, { min, max, integer, optional, above } = {}) {
  const s = String(text ?? "").trim();
  if (s === "") return optional ? null : t("required");
  const x = Number(s.replace(",", "."));
  if (!Number.isFinite(x)) return t("mustBeNumber");
  if (integer && !Number.isInteger(x)) return t("mustBeWhole");
  if (above !== undefined && x <= above) return t("mustBeMoreThan", { min: fmt(above) });
  if (min !== undefined && x < min) return t("mustBeAtLeast", { min: fmt(min) });
  if (max !== undefined && x > max) return t("mustBeAtMost", { max: fmt(max) });
  return null;
}

/** A server's validation message in the planner's words (the server speaks zod). */
export function plannerMessage(message) {
  const m = String(message ?? "");
  let r = /expected number to be >=\s*(-?[\d.e+]+)/.exec(m);
  if (r) return t("mustBeAtLeast", { min: fmt(Number(r[1])) });
  r = /expected number to be >\s*(-?[\d.e+]+)/.exec(m);
  if (r) return t("mustBeMoreThan", { min: fmt(Number(r[1])) });
  r = /expected number to be <=\s*(-?[\d.e+]+)|at most (\d+)/.exec(m);
  if (r) return t("mustBeAtMost", { max: fmt(Number(r[1] ?? r[2])) });
  if (/expected int/.test(m)) return t("mustBeWhole");
  if (/sum|100/.test(m)) return t("mustSumTo100");
  return t("serverRejected", { message: m });
}
