/**
 * The inputs a run used, in the planner's terms: the scenario as run (the shipped or inline scenario
 * with the run's overrides applied), what each override changed (value used and the scenario's own),
 * the assumed inputs with the values used and whether the run changed them, and the calendar window
 * that was simulated and measured. Read by the dashboard and the HTML report, so an edited run never
 * shows the unedited scenario's values.
 */
import { applyOverrides, type Scenario } from "../scenario/index.js";
import { loadShipped, parseInline, type ScenarioRefInput, scenarioProblem } from "./scenarios.js";

/** One override of a run: the value used and the scenario's own value at that path. */
export interface InputChange {
  path: string;
  value: unknown;
  /** The scenario's value before the override (undefined when the path was not set). */
  was: unknown;
}

/** One assumed input with the value the run used. */
export interface AssumedInput {
  path: string;
  value: unknown;
  note: string | null;
  /** True when the run's overrides changed this input (it is then the planner's value, not an assumption). */
  changed: boolean;
}

/** The calendar of a run: simulated and measured days as ISO dates, and the scenario's seasons. */
export interface RunCalendar {
  /** First simulated day. */
  startDate: string;
  /** First measured day (after the warm-up). */
  measuredFrom: string;
  /** Last measured (and simulated) day, inclusive. */
  measuredTo: string;
  horizonDays: number;
  warmupDays: number;
  seasons: { name: string; from: string; to: string }[];
}

/** Everything about a run's inputs the dashboard shows. */
export interface RunInputs {
  scenario: Scenario;
  changes: InputChange[];
  assumed: AssumedInput[];
  calendar: RunCalendar;
}

/** The value at a dotted path of plain data. */
export function valueAt(data: unknown, path: string): unknown {
  let cur: unknown = data;
  for (const part of path.split(".")) {
    if (cur === null || typeof cur !== "object") return undefined;
    cur = (cur as Record<string, unknown>)[part];
  }
  return cur;
}

/** ISO date `days` after `iso` (UTC calendar arithmetic; simulated days have no time zone shifts). */
export function addDays(iso: string, days: number): string {
  const t = Date.parse(`${iso}T00:00:00Z`) + Math.floor(days) * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The calendar window of a scenario run for `horizonDays` (warm-up included) with `warmupDays` of warm-up. */
export function runCalendar(scenario: Scenario, horizonDays: number, warmupDays: number): RunCalendar {
  const startDate = scenario.calendar.startDate;
  return {
    startDate,
    measuredFrom: addDays(startDate, warmupDays),
    measuredTo: addDays(startDate, Math.ceil(horizonDays) - 1),
    horizonDays,
    warmupDays,
    seasons: scenario.seasons.map((s) => ({ name: s.name, from: s.from, to: s.to })),
  };
}

/** True when an override at `overridePath` sets `path` or something inside or around it. */
function touches(overridePath: string, path: string): boolean {
  return overridePath === path || overridePath.startsWith(`${path}.`) || path.startsWith(`${overridePath}.`);
}

/** The base scenario of a request (shipped or inline, before overrides). Throws ApiError. */
export function baseScenario(ref: ScenarioRefInput): Scenario {
  return typeof ref === "string" ? loadShipped(ref) : parseInline(ref, "scenario");
}

/** The inputs of a run request (`{scenario, overrides}`) run for the given horizon and warm-up. */
export function runInputs(
  request: { scenario: ScenarioRefInput; overrides?: Record<string, unknown> | undefined },
  horizonDays: number,
  warmupDays: number,
): RunInputs {
  const base = baseScenario(request.scenario);
  const overrides = request.overrides ?? {};
  let used = base;
  if (Object.keys(overrides).length > 0) {
    try {
      used = applyOverrides(base, overrides);
    } catch (e) {
      throw scenarioProblem(e, "overrides");
    }
  }
  const changes = Object.keys(overrides).map((path) => ({
    path,
    value: valueAt(used, path),
    was: valueAt(base, path),
  }));
  const assumed = Object.entries(used.sources)
    .filter(([, s]) => s.kind === "assumed")
    .map(([path, s]) => ({
      path,
      value: valueAt(used, path),
      note: s.note ?? null,
      changed: changes.some((c) => touches(c.path, path)),
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
  return { scenario: used, changes, assumed, calendar: runCalendar(used, horizonDays, warmupDays) };
}
