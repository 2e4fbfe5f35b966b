/**
 * The replay's model: one day of a replication's per-truck event log, read from the CSV stream, and the
 * trucks standing at each stage (waiting, or in service) at a simulated time, advanced event by event.
 * Memory is bounded by the day: events before the day only update the trucks' states (one entry per truck
 * still in the gate), events after it are not read (the stream is cancelled), the day's own are kept.
 */

export const DAY_MS = 86_400_000;

/** Events after which a truck has left the gate. */
const GONE = new Set(["lose", "balk", "renege", "expel", "exit"]);
/** Events after which a truck is between stages (driving on, or sent toward another crossing). */
const MOVING = new Set(["end", "divert"]);
/** Events after which a truck holds a server or stall (`blocked`: done but cannot leave it). */
const SERVED = new Set(["start", "blocked"]);

/**
 * A truck's state after an event, given its state before (`prev`, undefined for its first event): null once
 * it has left the gate, else `{ stage, served, trip, crossed, away }` where `stage` is null between stages,
 * `trip` marks a transshipment partner's (or emptied truck's) trip (not an arrival: the run's "in system"
 * figures do not count it), `crossed` that it passed the border, and `away` a truck that crossed and has
 * no stage after it (counted nowhere unless a later event of it brings it back to a stage).
 */
function stateAfter(type, stage, prev) {
  if (GONE.has(type)) return null;
  const trip = prev ? prev.trip : type === "trip";
  const crossed = type === "cross" || (prev?.crossed ?? false);
  if (type === "cross") return { stage: null, served: false, trip, crossed, away: true };
  if (MOVING.has(type) || !stage) return { stage: null, served: false, trip, crossed, away: false };
  return { stage, served: SERVED.has(type), trip, crossed, away: false };
}
/** Reads the lines of a fetch Response body as they arrive; `onLine` returns false to stop reading. */
async function eachLine(response, onLine) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let rest = "";
  for (;;) {
    const { done, value } = await reader.read();
    rest += decoder.decode(value ?? new Uint8Array(), { stream: !done });
    const lines = rest.split("\n");
    rest = done ? "" : (lines.pop() ?? "");
    for (const line of lines) {
      if (line && onLine(line) === false) {
        await reader.cancel().catch(() => {});
        return;
      }
    }
    if (done) return;
  }
}

/**
 * Reads one day (`day`, 0-based from the first simulated day) out of an event-log CSV response:
 * `{ start, events, stages, localStartMs, reachedDay }` where `start` maps case id → state at the day's
 * start, `events` are the day's events in time order ({ ms, id, type, stage }), `localStartMs` the local
 * calendar time of simulated time 0 (read as UTC), `reachedDay` whether the log reached the day at all
 * and `pastDay` whether it went on after the day (a log cut short ends within the day otherwise).
 */
export async function readDay(response, day) {
  const from = day * DAY_MS;
  const to = from + DAY_MS;
  const start = new Map();
  const events = [];
  const stages = new Set();
  let col = null;
  let localStartMs = null;
  let reachedDay = false;
  let pastDay = false;
  await eachLine(response, (line) => {
    const f = line.split(",");
    if (!col) {
      col = Object.fromEntries(f.map((name, i) => [name.trim(), i]));
      return true;
    }
    const ms = Number(f[col.sim_ms]);
    const id = f[col.case_id];
    const type = f[col.event];
    const stage = f[col.stage] || null;
    if (stage) stages.add(stage);
    if (localStartMs === null) localStartMs = Date.parse(`${f[col.time].slice(0, 23)}Z`) - ms;
    if (ms >= to) {
      reachedDay = true;
      pastDay = true;
      return false;
    }
    if (ms < from) {
      const s = stateAfter(type, stage, start.get(id));
      if (s) start.set(id, s);
      else start.delete(id);
    } else {
      reachedDay = true;
      events.push({ ms, id, type, stage });
    }
    return true;
  });
  events.sort((a, b) => a.ms - b.ms);
  return { start, events, stages: [...stages], localStartMs, reachedDay, pastDay, from, to };
}

/**
 * Counts of trucks per stage at a simulated time, moved forward event by event (`advanceTo`); moving
 * back starts again from the day's first state (`seek`). `counts` maps stage → { waiting, served };
 * `totals` counts the trucks in the gate: `inGate` arrived trucks not yet gone (at a stage or between
 * stages: the run's `inSystemAtEnd` at the horizon's end), `notCrossed` those of them not across the border
 * (`stillWaitingAtEnd`), `moving` those between stages, and `partners` the transshipment trips in the gate.
 */
export class ReplayState {
  constructor(day) {
    this.day = day;
    this.reset();
  }

  reset() {
    this.trucks = new Map(this.day.start);
    this.counts = new Map();
    this.totals = { inGate: 0, notCrossed: 0, moving: 0, partners: 0 };
    for (const s of this.trucks.values()) this.#add(s, 1);
    this.next = 0;
    this.time = this.day.from;
  }

  #add(s, n) {
    if (!s || s.away) return;
    if (s.trip) this.totals.partners += n;
    else {
      this.totals.inGate += n;
      if (!s.crossed) this.totals.notCrossed += n;
      if (s.stage === null) this.totals.moving += n;
    }
    if (s.stage === null) return;
    let c = this.counts.get(s.stage);
    if (!c) {
      c = { waiting: 0, served: 0 };
      this.counts.set(s.stage, c);
    }
    if (s.served) c.served += n;
    else c.waiting += n;
  }

  /** Applies every event up to and including simulated time `ms`. */
  advanceTo(ms) {
    const events = this.day.events;
    while (this.next < events.length && events[this.next].ms <= ms) {
      const e = events[this.next++];
      const before = this.trucks.get(e.id);
      this.#add(before, -1);
      const s = stateAfter(e.type, e.stage, before);
      if (s) this.trucks.set(e.id, s);
      else this.trucks.delete(e.id);
      this.#add(s, 1);
    }
    this.time = ms;
  }

  /** Moves to simulated time `ms`, forward from here or again from the day's start when it is earlier. */
  seek(ms) {
    if (ms < this.time) this.reset();
    this.advanceTo(ms);
  }
}
