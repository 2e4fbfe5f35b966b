/**
 * E-commerce parcels through the park's e-commerce and express zone (AGV robots, DWS, automated scanning; up to
 * 600,000 parcels a day, Seed F10). Parcels are far too many for one event each, so the flow is counted per
 * step: each step a Poisson number of parcels arrives (hour profile, day-to-day factor, dated peaks) and joins
 * the line's queue as one cohort; the line sorts first come first served at its rate while open; sorted parcels
 * are packed into the current truckload, and a truck leaves when it is full, or partly filled at a cut-off. A
 * departing truck is a real truck of the model: it enters the stage network with its parcels on board, and the
 * parcels it carries across the border are counted when it crosses. Parcel waits are weighted by cohort size.
 */
import {
  assert,
  CapacitySchedule,
  Priority,
  type RandomStreams,
  type Simulation,
  StandardNormal,
  type Xor4096,
} from "../kernel/index.js";
import { DAY_MS, HOUR_MS, MINUTE_MS, type ModelConfig, type ParcelsConfig, TruckFlag } from "./config.js";
import type { Network } from "./network.js";
import type { Measures } from "./observers/measures.js";
import { poisson } from "./poisson.js";
import type { Rendezvous } from "./rendezvous.js";
import { TimedRing } from "./ring.js";
import type { TruckPool } from "./trucks.js";

/** Waits are binned by the minute up to two weeks (longer ones in the last bin) for their P95. */
const WAIT_BINS = 14 * 24 * 60;

/** The parcel flow of a replication. */
export class Parcels {
  /** Parcels since the start (all time: the parcel balance). */
  arrivedAll = 0;
  shippedAll = 0;
  /** Parcels waiting for the line, and sorted parcels in the truck being loaded. */
  queued = 0;
  load = 0;
  private loadArrivalSum = 0;
  /** Cohorts waiting for the line: parcel counts and arrival times, first come first sorted. */
  private readonly cohorts = new TimedRing(256);
  private credit = 0;
  private day = -1;
  private dayFactor = 1;
  private readonly cfg: ParcelsConfig;
  private readonly perishable: boolean;
  private readonly sim: Simulation;
  private readonly trucks: TruckPool;
  private readonly network: Network;
  private readonly rendezvous: Rendezvous | null;
  private readonly measures: Measures;
  private readonly horizonMs: number;
  private readonly arrivals: Xor4096;
  private readonly daily: StandardNormal | null;
  private readonly attr: Xor4096;
  private readonly open: Uint8Array;
  private readonly channelCum: Float64Array;
  private readonly evStep: number;
  // Measured period.
  private arrived = 0;
  private sorted = 0;
  private shipped = 0;
  private crossedParcels = 0;
  private trucksSent = 0;
  private fillSum = 0;
  private waitSum = 0;
  private toTruckSum = 0;
  private offered = 0;
  private readonly waitBins = new Float64Array(WAIT_BINS);
  private dayArrived = 0;
  private daySorted = 0;
  readonly dailyArrived: number[] = [];
  readonly dailySorted: number[] = [];
  readonly dailyBacklog: number[] = [];
  readonly queueSeries: number[] = [];

  constructor(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    trucks: TruckPool,
    network: Network,
    rendezvous: Rendezvous | null,
    measures: Measures,
    horizonMs: number,
  ) {
    const p = cfg.parcels as ParcelsConfig;
    assert(p.stepMs > 0 && p.parcelsPerTruck > 0 && p.lineParcelsPerHour > 0, "parcels: step, truckload and rate > 0");
    this.cfg = p;
    this.perishable = cfg.perishableClasses[p.cargo] === true;
    this.sim = sim;
    this.trucks = trucks;
    this.network = network;
    this.rendezvous = rendezvous;
    this.measures = measures;
    this.horizonMs = horizonMs;
    this.arrivals = streams.stream("parcels:arrivals");
    this.daily = p.dailyCv > 0 ? new StandardNormal(streams.stream("parcels:daily")) : null;
    this.attr = streams.stream("parcels:attributes");
    const sched = new CapacitySchedule(p.lineSchedule);
    this.open = Uint8Array.from({ length: 1440 }, (_, m) => (sched.capacityAt(m * MINUTE_MS) > 0 ? 1 : 0));
    let acc = 0;
    this.channelCum = Float64Array.from(p.channelShares, (x) => (acc += x));
    this.evStep = sim.defineEvent("parcelStep", () => this.onStep());
    if (p.stepMs <= horizonMs) sim.scheduleAt(p.stepMs, this.evStep, 0, Priority.normal);
  }

  /** One step (now − step, now]: the line sorts what was queued, the step's parcels arrive, cut-offs apply. */
  private onStep(): void {
    const p = this.cfg;
    const now = this.sim.now;
    const dt = p.stepMs;
    const t0 = now - dt;
    const m = this.measures.measuring;
    const minute = Math.floor((t0 % DAY_MS) / MINUTE_MS);
    const ratePerMs = p.lineParcelsPerHour / HOUR_MS;
    if (this.open[minute] === 1) {
      const cap = ratePerMs * dt + this.credit;
      if (m) this.offered += ratePerMs * dt;
      let budget = Math.floor(cap);
      let used = 0;
      const q = this.cohorts;
      while (budget > 0 && q.length > 0) {
        const cohort = q.firstValue();
        const take = Math.min(cohort, budget);
        const arrivedAt = q.firstTime();
        // The line works through the queue in order: this chunk is done half-way through its own sorting time.
        const wait = Math.max(0, t0 + (used + take / 2) / ratePerMs - arrivedAt);
        if (m) {
          this.sorted += take;
          this.daySorted += take;
          this.waitSum += take * wait;
          const bin = Math.min(WAIT_BINS - 1, Math.floor(wait / MINUTE_MS));
          this.waitBins[bin] = (this.waitBins[bin] as number) + take;
        }
        if (take === cohort) q.shift();
        else q.setFirstValue(cohort - take);
        this.queued -= take;
        budget -= take;
        used += take;
        this.pack(take, arrivedAt, now);
      }
      // Unused capacity is lost when the queue runs dry; a fraction of a parcel carries over otherwise.
      this.credit = q.length > 0 ? cap - used : 0;
    } else this.credit = 0;

    const n = poisson(this.arrivals, this.meanArrivals(t0, dt));
    if (n > 0) {
      this.enqueue(n, t0 + dt / 2);
      this.arrivedAll += n;
      if (m) {
        this.arrived += n;
        this.dayArrived += n;
      }
    }
    if (this.load > 0 && this.cutoffIn(t0, now)) this.dispatch(now);
    if (now + dt <= this.horizonMs) this.sim.schedule(dt, this.evStep, 0, Priority.normal);
  }

  /** Expected parcels arriving in [t0, t0 + dt). */
  private meanArrivals(t0: number, dt: number): number {
    const p = this.cfg;
    const day = Math.floor(t0 / DAY_MS);
    if (day !== this.day) {
      this.day = day;
      if (this.daily) {
        const s2 = Math.log1p(p.dailyCv * p.dailyCv);
        this.dayFactor = Math.exp(-0.5 * s2 + Math.sqrt(s2) * this.daily.sample());
      }
    }
    let f = p.parcelsPerDay * this.dayFactor;
    for (const w of p.windows) if (t0 >= w.fromMs && t0 < w.toMs) f *= w.factor;
    const hour = Math.floor((t0 % DAY_MS) / HOUR_MS);
    return (f * (p.hourWeights[hour] as number) * dt) / DAY_MS;
  }

  /** Whether a cut-off time of the day falls in (t0, t1]. */
  private cutoffIn(t0: number, t1: number): boolean {
    const d0 = t0 % DAY_MS;
    const dt = t1 - t0;
    for (const c of this.cfg.cutoffsMs) {
      const ahead = (((c - d0) % DAY_MS) + DAY_MS) % DAY_MS;
      if (ahead > 0 && ahead <= dt) return true;
    }
    return false;
  }

  private enqueue(n: number, at: number): void {
    this.cohorts.push(n, at);
    this.queued += n;
  }

  /** Sorted parcels (all arrived at `arrivedAt`) go into truckloads; each full truck leaves at `now`. */
  private pack(n: number, arrivedAt: number, now: number): void {
    const size = this.cfg.parcelsPerTruck;
    let left = n;
    while (left > 0) {
      const x = Math.min(size - this.load, left);
      this.load += x;
      this.loadArrivalSum += x * arrivedAt;
      left -= x;
      if (this.load === size) this.dispatch(now);
    }
  }

  /** The truck being loaded leaves with its parcels: a new truck of the model enters the network. */
  private dispatch(now: number): void {
    const p = this.cfg;
    const n = this.load;
    this.shippedAll += n;
    if (this.measures.measuring) {
      this.shipped += n;
      this.trucksSent++;
      this.fillSum += n / p.parcelsPerTruck;
      this.toTruckSum += n * now - this.loadArrivalSum;
    }
    this.load = 0;
    this.loadArrivalSum = 0;
    // Three attribute draws per truck, whatever the shares (common random numbers).
    const uContainer = this.attr.next();
    const uTransship = this.attr.next();
    const uChannel = this.attr.next();
    let channel = -1;
    if (this.channelCum.length > 0) {
      channel = 0;
      while (channel < this.channelCum.length - 1 && uChannel >= (this.channelCum[channel] as number)) channel++;
    }
    let flags = 0;
    if (uContainer < p.containerShare) flags |= TruckFlag.container;
    if (uTransship < p.transshipShare) flags |= TruckFlag.transship;
    if (this.perishable) flags |= TruckFlag.perishable;
    const tr = this.trucks;
    const t = tr.allocate();
    tr.direction[t] = p.direction;
    tr.cargo[t] = p.cargo;
    tr.channel[t] = channel;
    tr.flags[t] = flags;
    tr.source[t] = -1;
    tr.arrivalMs[t] = now;
    tr.parcels[t] = n;
    this.measures.arrived(p.direction);
    const rv = this.rendezvous;
    if (rv?.dispatchOnArrival && (flags & TruckFlag.transship) !== 0) rv.dispatchPartner(t);
    this.network.arrive(t, p.entryStage);
  }

  /** A truck with `n` parcels crossed the border. */
  crossed(n: number): void {
    if (this.measures.measuring) this.crossedParcels += n;
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(): void {
    this.arrived = 0;
    this.sorted = 0;
    this.shipped = 0;
    this.crossedParcels = 0;
    this.trucksSent = 0;
    this.fillSum = 0;
    this.waitSum = 0;
    this.toTruckSum = 0;
    this.offered = 0;
    this.waitBins.fill(0);
    this.dayArrived = 0;
    this.daySorted = 0;
    this.dailyArrived.length = 0;
    this.dailySorted.length = 0;
    this.dailyBacklog.length = 0;
    this.queueSeries.length = 0;
  }

  /** Closes a day of the daily series (parcels arrived, sorted, and waiting in the zone at midnight). */
  endOfDay(record: boolean): void {
    if (record) {
      this.dailyArrived.push(this.dayArrived);
      this.dailySorted.push(this.daySorted);
      this.dailyBacklog.push(this.queued + this.load);
    }
    this.dayArrived = 0;
    this.daySorted = 0;
  }

  /** Records the parcels waiting for the line (one sampling step). */
  sample(): void {
    this.queueSeries.push(this.queued);
  }

  /** P95 of the parcels' wait for the line, minutes (bins of one minute, interpolated by rank inside its bin). */
  private waitP95Minutes(): number {
    let total = 0;
    for (let b = 0; b < WAIT_BINS; b++) total += this.waitBins[b] as number;
    if (total === 0) return 0;
    const rank = 0.95 * total;
    let seen = 0;
    for (let b = 0; b < WAIT_BINS; b++) {
      const c = this.waitBins[b] as number;
      if (seen + c >= rank) return b + (rank - seen) / c;
      seen += c;
    }
    return WAIT_BINS;
  }

  /** The parcel KPIs, in parcels (and minutes, trucks); checks the parcel balance. */
  report(k: (name: string, value: number, unit: string) => void, days: number): void {
    assert(
      this.arrivedAll === this.shippedAll + this.queued + this.load,
      `parcel balance fails: ${this.arrivedAll} arrived ≠ ${this.shippedAll} shipped + ${this.queued} queued + ${this.load} loading`,
    );
    const min = (x: number): number => x / MINUTE_MS;
    k("parcels.arrivedPerDay", this.arrived / days, "parcels/day");
    k("parcels.sortedPerDay", this.sorted / days, "parcels/day");
    k("parcels.shippedPerDay", this.shipped / days, "parcels/day");
    k("parcels.crossedPerDay", this.crossedParcels / days, "parcels/day");
    k("parcels.lineWaitMinutesMean", this.sorted > 0 ? min(this.waitSum / this.sorted) : 0, "minutes");
    k("parcels.lineWaitMinutesP95", this.waitP95Minutes(), "minutes");
    k("parcels.toTruckMinutesMean", this.shipped > 0 ? min(this.toTruckSum / this.shipped) : 0, "minutes");
    k("parcels.lineUtilization", this.offered > 0 ? this.sorted / this.offered : 0, "share");
    const bl = this.dailyBacklog;
    k("parcels.backlogEndOfDayMean", bl.length > 0 ? bl.reduce((a, b) => a + b, 0) / bl.length : 0, "parcels");
    k("parcels.backlogEndOfDayMax", bl.length > 0 ? Math.max(...bl) : 0, "parcels");
    k("parcels.inZoneAtEnd", this.queued + this.load, "parcels");
    k("parcels.trucksPerDay", this.trucksSent / days, "trucks/day");
    k("parcels.truckFillMean", this.trucksSent > 0 ? this.fillSum / this.trucksSent : 0, "share");
  }
}
