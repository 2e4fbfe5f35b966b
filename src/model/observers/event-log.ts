/**
 * The per-truck event log: one row per thing that happens to a truck (it arrives, joins a line, starts and
 * ends at a stage, is blocked holding a server, waits for its transshipment partner, crosses, is diverted,
 * lost or leaves), with the truck's unique case id and attributes and the simulated time. Opt-in and
 * bounded: the network and demand hold a `log` that is null when off (one null check per hook), and a log
 * keeps at most `rowsMax` rows in typed columns; the rows past the bound are counted, the log is marked
 * truncated. Observing changes nothing in the run: the same KPIs with the log on as off.
 *
 * Event types are an open list: another part registers its own (`truckEventType("renege")`) and gets a
 * code; codes are indices into `truckEventTypes()`.
 */
import { assert } from "../../kernel/index.js";
import { type CalendarConfig, CHANNELS, DIRECTIONS, FLAG_NAMES } from "../config.js";
import type { TruckPool } from "../trucks.js";

const EVENT_TYPE_NAMES: string[] = [];

/** Registers an event type of the log (once per name) and returns its code. */
export function truckEventType(name: string): number {
  const i = EVENT_TYPE_NAMES.indexOf(name);
  if (i >= 0) return i;
  assert(/^[a-zA-Z][a-zA-Z0-9]*$/.test(name), `event type "${name}" must be a camelCase word`);
  assert(EVENT_TYPE_NAMES.length < 255, "at most 255 event types");
  EVENT_TYPE_NAMES.push(name);
  return EVENT_TYPE_NAMES.length - 1;
}

/** The event types known now, by code. */
export function truckEventTypes(): readonly string[] {
  return EVENT_TYPE_NAMES;
}

/** Codes of the event types the core model emits. */
export const TruckEvent = {
  /** Entered the network (its entry stage). */
  arrive: truckEventType("arrive"),
  /** Started waiting for a stage: joined its line, or waits outside its full line (a stall, a server). */
  queue: truckEventType("queue"),
  /** Started at a stage: got a server or a stall, or began a travel or dwell (delay). */
  start: truckEventType("start"),
  /** Finished at a stage: its service or delay ended, or it gave its stall back. */
  end: truckEventType("end"),
  /** Finished at a server and cannot move on: it keeps the server (blocked) until the next stage admits it. */
  blocked: truckEventType("blocked"),
  /** A loaded truck reached the transshipment docks before its partner truck and waits for it. */
  waitPartner: truckEventType("waitPartner"),
  /** Passed the stage that counts as crossing the border. */
  cross: truckEventType("cross"),
  /** Sent from here toward another crossing (after balking or reneging); its route there follows. */
  divert: truckEventType("divert"),
  /** Lost: turned away by a full line (rejected), or reached a sink that counts as lost. */
  lose: truckEventType("lose"),
  /** Left the network: at an ordinary sink, at another crossing's sink, or with its load on a train. */
  exit: truckEventType("exit"),
  /** Turned away at a long line (balking) and left the model. */
  balk: truckEventType("balk"),
  /** Left a line after its patience ran out (reneging) and left the model. */
  renege: truckEventType("renege"),
  /** Expelled over its dwell limit in a designated yard. */
  expel: truckEventType("expel"),
  /** A transshipment partner (or an emptied truck) set off on its trip: the first event of such a case. */
  trip: truckEventType("trip"),
} as const;

/** Hard bound on rows of one log (about 26 bytes a row in memory: 5 million rows is ~130 MB). */
export const EVENT_LOG_ROWS_MAX = 5_000_000;
/** Default bound on rows. */
export const EVENT_LOG_ROWS_DEFAULT = 1_000_000;

/** The log of one replication as plain data (typed columns of `rows` rows, and the names they refer to). */
export interface EventLogData {
  rows: number;
  rowsMax: number;
  /** True when rows were dropped at the bound (`droppedRows` of them): the log ends early. */
  truncated: boolean;
  droppedRows: number;
  calendar: CalendarConfig;
  /** Names the columns refer to: stages by index, cargo classes, event types by code, directions, channels. */
  stageIds: string[];
  cargoClasses: string[];
  eventTypes: string[];
  directions: string[];
  channels: string[];
  /** Attribute flags by bit: bit i of `flags` is `flagNames[i]`. */
  flagNames: string[];
  caseId: Float64Array;
  timeMs: Float64Array;
  /** Stage index of the event (-1: none). */
  stage: Int16Array;
  type: Uint8Array;
  direction: Int8Array;
  cargo: Int8Array;
  channel: Int8Array;
  /** Truck attribute bits (`TruckFlag` container, appointment, plateRead, transship, perishable). */
  flags: Int32Array;
}

/** The truck attributes copied into the log, by bit (1, 2, 4, ...). */
const ATTRIBUTE_NAMES = Object.keys(FLAG_NAMES) as (keyof typeof FLAG_NAMES)[];
/** Attribute bits copied into the log. */
const ATTRIBUTE_FLAGS = ATTRIBUTE_NAMES.reduce((m, k) => m | FLAG_NAMES[k], 0);
assert(
  ATTRIBUTE_NAMES.every((k, i) => FLAG_NAMES[k] === 1 << i),
  "truck attribute flags must be the low bits, in order",
);

/** A bounded log of truck events in typed columns. */
export class EventLog {
  readonly rowsMax: number;
  rows = 0;
  droppedRows = 0;
  private capacity: number;
  private caseId: Float64Array;
  private timeMs: Float64Array;
  private stage: Int16Array;
  private type: Uint8Array;
  private direction: Int8Array;
  private cargo: Int8Array;
  private channel: Int8Array;
  private flags: Int32Array;

  constructor(rowsMax: number = EVENT_LOG_ROWS_DEFAULT) {
    assert(
      Number.isSafeInteger(rowsMax) && rowsMax >= 1 && rowsMax <= EVENT_LOG_ROWS_MAX,
      `event log rowsMax must be an integer in [1, ${EVENT_LOG_ROWS_MAX}], got ${rowsMax}`,
    );
    this.rowsMax = rowsMax;
    this.capacity = Math.min(rowsMax, 65_536);
    this.caseId = new Float64Array(this.capacity);
    this.timeMs = new Float64Array(this.capacity);
    this.stage = new Int16Array(this.capacity);
    this.type = new Uint8Array(this.capacity);
    this.direction = new Int8Array(this.capacity);
    this.cargo = new Int8Array(this.capacity);
    this.channel = new Int8Array(this.capacity);
    this.flags = new Int32Array(this.capacity);
  }

  /** Records one event of truck t at stage s (-1: none) at `nowMs`. */
  record(trucks: TruckPool, t: number, s: number, type: number, nowMs: number): void {
    const i = this.rows;
    if (i === this.rowsMax) {
      this.droppedRows++;
      return;
    }
    if (i === this.capacity) this.grow();
    this.caseId[i] = trucks.caseId[t] as number;
    this.timeMs[i] = nowMs;
    this.stage[i] = s;
    this.type[i] = type;
    this.direction[i] = trucks.direction[t] as number;
    this.cargo[i] = trucks.cargo[t] as number;
    this.channel[i] = trucks.channel[t] as number;
    this.flags[i] = (trucks.flags[t] as number) & ATTRIBUTE_FLAGS;
    this.rows = i + 1;
  }

  private grow(): void {
    const cap = Math.min(this.rowsMax, this.capacity * 2);
    const g = <T extends Float64Array | Int16Array | Uint8Array | Int8Array | Int32Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(cap);
      b.set(a);
      return b;
    };
    this.caseId = g(this.caseId);
    this.timeMs = g(this.timeMs);
    this.stage = g(this.stage);
    this.type = g(this.type);
    this.direction = g(this.direction);
    this.cargo = g(this.cargo);
    this.channel = g(this.channel);
    this.flags = g(this.flags);
    this.capacity = cap;
  }

  /** The log as plain data (columns trimmed to the rows recorded). */
  data(meta: { calendar: CalendarConfig; stageIds: string[]; cargoClasses: string[] }): EventLogData {
    const n = this.rows;
    return {
      rows: n,
      rowsMax: this.rowsMax,
      truncated: this.droppedRows > 0,
      droppedRows: this.droppedRows,
      calendar: { ...meta.calendar },
      stageIds: [...meta.stageIds],
      cargoClasses: [...meta.cargoClasses],
      eventTypes: [...EVENT_TYPE_NAMES],
      directions: [...DIRECTIONS],
      channels: [...CHANNELS],
      flagNames: [...ATTRIBUTE_NAMES],
      caseId: this.caseId.slice(0, n),
      timeMs: this.timeMs.slice(0, n),
      stage: this.stage.slice(0, n),
      type: this.type.slice(0, n),
      direction: this.direction.slice(0, n),
      cargo: this.cargo.slice(0, n),
      channel: this.channel.slice(0, n),
      flags: this.flags.slice(0, n),
    };
  }
}
