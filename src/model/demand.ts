/**
 * Demand: one non-homogeneous Poisson source per direction, with an hour-of-day profile, day-of-week and
 * seasonal factors, growth, and a lognormal day-to-day factor. Each truck gets its attributes (cargo class,
 * container, transshipment, plate read, customs channel) from a fixed number of draws of its source's
 * attribute stream, so the same demand gives the same trucks in every scenario (common random numbers).
 * Where trucks book (booking.ts), a truck is generated `leadMs` before its intended arrival and arrives
 * around its slot.
 */
import {
  assert,
  doubleFromTheStart,
  NhppArrivals,
  PiecewiseRate,
  Priority,
  type RandomStreams,
  roundMs,
  type Simulation,
  StandardNormal,
  type Xor4096,
} from "../kernel/index.js";
import { Appointments } from "./booking.js";
import { DAY_MS, HOUR_MS, type ModelConfig, type SourceConfig, TruckFlag } from "./config.js";
import type { Network } from "./network.js";
import type { Measures } from "./observers/measures.js";
import type { Outcomes } from "./observers/outcomes.js";
import type { PolicyRuntime } from "./policies/index.js";
import type { Rendezvous } from "./rendezvous.js";
import type { TruckPool } from "./trucks.js";

/** Per-source demand state: the current day's rate profile and the continuous clock of the process. */
interface SourceState {
  cfg: SourceConfig;
  arrivals: Xor4096;
  daily: StandardNormal | null;
  attr: Xor4096;
  /** The source's booking system, or null when its trucks do not book. */
  appointments: Appointments | null;
  /** Intended arrival time of the next truck (generated `leadMs` ahead of it when trucks book). */
  nextT: number;
  /** How far ahead of its intended arrival a truck is generated (the booking lead; 0 without appointments). */
  leadMs: number;
  /** Cumulative probabilities of the cargo mix and the channels. */
  cargoCum: Float64Array;
  channelCum: Float64Array;
  hourWeights: Float64Array;
  nhpp: NhppArrivals | null;
  day: number;
  /** Last arrival time of the continuous process (unrounded). */
  tCont: number;
  dailyLogSigma: number;
  dailyLogMu: number;
}

/** Cumulative shares of a list of weights (the last is exactly 1). */
function cumulative(xs: readonly number[]): Float64Array {
  const out = new Float64Array(xs.length);
  let acc = 0;
  let tot = 0;
  for (const x of xs) tot += x;
  xs.forEach((x, k) => {
    acc += x / tot;
    out[k] = acc;
  });
  if (out.length > 0) out[out.length - 1] = 1;
  return out;
}

/** The demand sources of a replication. */
export class Demand {
  private readonly sim: Simulation;
  private readonly cfg: ModelConfig;
  private readonly trucks: TruckPool;
  private readonly network: Network;
  private readonly rendezvous: Rendezvous | null;
  private readonly measures: Measures;
  private readonly horizonMs: number;
  private readonly sources: SourceState[] = [];
  private readonly evGen: number;
  private readonly evArrive: number;

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    network: Network,
    rendezvous: Rendezvous | null,
    measures: Measures,
    outcomes: Outcomes,
    horizonMs: number,
    policies: PolicyRuntime,
  ) {
    this.sim = sim;
    this.cfg = cfg;
    this.trucks = trucks;
    this.network = network;
    this.rendezvous = rendezvous;
    this.measures = measures;
    this.horizonMs = horizonMs;
    this.evGen = sim.defineEvent("generate", (s) => this.onGenerate(s));
    this.evArrive = sim.defineEvent("arrive", (t) => this.onArriveEvent(t));
    cfg.sources.forEach((src, i) => {
      const hw = Float64Array.from(src.hourWeights);
      let sum = 0;
      for (const w of hw) sum += w;
      for (let h = 0; h < 24; h++) hw[h] = ((hw[h] as number) * 24) / sum;
      const sigma2 = Math.log1p(src.dailyCv * src.dailyCv);
      const st: SourceState = {
        cfg: src,
        arrivals: streams.stream(`arrivals:${src.id}`),
        daily: src.dailyCv > 0 ? new StandardNormal(streams.stream(`daily:${src.id}`)) : null,
        attr: streams.stream(`attributes:${src.id}`),
        appointments: src.appointment
          ? new Appointments(
              sim,
              streams,
              src.appointment,
              src.id,
              trucks,
              network.stages,
              measures,
              outcomes,
              network.diversion,
              this.evArrive,
              policies,
            )
          : null,
        // Set just below; NaN makes the field a double from the start (see kernel/mutable-fields.ts).
        nextT: Number.NaN,
        leadMs: src.appointment ? src.appointment.leadMs : 0,
        cargoCum: cumulative(src.cargoMix.length > 0 ? src.cargoMix : [1]),
        channelCum: src.channelShares.length > 0 ? cumulative(src.channelShares) : new Float64Array(0),
        hourWeights: hw,
        nhpp: null,
        day: -1,
        tCont: 0,
        dailyLogSigma: Math.sqrt(sigma2),
        dailyLogMu: -0.5 * sigma2,
      };
      // A double from the start, as nextT's NaN: see kernel/mutable-fields.ts.
      doubleFromTheStart(st, ["tCont"]);
      this.sources.push(st);
      this.advance(st);
      const t = st.nextT;
      if (t < this.horizonMs) sim.scheduleAt(Math.max(0, t - st.leadMs), this.evGen, i, Priority.arrival);
    });
  }

  /** The 24-hour rate profile of one day for a source (trucks per ms per local hour). */
  private dayProfile(st: SourceState, day: number): NhppArrivals {
    const src = st.cfg;
    const dayStart = day * DAY_MS;
    let factor = src.trucksPerDay * (src.dayOfWeekFactors[day % 7] ?? 1) * (1 + src.growthPerYear) ** (day / 365);
    if (st.daily) factor *= Math.exp(st.dailyLogMu + st.dailyLogSigma * st.daily.sample());
    const starts: number[] = [];
    const rates: number[] = [];
    for (let h = 0; h < 24; h++) {
      const t0 = dayStart + h * HOUR_MS;
      let f = factor;
      for (const w of src.windows) if (t0 >= w.fromMs && t0 < w.toMs) f *= w.factor;
      starts.push(h * HOUR_MS);
      rates.push((f * (st.hourWeights[h] as number)) / DAY_MS);
    }
    return new NhppArrivals(st.arrivals, new PiecewiseRate(starts, rates, DAY_MS));
  }

  /**
   * Sets `st.nextT` to the source's next arrival (intent) time, rounded to ms; continuous time kept unrounded.
   * It stores the time instead of returning it: a time past 2^30 ms returned from a call V8 does not inline
   * is a fresh heap number.
   */
  private advance(st: SourceState): void {
    let day = Math.floor(st.tCont / DAY_MS);
    for (let guard = 0; guard < 100_000; guard++) {
      if (day * DAY_MS >= this.horizonMs) {
        st.nextT = Number.POSITIVE_INFINITY;
        return;
      }
      if (st.day !== day || st.nhpp === null) {
        st.nhpp = this.dayProfile(st, day);
        st.day = day;
      }
      const dayStart = day * DAY_MS;
      const local = st.nhpp.next(st.tCont - dayStart);
      if (local < DAY_MS) {
        st.tCont = dayStart + local;
        st.nextT = roundMs(st.tCont);
        return;
      }
      // Past the end of the day: restart at the next day with its own profile (memoryless, so exact).
      day++;
      st.tCont = day * DAY_MS;
    }
    assert(false, "demand generator did not advance");
  }

  /**
   * One truck of demand. The NHPP gives its intended arrival time T on NH1A, the same in every scenario with
   * the same demand (common random numbers). Where trucks book, the truck is generated `leadMs` before T (when
   * it books); walk-ins still arrive at T, booked trucks around their slot. No-shows are extra bookings that
   * take quota but never come: demand (`trucksPerDay`) counts only the trucks that actually arrive.
   */
  private onGenerate(i: number): void {
    const st = this.sources[i]!;
    const src = st.cfg;
    const now = this.sim.now;
    const intended = st.nextT;
    this.advance(st);
    const next = st.nextT;
    // Times cross calls as delays (small integers), not as absolute times (heap numbers after 12.4 days).
    if (next < this.horizonMs)
      this.sim.schedule(Math.max(now, next - st.leadMs) - now, this.evGen, i, Priority.arrival);
    this.measures.demandOnDay(src.direction, Math.floor(intended / DAY_MS));

    // Attributes: a fixed number of draws per truck from the source's attribute stream (common random numbers).
    const a = st.attr;
    const uCargo = a.next();
    const uContainer = a.next();
    const uTransship = a.next();
    const uPlate = a.next();
    const uChannel = a.next();
    let cargo = 0;
    while (cargo < st.cargoCum.length - 1 && uCargo >= (st.cargoCum[cargo] as number)) cargo++;
    let channel = -1;
    if (st.channelCum.length > 0) {
      channel = 0;
      while (channel < st.channelCum.length - 1 && uChannel >= (st.channelCum[channel] as number)) channel++;
    }
    let flags = 0;
    if (uContainer < src.containerShare) flags |= TruckFlag.container;
    if (uTransship < src.transshipShare) flags |= TruckFlag.transship;
    if (uPlate < src.plateReadProbability) flags |= TruckFlag.plateReadable;
    if (this.cfg.perishableClasses[cargo]) flags |= TruckFlag.perishable;

    const tr = this.trucks;
    const t = tr.allocate();
    tr.direction[t] = src.direction;
    tr.cargo[t] = cargo;
    tr.channel[t] = channel;
    tr.flags[t] = flags;
    tr.source[t] = i;
    let arriveAt = intended;
    let slotStart = -1;
    const appointments = st.appointments;
    if (appointments !== null) {
      arriveAt = appointments.plan(t, intended);
      // No slot, and diverted to another crossing: it arrives there (already scheduled).
      if (Number.isNaN(arriveAt)) return;
      slotStart = appointments.slotStartMs;
    }
    // Until arrival, arrivalMs holds the booked slot start (or -1): the punctuality check needs it.
    tr.arrivalMs[t] = slotStart;
    tr.slotMs[t] = slotStart;
    if (arriveAt === now) this.onArrive(t);
    else {
      this.measures.pendingArrivals++;
      this.sim.schedule(arriveAt - now, this.evArrive, t, Priority.arrival);
    }
  }

  private onArriveEvent(t: number): void {
    this.measures.pendingArrivals--;
    this.onArrive(t);
  }

  private onArrive(t: number): void {
    const tr = this.trucks;
    const m = this.measures;
    const now = this.sim.now;
    const st = this.sources[tr.source[t] as number]!;
    const slotStart = tr.arrivalMs[t] as number;
    // A late truck that rebooked comes again at its new slot.
    if (st.appointments !== null && !st.appointments.arrives(t, slotStart)) return;
    tr.arrivalMs[t] = now;
    m.arrived(tr.direction[t] as number);
    const rv = this.rendezvous;
    if (rv?.dispatchOnArrival && ((tr.flags[t] as number) & TruckFlag.transship) !== 0) {
      rv.dispatchPartner(t);
    }
    this.network.arrive(t, st.cfg.entryStage);
  }
}
