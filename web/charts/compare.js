/**
 * The comparison chart and the judgement it shows: for each key figure, the relative change against
 * the reference with its 95 % interval, on a linear, labelled percent scale; green where the change is
 * better, red where worse, grey where it is not significant or too small to matter in practice.
 */
import { fmt, fmtSigned, t } from "../i18n.js";
import { betterOf, kpiName } from "../names.js";
import { accessible, noData, num, Plot, STYLE } from "./common.js";

/** Key figures of a comparison, in this order, with which way is better. */
export const KEY_FIGURES = [
  ["timeInSystemMinutesMean", "lower"],
  ["nh1aQueueTrucksMean", "lower"],
  ["throughputPerDay", "higher"],
  ["exportThroughputPerDay", "higher"],
  ["importThroughputPerDay", "higher"],
  ["timeInSystemMinutesP95", "lower"],
  ["yardOccupancyMean", "lower"],
  ["backlogEndOfDayMean", "lower"],
  ["idleTruckHoursPerDay", "lower"],
  ["perishableOverThresholdShare", "lower"],
];

/** KPIs shown first in comparison tables. */
export const COMPARE_KPIS = KEY_FIGURES.map(([k]) => k);

/** Which way is better for a KPI ("higher", "lower"), or null when neither is. */
export function betterWay(name) {
  const key = KEY_FIGURES.find(([k]) => k === name);
  if (key) return key[1];
  const glossary = betterOf(name);
  if (glossary) return glossary;
  if (/throughput|cleared|OnTime|partnersPerDay/i.test(name)) return "higher";
  if (
    /time|wait|queue|occupancy|backlog|idle|co2|perishable|lost|missed|noShows|dwell|unmatched|violations/i.test(name)
  )
    return "lower";
  return null;
}

/**
 * The verdict on one paired difference: "better" or "worse" (significant and at least `practical`
 * percent), "small" (significant but under it), "unchanged" (not significant), or "changed" when the
 * figure has no better way.
 */
export function verdict(name, k, practicalPercent) {
  if (!k?.significant) return "unchanged";
  const rel = num(k.relativeDiff);
  if (rel !== null && Math.abs(rel * 100) < practicalPercent) return "small";
  const way = betterWay(name);
  if (way === null) return "changed";
  const up = num(k.diffMean, 0) > 0;
  return (way === "higher") === up ? "better" : "worse";
}

/** Colour of a verdict. */
export const VERDICT_COLOR = {
  better: "#15803d",
  worse: "#b91c1c",
  small: "#6b7280",
  unchanged: "#6b7280",
  changed: "#1f6fb2",
};

/** Relative differences against the reference, one row per key figure and compared run. */
export function differencesChart(differences, practicalPercent, width) {
  const rows = [];
  for (const d of differences ?? []) {
    for (const name of COMPARE_KPIS) {
      const k = d.kpis?.[name];
      const a = num(k?.meanA);
      if (!k || a === null || a === 0) continue;
      const base = Math.abs(a);
      rows.push({
        kpi: kpiName(name),
        run: d.label,
        rel: (num(k.diffMean, 0) / base) * 100,
        lo: (num(k.ci95?.[0], k.diffMean) / base) * 100,
        hi: (num(k.ci95?.[1], k.diffMean) / base) * 100,
        verdict: verdict(name, k, practicalPercent),
      });
    }
  }
  if (rows.length === 0) return noData();
  // A linear scale, symmetric around 0, at least ±10 %, at most ±100 %: beyond it a value is clipped and says so.
  const extent = Math.min(100, Math.max(10, ...rows.map((r) => Math.max(Math.abs(r.lo), Math.abs(r.hi)))) * 1.1);
  const clip = (x) => Math.max(-extent, Math.min(extent, x));
  for (const r of rows) {
    r.x = clip(r.rel);
    r.x1 = clip(r.lo);
    r.x2 = clip(r.hi);
    r.clipped = r.rel !== r.x;
  }
  const runs = [...new Set(rows.map((r) => r.run))];
  const narrow = width < 520;
  return accessible(
    Plot.plot({
      width,
      height: 70 + new Set(rows.map((r) => r.kpi)).size * 32 * Math.max(1, runs.length * 0.7),
      marginLeft: narrow ? 150 : 260,
      marginRight: 40,
      marginBottom: 44,
      style: STYLE,
      x: {
        label: t("relativeDiffAxis"),
        domain: [-extent, extent],
        grid: true,
        ticks: 8,
        tickFormat: (v) => `${fmtSigned(v, 0)} %`,
      },
      y: {
        label: null,
        domain: [...new Set(rows.map((r) => r.kpi))],
        tickFormat: (l) => (narrow && l.length > 24 ? `${l.slice(0, 23)}…` : l),
      },
      fy: runs.length > 1 ? { label: null } : undefined,
      marks: [
        Plot.ruleX([0], { stroke: "#111827", strokeWidth: 1.5 }),
        Plot.ruleY(rows, {
          y: "kpi",
          x1: "x1",
          x2: "x2",
          stroke: (d) => VERDICT_COLOR[d.verdict],
          strokeWidth: 3,
          strokeOpacity: 0.6,
          fy: runs.length > 1 ? "run" : undefined,
        }),
        Plot.dot(rows, {
          y: "kpi",
          x: "x",
          r: 6,
          fill: (d) => VERDICT_COLOR[d.verdict],
          stroke: "white",
          fy: runs.length > 1 ? "run" : undefined,
          title: (d) =>
            `${d.kpi} (${d.run}): ${fmtSigned(d.rel, 1)} % [${fmtSigned(d.lo, 1)}, ${fmtSigned(d.hi, 1)}] · ${t(`verdict_${d.verdict}`)}`,
        }),
        // A value beyond the scale is written next to the edge it is clipped at.
        ...[
          [(d) => d.rel > 0, -30],
          [(d) => d.rel < 0, 30],
        ].map(([side, dx]) =>
          Plot.text(
            rows.filter((d) => d.clipped && side(d)),
            {
              y: "kpi",
              x: "x",
              text: (d) => `${fmtSigned(d.rel, 0)} %`,
              dx,
              dy: -10,
              fontSize: 12,
              fy: runs.length > 1 ? "run" : undefined,
            },
          ),
        ),
      ],
    }),
    t("pairedDiffsNote"),
  );
}

/** "−1,7 h (−29 %)": the change of a figure in its display unit and relative to the reference. */
export function changeText(k, display, unitLabel = "") {
  const abs = `${fmtSigned(num(k.diffMean, 0) * display.scale)}${unitLabel ? ` ${unitLabel}` : ""}`;
  const rel = num(k.relativeDiff);
  return rel === null ? abs : `${abs} (${fmtSigned(rel * 100, Math.abs(rel) < 0.1 ? 1 : 0)} %)`;
}

/** Absolute figure in display units. */
export function shown(x, display) {
  return typeof x === "number" ? fmt(x * display.scale) : "–";
}
