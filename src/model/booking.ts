/**
 * The appointment system of one direction, as a booking system. Slots of `slotMs` exist only while the
 * stage they book for is open (its capacity schedule: opening hours on its own clock, outages, seasons),
 * each with a quota from a time-of-day table, possibly scaled by an adaptive quota rule. A truck books,
 * `leadMs` before it means to come, the first slot from its intended time on that the acceptance rule
 * takes, within the booking horizon; finding none it comes as a walk-in or is diverted (a scenario choice),
 * and every displacement and walk-in is counted by cause. No-shows take quota and never come. At arrival,
 * a truck later than its slot's end plus the grace window loses its priority, or rebooks and comes later.
 * Slot counters live in a ring sized for the horizon; nothing is allocated per truck.
 */
import {
  assert,
  CapacitySchedule,
  Priority,
  type RandomStreams,
  roundMs,
  type Simulation,
  StandardNormal,
  type Xor4096,
} from "../kernel/index.js";
import { type AppointmentConfig, DAY_MS, type ServerStageConfig, TruckFlag } from "./config.js";
import type { Diversion } from "./diversion.js";
import type { Measures } from "./observers/measures.js";
import { DiversionCause, type Outcomes } from "./observers/outcomes.js";
import type { AppointmentBinding, PolicyRuntime, QuotaBinding } from "./policies/index.js";
import type { Stages } from "./stages.js";
import type { TruckPool } from "./trucks.js";

/** The booked slots of one source: which slots exist, their quota in force, and the bookings they hold. */
export class BookingBook {
  readonly slotMs: number;
  private readonly ap: AppointmentConfig;
  /** The booking-acceptance policy, and the adaptive quota policy (null: the table's quota). */
  private readonly accept: AppointmentBinding;
  private readonly quotaRule: QuotaBinding | null;
  /** When the booked stage is open (its own schedule, or the scenario's opening hours). */
  readonly open: CapacitySchedule;
  private readonly stages: Stages;
  private readonly horizonMs: number;
  private readonly ring: number;
  /** Bookings, base quota (0: no slot) and slot index of each ring entry. */
  private readonly slotBooked: Int32Array;
  private readonly slotQuota: Int32Array;
  private readonly slotId: Float64Array;

  constructor(ap: AppointmentConfig, sourceId: string, stages: Stages, policies: PolicyRuntime) {
    this.ap = ap;
    this.slotMs = ap.slotMs;
    this.stages = stages;
    this.horizonMs = ap.horizonMs;
    this.accept = policies.appointment(sourceId, ap.slotMs, ap.overbookFraction, ap.policy, ap.module, ap.params);
    const qr = ap.quotaRule;
    this.quotaRule =
      qr === null
        ? null
        : policies.quota(sourceId, ap.slotMs, ap.overbookFraction, qr.stage, qr, qr.policy, qr.module, qr.params);
    if (ap.stage >= 0) {
      const sched = stages.schedules[ap.stage];
      assert(sched != null, `${sourceId}: appointments book for a stage without a schedule`);
      this.open = sched;
    } else this.open = new CapacitySchedule(ap.openSchedule ?? { startsMs: [0], capacities: [1] });
    // Live slots span at most the lead (booked ahead) plus the horizon, whatever the time of booking.
    this.ring = Math.ceil((ap.leadMs + ap.horizonMs) / ap.slotMs) + 4;
    this.slotBooked = new Int32Array(this.ring);
    this.slotQuota = new Int32Array(this.ring);
    this.slotId = new Float64Array(this.ring).fill(-1);
  }

  /** Quota of slot k from the table if the stage is open for all of it, else 0 (the slot does not exist). */
  private baseQuota(k: number): number {
    const start = k * this.slotMs;
    const end = start + this.slotMs;
    const ap = this.ap;
    const tod = start % DAY_MS;
    let i = 0;
    while (i + 1 < ap.quotaStartsMs.length && (ap.quotaStartsMs[i + 1] as number) <= tod) i++;
    const q = ap.quotaStartsMs.length > 0 ? (ap.quotas[i] as number) : 0;
    if (q <= 0) return 0;
    // Open through the whole slot: capacity at its start and at every change before its end.
    for (let t = start, guard = 0; t < end; t = this.open.nextChangeAfter(t), guard++) {
      assert(guard < 10_000, "appointment slot spans too many capacity changes");
      if (this.open.capacityAt(t) <= 0) return 0;
    }
    return q;
  }

  /** Loads the quota rule's view of the watched stage (once per booking). */
  private observe(): void {
    const qr = this.ap.quotaRule;
    if (qr === null || this.quotaRule === null) return;
    const res = this.stages.resources[qr.stage];
    if (!res) return;
    const s = this.quotaRule.load;
    s.occupancyPercent = res.capacity > 0 ? (100 * res.busy) / res.capacity : 100;
    const st = this.stages.cfg[qr.stage] as ServerStageConfig;
    const cap = st.type === "server" ? st.dailyCapTrucks : Number.POSITIVE_INFINITY;
    s.backlogPercent = Number.isFinite(cap) && cap > 0 ? (100 * (res.queued + res.blocked)) / cap : 0;
  }

  /**
   * Books the first slot from the one holding `intendedMs` on that exists and accepts one more booking,
   * starting no later than `intendedMs` plus the horizon. Returns its index, or -1 when there is none.
   */
  book(intendedMs: number): number {
    return this.bookFrom(Math.floor(intendedMs / this.slotMs), intendedMs + this.horizonMs);
  }

  /** Books the first acceptable slot starting at or after `fromMs` (a late truck rebooking), or -1. */
  rebook(fromMs: number): number {
    return this.bookFrom(Math.ceil(fromMs / this.slotMs), fromMs + this.horizonMs);
  }

  private bookFrom(first: number, lastStartMs: number): number {
    const last = Math.floor(lastStartMs / this.slotMs);
    assert(last - first < this.ring - 2, "booking window exceeds the slot ring");
    this.observe();
    const rule = this.quotaRule;
    for (let k = first; k <= last; k++) {
      const r = k % this.ring;
      if (this.slotId[r] !== k) {
        this.slotId[r] = k;
        this.slotBooked[r] = 0;
        this.slotQuota[r] = this.baseQuota(k);
      }
      const base = this.slotQuota[r] as number;
      if (base <= 0) continue;
      const booked = this.slotBooked[r] as number;
      const quota = rule === null ? base : rule.quota(k, base, booked);
      if (this.accept.accept(k, booked, quota)) {
        this.slotBooked[r] = (this.slotBooked[r] as number) + 1;
        return k;
      }
    }
    return -1;
  }
}

/** The appointment behaviour of one source: who books, which slot, when it comes, and what lateness costs. */
export class Appointments {
  readonly book: BookingBook;
  private readonly ap: AppointmentConfig;
  private readonly sourceId: string;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly measures: Measures;
  private readonly outcomes: Outcomes;
  private readonly diversion: Diversion | null;
  private readonly divertSet: number;
  private readonly appt: Xor4096;
  private readonly punctuality: StandardNormal;
  /** No-show bookings (a separate stream, so the no-show rate does not shift other draws). */
  private readonly noShow: Xor4096;
  private readonly evArrive: number;
  private readonly evDivert: number;
  /** Set by `plan`: the booked slot's start, or -1. */
  slotStartMs: number;

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    ap: AppointmentConfig,
    sourceId: string,
    trucks: TruckPool,
    stages: Stages,
    measures: Measures,
    outcomes: Outcomes,
    diversion: Diversion | null,
    evArrive: number,
    policies: PolicyRuntime,
  ) {
    this.sim = sim;
    this.ap = ap;
    this.sourceId = sourceId;
    this.trucks = trucks;
    this.measures = measures;
    this.outcomes = outcomes;
    this.diversion = diversion;
    this.book = new BookingBook(ap, sourceId, stages, policies);
    this.appt = streams.stream(`appointment:${sourceId}`);
    this.punctuality = new StandardNormal(streams.stream(`punctuality:${sourceId}`));
    this.noShow = streams.stream(`noShow:${sourceId}`);
    this.evArrive = evArrive;
    this.slotStartMs = Number.NaN;
    this.slotStartMs = -1;
    this.divertSet = -1;
    if (ap.whenNoSlot === "divert") {
      assert(diversion !== null && ap.divertTo.length > 0, `${sourceId}: whenNoSlot divert needs divertTo stages`);
      this.divertSet = diversion.addTargets(ap.divertTo, ap);
    }
    this.evDivert = sim.defineEvent(`arriveDiverted:${sourceId}`, (t) => this.onArriveDiverted(t));
  }

  /**
   * Plans the truck generated now for `intendedMs`: books (or not) and returns when it arrives, setting
   * `slotStartMs` and its flags. Returns NaN when it goes to another crossing instead (already scheduled).
   * The same draws are made for every truck, booked or not (common random numbers).
   */
  plan(t: number, intendedMs: number): number {
    const ap = this.ap;
    const now = this.sim.now;
    const uBook = this.appt.next();
    const uWithin = this.appt.next();
    const dev = this.punctuality.sample();
    this.slotStartMs = -1;
    if (uBook >= ap.share) return intendedMs;
    const book = this.book;
    // Each booking is a no-show with probability p, so before each kept booking come a geometric number
    // of no-show bookings (mean p / (1 - p)): bookings = arrivals + no-shows, no-shows / bookings = p.
    for (let k = 0; this.noShow.next() < ap.noShowProbability; k++) {
      if (k >= 10_000) assert(false, `${this.sourceId}: runaway no-show bookings (p ${ap.noShowProbability})`);
      book.book(intendedMs);
      if (this.measures.measuring) this.measures.noShows++;
    }
    const slot = book.book(intendedMs);
    const tr = this.trucks;
    if (slot < 0) {
      if (ap.whenNoSlot === "divert") {
        // Counted by cause when it sets off for the other crossing (Diversion.divert).
        this.measures.pendingArrivals++;
        this.sim.scheduleAt(Math.max(now, intendedMs), this.evDivert, t, Priority.arrival);
        return Number.NaN;
      }
      tr.flags[t] = (tr.flags[t] as number) | TruckFlag.noSlot;
      return intendedMs;
    }
    const slotStart = slot * book.slotMs;
    this.outcomes.booked(slotStart - intendedMs);
    tr.flags[t] = (tr.flags[t] as number) | TruckFlag.appointment;
    this.slotStartMs = slotStart;
    return Math.max(now, roundMs(slotStart + uWithin * book.slotMs + dev * ap.punctualitySdMs));
  }

  /**
   * A truck reaches the gate area: walk-ins are counted by cause; a booked truck's punctuality is judged
   * against its slot. Returns false when a late truck rebooked: it comes again at its new slot.
   */
  arrives(t: number, slotStartMs: number): boolean {
    const tr = this.trucks;
    const m = this.measures;
    const o = this.outcomes;
    const now = this.sim.now;
    const f = tr.flags[t] as number;
    if (slotStartMs < 0) {
      if (m.measuring) {
        if ((f & TruckFlag.noSlot) !== 0) o.walkInsNoSlot++;
        else o.walkInsUnbooked++;
      }
      return true;
    }
    const ap = this.ap;
    const slotEnd = slotStartMs + ap.slotMs;
    const late = now > slotEnd + ap.graceMs;
    if (late && ap.whenLate === "rebook") {
      const slot = this.book.rebook(now);
      if (slot >= 0) {
        // It does not come to the gate now: it waits away from it and comes at the start of its new slot.
        if (m.measuring) {
          o.rebooked++;
          if (now > slotEnd + ap.toleranceMs) m.missedSlots++;
        }
        const start = slot * this.book.slotMs;
        tr.arrivalMs[t] = start;
        tr.slotMs[t] = start;
        m.pendingArrivals++;
        this.sim.scheduleAt(start, this.evArrive, t, Priority.arrival);
        return false;
      }
    }
    if (m.measuring) {
      m.bookedArrivals++;
      if (now >= slotStartMs - ap.toleranceMs && now <= slotEnd + ap.toleranceMs) m.onTime++;
      else if (now > slotEnd + ap.toleranceMs) m.missedSlots++;
      o.bookedArrivals++;
      if (this.book.open.capacityAt(now) <= 0) o.bookedArrivalsWhileClosed++;
    }
    if (late && ap.whenLate !== "keepPriority") {
      // Past the grace window the slot is gone: the truck is called forward with the walk-ins.
      tr.flags[t] = (f & ~TruckFlag.appointment) | TruckFlag.late;
      if (m.measuring) o.walkInsLate++;
    }
    return true;
  }

  /** A truck that found no slot goes to another crossing at its intended time. */
  private onArriveDiverted(t: number): void {
    const m = this.measures;
    m.pendingArrivals--;
    this.trucks.arrivalMs[t] = this.sim.now;
    m.arrived(this.trucks.direction[t] as number);
    (this.diversion as Diversion).divert(t, this.divertSet, DiversionCause.noSlot);
  }
}
