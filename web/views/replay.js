/**
 * Replay of the gate (#replay/<run id>): pick a replication and a day of a finished run, and watch its
 * trucks fill and drain the gate schematic over the day's simulated hours, with play, pause, speed and a
 * time slider; the clock is the scenario's calendar time. Driven by the replication's per-truck event
 * log (GET /runs/:id/replications/:index/event-log, CSV), read up to the end of the chosen day.
 */
import * as api from "../api.js";
import { gateSchematic, stageBoxes } from "../charts/stages.js";
import { card, fill, h } from "../dom.js";
import { fmt, fmtDate, t } from "../i18n.js";
import { runName, stageName } from "../names.js";
import { DAY_MS, ReplayState, readDay } from "./replay-state.js";

/** Bound on the events read from a log (the server drops later ones and says so). */
export const REPLAY_MAX_ROWS = 400_000;
/** Simulated minutes per wall-clock second. */
const SPEEDS = [1, 10, 60];

const CLOCK = { day: "numeric", month: "short", year: "numeric", hour: "2-digit", minute: "2-digit" };

/** The event log of one replication, retried while the server computes another one (429). */
async function fetchLog(id, index) {
  for (let attempt = 0; attempt < 30; attempt++) {
    const res = await fetch(
      `/runs/${encodeURIComponent(id)}/replications/${index}/event-log?format=csv&maxRows=${REPLAY_MAX_ROWS}`,
    );
    if (res.status === 429) {
      await res.body?.cancel();
      const wait = Number(res.headers.get("retry-after")) || 1;
      await new Promise((ok) => setTimeout(ok, Math.min(10, wait) * 1000));
      continue;
    }
    if (!res.ok) {
      const body = await res.json().catch(() => ({}));
      throw new api.ApiError(res.status, body);
    }
    return res;
  }
  throw new Error(t("replayBusy"));
}

/** A select of `options` ([value, label]) with a visible label. */
function select(id, label, options, value, onchange) {
  const el = h(
    "select",
    { id, onchange },
    options.map(([v, l]) => h("option", { value: String(v), selected: String(v) === String(value) }, l)),
  );
  return h("div", { class: "field field-inline" }, h("label", { for: id }, label), el);
}

/** Renders the replay of run `arg` ("<id>" or "<id>/<replication>/<day>") into `root`. */
export async function render(root, ctx, arg) {
  const [id, repArg, dayArg] = String(arg ?? "").split("/");
  if (!id) {
    fill(root, h("h2", {}, t("replayTitle")), h("p", { class: "note" }, t("noRunSelected")));
    return;
  }
  fill(root, h("h2", {}, t("replayTitle")), h("p", { class: "note", role: "status" }, t("loading")));
  let run;
  let inputs;
  try {
    run = await api.getRun(id);
    inputs = await api.getInputs(id).catch(() => null);
  } catch (err) {
    fill(
      root,
      h("h2", {}, t("replayTitle")),
      h("p", { class: "error", role: "alert" }, `${t("error")}: ${err.message}`),
    );
    return;
  }
  const back = h("a", { href: `#results/${id}`, class: "button" }, t("replayBack"));
  if (run.status !== "succeeded") {
    fill(root, h("h2", {}, t("replayTitle")), h("p", {}, t("replayNotFinished")), back);
    return;
  }
  const reps = Math.max(1, run.replications ?? 1);
  const horizon = Math.max(1, run.horizonDays ?? inputs?.calendar?.horizonDays ?? 1);
  const warmup = Math.min(horizon - 1, run.warmupDays ?? inputs?.calendar?.warmupDays ?? 0);
  const rep = Math.min(reps - 1, Math.max(0, Number.parseInt(repArg ?? "0", 10) || 0));
  const dayParsed = Number.parseInt(dayArg ?? "", 10);
  const day = Number.isFinite(dayParsed) ? Math.min(horizon - 1, Math.max(0, dayParsed)) : warmup;
  const startDate = inputs?.calendar?.startDate;
  const dayLabel = (d) => {
    const date = startDate ? fmtDate(Date.parse(`${startDate}T00:00:00Z`) + d * DAY_MS) : "";
    const n = t("replayDayN", { n: fmt(d + 1, 0) });
    const tag = d < warmup ? ` (${t("replayWarmup")})` : "";
    return date ? `${n} · ${date}${tag}` : `${n}${tag}`;
  };
  const go = (r, d) => ctx.navigate(`#replay/${id}/${r}/${d}`);
  const pickers = h(
    "div",
    { class: "toolbar" },
    select(
      "replay-replication",
      t("replayReplication"),
      Array.from({ length: reps }, (_, i) => [i, fmt(i + 1, 0)]),
      rep,
      (e) => go(Number(e.target.value), day),
    ),
    select(
      "replay-day",
      t("replayDay"),
      Array.from({ length: horizon }, (_, d) => [d, dayLabel(d)]),
      day,
      (e) => go(rep, Number(e.target.value)),
    ),
  );
  const status = h("p", { class: "note", role: "status", id: "replay-status" }, t("replayLoading"));
  fill(
    root,
    h("div", { class: "results-header" }, h("h2", {}, `${t("replayTitle")}: ${runName(run)}`), back),
    h("p", { class: "note" }, t("replayIntro")),
    pickers,
    status,
  );
  let dayData;
  try {
    const res = await fetchLog(id, rep);
    const truncated = res.headers.get("x-gatesim-event-log-truncated") === "true";
    const rows = Number(res.headers.get("x-gatesim-event-log-rows")) || REPLAY_MAX_ROWS;
    dayData = await readDay(res, day);
    // A log cut within the day ends the replay at its last event: later counts would be wrong.
    const last = dayData.events.at(-1)?.ms ?? dayData.from;
    dayData.end = truncated && !dayData.pastDay ? last : dayData.to - 1;
    dayData.truncated = truncated ? rows : 0;
  } catch (err) {
    fill(status, `${t("error")}: ${err.message}`);
    status.className = "error";
    status.setAttribute("role", "alert");
    return;
  }
  if (ctx.currentRoute() !== `replay/${arg}`) return;
  const parts = [];
  if (dayData.truncated && !dayData.pastDay)
    parts.push(
      h(
        "p",
        { class: "banner warning", id: "replay-truncated", role: "status" },
        dayData.reachedDay
          ? t("replayTruncated", {
              n: fmt(dayData.truncated, 0),
              time: fmtDate(dayData.localStartMs + dayData.end, CLOCK),
            })
          : t("replayTruncatedBefore", { n: fmt(dayData.truncated, 0) }),
      ),
    );
  fill(status, t("replayEvents", { n: fmt(dayData.events.length, 0) }));
  if (dayData.truncated && !dayData.reachedDay) root.append(...parts);
  else root.append(...parts, player(ctx, arg, dayData, inputs?.scenario ?? null));
}

/** The schematic, the clock, the controls and the table of counts, animated. */
function player(ctx, arg, dayData, scenario) {
  const state = new ReplayState(dayData);
  const boxes = stageBoxes(dayData.stages);
  const stagesOf = Object.fromEntries(dayData.stages.map((s) => [s, {}]));
  const schematic = gateSchematic({ stages: stagesOf, kpis: {} }, scenario);
  for (const el of schematic.querySelectorAll(".legend")) el.remove();
  const figures = {};
  const names = {};
  const desc = schematic.querySelector("desc");
  for (const g of schematic.querySelectorAll("g.stage-box")) {
    const key = g.dataset.box;
    for (const el of g.querySelectorAll(".box-figure")) el.remove();
    const rect = g.querySelector("rect");
    if (!boxes[key]) continue;
    rect.setAttribute("fill", "#ffffff");
    const x = Number(rect.getAttribute("x")) + Number(rect.getAttribute("width")) / 2;
    const y = Number(rect.getAttribute("y")) + Number(rect.getAttribute("height"));
    const text = (dy) => {
      const el = document.createElementNS("http://www.w3.org/2000/svg", "text");
      el.setAttribute("x", String(x));
      el.setAttribute("y", String(y - dy));
      el.setAttribute("text-anchor", "middle");
      el.setAttribute("class", "box-figure");
      g.append(el);
      return el;
    };
    figures[key] = { g, waiting: text(27), served: text(12) };
    // A shortened label keeps the box's full name as its title.
    names[key] =
      g.querySelector("title")?.textContent ??
      [...g.querySelectorAll(".box-label")].map((el) => el.textContent).join(" ");
  }
  const rows = {};
  const tbody = h("tbody");
  for (const key of Object.keys(figures)) {
    const cells = { waiting: h("td", { class: "num" }), served: h("td", { class: "num" }) };
    rows[key] = cells;
    const stages = boxes[key].map((s) => stageName(s, scenario)).join(", ");
    tbody.append(
      h(
        "tr",
        { "data-box": key, "data-stages": boxes[key].join(" ") },
        h("th", { scope: "row" }, stages),
        cells.waiting,
        cells.served,
      ),
    );
  }
  // Stages the schematic has no box for (or whose box is not drawn) are counted in the table too.
  const drawn = new Set(Object.keys(figures).flatMap((k) => boxes[k]));
  const unboxed = dayData.stages.filter((s) => !drawn.has(s));
  const stageRows = {};
  const others = h("tbody", { id: "replay-other-stages" });
  if (unboxed.length > 0) {
    others.append(
      h("tr", { class: "group-row" }, h("th", { scope: "rowgroup", colspan: "3" }, t("replayNotInSchematic"))),
    );
    for (const s of unboxed) {
      const cells = { waiting: h("td", { class: "num" }), served: h("td", { class: "num" }) };
      stageRows[s] = cells;
      others.append(
        h("tr", { "data-stages": s }, h("th", { scope: "row" }, stageName(s, scenario)), cells.waiting, cells.served),
      );
    }
  }
  const totalsLine = h("p", { id: "replay-totals", class: "note" });
  const table = h(
    "div",
    { class: "table-wrap" },
    h(
      "table",
      { id: "replay-table" },
      h("caption", { class: "visually-hidden" }, t("replayTableCaption")),
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("replayStage")),
          h("th", { scope: "col" }, t("replayWaiting")),
          h("th", { scope: "col" }, t("replayServed")),
        ),
      ),
      tbody,
      unboxed.length > 0 ? others : null,
    ),
  );
  const clock = h("output", { id: "replay-clock", class: "replay-clock", "aria-live": "off" });
  const slider = h("input", {
    type: "range",
    id: "replay-time",
    min: "0",
    max: String(24 * 60),
    step: "1",
    value: "0",
    "aria-label": t("replayTime"),
  });
  const playButton = h("button", { type: "button", id: "replay-play" }, t("replayPlay"));
  const speedButtons = SPEEDS.map((s) =>
    h(
      "button",
      { type: "button", class: "replay-speed", "data-speed": String(s), "aria-pressed": String(s === 10) },
      t("replaySpeed", { n: fmt(s, 0) }),
    ),
  );
  let speed = 10;
  let playing = false;
  let lastFrame = 0;
  const show = () => {
    const totals = {};
    for (const [key, ids] of Object.entries(boxes)) {
      let waiting = 0;
      let served = 0;
      for (const s of ids) {
        const c = state.counts.get(s);
        if (c) {
          waiting += c.waiting;
          served += c.served;
        }
      }
      totals[key] = { waiting, served };
      const f = figures[key];
      if (!f) continue;
      f.g.dataset.waiting = String(waiting);
      f.g.dataset.served = String(served);
      f.waiting.textContent = `${t("replayWaitingShort")} ${fmt(waiting, 0)}`;
      f.served.textContent = `${t("replayServedShort")} ${fmt(served, 0)}`;
      rows[key].waiting.textContent = fmt(waiting, 0);
      rows[key].served.textContent = fmt(served, 0);
    }
    for (const [s, cells] of Object.entries(stageRows)) {
      const c = state.counts.get(s);
      cells.waiting.textContent = fmt(c?.waiting ?? 0, 0);
      cells.served.textContent = fmt(c?.served ?? 0, 0);
    }
    const tot = state.totals;
    for (const [k, v] of Object.entries(tot)) totalsLine.dataset[k] = String(v);
    totalsLine.textContent = t("replayTotals", {
      inGate: fmt(tot.inGate, 0),
      notCrossed: fmt(tot.notCrossed, 0),
      moving: fmt(tot.moving, 0),
      partners: fmt(tot.partners, 0),
    });
    const when = fmtDate(dayData.localStartMs + state.time, CLOCK);
    if (desc)
      desc.textContent = `${when}: ${Object.keys(figures)
        .map(
          (k) =>
            `${names[k]}: ${t("replayWaiting")} ${fmt(totals[k].waiting, 0)}, ${t("replayServed")} ${fmt(totals[k].served, 0)}`,
        )
        .join("; ")}`;
    clock.textContent = when;
    clock.dataset.simMs = String(state.time);
    slider.value = String(Math.floor((state.time - dayData.from) / 60_000));
    slider.setAttribute("aria-valuetext", when);
  };
  const setPlaying = (on) => {
    playing = on && state.time < dayData.end;
    playButton.textContent = t(playing ? "replayPause" : "replayPlay");
    if (playing) {
      lastFrame = performance.now();
      requestAnimationFrame(frame);
    }
  };
  const frame = (now) => {
    if (!playing) return;
    if (!ctx.currentRoute().startsWith(`replay/${arg}`) || !playButton.isConnected) {
      playing = false;
      return;
    }
    const dt = Math.min(1000, now - lastFrame);
    lastFrame = now;
    state.advanceTo(Math.min(dayData.end, state.time + dt * speed * 60));
    show();
    if (state.time >= dayData.end) setPlaying(false);
    else requestAnimationFrame(frame);
  };
  playButton.addEventListener("click", () => {
    // Play at the end of the day plays it again from its start.
    if (!playing && state.time >= dayData.end) state.seek(dayData.from);
    setPlaying(!playing);
  });
  for (const b of speedButtons)
    b.addEventListener("click", () => {
      speed = Number(b.dataset.speed);
      for (const o of speedButtons) o.setAttribute("aria-pressed", String(o === b));
    });
  slider.addEventListener("input", () => {
    state.seek(Math.min(dayData.end, dayData.from + Number(slider.value) * 60_000));
    show();
  });
  state.advanceTo(dayData.from);
  show();
  const controls = h(
    "div",
    { class: "toolbar replay-controls" },
    playButton,
    h(
      "div",
      { class: "actions", role: "group", "aria-label": t("replaySpeedGroup") },
      h("span", { "aria-hidden": "true" }, t("replaySpeedGroup")),
      speedButtons,
    ),
    clock,
  );
  const c = card("replaySchematic", "replaySchematicNote", controls, h("div", { class: "replay-slider" }, slider));
  c.append(schematic, totalsLine, table);
  return c;
}
