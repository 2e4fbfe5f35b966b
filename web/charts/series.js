/**
 * Charts over time and of durations: daily throughput by direction (Observable Plot, calendar dates,
 * seasons shaded), queue lengths through the measured window (uPlot canvas with a text alternative),
 * and the distribution of time in system from the reported quantiles.
 */
import { fmt, fmtDate, t } from "../i18n.js";
import { kpiName } from "../names.js";
import {
  accessible,
  COLORS,
  dateTicks,
  dayMs,
  noData,
  num,
  numberTicks,
  Plot,
  STYLE,
  seasonMarks,
  seasonWindows,
  uPlot,
} from "./common.js";

/** Mean of a series' daily means in chart rows. */
function avg(rows, series) {
  const xs = rows.filter((r) => r.series === series).map((r) => r.mean);
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : null;
}

/** Daily cleared trucks by direction on calendar dates: mean lines with their 95 % bands, seasons shaded. */
export function dailyThroughputChart(daily, calendar, width) {
  const series = [
    ["exportCleared", COLORS.export],
    ["importCleared", COLORS.import],
  ].filter(([name]) => daily?.[name]?.mean?.length > 0);
  if (series.length === 0) return noData();
  const rows = [];
  for (const [name] of series) {
    const s = daily[name];
    s.mean.forEach((m, i) => {
      const mean = num(m, 0);
      const date = dayMs(calendar.measuredFrom, i);
      // Trucks counted are never negative: a wide interval from few replications is cut at 0.
      rows.push({ date, series: t(name), mean, lo: Math.max(0, num(s.lo?.[i], mean)), hi: num(s.hi?.[i], mean) });
    });
  }
  const from = dayMs(calendar.measuredFrom);
  const to = Math.max(...rows.map((r) => r.date));
  return accessible(
    Plot.plot({
      width,
      height: 300,
      marginLeft: 60,
      marginBottom: 40,
      style: STYLE,
      x: {
        type: "utc",
        label: t("date"),
        domain: [from, Math.max(to, from + 86_400_000)],
        tickFormat: dateTicks,
        ticks: 6,
      },
      y: { label: t("trucksPerDay"), grid: true, zero: true, tickFormat: numberTicks },
      color: { legend: true, domain: series.map(([n]) => t(n)), range: series.map(([, c]) => c) },
      marks: [
        ...seasonMarks(seasonWindows(calendar, from, to + 86_400_000)),
        Plot.areaY(rows, { x: "date", y1: "lo", y2: "hi", fill: "series", fillOpacity: 0.18 }),
        Plot.lineY(rows, { x: "date", y: "mean", stroke: "series", strokeWidth: 2.5 }),
        Plot.dot(rows, {
          x: "date",
          y: "mean",
          fill: "series",
          r: 3,
          title: (d) => `${d.series}, ${fmtDate(d.date)}: ${fmt(d.mean)} [${fmt(d.lo)}, ${fmt(d.hi)}]`,
        }),
        Plot.ruleY([0]),
      ],
    }),
    t("dailyChartAlt", {
      from: dateTicks(from),
      to: dateTicks(to),
      exp: fmt(avg(rows, t("exportCleared"))),
      imp: fmt(avg(rows, t("importCleared"))),
    }),
  );
}

const QUANTILES = [
  ["timeInSystemMinutesP50", 50, "P50"],
  ["timeInSystemMinutesP95", 95, "P95"],
  ["timeInSystemMinutesP99", 99, "P99"],
  ["timeInSystemMinutesMax", 100, "max"],
];

/**
 * Distribution of time in system drawn from the quantiles the report gives: the share of trucks
 * through within x (a cumulative curve through P50, P95, P99 and the longest), each point with its
 * 95 % interval, and the mean as a dashed rule. `time` is the view's time unit (hours or minutes).
 */
export function timeInSystemChart(kpis, time, width) {
  const points = QUANTILES.filter(([k]) => num(kpis?.[k]?.mean) !== null).map(([k, p, label]) => ({
    k,
    p,
    label: label === "max" ? t("longestShort") : label,
    minutes: kpis[k].mean,
    lo: num(kpis[k].ci95?.[0], kpis[k].mean),
    hi: num(kpis[k].ci95?.[1], kpis[k].mean),
  }));
  if (points.length === 0) return noData();
  const scale = time.scale;
  const rows = points.map((d) => ({ ...d, x: d.minutes * scale, xlo: Math.max(0, d.lo * scale), xhi: d.hi * scale }));
  const line = [{ x: 0, p: 0 }, ...rows];
  const mean = num(kpis?.timeInSystemMinutesMean?.mean);
  const unit = t(time.key);
  // Point labels carry their unit in the page's language ("P95 10 h", "P95 10 giờ").
  const withUnit = (x) => t(time.key === "hours" ? "hoursShort" : "minutesShort", { n: fmt(x) });
  return accessible(
    Plot.plot({
      width,
      height: 300,
      marginLeft: 60,
      marginRight: 30,
      marginBottom: 40,
      style: STYLE,
      x: {
        label: `${t("timeInSystem")} (${unit.toLowerCase()})`,
        grid: true,
        domain: [0, Math.max(...rows.map((d) => d.xhi), ...(mean === null ? [] : [mean * scale])) * 1.04],
        clamp: true,
        tickFormat: numberTicks,
      },
      y: { label: t("shareThrough"), domain: [0, 105], ticks: [0, 25, 50, 75, 95, 100], tickFormat: numberTicks },
      marks: [
        Plot.areaY(line, { x: "x", y: "p", fill: COLORS.export, fillOpacity: 0.08, curve: "monotone-x" }),
        Plot.lineY(line, { x: "x", y: "p", stroke: COLORS.export, strokeWidth: 2, curve: "monotone-x" }),
        Plot.ruleY(rows, { y: "p", x1: "xlo", x2: "xhi", stroke: COLORS.export, strokeWidth: 6, strokeOpacity: 0.35 }),
        Plot.dot(rows, {
          x: "x",
          y: "p",
          r: 4.5,
          fill: COLORS.export,
          title: (d) => `${kpiName(d.k)}: ${fmt(d.x)} ${unit.toLowerCase()} [${fmt(d.xlo)}, ${fmt(d.xhi)}]`,
        }),
        Plot.text(
          rows.filter((d) => d.p <= 95),
          {
            x: "x",
            y: "p",
            text: (d) => `${d.label} ${withUnit(d.x)}`,
            dy: -12,
            dx: -4,
            textAnchor: "end",
            fontSize: 12,
          },
        ),
        Plot.text(
          rows.filter((d) => d.p > 95),
          {
            x: "x",
            y: "p",
            text: (d) => `${d.label} ${withUnit(d.x)}`,
            dy: 14,
            dx: 6,
            textAnchor: "start",
            fontSize: 12,
          },
        ),
        mean === null
          ? null
          : Plot.ruleX([mean * scale], { stroke: COLORS.import, strokeDasharray: "5,4", strokeWidth: 1.5 }),
        mean === null
          ? null
          : Plot.text([mean * scale], {
              x: (d) => d,
              y: 8,
              text: () => `${t("meanLabel")} ${withUnit(mean * scale)}`,
              dx: 6,
              textAnchor: "start",
              fill: COLORS.import,
              fontSize: 12,
            }),
        Plot.ruleY([0]),
      ],
    }),
    t("tisChartAlt", {
      p50: fmt(rows[0]?.x),
      mean: fmt(mean === null ? null : mean * scale),
      unit: unit.toLowerCase(),
    }),
  );
}

/** A one-sentence text alternative of a sampled series: mean, and the highest value with its date. */
export function seriesSummary(label, band, stepMinutes, calendar) {
  const mean = (band?.mean ?? []).map((x) => num(x, 0));
  if (mean.length === 0) return `${label}: ${t("noData")}`;
  let iMax = 0;
  mean.forEach((x, i) => {
    if (x > mean[iMax]) iMax = i;
  });
  const avg = mean.reduce((a, b) => a + b, 0) / mean.length;
  const at = dayMs(calendar.measuredFrom) + iMax * stepMinutes * 60_000;
  return t("seriesSummary", {
    label,
    mean: fmt(avg),
    max: fmt(mean[iMax]),
    date: fmtDate(at, { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" }),
  });
}

/**
 * A sampled series (queue length over time) with its 95 % band, drawn by uPlot on calendar time,
 * seasons shaded. The element carries a text alternative; the chart is kept on `el.uplot`.
 */
export function queueChart(band, stepMinutes, label, color, calendar, width) {
  const el = document.createElement("div");
  el.className = "uplot-wrap";
  el.setAttribute("role", "img");
  const step = num(stepMinutes, 60);
  el.setAttribute("aria-label", seriesSummary(label, band, step, calendar));
  if (!band?.mean?.length) {
    el.append(noData());
    return el;
  }
  const n = band.mean.length;
  const t0 = dayMs(calendar.measuredFrom) / 1000;
  const x = Array.from({ length: n }, (_, i) => t0 + i * step * 60);
  const clean = (arr, fb) => Array.from({ length: n }, (_, i) => num(arr?.[i], num(fb?.[i], null)));
  const data = [x, clean(band.hi, band.mean), clean(band.mean), clean(band.lo, band.mean)];
  const value = (_u, v) => (v === null || v === undefined ? "–" : fmt(v, 1));
  const seasons = seasonWindows(calendar, t0 * 1000, (x[n - 1] + step * 60) * 1000);
  const axisFont = "12px system-ui, sans-serif";
  const opts = {
    width,
    height: 240,
    tzDate: (ts) => uPlot.tzDate(new Date(ts * 1000), "Etc/UTC"),
    scales: { x: { time: true }, y: { range: (_u, min, max) => [0, Math.max(1, max * 1.05, min)] } },
    series: [
      {
        label: t("date"),
        value: (_u, v) =>
          v == null ? "–" : fmtDate(v * 1000, { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit" }),
      },
      { label: t("band95Upper"), stroke: `${color}66`, width: 1, value },
      { label: t("meanLabel"), stroke: color, width: 2, value },
      { label: t("band95Lower"), stroke: `${color}66`, width: 1, value },
    ],
    bands: [{ series: [1, 3], fill: `${color}33` }],
    axes: [
      {
        label: t("date"),
        stroke: "#374151",
        font: axisFont,
        labelFont: axisFont,
        grid: { stroke: "#e5e7eb" },
        space: 64,
        values: (_u, splits) => splits.map((s) => dateTicks(s * 1000)),
      },
      {
        label: t("trucks"),
        stroke: "#374151",
        font: axisFont,
        labelFont: axisFont,
        grid: { stroke: "#e5e7eb" },
        size: 60,
        values: (_u, splits) => splits.map((s) => fmt(s)),
      },
    ],
    hooks: {
      drawClear: [
        (u) => {
          const ctx = u.ctx;
          ctx.save();
          ctx.globalAlpha = 0.12;
          for (const s of seasons) {
            ctx.fillStyle = s.color;
            const a = u.valToPos(s.x1 / 1000, "x", true);
            const b = u.valToPos(s.x2 / 1000, "x", true);
            ctx.fillRect(a, u.bbox.top, b - a, u.bbox.height);
          }
          ctx.restore();
        },
      ],
    },
    legend: { live: true },
  };
  el.uplot = new uPlot(opts, data, el);
  return el;
}
