/**
 * Charts of a capacity analysis: trucks cleared against demand over the evaluated demand levels (each
 * with its 95 % interval), with the line where all demand is cleared, the band where the limit lies and
 * the clearance capacity under overload; and the backlog's daily growth against demand with the
 * tolerance that decides "sustainable".
 */
import { fmt, t } from "../i18n.js";
import { accessible, noData, num, numberTicks, Plot, STYLE } from "./common.js";

/** Colours of sustainable and unsustainable levels (green / red, as the utilization scale's ends). */
export const VERDICT_COLORS = { yes: "#15803d", no: "#b91c1c" };

/** One row per point: demand, cleared, growth, their intervals and the verdict. */
export function pointRows(points) {
  return (points ?? [])
    .map((p) => ({
      factor: p.factor,
      demand: num(p.demandPerDay?.mean),
      cleared: num(p.throughputPerDay?.mean),
      clearedLo: num(p.throughputPerDay?.ci95?.[0], num(p.throughputPerDay?.mean)),
      clearedHi: num(p.throughputPerDay?.ci95?.[1], num(p.throughputPerDay?.mean)),
      growth: num(p.unservedGrowthPerDay?.mean),
      growthLo: num(p.unservedGrowthPerDay?.ci95?.[0], num(p.unservedGrowthPerDay?.mean)),
      growthHi: num(p.unservedGrowthPerDay?.ci95?.[1], num(p.unservedGrowthPerDay?.mean)),
      tolerance: num(p.growthTolerancePerDay),
      sustainable: p.sustainable === true,
    }))
    .filter((r) => r.demand !== null && r.cleared !== null)
    .sort((a, b) => a.demand - b.demand);
}

/**
 * The demand band where the limit lies, between the levels at the two demand factors of the search's
 * bracket (the report's sustainable and unsustainable points, or the bracket so far), or null.
 */
export function boundaryBand(rows, bracket) {
  const lo = rows.find((r) => r.factor === bracket?.lo);
  const hi = rows.find((r) => r.factor === bracket?.hi);
  return lo && hi ? { x1: lo.demand, x2: hi.demand } : null;
}

/**
 * Cleared against demand, with the all-cleared diagonal, the limit band (`bracket`: `{ lo, hi }` demand
 * factors) and the clearance capacity line (`capacity`, trucks a day, or null).
 */
export function capacityChart(points, { capacity, bracket }, width) {
  const rows = pointRows(points);
  if (rows.length === 0) return noData();
  const band = boundaryBand(rows, bracket);
  const top = Math.max(...rows.map((r) => Math.max(r.demand, r.clearedHi)));
  const diagonal = [
    { x: 0, y: 0 },
    { x: top, y: top },
  ];
  const verdict = (r) => (r.sustainable ? t("sustainableYes") : t("sustainableNo"));
  const marks = [
    band ? Plot.rectX([band], { x1: "x1", x2: "x2", fill: "#f59e0b", fillOpacity: 0.18 }) : null,
    band
      ? Plot.text([band], {
          x: (d) => (d.x1 + d.x2) / 2,
          frameAnchor: "top",
          dy: 4,
          text: () => t("boundaryLabel"),
          fill: "#92400e",
          fontSize: 12,
        })
      : null,
    Plot.line(diagonal, { x: "x", y: "y", stroke: "#6b7280", strokeDasharray: "5,4" }),
    Plot.text([diagonal[1]], {
      x: "x",
      y: "y",
      text: () => t("allCleared"),
      textAnchor: "end",
      dx: -4,
      dy: -8,
      fill: "#374151",
      fontSize: 12,
    }),
    capacity !== null ? Plot.ruleY([capacity], { stroke: "#b91c1c", strokeWidth: 1.5 }) : null,
    capacity !== null
      ? Plot.text([capacity], {
          y: (d) => d,
          frameAnchor: "left",
          dx: 6,
          dy: 10,
          text: (d) => t("capacityLine", { n: fmt(d, 0) }),
          fill: "#b91c1c",
          fontSize: 12,
        })
      : null,
    Plot.ruleX(rows, { x: "demand", y1: "clearedLo", y2: "clearedHi", stroke: "#1f2937", strokeWidth: 1.5 }),
    Plot.line(rows, { x: "demand", y: "cleared", stroke: "#1f6fb2", strokeWidth: 1.5 }),
    Plot.dot(rows, {
      x: "demand",
      y: "cleared",
      r: 5,
      fill: (r) => (r.sustainable ? VERDICT_COLORS.yes : VERDICT_COLORS.no),
      stroke: "#fff",
      title: (r) =>
        `${fmt(r.factor * 100, 0)} %: ${fmt(r.demand, 0)} → ${fmt(r.cleared, 0)} [${fmt(r.clearedLo, 0)}, ${fmt(r.clearedHi, 0)}] · ${verdict(r)}`,
    }),
  ].filter(Boolean);
  return accessible(
    Plot.plot({
      width,
      height: 340,
      marginLeft: 64,
      marginBottom: 44,
      style: STYLE,
      x: { label: t("demandAxis"), grid: true, zero: true, nice: true, tickFormat: numberTicks },
      y: { label: t("clearedAxis"), grid: true, zero: true, nice: true, tickFormat: numberTicks },
      color: { type: "identity" },
      marks,
    }),
    t("capacityChartAlt", {
      list: rows.map((r) => `${fmt(r.demand, 0)} → ${fmt(r.cleared, 0)} (${verdict(r)})`).join(", "),
    }),
  );
}

/** The backlog's daily growth against demand, with its intervals and the tolerance. */
export function growthChart(points, width) {
  const rows = pointRows(points).filter((r) => r.growth !== null);
  if (rows.length === 0) return noData();
  const tolerance = rows.map((r) => ({ x: r.demand, y: r.tolerance })).filter((d) => d.y !== null);
  return accessible(
    Plot.plot({
      width,
      height: 260,
      marginLeft: 64,
      marginBottom: 44,
      style: STYLE,
      x: { label: t("demandAxis"), grid: true, nice: true, tickFormat: numberTicks },
      y: { label: t("growthAxis"), grid: true, nice: true, tickFormat: numberTicks },
      color: { type: "identity" },
      marks: [
        Plot.ruleY([0], { stroke: "#9ca3af" }),
        Plot.line(tolerance, { x: "x", y: "y", stroke: "#92400e", strokeDasharray: "5,4" }),
        Plot.text(tolerance.slice(-1), {
          x: "x",
          y: "y",
          text: () => t("toleranceLabel"),
          textAnchor: "end",
          dy: -8,
          fill: "#92400e",
          fontSize: 12,
        }),
        Plot.ruleX(rows, { x: "demand", y1: "growthLo", y2: "growthHi", stroke: "#1f2937", strokeWidth: 1.5 }),
        Plot.dot(rows, {
          x: "demand",
          y: "growth",
          r: 4,
          fill: (r) => (r.sustainable ? VERDICT_COLORS.yes : VERDICT_COLORS.no),
          title: (r) => `${fmt(r.demand, 0)}: ${fmt(r.growth, 1)} [${fmt(r.growthLo, 1)}, ${fmt(r.growthHi, 1)}]`,
        }),
      ],
    }),
    t("growthChartAlt", { list: rows.map((r) => `${fmt(r.demand, 0)} → ${fmt(r.growth, 1)}`).join(", ") }),
  );
}
