/**
 * Planners' names for the model's things, in the current language: runs, scenarios, stages (the gate
 * named Smart Gate or conventional by what the scenario says it is), zones, seasons, KPIs, scenario
 * parameters and their values. Internal ids (stage ids, zone ids, run ids) never become labels.
 */

import { SOURCE_NOTES } from "./i18n/notes.js";
import { SCENARIO_TEXT } from "./i18n/scenarios.js";
import { fmt, getLang, has, t } from "./i18n.js";

/** Title of a scenario by name, translated for shipped scenarios. */
export function scenarioTitle(name, fallback) {
  const text = SCENARIO_TEXT[name];
  return text ? text[getLang()][0] : fallback || name || "";
}

/** Description of a scenario by name, translated for shipped scenarios. */
export function scenarioDescription(name, fallback) {
  const text = SCENARIO_TEXT[name];
  return text ? text[getLang()][1] : (fallback ?? "");
}

/** "smart", "conventional" or "generic": what kind of gate a scenario's gate stages are. */
export function gateKind(scenario) {
  const text = ["exportGate", "importGate"].map((id) => scenario?.stages?.[id]?.description ?? "").join(" ");
  const named = `${scenario?.name ?? ""} ${scenario?.title ?? ""}`;
  if (/smart/i.test(text) || /smart/i.test(named)) return "smart";
  if (/conventional/i.test(text) || /conventional/i.test(named)) return "conventional";
  return "generic";
}

/** A scenario's short title (without its parenthesis), for run names. */
export function shortTitle(name, fallback) {
  return scenarioTitle(name, fallback).replace(/\s*\(.*\)\s*$/, "");
}

/** The direction a stage id names, if any. */
function directionOf(id) {
  if (/export|accept/i.test(id)) return t("dirExport");
  if (/import|release/i.test(id)) return t("dirImport");
  return null;
}

/** A stage's planner name; `scenario` (the scenario as run) tells what kind of gate it is. */
export function stageName(id, scenario) {
  if (/^(export|import)Gate$/.test(id)) return `${t(`gate_${gateKind(scenario)}`)} · ${directionOf(id)}`;
  if (has(`stage_${id}`)) return t(`stage_${id}`);
  // A stage of an inline scenario: its position, never its id.
  const ids = Object.keys(scenario?.stages ?? {});
  const n = ids.indexOf(id);
  return t("stageOther", { n: n >= 0 ? n + 1 : "?" });
}

/** Where a zone's trucks are. */
export function zoneName(id) {
  return has(`zone_${id}`) ? t(`zone_${id}`) : t("zoneOther");
}

/** A season's planner name ("pre-tet-2026" → "before Tết 2026"). */
export function seasonName(name) {
  const year = /(\d{4})/.exec(name)?.[1] ?? "";
  const base = /pre-?tet/i.test(name)
    ? t("season_preTet")
    : /post-?tet/i.test(name)
      ? t("season_postTet")
      : /tet/i.test(name)
        ? t("season_tet")
        : /fruit/i.test(name)
          ? t("season_fruit")
          : t("season_other", { n: "" }).trim();
  return year ? `${base} ${year}` : base;
}

/** The label the server gives a sweep's run: "<sweep label or scenario title> · servers=4, cv=0.5". */
const SWEEP_RUN_LABEL = /^(.*) · ([A-Za-z]\w*=[^,]*(?:, [A-Za-z]\w*=[^,]*)*)$/;

/**
 * A sweep run's name in the page's language: the server labels it in English with the point's field
 * names ("Smart Gate 2026 … · servers=4"); the page says the scenario's title and the parameter's name.
 */
function sweepRunName(run) {
  const m = SWEEP_RUN_LABEL.exec(run.label);
  if (!m) return run.label;
  const base = m[1] === run.scenario?.title ? shortTitle(run.scenario?.name, run.scenario?.title) : m[1];
  const keys = m[2].split(", ").map((kv) => kv.split("=")[0]);
  const parts = Object.entries(run.overrides ?? {})
    .filter(([path]) => keys.includes(path.split(".").pop()))
    .map(([path, v]) => `${paramName(path, null)}: ${formatValue(v, path)}`);
  return parts.length === keys.length ? `${base} · ${parts.join(", ")}` : run.label;
}

/** A run's name: the planner's label, else "Run 12 · scenario title". */
export function runName(run) {
  if (run?.label) return run.sweepId ? sweepRunName(run) : run.label;
  const title = shortTitle(run?.scenario?.name, run?.scenario?.title);
  return `${t("run")} ${run?.number ?? ""} · ${title}`.replace("  ", " ");
}

/** The changes of a run in one short line ("Smart Gate lanes · export: 6; ..."). */
export function changesText(run) {
  return Object.entries(run?.overrides ?? {})
    .map(([path, value]) => `${paramName(path, run.scenario)}: ${formatValue(value, path)}`)
    .join("; ");
}

/** True when a run was asked with changes to its scenario. */
export function isEdited(run) {
  return Object.keys(run?.overrides ?? {}).length > 0;
}

/** The KPI glossary (GET /glossary), once loaded: entries by id. */
const glossary = new Map();

/** The glossary's pattern entries (`breakdown.<id>.availability`), with the server's matcher (`match`). */
const patterns = [];

/** Keeps the glossary's entries for KPI names and directions. */
export function setGlossary(items) {
  glossary.clear();
  patterns.length = 0;
  for (const g of items ?? []) {
    glossary.set(g.id, g);
    if (typeof g.match === "string") patterns.push({ re: new RegExp(g.match), entry: g });
  }
}

/** A KPI's glossary entry, its own or the pattern it fits, with the names the pattern captured. */
function entryOf(name) {
  const own = glossary.get(name);
  if (own) return { entry: own, parts: [] };
  for (const { re, entry } of patterns) {
    const m = re.exec(name);
    if (m) return { entry, parts: m.slice(1) };
  }
  return null;
}

/** The glossary's entries, in its order. */
export function glossaryItems() {
  return [...glossary.values()];
}

/** Which way is better for a KPI according to the glossary ("higher", "lower"), or null. */
export function betterOf(name) {
  return entryOf(name)?.entry.better ?? null;
}

/** A KPI's planner name: the glossary's label in the current language. */
export function kpiName(name) {
  const entry = glossary.get(name);
  if (entry) return entry[getLang()].label;
  const zone = /^zone\.(.+)\.trucks(Mean|Max)$/.exec(name);
  if (zone) return t(zone[2] === "Mean" ? "zoneMean" : "zoneMax", { zone: zoneName(zone[1]) });
  const lanes = /^laneGroup(\d+)\.shiftMean$/.exec(name);
  if (lanes) return t("laneShift", { n: Number(lanes[1]) + 1 });
  const found = entryOf(name);
  if (!found) return t("kpiOther");
  // A pattern's label, qualified by the stages or zones it names where the dashboard has words for them
  // (never an internal id).
  const where = found.parts
    .map((p) => (has(`stage_${p}`) ? stageName(p) : has(`zone_${p}`) ? zoneName(p) : null))
    .filter((w) => w !== null);
  const label = found.entry[getLang()].label;
  return where.length > 0 ? `${label} · ${where.join(" · ")}` : label;
}

/** A scenario parameter's planner name from its dotted path. */
export function paramName(path, scenario) {
  const parts = path.split(".");
  const last = parts[parts.length - 1];
  const field = has(`param_${last}`) ? t(`param_${last}`) : t("param_other");
  if (parts[0] === "stages" && parts.length >= 3) return `${stageName(parts[1], scenario)}: ${field}`;
  if (parts[0] === "demand" && parts.length >= 3) {
    const sub = parts.length > 3 && has(`param_${parts[2]}`) ? `${t(`param_${parts[2]}`)}, ` : "";
    return `${t(`demand_${parts[1]}`)}: ${sub}${field}`;
  }
  if (parts[0] === "kpi" || parts[0] === "policies") return has(`param_${last}`) ? t(`param_${last}`) : field;
  return field.charAt(0).toUpperCase() + field.slice(1);
}

/** Minutes as "12 min" or "3 h" words. */
function duration(minutes) {
  return minutes >= 120 ? t("hoursShort", { n: fmt(minutes / 60) }) : t("minutesShort", { n: fmt(minutes) });
}

/** A parameter's value in planners' words; complex settings are summarized, never dumped. */
export function formatValue(value, path = "") {
  const last = path.split(".").pop() ?? "";
  if (value === undefined || value === null) return t("valueNone");
  if (typeof value === "number") {
    if (/Minutes$|^minutes$/.test(last)) return duration(value);
    if (/Hours$/.test(last)) return t("hoursShort", { n: fmt(value) });
    if (/Percent$/.test(last)) return t("percentValue", { n: fmt(value) });
    if (/Trucks$/.test(last)) return t("truckCount", { n: fmt(value) });
    if (last === "trucksPerDay") return t("perDayShort", { n: fmt(value) });
    return fmt(value);
  }
  if (typeof value === "boolean") return value ? "✓" : "✗";
  if (value === "24h") return t("open24");
  if (typeof value === "string") return has(`scope_${value}`) ? t(`scope_${value}`) : t("valueDetailed");
  if (Array.isArray(value)) {
    if (value.every((x) => typeof x === "number")) return value.map((x) => fmt(x)).join(" · ");
    if (value.every((x) => x && typeof x.from === "string" && typeof x.to === "string" && /:/.test(x.from)))
      return value.map((x) => `${x.from}–${x.to}`).join(", ");
    return t("valueDetailed");
  }
  if (typeof value === "object") {
    if (typeof value.type === "string" && /serviceMinutes|minutes/i.test(last)) return distribution(value);
    if (last === "scope" && typeof value.name === "string") return formatValue(value.name, "scope");
    const entries = Object.entries(value);
    const share = entries.every(([k, v]) => typeof v === "number" && (has(`cargo_${k}`) || has(`channel_${k}`)));
    if (share && entries.length > 0)
      return entries.map(([k, v]) => `${t(has(`cargo_${k}`) ? `cargo_${k}` : `channel_${k}`)} ${fmt(v)} %`).join(", ");
    const known = entries.every(([k, v]) => has(`param_${k}`) && typeof v === "number");
    if (known && entries.length > 0)
      return entries.map(([k, v]) => `${t(`param_${k}`)} ${formatValue(v, k)}`).join(", ");
  }
  return t("valueDetailed");
}

/** A service-time distribution (minutes) in words. */
export function distribution(d) {
  const m = (x) => duration(x);
  switch (d.type) {
    case "deterministic":
      return t("dist_deterministic", { v: m(d.value) });
    case "exponential":
      return t("dist_exponential", { mean: m(d.mean) });
    case "uniform":
      return t("dist_uniform", { min: m(d.min), max: m(d.max) });
    case "triangular":
      return t("dist_triangular", { min: m(d.min), max: m(d.max), mode: m(d.mode) });
    case "lognormal":
      return t("dist_lognormal", { mean: m(d.mean), cv: fmt(d.cv * 100) });
    default:
      return typeof d.mean === "number" ? t("dist_exponential", { mean: m(d.mean) }) : t("dist_other");
  }
}

/** The note of an assumed input in the current language; an unknown note (inline scenario) as written. */
export function sourceNote(note) {
  if (!note) return null;
  const known = SOURCE_NOTES.get(note);
  if (known) return known[getLang()];
  return getLang() === "en" ? note : null;
}
