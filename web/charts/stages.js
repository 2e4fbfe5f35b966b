/**
 * Charts of the stages: utilization bars and the gate schematic. Both colour utilization on the same
 * numbered scale (under 60 % is comfortable, 60–80 % busy, 80–90 % near its limit, 90 % and more
 * saturated, where queues grow fast), and holding areas on their own scale in trucks, so a queue is
 * never read as a utilization. The schematic's boxes carry `data-box` so a later replay can drive them.
 */
import { fmt, t } from "../i18n.js";
import { gateKind, stageName } from "../names.js";
import { accessible, noData, num, numberTicks, Plot, STYLE } from "./common.js";

/** Utilization scale: upper bounds and colours (text on the last one is white). */
export const UTIL_SCALE = [
  { upTo: 0.6, color: "#d9f0d3", label: "< 60 %" },
  { upTo: 0.8, color: "#fde68a", label: "60–80 %" },
  { upTo: 0.9, color: "#f59e0b", label: "80–90 %" },
  { upTo: Number.POSITIVE_INFINITY, color: "#b91c1c", label: "≥ 90 %" },
];

/** Queue scale of holding areas, in trucks. */
export const QUEUE_SCALE = [
  { upTo: 50, color: "#e0ecf7", label: "< 50" },
  { upTo: 200, color: "#9ecae1", label: "50–200" },
  { upTo: 1000, color: "#4a90c4", label: "200–1000" },
  { upTo: Number.POSITIVE_INFINITY, color: "#1d4f7c", label: "≥ 1000" },
];

/** The scale entry of a value. */
function step(scale, x) {
  return scale.find((s) => x < s.upTo) ?? scale[scale.length - 1];
}

/** Colour of a utilization share 0..1. */
export function utilColor(u) {
  return step(UTIL_SCALE, u).color;
}

/** True when white text reads better on the colour. */
function darkFill(color) {
  return color === "#b91c1c" || color === "#1d4f7c" || color === "#4a90c4";
}

/** Stages that have servers (holding areas, delays and sinks report zero utilization and no wait). */
function serverStages(stages) {
  return Object.entries(stages ?? {}).filter(
    ([, s]) =>
      num(s.utilization?.mean, 0) > 0 || num(s.waitMinutesMean?.mean, 0) > 0 || num(s.queueLengthMax?.mean, 0) > 0,
  );
}

/** Stage utilization as bars (percent) with 95 % intervals, coloured on the utilization scale. */
export function utilizationChart(stages, scenario, width) {
  const rows = serverStages(stages).map(([id, s]) => {
    const u = num(s.utilization?.mean, 0) * 100;
    return {
      label: stageName(id, scenario),
      util: u,
      lo: Math.max(0, num(s.utilization?.ci95?.[0], u / 100) * 100),
      hi: Math.min(100, num(s.utilization?.ci95?.[1], u / 100) * 100),
    };
  });
  if (rows.length === 0) return noData();
  rows.sort((a, b) => b.util - a.util);
  const narrow = width < 520;
  return accessible(
    Plot.plot({
      width,
      height: 40 + rows.length * 28,
      marginLeft: narrow ? 150 : 240,
      marginRight: 50,
      style: STYLE,
      x: { label: t("utilizationPct"), domain: [0, 100], grid: true, tickFormat: numberTicks },
      y: {
        label: null,
        domain: rows.map((r) => r.label),
        tickFormat: (l) => (narrow && l.length > 24 ? `${l.slice(0, 23)}…` : l),
      },
      color: { type: "identity" },
      marks: [
        Plot.barX(rows, {
          y: "label",
          x: "util",
          fill: (d) => utilColor(d.util / 100),
          stroke: "#6b7280",
          strokeWidth: 0.5,
          title: (d) => `${d.label}: ${fmt(d.util, 1)} % [${fmt(d.lo, 1)}, ${fmt(d.hi, 1)}]`,
        }),
        Plot.ruleY(rows, { y: "label", x1: "lo", x2: "hi", stroke: "#111827", strokeWidth: 1.5 }),
        Plot.text(rows, {
          y: "label",
          x: "hi",
          text: (d) => `${fmt(d.util, 0)} %`,
          dx: 6,
          textAnchor: "start",
          fontSize: 12,
        }),
        Plot.ruleX([0]),
      ],
    }),
    t("utilChartAlt", {
      list: rows
        .slice(0, 3)
        .map((r) => `${r.label} ${fmt(r.util, 0)} %`)
        .join(", "),
    }),
  );
}

/** Boxes of the schematic: `match` picks stage ids; ids go to the first box that matches. */
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

/** Layout of the boxes (viewBox 1080 × 420). */
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

function esc(s) {
  return String(s).replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c],
  );
}

/** Room for a label's line inside a box (px of the viewBox), a margin on each side. */
const LABEL_ROOM = BOX_W - 14;
let measurer;

/** Width of `text` in the box labels' font (bold 12.5 px, the page's family), measured on a canvas. */
function labelWidth(text) {
  if (measurer === undefined) {
    measurer = globalThis.document?.createElement("canvas").getContext("2d") ?? null;
    if (measurer) {
      const family = getComputedStyle(document.body).fontFamily || "sans-serif";
      measurer.font = `700 12.5px ${family}`;
    }
  }
  return measurer ? measurer.measureText(text).width : text.length * 7.5;
}

/** `text` cut at its end with "…" until it fits the room. */
function shorten(text) {
  let cut = text;
  while (cut.length > 1 && labelWidth(`${cut}…`) > LABEL_ROOM) cut = cut.slice(0, -1).trimEnd();
  return `${cut}…`;
}

/**
 * Splits a label into at most two lines that fit the box, by measured width; what does not fit is cut with
 * "…" (`shortened`: the box then carries the full name as its title).
 */
function wrap(label) {
  const words = label.split(" ").filter(Boolean);
  const lines = [];
  while (words.length > 0 && lines.length < 2) {
    let line = words.shift();
    while (words.length > 0 && labelWidth(`${line} ${words[0]}`) <= LABEL_ROOM) line = `${line} ${words.shift()}`;
    lines.push(line);
  }
  if (words.length > 0) lines[1] = `${lines[1]} ${words.join(" ")}`;
  let shortened = false;
  for (let i = 0; i < lines.length; i++) {
    if (labelWidth(lines[i]) > LABEL_ROOM) {
      lines[i] = shorten(lines[i]);
      shortened = true;
    }
  }
  return { lines, shortened };
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

/** A box's name: the gate box says which gate the scenario has. */
function boxName(key, scenario) {
  if (key === "smartGate") return t(`box_gate_${gateKind(scenario)}`);
  return t(`st_${key}`);
}

/** A numbered legend row of a scale at (x, y). */
function legendRow(title, scale, x, y) {
  const w = 62;
  return (
    `<g class="legend" transform="translate(${x},${y})"><text x="0" y="-6" class="legend-label">${esc(title)}</text>` +
    scale
      .map(
        (s, i) =>
          `<rect x="${i * w}" y="0" width="${w - 2}" height="14" fill="${s.color}" stroke="#6b7280" stroke-width="0.5"/>` +
          `<text x="${i * w + (w - 2) / 2}" y="28" text-anchor="middle" class="legend-label">${esc(s.label)}</text>`,
      )
      .join("") +
    `</g>`
  );
}

/**
 * The gate as a schematic: server stages coloured by utilization, holding areas by their mean queue.
 * `highlight` names stage ids whose boxes are outlined and marked (the bottleneck of a capacity analysis).
 */
export function gateSchematic(report, scenario, { highlight = [] } = {}) {
  const boxes = stageBoxes(Object.keys(report.stages ?? {}));
  const marked = new Set(Object.keys(stageBoxes(highlight)));
  const parts = [];
  const arrow = (x1, y1, x2, y2, cls = "flow") =>
    `<line class="${cls}" x1="${x1}" y1="${y1}" x2="${x2}" y2="${y2}" marker-end="url(#arrowhead)"/>`;
  parts.push(arrow(20, 24, 1055, 24, "dir export"));
  parts.push(`<text class="dir-label" x="24" y="16" fill="#1f6fb2">${esc(t("exportDir"))} →</text>`);
  parts.push(arrow(1055, 356, 160, 356, "dir import"));
  parts.push(
    `<text class="dir-label" x="1056" y="348" text-anchor="end" fill="#b4430b">← ${esc(t("importDir"))}</text>`,
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
  const described = [];
  for (const [key, [x, y]] of Object.entries(LAYOUT)) {
    const ids = boxes[key] ?? [];
    const f = boxFigures(key, ids, report);
    const name = boxName(key, scenario);
    const label = wrap(name);
    let fill = "#f3f4f6";
    if (f.util !== null) fill = utilColor(f.util);
    else if (f.any) fill = step(QUEUE_SCALE, f.queue).color;
    const dark = darkFill(fill);
    const sub = [];
    if (!f.any) sub.push(t("noData"));
    else {
      if (f.util !== null) sub.push(`${t("utilShort")} ${fmt(f.util * 100, 0)} %`);
      sub.push(`${t("queueShort")} ${fmt(f.queue, 1)}`);
    }
    const mark = marked.has(key);
    described.push(`${name}: ${sub.join(", ")}${mark ? ` (${t("bottleneckMark")})` : ""}`);
    const figTop = y + BOX_H - 12 - (sub.length - 1) * 15;
    parts.push(
      `<g class="stage-box${mark ? " bottleneck" : ""}" data-box="${key}" data-util="${f.util ?? ""}" data-queue="${f.any ? f.queue : ""}"${mark ? ' data-bottleneck="true"' : ""}>` +
        (mark
          ? `<text x="${x + BOX_W / 2}" y="${y - 5}" text-anchor="middle" class="bottleneck-label">${esc(t("bottleneckMark"))}</text>`
          : "") +
        (label.shortened ? `<title>${esc(name)}</title>` : "") +
        `<rect x="${x}" y="${y}" width="${BOX_W}" height="${BOX_H}" rx="8" fill="${fill}" stroke="#6b7280" class="${f.any ? "has-data" : "no-data"}"/>` +
        label.lines
          .map(
            (l, i) =>
              `<text x="${x + BOX_W / 2}" y="${y + 20 + i * 16}" text-anchor="middle" class="box-label${dark ? " on-dark" : ""}">${esc(l)}</text>`,
          )
          .join("") +
        sub
          .map(
            (s, i) =>
              `<text x="${x + BOX_W / 2}" y="${figTop + i * 15}" text-anchor="middle" class="box-figure${dark ? " on-dark" : ""}">${esc(s)}</text>`,
          )
          .join("") +
        `</g>`,
    );
  }
  parts.push(legendRow(t("legendUtil"), UTIL_SCALE, 300, 290));
  parts.push(legendRow(t("legendQueue"), QUEUE_SCALE, 600 + 20, 290));
  const svg =
    `<svg class="schematic" viewBox="0 0 1080 372" role="img" aria-labelledby="schematic-title schematic-desc" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="schematic-title">${esc(t("schematicTitle"))}</title><desc id="schematic-desc">${esc(described.join("; "))}</desc>` +
    `<defs><marker id="arrowhead" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="#4b5563"/></marker></defs>` +
    parts.join("") +
    `</svg>`;
  const wrapEl = document.createElement("div");
  wrapEl.className = "schematic-wrap";
  wrapEl.innerHTML = svg;
  return wrapEl;
}
