/**
 * Charts of a run's report: Observable Plot (SVG) for statistical charts, uPlot (canvas) for the dense
 * queue traces, and the gate schematic as inline SVG. The UMD bundles put `Plot`, `d3` and `uPlot`
 * on `globalThis` (see index.html). Every function takes report data and returns a DOM node.
 */
import { fmt, kpiName, t } from "./i18n.js";

const { Plot, d3, uPlot } = globalThis;

/** Direction colours, used the same way in every chart. */
export const COLORS = { export: "#1f6fb2", import: "#c2410c", arrivals: "#6b7280", backlog: "#7c3aed" };

/** A finite number or the fallback (JSON turns ±Infinity and NaN into null). */
function num(x, fallback = null) {
  return typeof x === "number" && Number.isFinite(x) ? x : fallback;
}

function note(text) {
  const p = document.createElement("p");
  p.className = "empty";
  p.textContent = text;
  return p;
}

/** Daily cleared trucks by direction: mean lines with their 95 % bands. */
export function dailyThroughputChart(daily, width) {
  const series = [
    ["exportCleared", COLORS.export],
    ["importCleared", COLORS.import],
  ].filter(([name]) => daily?.[name]?.mean?.length > 0);
  if (series.length === 0) return note(t("noData"));
  const rows = [];
  for (const [name] of series) {
    const s = daily[name];
    s.mean.forEach((m, i) => {
      const mean = num(m, 0);
      rows.push({ day: i + 1, series: t(name), mean, lo: num(s.lo?.[i], mean), hi: num(s.hi?.[i], mean) });
    });
  }
  const days = rows.reduce((a, r) => Math.max(a, r.day), 1);
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 56,
    marginBottom: 40,
    x: {
      label: t("day"),
      domain: [1, Math.max(2, days)],
      ticks: days <= 15 ? d3.range(1, days + 1) : 10,
      tickFormat: "d",
    },
    y: { label: t("trucksPerDay"), grid: true, zero: true },
    color: { legend: true, domain: series.map(([n]) => t(n)), range: series.map(([, c]) => c) },
    marks: [
      Plot.areaY(rows, { x: "day", y1: "lo", y2: "hi", fill: "series", fillOpacity: 0.18 }),
      Plot.lineY(rows, { x: "day", y: "mean", stroke: "series", strokeWidth: 2.5 }),
      Plot.dot(rows, {
        x: "day",
        y: "mean",
        fill: "series",
        r: 3,
        title: (d) => `${d.series}, ${t("day")} ${d.day}: ${fmt(d.mean)} [${fmt(d.lo)}, ${fmt(d.hi)}]`,
      }),
      Plot.ruleY([0]),
    ],
  });
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
 * 95 % interval as a horizontal bar, and the mean as a dashed rule.
 */
export function timeInSystemChart(kpis, width) {
  const points = QUANTILES.filter(([k]) => num(kpis?.[k]?.mean) !== null).map(([k, p, label]) => ({
    k,
    p,
    label,
    minutes: kpis[k].mean,
    lo: num(kpis[k].ci95?.[0], kpis[k].mean),
    hi: num(kpis[k].ci95?.[1], kpis[k].mean),
  }));
  if (points.length === 0) return note(t("noData"));
  const maxMinutes = Math.max(...points.map((d) => d.hi));
  const inHours = maxMinutes > 600;
  const scale = inHours ? 1 / 60 : 1;
  const rows = points.map((d) => ({ ...d, x: d.minutes * scale, xlo: Math.max(0, d.lo * scale), xhi: d.hi * scale }));
  const line = [{ x: 0, p: 0 }, ...rows];
  const mean = num(kpis?.timeInSystemMinutesMean?.mean);
  const unit = inHours ? t("hours") : t("minutes");
  return Plot.plot({
    width,
    height: 300,
    marginLeft: 56,
    marginRight: 30,
    marginBottom: 40,
    x: {
      label: `${t("timeInSystem")} (${unit.toLowerCase()})`,
      grid: true,
      domain: [0, Math.max(...rows.map((d) => d.xhi), ...(mean === null ? [] : [mean * scale])) * 1.04],
      clamp: true,
    },
    y: { label: t("shareThrough"), domain: [0, 105], ticks: [0, 25, 50, 75, 95, 100] },
    marks: [
      Plot.areaY(line, { x: "x", y: "p", fill: COLORS.export, fillOpacity: 0.08, curve: "monotone-x" }),
      Plot.lineY(line, { x: "x", y: "p", stroke: COLORS.export, strokeWidth: 2, curve: "monotone-x" }),
      Plot.ruleY(rows, { y: "p", x1: "xlo", x2: "xhi", stroke: COLORS.export, strokeWidth: 6, strokeOpacity: 0.35 }),
      Plot.dot(rows, {
        x: "x",
        y: "p",
        r: 4.5,
        fill: COLORS.export,
        title: (d) => `${kpiName(d.k)}: ${fmt(d.x)} ${unit} [${fmt(d.xlo)}, ${fmt(d.xhi)}]`,
      }),
      // P95 and P99 sit close together: P99 and the longest are labelled below-right, the others above-left.
      Plot.text(
        rows.filter((d) => d.p <= 95),
        { x: "x", y: "p", text: (d) => `${d.label} ${fmt(d.x)}`, dy: -12, dx: -4, textAnchor: "end", fontSize: 11 },
      ),
      Plot.text(
        rows.filter((d) => d.p > 95),
        { x: "x", y: "p", text: (d) => `${d.label} ${fmt(d.x)}`, dy: 14, dx: 6, textAnchor: "start", fontSize: 11 },
      ),
      mean === null
        ? null
        : Plot.ruleX([mean * scale], { stroke: COLORS.import, strokeDasharray: "5,4", strokeWidth: 1.5 }),
      mean === null
        ? null
        : Plot.text([mean * scale], {
            x: (d) => d,
            y: 8,
            text: () => `${t("meanLabel")} ${fmt(mean * scale)}`,
            dx: 6,
            textAnchor: "start",
            fill: COLORS.import,
            fontSize: 11,
          }),
      Plot.ruleY([0]),
    ],
  });
}

/** Stages that have servers (holding areas, delays and sinks report zero utilization and no wait). */
function serverStages(stages) {
  return Object.entries(stages ?? {}).filter(
    ([, s]) =>
      num(s.utilization?.mean, 0) > 0 || num(s.waitMinutesMean?.mean, 0) > 0 || num(s.queueLengthMax?.mean, 0) > 0,
  );
}

/** Stage utilization as bars (percent) with 95 % intervals, coloured like the schematic. */
export function utilizationChart(stages, width) {
  const rows = serverStages(stages).map(([id, s]) => {
    const u = num(s.utilization?.mean, 0) * 100;
    return {
      stage: id,
      util: u,
      lo: Math.max(0, num(s.utilization?.ci95?.[0], u / 100) * 100),
      hi: Math.min(100, num(s.utilization?.ci95?.[1], u / 100) * 100),
      wait: num(s.waitMinutesMean?.mean, 0),
    };
  });
  if (rows.length === 0) return note(t("noData"));
  const names = stageNames(rows.map((r) => r.stage));
  for (const r of rows) r.label = names[r.stage];
  rows.sort((a, b) => b.util - a.util);
  return Plot.plot({
    width,
    height: 40 + rows.length * 26,
    marginLeft: 210,
    marginRight: 50,
    x: { label: t("utilizationPct"), domain: [0, 100], grid: true },
    y: { label: null, domain: rows.map((r) => r.label) },
    color: { type: "identity" },
    marks: [
      Plot.barX(rows, {
        y: "label",
        x: "util",
        fill: (d) => heat(d.util / 100),
        title: (d) => `${d.label} (${d.stage}): ${fmt(d.util, 1)} % [${fmt(d.lo, 1)}, ${fmt(d.hi, 1)}]`,
      }),
      Plot.ruleY(rows, { y: "label", x1: "lo", x2: "hi", stroke: "#111827", strokeWidth: 1.5 }),
      Plot.text(rows, {
        y: "label",
        x: "hi",
        text: (d) => `${fmt(d.util, 0)} %`,
        dx: 6,
        textAnchor: "start",
        fontSize: 11,
      }),
      Plot.ruleX([0]),
    ],
  });
}

/** Colour of a utilization share 0..1 (pale yellow → dark red), shared by the bars and the schematic. */
function heat(u) {
  return d3.interpolateYlOrRd(0.08 + 0.85 * Math.min(1, Math.max(0, u)));
}

/** Colour of a utilization share 0..1. */
export function utilColor(u) {
  return heat(u);
}

/**
 * A sampled series (queue length over time) with its 95 % band, drawn by uPlot into a new element.
 * Returns the element; the chart is kept on `el.uplot` so it can be resized or destroyed.
 */
export function queueChart(band, stepMinutes, label, color, width) {
  const el = document.createElement("div");
  el.className = "uplot-wrap";
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", `${label}: ${t("queuesNote")}`);
  if (!band?.mean?.length) {
    el.append(note(t("noData")));
    return el;
  }
  const step = num(stepMinutes, 60);
  const n = band.mean.length;
  const x = Array.from({ length: n }, (_, i) => (i * step) / 1440);
  const clean = (arr, fb) => Array.from({ length: n }, (_, i) => num(arr?.[i], num(fb?.[i], null)));
  const mean = clean(band.mean);
  const data = [x, clean(band.hi, band.mean), mean, clean(band.lo, band.mean)];
  const fill = `${color}33`;
  const value = (_u, v) => (v === null || v === undefined ? "–" : fmt(v, 1));
  const opts = {
    width,
    height: 240,
    scales: { x: { time: false }, y: { range: (_u, min, max) => [0, Math.max(1, max * 1.05, min)] } },
    series: [
      { label: t("day"), value: (_u, v) => (v === null || v === undefined ? "–" : fmt(v, 2)) },
      { label: "95 % ↑", stroke: `${color}66`, width: 1, value },
      { label: t("meanLabel"), stroke: color, width: 2, value },
      { label: "95 % ↓", stroke: `${color}66`, width: 1, value },
    ],
    bands: [{ series: [1, 3], fill }],
    axes: [
      { label: t("dayOfRun"), stroke: "#374151", grid: { stroke: "#e5e7eb" } },
      { label: t("trucks"), stroke: "#374151", grid: { stroke: "#e5e7eb" }, size: 56 },
    ],
    legend: { live: true },
  };
  el.uplot = new uPlot(opts, data, el);
  return el;
}

// ----- Gate schematic ---------------------------------------------------------------------------------

/**
 * Boxes of the schematic. `match` picks the report's stage ids for a box; ids are tested against the
 * boxes in this order and go to the first match, so specific names come before general ones.
 */
const BOXES = [
  { key: "icd", match: /icd|container.?yard/i },
  { key: "xray", match: /x-?ray|scan|image/i },
  { key: "inspection", match: /inspect|physical/i },
  { key: "quarantine", match: /quarantin|phyto|sps|lab|sampl/i },
  { key: "transship", match: /trans-?ship|tranship|transfer|dock/i },
  { key: "youyi", match: /youyi|china|chinese|accept|^cn|Cn[A-Z]/ },
  { key: "smartGate", match: /smart|gate/i },
  { key: "channels", match: /channel|customs|document|declar|yellow|review/i },
  { key: "nh1a", match: /nh1a|highway|approach/i },
  { key: "yards", match: /yard|holding|staging|marshal|parking|stall|call.?forward/i },
  { key: "road", match: /road|zero|lane|crossing|border/i },
];

/** Layout of the boxes (viewBox 1080 × 370). */
const LAYOUT = {
  nh1a: [20, 46],
  yards: [172, 46],
  smartGate: [324, 46],
  channels: [476, 46],
  transship: [628, 46],
  road: [780, 46],
  youyi: [932, 46],
  quarantine: [324, 168],
  xray: [476, 168],
  inspection: [628, 168],
  icd: [20, 250],
};
const BOX_W = 128;
const BOX_H = 84;

/** Assigns each stage id of the report to one schematic box. */
export function stageBoxes(stageIds) {
  const out = {};
  for (const id of stageIds) {
    const box = BOXES.find((b) => b.match.test(id));
    if (!box) continue;
    if (!out[box.key]) out[box.key] = [];
    out[box.key].push(id);
  }
  return out;
}

/**
 * Planner names of stage ids: the schematic box's name, with the direction when the id tells it, and
 * the id itself when two stages would otherwise share a name.
 */
export function stageNames(ids) {
  const boxes = stageBoxes(ids);
  const boxOf = {};
  for (const [key, list] of Object.entries(boxes)) for (const id of list) boxOf[id] = key;
  const first = {};
  for (const id of ids) {
    const base = boxOf[id] ? t(`st_${boxOf[id]}`) : id;
    const dir = /export|accept/i.test(id) ? t("exportShort") : /import|release/i.test(id) ? t("importShort") : null;
    first[id] = dir && boxOf[id] ? `${base} · ${dir}` : base;
  }
  const counts = {};
  for (const id of ids) counts[first[id]] = (counts[first[id]] ?? 0) + 1;
  const out = {};
  for (const id of ids) out[id] = counts[first[id]] > 1 && boxOf[id] ? `${t(`st_${boxOf[id]}`)} · ${id}` : first[id];
  return out;
}

function esc(s) {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

/** Splits a label into at most two lines of about `max` characters. */
function wrap(label, max = 17) {
  if (label.length <= max) return [label];
  const words = label.split(" ");
  let first = "";
  while (words.length > 0 && `${first} ${words[0]}`.trim().length <= max) first = `${first} ${words.shift()}`.trim();
  if (!first) first = words.shift() ?? "";
  return [first, words.join(" ")].filter(Boolean);
}

/** Figures of one box: the busiest matched stage's utilization, the summed mean queue. */
function boxFigures(key, ids, report) {
  const stages = report.stages ?? {};
  let util = null;
  let queue = 0;
  let any = false;
  for (const id of ids ?? []) {
    const s = stages[id];
    if (!s) continue;
    any = true;
    const u = num(s.utilization?.mean, 0);
    if (u > 0) util = Math.max(util ?? 0, u);
    queue += num(s.queueLengthMean?.mean, 0);
  }
  const k = report.kpis ?? {};
  if (key === "nh1a" && num(k.nh1aQueueTrucksMean?.mean) !== null) {
    any = true;
    queue = k.nh1aQueueTrucksMean.mean;
  }
  if (key === "yards" && num(k.yardOccupancyMean?.mean) !== null) {
    any = true;
    queue = Math.max(queue, k.yardOccupancyMean.mean);
  }
  return { any, util, queue };
}

/** The gate as a schematic, each stage box coloured by utilization (or by queue for holding areas). */
export function gateSchematic(report) {
  const boxes = stageBoxes(Object.keys(report.stages ?? {}));
  const parts = [];
  const arrow = (x1, y1, x2, y2, cls = "flow") =>
    `<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrowhead)"/>`;
  // Export direction along the top, import along the bottom.
  parts.push(arrow(20, 24, 1055, 24, "dir export"));
  parts.push(`<text class="dir-label" x="24" y="16" fill="${COLORS.export}">${esc(t("exportDir"))} →</text>`);
  parts.push(arrow(1055, 356, 160, 356, "dir import"));
  parts.push(
    `<text class="dir-label" x="1056" y="348" text-anchor="end" fill="${COLORS.import}">← ${esc(t("importDir"))}</text>`,
  );
  const main = ["nh1a", "yards", "smartGate", "channels", "transship", "road", "youyi"];
  for (let i = 0; i < main.length - 1; i++) {
    const [x, y] = LAYOUT[main[i]];
    parts.push(arrow(x + BOX_W + 2, y + BOX_H / 2, x + 150, y + BOX_H / 2));
  }
  const cx = (k) => LAYOUT[k][0] + BOX_W / 2;
  const top = (k) => LAYOUT[k][1];
  const bottom = (k) => LAYOUT[k][1] + BOX_H;
  for (const k of ["quarantine", "xray"])
    parts.push(`<line class="side" x1="${cx("channels")}" y1="${bottom("channels")}" x2="${cx(k)}" y2="${top(k)}"/>`);
  parts.push(
    arrow(
      LAYOUT.xray[0] + BOX_W + 2,
      top("xray") + BOX_H / 2,
      LAYOUT.inspection[0] - 2,
      top("xray") + BOX_H / 2,
      "side",
    ),
  );
  parts.push(arrow(cx("inspection"), top("inspection"), cx("transship"), bottom("transship") + 3, "side"));
  parts.push(
    arrow(LAYOUT.yards[0] + 20, bottom("yards"), LAYOUT.icd[0] + BOX_W - 20, top("icd") - 2, "side import-exit"),
  );

  for (const [key, [x, y]] of Object.entries(LAYOUT)) {
    const ids = boxes[key] ?? [];
    const f = boxFigures(key, ids, report);
    let fill = "#f3f4f6";
    let level = null;
    if (f.util !== null) level = f.util;
    else if (f.any && f.queue > 0) level = f.queue / (f.queue + 50);
    else if (f.any) level = 0;
    if (level !== null) fill = heat(level);
    const dark = level !== null && level > 0.62;
    const lines = wrap(t(`st_${key}`));
    const sub = [];
    if (!f.any) sub.push(t("noData"));
    else {
      if (f.util !== null) sub.push(`${t("utilShort")} ${fmt(f.util * 100, 0)} %`);
      sub.push(`${t("queueShort")} ${fmt(f.queue, 1)}`);
    }
    const title = `${t(`st_${key}`)}${ids.length ? ` (${ids.join(", ")})` : ""}: ${sub.join(", ")}`;
    // Name on top, figures below it: never overlapping, whether the name takes one line or two.
    const nameTop = y + 19;
    const figTop = y + BOX_H - 12 - (sub.length - 1) * 14;
    parts.push(
      `<g class="stage-box" data-box="${key}" data-util="${f.util ?? ""}" data-queue="${f.any ? f.queue : ""}" data-stages="${esc(ids.join(" "))}">` +
        `<title>${esc(title)}</title>` +
        `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="8" fill="${fill}" class="${f.any ? "has-data" : "no-data"}"/>` +
        lines
          .map(
            (l, i) =>
              `<text x="${x + BOX_W / 2}" y="${nameTop + i * 15}" text-anchor="middle" class="box-label${dark ? " on-dark" : ""}">${esc(l)}</text>`,
          )
          .join("") +
        sub
          .map(
            (s, i) =>
              `<text x="${x + BOX_W / 2}" y="${figTop + i * 14}" text-anchor="middle" class="box-figure${dark ? " on-dark" : ""}">${esc(s)}</text>`,
          )
          .join("") +
        `</g>`,
    );
  }
  // Legend: utilization colour ramp.
  const stops = [0, 0.25, 0.5, 0.75, 1].map((u) => `<stop offset="${u * 100}%" stop-color="${heat(u)}"/>`).join("");
  parts.push(
    `<g class="legend" transform="translate(800,290)"><text x="0" y="-6" class="legend-label">${esc(t("utilShort"))} / ${esc(t("queueShort"))}</text>` +
      `<rect x="0" y="0" width="240" height="12" fill="url(#heat)" stroke="#9ca3af"/>` +
      `<text x="0" y="26" class="legend-label">${esc(t("legendLow"))}</text><text x="240" y="26" text-anchor="end" class="legend-label">${esc(t("legendHigh"))}</text></g>`,
  );
  const svg =
    `<svg class="schematic" viewBox="0 0 1080 372" role="img" aria-labelledby="schematic-title" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="schematic-title">${esc(t("schematicTitle"))}</title>` +
    `<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#4b5563"/></marker>` +
    `<linearGradient id="heat">${stops}</linearGradient></defs>` +
    parts.join("") +
    `</svg>`;
  const wrapEl = document.createElement("div");
  wrapEl.className = "schematic-wrap";
  wrapEl.innerHTML = svg;
  return wrapEl;
}

// ----- Comparison -------------------------------------------------------------------------------------

/** KPIs shown in the comparison chart, in this order, when the report has them. */
export const COMPARE_KPIS = [
  "throughputPerDay",
  "exportThroughputPerDay",
  "importThroughputPerDay",
  "timeInSystemMinutesMean",
  "timeInSystemMinutesP95",
  "nh1aQueueTrucksMean",
  "yardOccupancyMean",
  "backlogEndOfDayMean",
  "idleTruckHoursPerDay",
  "perishableOverThresholdShare",
];

const SYMLOG_TICKS = [-100, -50, -30, -20, -10, 0, 10, 20, 30, 50, 100, 200, 500, 1000, 10000, 100000];

/** Paired relative differences against the reference, one row per KPI, dots filled when significant. */
export function differencesChart(differences, width) {
  const rows = [];
  for (const d of differences ?? []) {
    for (const name of COMPARE_KPIS) {
      const k = d.kpis?.[name];
      const a = num(k?.meanA);
      if (!k || a === null || a === 0) continue;
      const base = Math.abs(a);
      const rel = (num(k.diffMean, 0) / base) * 100;
      rows.push({
        kpi: kpiName(name),
        run: `${d.scenario} ${t("versus")} ${d.against}`,
        rel,
        lo: (num(k.ci95?.[0], k.diffMean) / base) * 100,
        hi: (num(k.ci95?.[1], k.diffMean) / base) * 100,
        significant: Boolean(k.significant),
      });
    }
  }
  if (rows.length === 0) return note(t("noData"));
  const runs = [...new Set(rows.map((r) => r.run))];
  const palette = [COLORS.export, COLORS.import, "#15803d", "#7c3aed", "#0e7490"];
  return Plot.plot({
    width,
    height: 60 + new Set(rows.map((r) => r.kpi)).size * 30 * Math.max(1, runs.length * 0.7),
    marginLeft: 260,
    marginRight: 30,
    // Symmetric log: a KPI that goes from almost nothing to something (+10,000 %) must not squash the
    // ±10 % differences that matter for the others.
    x: {
      label: t("relativeDiffPct"),
      type: "symlog",
      constant: 10,
      grid: true,
      ticks: SYMLOG_TICKS.filter(
        (v) => v >= Math.min(0, ...rows.map((r) => r.lo)) && v <= Math.max(0, ...rows.map((r) => r.hi)),
      ),
      tickFormat: (v) => `${v > 0 ? "+" : ""}${fmt(v, 0)}`,
    },
    y: { label: null, domain: [...new Set(rows.map((r) => r.kpi))] },
    color: { legend: runs.length > 1, domain: runs, range: palette },
    marks: [
      Plot.ruleX([0], { stroke: "#111827" }),
      Plot.ruleY(rows, { y: "kpi", x1: "lo", x2: "hi", stroke: "run", strokeWidth: 3, strokeOpacity: 0.55 }),
      Plot.dot(rows, {
        y: "kpi",
        x: "rel",
        r: 5.5,
        stroke: "run",
        strokeWidth: 2,
        fill: "white",
        title: (d) =>
          `${d.kpi} (${d.run}): ${fmt(d.rel, 1)} % [${fmt(d.lo, 1)}, ${fmt(d.hi, 1)}] ${d.significant ? t("significant") : t("notSignificant")}`,
      }),
      Plot.dot(
        rows.filter((d) => d.significant),
        { y: "kpi", x: "rel", r: 5.5, stroke: "run", strokeWidth: 2, fill: "run" },
      ),
    ],
  });
}
