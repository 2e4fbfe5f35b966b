/**
 * What every chart shares: the colours (one per direction, the same in every chart), the chart style
 * (font sizes, margins), number and date ticks in the page's language, the unit a figure is shown in
 * (the same in charts and tables), and season windows on time axes.
 */
import { fmt, fmtDate, getLang, t } from "../i18n.js";
import { seasonName } from "../names.js";

/** The chart libraries' globals, set once charts/libraries.js has loaded them (live bindings). */
export let { Plot, d3, uPlot } = globalThis;

/** Called by charts/libraries.js when the libraries' scripts have run. */
export function chartLibrariesLoaded() {
  ({ Plot, d3, uPlot } = globalThis);
}

/** Direction colours, used the same way in every chart. */
export const COLORS = { export: "#1f6fb2", import: "#b4430b", arrivals: "#4b5563", season: "#b45309" };

/** One style for every chart: legible labels (12 px and up), the page's font. */
export const STYLE = { fontSize: "12px", fontFamily: "inherit", overflow: "visible" };

/** A finite number or the fallback (JSON turns ±Infinity and NaN into null). */
export function num(x, fallback = null) {
  return typeof x === "number" && Number.isFinite(x) ? x : fallback;
}

/** A "no data" note in place of a chart. */
export function noData() {
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = t("noData");
  return p;
}

/** Tick labels of a number axis in the page's language. */
export const numberTicks = (x) => fmt(x);

/** Tick labels of a date axis (UTC ms) in the page's language: "19 thg 1" / "19 Jan". */
export const dateTicks = (x) => fmtDate(x, { day: "numeric", month: getLang() === "vi" ? "numeric" : "short" });

/** UTC ms of an ISO date plus `days`. */
export function dayMs(iso, days = 0) {
  return Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000;
}

/**
 * The unit a run's durations are shown in, everywhere in a view: hours when the typical truck takes
 * two hours or more, else minutes. `scale` multiplies minutes.
 */
export function timeUnit(kpis) {
  const typical = num(kpis?.timeInSystemMinutesP50?.mean) ?? num(kpis?.timeInSystemMinutesMean?.mean) ?? 0;
  return typical >= 120
    ? { scale: 1 / 60, key: "hours", unit: "hours" }
    : { scale: 1, key: "minutes", unit: "minutes" };
}

/** How a KPI is displayed: the factor from its stored unit and the unit shown. */
export function displayOf(unit, time) {
  if (unit === "share") return { scale: 100, unit: "share" };
  if (unit === "minutes") return { scale: time.scale, unit: time.unit };
  return { scale: 1, unit };
}

/** Colour of a season window by its kind: Tết (closure) red, around Tết amber, fruit green. */
export function seasonColor(name) {
  if (/pre-?tet|post-?tet/i.test(name)) return "#d97706";
  if (/tet/i.test(name)) return "#b91c1c";
  if (/fruit/i.test(name)) return "#15803d";
  return "#6b7280";
}

/** Season windows overlapping [fromMs, toMs), clipped, with their planner names, colours and label rows. */
export function seasonWindows(calendar, fromMs, toMs) {
  return (calendar?.seasons ?? [])
    .map((s) => ({
      name: seasonName(s.name),
      color: seasonColor(s.name),
      x1: Math.max(fromMs, dayMs(s.from)),
      x2: Math.min(toMs, dayMs(s.to, 1)),
    }))
    .filter((s) => s.x2 > s.x1)
    .map((s, i) => ({ ...s, row: i % 2 }));
}

/** Plot marks that shade season windows and name them along the top. */
export function seasonMarks(windows) {
  if (windows.length === 0) return [];
  return [
    Plot.rectX(windows, { x1: "x1", x2: "x2", fill: "color", fillOpacity: 0.12 }),
    // Neighbouring windows' names on two rows, so they never overlap.
    ...[0, 1].map((row) =>
      Plot.text(
        windows.filter((d) => d.row === row),
        {
          x: (d) => (d.x1 + d.x2) / 2,
          frameAnchor: "top",
          dy: 4 + row * 15,
          text: "name",
          fill: "#1f2937",
          fontSize: 12,
        },
      ),
    ),
  ];
}

/**
 * Makes a Plot chart one image for assistive technology, named in the page's language: Plot labels
 * its inner groups in English ("x-axis tick", "dot"), which would be read out on a Vietnamese page.
 */
export function accessible(node, label) {
  const svgs = node.tagName?.toLowerCase() === "svg" ? [node] : [...node.querySelectorAll("svg")];
  for (const svg of svgs) {
    for (const g of svg.querySelectorAll("[aria-label]")) {
      g.dataset.mark = g.getAttribute("aria-label");
      g.removeAttribute("aria-label");
    }
    for (const g of svg.querySelectorAll("[aria-description]")) g.removeAttribute("aria-description");
  }
  const main = svgs.find((s) => s.hasAttribute("viewBox")) ?? svgs[0];
  if (main) {
    main.setAttribute("role", "img");
    main.setAttribute("aria-label", label);
  }
  for (const s of svgs) if (s !== main) s.setAttribute("aria-hidden", "true");
  return node;
}
