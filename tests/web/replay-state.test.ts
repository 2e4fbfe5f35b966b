/**
 * The replay's counting (web/views/replay-state.js) on a hand-made event log: the state at a day's start
 * carries the trucks still in the gate from the day before, counts move event by event, a seek back gives
 * the same counts as walking forward from the day's start, and the stream is not read past the day.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: the dashboard's plain ES modules have no type declarations
import { DAY_MS as DAY, readDay as read, ReplayState as State } from "../../web/views/replay-state.js";

interface Counts {
  waiting: number;
  served: number;
}
interface ReplayState {
  counts: Map<string, Counts>;
  totals: { inGate: number; notCrossed: number; moving: number; partners: number };
  time: number;
  advanceTo(ms: number): void;
  seek(ms: number): void;
}
interface Day {
  events: { type: string }[];
  localStartMs: number;
  reachedDay: boolean;
}
const DAY_MS = DAY as number;
const ReplayState = State as new (day: Day) => ReplayState;
const readDay = read as (res: Response, day: number) => Promise<Day>;

const HEADER = "case_id,replication,event,stage,sim_ms,time,direction,cargo\n";
const H = 3_600_000;

/** A CSV row at simulated `ms` (calendar from 2026-03-09 00:00 +07:00). */
function row(id: number, event: string, stage: string, ms: number): string {
  const time = `${new Date(Date.parse("2026-03-09T00:00:00Z") + ms).toISOString().slice(0, -1)}+07:00`;
  return `${id},0,${event},${stage},${ms},${time},export,general\n`;
}

/** A Response streaming `chunks`, counting how many were pulled. */
function response(chunks: string[]): { res: Response; pulled: () => number } {
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(c) {
      if (i < chunks.length) c.enqueue(new TextEncoder().encode(chunks[i++]));
      else c.close();
    },
  });
  return { res: new Response(body), pulled: () => i };
}

const LOG = [
  HEADER,
  // Day 0: truck 1 crosses, truck 2 is still waiting at the gate at midnight, truck 3 in the yard stall.
  row(1, "arrive", "nh1a", 1 * H) + row(1, "queue", "gate", 2 * H) + row(1, "start", "gate", 3 * H),
  row(1, "end", "gate", 4 * H) + row(1, "cross", "", 5 * H),
  row(2, "arrive", "nh1a", 20 * H) + row(2, "queue", "gate", 23 * H) + row(3, "start", "yard", 23 * H),
  // Day 1.
  row(2, "start", "gate", DAY_MS + 1 * H) +
    row(3, "end", "yard", DAY_MS + 2 * H) +
    row(3, "queue", "gate", DAY_MS + 2 * H),
  row(2, "blocked", "gate", DAY_MS + 3 * H) + row(2, "exit", "", DAY_MS + 4 * H),
  // Day 2: never read for day 1.
  row(4, "arrive", "nh1a", 2 * DAY_MS + H),
  row(5, "arrive", "nh1a", 2 * DAY_MS + 2 * H),
];

const counts = (s: ReplayState) => Object.fromEntries([...s.counts].map(([k, c]) => [k, [c.waiting, c.served]]));

describe("replay counting", () => {
  it("starts the day with the trucks left from the day before and moves event by event", async () => {
    const { res, pulled } = response(LOG);
    const day = await readDay(res, 1);
    expect(pulled()).toBeLessThan(LOG.length);
    expect(day.events.map((e) => e.type)).toEqual(["start", "end", "queue", "blocked", "exit"]);
    expect(day.localStartMs).toBe(Date.parse("2026-03-09T00:00:00Z"));
    const s = new ReplayState(day);
    s.advanceTo(DAY_MS);
    expect(counts(s)).toEqual({ gate: [1, 0], yard: [0, 1] });
    s.advanceTo(DAY_MS + 1 * H);
    expect(counts(s)).toEqual({ gate: [0, 1], yard: [0, 1] });
    s.advanceTo(DAY_MS + 2 * H);
    expect(counts(s)).toEqual({ gate: [1, 1], yard: [0, 0] });
    s.advanceTo(DAY_MS + 5 * H);
    expect(counts(s)).toEqual({ gate: [1, 0], yard: [0, 0] });
    s.seek(DAY_MS + 1 * H);
    expect(counts(s)).toEqual({ gate: [0, 1], yard: [0, 1] });
    expect(s.time).toBe(DAY_MS + 1 * H);
  });

  it("counts the trucks in the gate as the run does: arrivals not yet gone, crossed or not, apart from partner trips", async () => {
    const log = [
      HEADER,
      // 1 crosses and goes on to the Chinese side's acceptance; 2 crosses and leaves (no stage after);
      // 3 is between stages at the end; 4 is a transshipment partner's trip; 5 arrives and exits.
      row(1, "arrive", "nh1a", H) + row(1, "cross", "", 2 * H) + row(1, "queue", "youyiAccept", 3 * H),
      row(2, "arrive", "nh1a", H) + row(2, "cross", "", 2 * H),
      row(3, "arrive", "nh1a", H) + row(3, "start", "gate", 2 * H) + row(3, "end", "gate", 3 * H),
      row(4, "trip", "docks", H) + row(4, "start", "docks", 2 * H),
      row(5, "arrive", "nh1a", H) + row(5, "exit", "", 2 * H),
    ];
    const s = new ReplayState(await readDay(response(log).res, 0));
    s.advanceTo(4 * H);
    expect(s.totals).toEqual({ inGate: 2, notCrossed: 1, moving: 1, partners: 1 });
    expect(counts(s)).toEqual({ nh1a: [0, 0], gate: [0, 0], youyiAccept: [1, 0], docks: [0, 1] });
    s.seek(H);
    expect(s.totals).toEqual({ inGate: 4, notCrossed: 4, moving: 0, partners: 1 });
  });

  it("says when the log never reaches the day", async () => {
    const day = await readDay(response(LOG.slice(0, 3)).res, 1);
    expect(day.reachedDay).toBe(false);
    expect(day.events).toEqual([]);
  });
});
