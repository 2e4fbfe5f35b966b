/**
 * The flow-network engine: trucks (pooled columns) move through typed stages (server, delay, holding,
 * branch, sink) fed by non-homogeneous Poisson demand with an appointment layer. Blocking propagates by
 * holding: a truck keeps the server it finished at until the next stage lets it in, and keeps a yard stall
 * until a stage that releases it, so a full yard stops the gate and the queue backs up onto NH1A.
 * Event kinds are registered once; no object or closure is created per truck or per event.
 */
import {
  assert,
  CapacitySchedule,
  type Distribution,
  Histogram,
  makeDistribution,
  NhppArrivals,
  PiecewiseRate,
  Priority,
  RandomStreams,
  RequestStatus,
  Resource,
  roundMs,
  Simulation,
  StandardNormal,
  Tally,
  TimeWeighted,
  type Xor4096,
} from "../kernel/index.js";
import {
  type ConditionConfig,
  DAY_MS,
  HOUR_MS,
  type HoldingStageConfig,
  MINUTE_MS,
  type ModelConfig,
  type ServerStageConfig,
  type SourceConfig,
  type StageConfig,
  TruckFlag,
} from "./config.js";
import {
  appointmentPolicies,
  callForwardPolicies,
  laneAllocationPolicies,
  type SelectionParams,
  selectionPolicies,
  type TruckView,
} from "./policies.js";
import {
  type ConservationCheck,
  type KpiValue,
  MODEL_VERSION,
  type ReplicationResult,
  type StageResult,
} from "./result.js";
import { PartnerState, TruckPool } from "./trucks.js";

/** How one replication is run; options override the config's horizon and warm-up when given. */
export interface SimulateOptions {
  seed: number | string;
  replication: number;
  horizonDays?: number;
  warmupDays?: number;
  isCancelled?: () => boolean;
  stepsMax?: number;
  /** Scenario name and hash to stamp on the result (the scenario layer fills them). */
  scenarioName?: string;
  scenarioHash?: string;
}

/** Default bound on events per replication: far above a year at province scope (~10^7 events). */
export const STEPS_MAX_DEFAULT = 500_000_000;
/** Slots of the appointment ring: bookings may be pushed at most this many slots ahead. */
const SLOT_RING = 8192;
/** Bound on synchronous moves of one truck in one instant (a network without delays must not loop). */
const MOVES_PER_INSTANT_MAX = 10_000;

function matches(c: ConditionConfig, dir: number, cargo: number, channel: number, flags: number): boolean {
  return (
    ((c.directionMask >>> dir) & 1) === 1 &&
    ((c.cargoMask >>> cargo) & 1) === 1 &&
    ((c.channelMask >>> (channel + 1)) & 1) === 1 &&
    (flags & c.flagsSet) === c.flagsSet &&
    (flags & c.flagsClear) === 0
  );
}

/** Per-source demand state: the current day's rate profile and the continuous clock of the process. */
interface SourceState {
  cfg: SourceConfig;
  arrivals: Xor4096;
  daily: StandardNormal | null;
  attr: Xor4096;
  punctuality: StandardNormal | null;
  appt: Xor4096;
  /** No-show bookings (a separate stream, so the no-show rate does not shift other draws). */
  noShow: Xor4096;
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
  /** Appointment slot counters (ring) and the slot each ring entry counts. */
  slotBooked: Int32Array;
  slotId: Float64Array;
  dailyLogSigma: number;
  dailyLogMu: number;
}

/** One replication of a model: build, run, report. */
export class GateModel implements TruckView {
  private readonly cfg: ModelConfig;
  private readonly sim = new Simulation({ capacityHint: 4096 });
  private readonly streams: RandomStreams;
  private readonly trucks: TruckPool;
  private readonly horizonMs: number;
  private readonly warmupMs: number;
  private readonly stages: StageConfig[];
  private readonly nStages: number;

  // Stage runtime, indexed by stage.
  private readonly resources: (Resource | null)[] = [];
  private readonly schedules: (CapacitySchedule | null)[] = [];
  private readonly services: Distribution[][] = [];
  private readonly adders: { dist: Distribution; rng: Xor4096 }[][] = [];
  private readonly delays: (Distribution | null)[] = [];
  private readonly branchRng: (Xor4096 | null)[] = [];
  private readonly branchWeightCum: Float64Array[] = [];
  private readonly selection: (SelectionParams | null)[] = [];
  private readonly selectionRule: (((view: TruckView, t: number, p: SelectionParams, u: number) => boolean) | null)[] =
    [];
  private readonly callForward: ((view: TruckView, t: number) => number)[] = [];
  private readonly holdBit: Int32Array;
  private readonly holdingByBit: number[] = [];
  private readonly releaseMask: Int32Array;
  private readonly capOffset: Int32Array;
  private readonly capCount: Float64Array;
  private readonly capHolding: Int32Array;
  private readonly capped: Uint8Array;
  private readonly completed: Float64Array;
  private readonly dwellExceeded: Float64Array;

  // Transshipment rendezvous (at most one docks stage has partners).
  private rvStage = -1;
  private rvDispatch = -1;
  private rvArrival: Distribution | null = null;
  private rvStalls = 0;
  private rvDwellLimitMs = Number.POSITIVE_INFINITY;
  private partnerYard = 0;
  private partnerOutside = 0;
  private outsideHead = -1;
  private outsideTail = -1;
  private loadedWaiting = 0;
  /** Truck slots kept only because their partner is still en route (the loaded truck has left). */
  private orphans = 0;
  private readonly partnerYardTw = new TimeWeighted(0, 0);
  private readonly partnerOutsideTw = new TimeWeighted(0, 0);
  private readonly loadedWaitingTw = new TimeWeighted(0, 0);
  private readonly partnerWaitMs = new Tally();
  private readonly loadedWaitPartnerMs = new Tally();
  private partnerDwellExceeded = 0;
  private partnersServed = 0;
  private partnersUnmatched = 0;
  private readonly partnerYardSeries: number[] = [];

  // Zones.
  private readonly zoneCount: Int32Array;
  private readonly zoneTw: TimeWeighted[];
  private readonly idleZones: number[];
  private readonly zoneSeries: number[][];

  // Demand.
  private readonly sourceStates: SourceState[] = [];

  // Event kinds.
  private readonly evGen: number;
  private readonly evArrive: number;
  private readonly evGrant: number;
  private readonly evAdmit: number;
  private readonly evDone: number;
  private readonly evCapacity: number;
  private readonly evCapReset: number;
  private readonly evLane: number;
  private readonly evDay: number;
  private readonly evSample: number;
  private readonly evWarmup: number;
  private readonly evPartner: number;

  // Counters (all-time for conservation; measured after warm-up for KPIs).
  private arrivalsAll = 0;
  private pendingArrivals = 0;
  private exitsAll = 0;
  private lostAll = 0;
  private notCrossed = 0;
  private measuring = false;
  private arrivalsByDir = new Float64Array(2);
  private clearedByDir = new Float64Array(2);
  private lostMeasured = 0;
  private noShows = 0;
  private bookedArrivals = 0;
  private onTime = 0;
  private missedSlots = 0;
  private perishableCleared = 0;
  private perishableLate = 0;
  private readonly tis = new Tally();
  private readonly tisByDir = [new Tally(), new Tally()];
  private readonly tisHist = new Histogram();
  private readonly laneShift: Int32Array;
  private readonly laneShiftTw: TimeWeighted[];
  private movesThisInstant = 0;
  /** Time of the instant `movesThisInstant` counts; NaN (a double, see the Simulation constructor) before any. */
  private movesInstant = Number.NaN;

  // Daily series (measured days).
  private dayArrivals = 0;
  private dayCleared = new Float64Array(2);
  private readonly dailyArrivals: number[] = [];
  private readonly dailyExport: number[] = [];
  private readonly dailyImport: number[] = [];
  private readonly dailyBacklog: number[] = [];
  private readonly sampleInSystem: number[] = [];
  /** Trucks intending to arrive on each day (by direction), counted by the day of the intended arrival. */
  private readonly demandByDay: [Float64Array, Float64Array];

  constructor(cfg: ModelConfig, options: SimulateOptions) {
    this.cfg = cfg;
    const horizonDays = options.horizonDays ?? cfg.horizonDays;
    const warmupDays = options.warmupDays ?? cfg.warmupDays;
    assert(horizonDays > 0, `horizonDays must be > 0, got ${horizonDays}`);
    assert(warmupDays >= 0 && warmupDays < horizonDays, `warmupDays must be in [0, horizonDays), got ${warmupDays}`);
    this.horizonMs = Math.round(horizonDays * DAY_MS);
    this.warmupMs = Math.round(warmupDays * DAY_MS);
    this.streams = new RandomStreams(options.seed, options.replication);
    this.trucks = new TruckPool(1024, Math.max(1024, cfg.trucksInSystemMax));
    this.stages = cfg.stages;
    const n = cfg.stages.length;
    this.nStages = n;
    this.holdBit = new Int32Array(n).fill(-1);
    this.releaseMask = new Int32Array(n);
    this.capOffset = new Int32Array(n);
    this.capCount = new Float64Array(n);
    this.capHolding = new Int32Array(n);
    this.capped = new Uint8Array(n);
    this.completed = new Float64Array(n);
    this.dwellExceeded = new Float64Array(n);
    this.zoneCount = new Int32Array(cfg.zones.length);
    this.zoneTw = cfg.zones.map(() => new TimeWeighted(0, 0));
    this.idleZones = [];
    cfg.zones.forEach((z, i) => {
      if (z.idling) this.idleZones.push(i);
    });
    this.zoneSeries = cfg.zones.map(() => []);
    this.laneShift = new Int32Array(cfg.laneGroups.length);
    this.laneShiftTw = cfg.laneGroups.map(() => new TimeWeighted(0, 0));

    const sim = this.sim;
    this.evGen = sim.defineEvent("generate", (s) => this.onGenerate(s));
    this.evArrive = sim.defineEvent("arrive", (t) => this.onArriveEvent(t));
    this.evGrant = sim.defineEvent("grant", (t) => this.onGrant(t));
    this.evAdmit = sim.defineEvent("admit", (t) => this.onAdmit(t));
    this.evDone = sim.defineEvent("done", (t) => this.onDone(t));
    this.evCapacity = sim.defineEvent("capacity", (s) => this.onCapacityChange(s));
    this.evCapReset = sim.defineEvent("capReset", (s) => this.onCapReset(s));
    this.evLane = sim.defineEvent("laneReview", (g) => this.onLaneReview(g));
    this.evDay = sim.defineEvent("day", () => this.onDay());
    this.evSample = sim.defineEvent("sample", () => this.onSample());
    this.evWarmup = sim.defineEvent("warmup", () => this.onWarmup());
    this.evPartner = sim.defineEvent("partnerArrive", (t) => this.onPartnerArrive(t));
    const dayCount = Math.ceil(horizonDays) + 1;
    this.demandByDay = [new Float64Array(dayCount), new Float64Array(dayCount)];

    this.buildStages();
    this.buildSources();
    for (let g = 0; g < cfg.laneGroups.length; g++) {
      const lg = cfg.laneGroups[g]!;
      assert(lg.policy in laneAllocationPolicies, `unknown lane policy ${lg.policy}`);
      if (lg.policy !== "fixed") sim.schedule(lg.reviewMs, this.evLane, g, Priority.monitor);
    }
    sim.scheduleAt(DAY_MS, this.evDay, 0, Priority.monitor);
    sim.scheduleAt(this.warmupMs, this.evWarmup, 0, Priority.monitor);
    if (this.warmupMs === 0) this.measuring = true;
  }

  // ----- TruckView ----------------------------------------------------------------------------------------
  /** Flag bits of a truck. */
  flags(t: number): number {
    return this.trucks.flags[t] as number;
  }
  /** Cargo class of a truck. */
  cargo(t: number): number {
    return this.trucks.cargo[t] as number;
  }
  /** Customs channel of a truck (-1 none). */
  channel(t: number): number {
    return this.trucks.channel[t] as number;
  }
  /** Direction of a truck. */
  direction(t: number): number {
    return this.trucks.direction[t] as number;
  }

  // ----- Construction -------------------------------------------------------------------------------------
  private buildStages(): void {
    const sim = this.sim;
    let bits = 0;
    for (let s = 0; s < this.nStages; s++) {
      const st = this.stages[s]!;
      this.resources.push(null);
      this.schedules.push(null);
      this.services.push([]);
      this.adders.push([]);
      this.delays.push(null);
      this.branchRng.push(null);
      this.branchWeightCum.push(new Float64Array(0));
      this.selection.push(null);
      this.selectionRule.push(null);
      this.callForward.push(callForwardPolicies.fifo as (v: TruckView, t: number) => number);
      if (st.type === "holding") {
        assert(bits < 31, "at most 31 holding stages");
        this.holdBit[s] = bits;
        this.holdingByBit.push(s);
        bits++;
      }
    }
    for (let s = 0; s < this.nStages; s++) {
      const st = this.stages[s]!;
      let mask = 0;
      for (const h of st.releases) {
        const b = this.holdBit[h] as number;
        assert(b >= 0, `stage ${st.id} releases a stage that is not a holding`);
        mask |= 1 << b;
      }
      this.releaseMask[s] = mask;
      if (st.type === "server" || st.type === "holding") {
        const sched = new CapacitySchedule(st.schedule);
        this.schedules[s] = sched;
        const cf = callForwardPolicies[st.callForward];
        assert(cf !== undefined, `stage ${st.id}: unknown call-forward policy ${st.callForward}`);
        this.callForward[s] = cf;
        const res = new Resource(sim, {
          name: st.id,
          capacity: sched.capacityAt(0),
          discipline: st.discipline,
          queueLengthMax: st.type === "server" ? st.queueLengthMax : Number.POSITIVE_INFINITY,
          whenFull: st.type === "server" ? st.whenFull : "reject",
          admitKind: this.evAdmit,
        });
        this.resources[s] = res;
        const next = sched.nextChangeAfter(0);
        if (next !== Number.POSITIVE_INFINITY) sim.scheduleAt(next, this.evCapacity, s, Priority.capacity);
      }
      if (st.type === "server") {
        const rng = this.streams.stream(`service:${st.id}`);
        const base = makeDistribution(st.serviceMs, rng);
        const perCargo: Distribution[] = [];
        for (let c = 0; c < this.cfg.cargoClasses.length; c++) {
          const o = st.serviceByCargoMs[c];
          perCargo.push(o ? makeDistribution(o, rng) : base);
        }
        if (perCargo.length === 0) perCargo.push(base);
        this.services[s] = perCargo;
        this.adders[s] = st.adders.map((a, i) => {
          const arng = this.streams.stream(`adder:${st.id}:${i}`);
          return { dist: makeDistribution(a.durationMs, arng), rng: arng };
        });
        if (st.rendezvous) {
          assert(this.rvStage < 0, `stage ${st.id}: only one stage may have a transshipment rendezvous`);
          this.rvStage = s;
          this.rvDispatch = st.rendezvous.dispatchStage;
          this.rvArrival = makeDistribution(st.rendezvous.partnerArrivalMs, this.streams.stream(`partner:${st.id}`));
          this.rvStalls = st.rendezvous.partnerYardStalls;
          this.rvDwellLimitMs = st.rendezvous.partnerDwellLimitMs;
          assert(this.rvStalls >= 0, `stage ${st.id}: partner yard stalls must be ≥ 0`);
        }
        if (Number.isFinite(st.dailyCapTrucks)) {
          this.capped[s] = 1;
          const first = st.dailyCapDayStartMs > 0 ? st.dailyCapDayStartMs : st.dailyCapDayStartMs + DAY_MS;
          sim.scheduleAt(first, this.evCapReset, s, Priority.capacity);
        }
        this.refreshCapacity(s);
      } else if (st.type === "delay") {
        this.delays[s] = makeDistribution(st.durationMs, this.streams.stream(`delay:${st.id}`));
      } else if (st.type === "branch") {
        this.branchRng[s] = this.streams.stream(`branch:${st.id}`);
        let total = 0;
        for (const r of st.routes) if (r.when === null) total += r.weight;
        const cum = new Float64Array(st.routes.length);
        let acc = 0;
        st.routes.forEach((r, i) => {
          if (r.when === null && total > 0) acc += r.weight / total;
          cum[i] = acc;
        });
        this.branchWeightCum[s] = cum;
        if (st.selection) {
          const rule = selectionPolicies[st.selection.policy];
          assert(rule !== undefined, `stage ${st.id}: unknown selection policy ${st.selection.policy}`);
          this.selectionRule[s] = rule;
          this.selection[s] = {
            randomProbability: st.selection.randomProbability,
            cargoMask: st.selection.cargoMask,
            channelMask: st.selection.channelMask,
          };
        }
      }
    }
  }

  private buildSources(): void {
    this.cfg.sources.forEach((src, i) => {
      const hw = Float64Array.from(src.hourWeights);
      let sum = 0;
      for (const w of hw) sum += w;
      for (let h = 0; h < 24; h++) hw[h] = ((hw[h] as number) * 24) / sum;
      const cum = (xs: number[]): Float64Array => {
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
      };
      const sigma2 = Math.log1p(src.dailyCv * src.dailyCv);
      const st: SourceState = {
        cfg: src,
        arrivals: this.streams.stream(`arrivals:${src.id}`),
        daily: src.dailyCv > 0 ? new StandardNormal(this.streams.stream(`daily:${src.id}`)) : null,
        attr: this.streams.stream(`attributes:${src.id}`),
        punctuality: src.appointment ? new StandardNormal(this.streams.stream(`punctuality:${src.id}`)) : null,
        appt: this.streams.stream(`appointment:${src.id}`),
        noShow: this.streams.stream(`noShow:${src.id}`),
        // Set just below; NaN makes the field a double from the start (see the Simulation constructor).
        nextT: Number.NaN,
        leadMs: src.appointment ? src.appointment.leadMs : 0,
        cargoCum: cum(src.cargoMix.length > 0 ? src.cargoMix : [1]),
        channelCum: src.channelShares.length > 0 ? cum(src.channelShares) : new Float64Array(0),
        hourWeights: hw,
        nhpp: null,
        day: -1,
        tCont: 0,
        slotBooked: new Int32Array(src.appointment ? SLOT_RING : 0),
        slotId: new Float64Array(src.appointment ? SLOT_RING : 0).fill(-1),
        dailyLogSigma: Math.sqrt(sigma2),
        dailyLogMu: -0.5 * sigma2,
      };
      this.sourceStates.push(st);
      const t = this.nextArrival(st);
      st.nextT = t;
      if (t < this.horizonMs) this.sim.scheduleAt(Math.max(0, t - st.leadMs), this.evGen, i, Priority.arrival);
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

  /** Next arrival (intent) time of a source, rounded to ms; continuous time kept unrounded. */
  private nextArrival(st: SourceState): number {
    let day = Math.floor(st.tCont / DAY_MS);
    for (let guard = 0; guard < 100_000; guard++) {
      if (day * DAY_MS >= this.horizonMs) return Number.POSITIVE_INFINITY;
      if (st.day !== day || st.nhpp === null) {
        st.nhpp = this.dayProfile(st, day);
        st.day = day;
      }
      const dayStart = day * DAY_MS;
      const local = st.nhpp.next(st.tCont - dayStart);
      if (local < DAY_MS) {
        st.tCont = dayStart + local;
        return roundMs(st.tCont);
      }
      // Past the end of the day: restart at the next day with its own profile (memoryless, so exact).
      day++;
      st.tCont = day * DAY_MS;
    }
    assert(false, "demand generator did not advance");
  }

  // ----- Demand -------------------------------------------------------------------------------------------
  /**
   * One truck of demand. The NHPP gives its intended arrival time T on NH1A, the same in every scenario with
   * the same demand (common random numbers). Where trucks book, the truck is generated `leadMs` before T (when
   * it books); walk-ins still arrive at T, booked trucks around their slot. No-shows are extra bookings that
   * take quota but never come: demand (`trucksPerDay`) counts only the trucks that actually arrive.
   */
  private onGenerate(i: number): void {
    const st = this.sourceStates[i]!;
    const src = st.cfg;
    const now = this.sim.now;
    const intended = st.nextT;
    const next = this.nextArrival(st);
    st.nextT = next;
    if (next < this.horizonMs) this.sim.scheduleAt(Math.max(now, next - st.leadMs), this.evGen, i, Priority.arrival);
    const demandDay = Math.floor(intended / DAY_MS);
    const dd = this.demandByDay[src.direction]!;
    if (demandDay < dd.length) dd[demandDay] = (dd[demandDay] as number) + 1;

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
    if (uPlate < src.plateReadProbability) flags |= TruckFlag.plateRead;
    if (this.cfg.perishableClasses[cargo]) flags |= TruckFlag.perishable;

    let arriveAt = intended;
    let slotStart = -1;
    const ap = src.appointment;
    if (ap !== null) {
      const uBook = st.appt.next();
      const uWithin = st.appt.next();
      const dev = (st.punctuality as StandardNormal).sample();
      if (uBook < ap.share) {
        // Each booking is a no-show with probability p, so before each kept booking come a geometric number
        // of no-show bookings (mean p / (1 - p)): bookings = arrivals + no-shows, no-shows / bookings = p.
        for (let k = 0; st.noShow.next() < ap.noShowProbability; k++) {
          assert(k < 10_000, `${src.id}: runaway no-show bookings (noShowProbability ${ap.noShowProbability})`);
          this.book(st, ap, intended);
          if (this.measuring) this.noShows++;
        }
        const slot = this.book(st, ap, intended);
        flags |= TruckFlag.appointment;
        slotStart = slot * ap.slotMs;
        arriveAt = Math.max(now, roundMs(slotStart + uWithin * ap.slotMs + dev * ap.punctualitySdMs));
      }
    }

    const tr = this.trucks;
    const t = tr.allocate();
    tr.direction[t] = src.direction;
    tr.cargo[t] = cargo;
    tr.channel[t] = channel;
    tr.flags[t] = flags;
    tr.source[t] = i;
    // Until arrival, arrivalMs holds the booked slot start (or -1): the punctuality check needs it.
    tr.arrivalMs[t] = slotStart;
    if (arriveAt === now) this.onArrive(t);
    else {
      this.pendingArrivals++;
      this.sim.scheduleAt(arriveAt, this.evArrive, t, Priority.arrival);
    }
  }

  /** Books the first slot at or after the intended time that the booking rule accepts; returns its index. */
  private book(st: SourceState, ap: NonNullable<SourceConfig["appointment"]>, intendedMs: number): number {
    const rule = appointmentPolicies[ap.policy];
    assert(rule !== undefined, `unknown appointment policy ${ap.policy}`);
    let k = Math.floor(intendedMs / ap.slotMs);
    let r = k % SLOT_RING;
    for (let tries = 0; ; tries++) {
      assert(tries < SLOT_RING, `${st.cfg.id}: no free appointment slot within ${SLOT_RING} slots`);
      r = k % SLOT_RING;
      if (st.slotId[r] !== k) {
        st.slotId[r] = k;
        st.slotBooked[r] = 0;
      }
      if (rule(st.slotBooked[r] as number, ap.quotaPerSlot, ap.overbookFraction)) break;
      k++;
    }
    st.slotBooked[r] = (st.slotBooked[r] as number) + 1;
    return k;
  }

  private onArriveEvent(t: number): void {
    this.pendingArrivals--;
    this.onArrive(t);
  }

  private onArrive(t: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    const st = this.sourceStates[tr.source[t] as number]!;
    const slotStart = tr.arrivalMs[t] as number;
    tr.arrivalMs[t] = now;
    this.arrivalsAll++;
    this.notCrossed++;
    if (this.measuring) {
      this.arrivalsByDir[tr.direction[t] as number]!++;
      this.dayArrivals++;
      if (slotStart >= 0) {
        const ap = st.cfg.appointment!;
        this.bookedArrivals++;
        if (now >= slotStart - ap.toleranceMs && now <= slotStart + ap.slotMs + ap.toleranceMs) this.onTime++;
        else if (now > slotStart + ap.slotMs + ap.toleranceMs) this.missedSlots++;
      }
    }
    if (this.rvStage >= 0 && this.rvDispatch < 0 && ((tr.flags[t] as number) & TruckFlag.transship) !== 0) {
      this.dispatchPartner(t);
    }
    this.enter(t, st.cfg.entryStage);
  }

  // ----- Movement -----------------------------------------------------------------------------------------
  private setZone(t: number, z: number): void {
    const tr = this.trucks;
    const old = tr.zone[t] as number;
    if (old === z) return;
    const now = this.sim.now;
    if (old >= 0) {
      this.zoneCount[old] = (this.zoneCount[old] as number) - 1;
      this.zoneTw[old]!.update(this.zoneCount[old] as number, now);
    }
    if (z >= 0) {
      this.zoneCount[z] = (this.zoneCount[z] as number) + 1;
      this.zoneTw[z]!.update(this.zoneCount[z] as number, now);
    }
    tr.zone[t] = z;
  }

  /** Moves truck t into stage s (following branches at once). */
  private enter(t: number, s: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    if (this.movesInstant !== now) {
      this.movesInstant = now;
      this.movesThisInstant = 0;
    }
    for (;;) {
      assert(++this.movesThisInstant < MOVES_PER_INSTANT_MAX, "too many moves in one instant: a loop in the network?");
      const st = this.stages[s]!;
      tr.stage[t] = s;
      if (s === this.rvDispatch && tr.partner[t] === PartnerState.none && (tr.flags[t]! & TruckFlag.transship) !== 0) {
        this.dispatchPartner(t);
      }
      if (st.zone >= 0) this.setZone(t, st.zone);
      if (st.crossing) this.markCrossed(t);
      switch (st.type) {
        case "branch": {
          s = this.route(t, s);
          continue;
        }
        case "delay": {
          this.releaseHeld(t);
          this.releaseHoldings(t, this.releaseMask[s] as number);
          const d = roundMs((this.delays[s] as Distribution).sample());
          this.sim.schedule(d, this.evDone, t);
          return;
        }
        case "sink": {
          this.releaseHeld(t);
          this.releaseHoldings(t, -1);
          this.setZone(t, -1);
          if (st.lost) {
            this.lostAll++;
            if ((tr.flags[t]! & TruckFlag.crossed) === 0) this.notCrossed--;
            if (this.measuring) this.lostMeasured++;
          } else {
            if ((tr.flags[t]! & TruckFlag.crossed) === 0) this.markCrossed(t);
            this.exitsAll++;
          }
          if (this.measuring) this.completed[s]!++;
          this.freeTruck(t);
          return;
        }
        case "holding":
        case "server": {
          if (s === this.rvStage && (tr.flags[t]! & TruckFlag.transship) !== 0 && !this.pairAtDocks(t)) return;
          this.request(t, s);
          return;
        }
      }
    }
  }

  /** Asks stage s (a server or a holding) for truck t and acts on the answer. */
  private request(t: number, s: number): void {
    const tr = this.trucks;
    const st = this.stages[s] as ServerStageConfig | HoldingStageConfig;
    const res = this.resources[s] as Resource;
    const prio = st.discipline === "priority" ? this.callForward[s]!(this, t) : 0;
    const status = res.request(t, this.evGrant, prio);
    if (status === RequestStatus.granted) this.started(t, s);
    else if (status === RequestStatus.queued) {
      // The truck joined the line: it no longer needs the server upstream (holding stalls stay held).
      if (st.type === "server") this.releaseHeld(t);
    } else if (status === RequestStatus.rejected) {
      this.releaseHeld(t);
      this.releaseHoldings(t, -1);
      this.setZone(t, -1);
      this.lostAll++;
      if ((tr.flags[t]! & TruckFlag.crossed) === 0) this.notCrossed--;
      if (this.measuring) this.lostMeasured++;
      this.freeTruck(t);
    }
    // blocked: the truck keeps what it holds upstream until admitted (onAdmit).
  }

  /** Gives a truck's slot back, unless its partner is still en route (then the slot is freed when it arrives). */
  private freeTruck(t: number): void {
    const tr = this.trucks;
    const ps = tr.partner[t] as number;
    if (ps !== PartnerState.none) {
      // The loaded truck left without its transfer (lost, diverted): its partner goes home.
      if (ps === PartnerState.enRoute) {
        tr.partner[t] = PartnerState.orphan;
        this.orphans++;
        return;
      }
      if (ps === PartnerState.outside) this.unlinkOutside(t);
      else if (ps === PartnerState.inYard || ps === PartnerState.pairedInYard) this.releasePartnerStall();
      tr.partner[t] = PartnerState.none;
      if (this.measuring) this.partnersUnmatched++;
    }
    tr.free(t);
  }

  // ----- Transshipment rendezvous -------------------------------------------------------------------------
  /** Sends truck t's partner (the receiving truck of the other country) toward the transshipment yard. */
  private dispatchPartner(t: number): void {
    const tr = this.trucks;
    const lead = roundMs((this.rvArrival as Distribution).sample());
    tr.partner[t] = PartnerState.enRoute;
    tr.yardMs[t] = this.sim.now;
    this.sim.schedule(Math.max(0, lead), this.evPartner, t, Priority.arrival);
  }

  /**
   * The loaded truck t reached the docks: true when its partner is here (the pair may ask for a dock);
   * false when the truck must wait for it (it keeps its yard stall, gives up any server upstream).
   */
  private pairAtDocks(t: number): boolean {
    const tr = this.trucks;
    const now = this.sim.now;
    let ps = tr.partner[t] as number;
    if (ps === PartnerState.none) {
      // Its route did not pass the dispatch stage: the partner is called now.
      this.dispatchPartner(t);
      ps = PartnerState.enRoute;
    }
    if (ps === PartnerState.enRoute) {
      this.releaseHeld(t);
      tr.flags[t] = (tr.flags[t] as number) | TruckFlag.waitingPartner;
      tr.waitPartnerMs[t] = now;
      this.loadedWaiting++;
      this.loadedWaitingTw.update(this.loadedWaiting, now);
      return false;
    }
    if (ps === PartnerState.inYard) tr.partner[t] = PartnerState.pairedInYard;
    else if (ps === PartnerState.outside) {
      // Called forward past the full yard straight to the docks.
      this.unlinkOutside(t);
      tr.partner[t] = PartnerState.paired;
    } else assert(false, `truck at the docks with partner state ${ps}`);
    if (this.measuring) this.loadedWaitPartnerMs.add(0);
    return true;
  }

  private onPartnerArrive(t: number): void {
    const tr = this.trucks;
    const now = this.sim.now;
    const ps = tr.partner[t] as number;
    if (ps === PartnerState.orphan) {
      tr.partner[t] = PartnerState.none;
      this.orphans--;
      if (this.measuring) this.partnersUnmatched++;
      tr.free(t);
      return;
    }
    assert(ps === PartnerState.enRoute, `partner arrival in state ${ps}`);
    tr.partnerMs[t] = now;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.waitingPartner) !== 0) {
      // The loaded truck is waiting at the docks: the partner drives straight in and the pair asks for a dock.
      tr.flags[t] = f & ~TruckFlag.waitingPartner;
      this.loadedWaiting--;
      this.loadedWaitingTw.update(this.loadedWaiting, now);
      if (this.measuring) this.loadedWaitPartnerMs.add(now - (tr.waitPartnerMs[t] as number));
      tr.partner[t] = PartnerState.paired;
      this.request(t, this.rvStage);
      return;
    }
    if (this.partnerYard < this.rvStalls) {
      this.partnerYard++;
      this.partnerYardTw.update(this.partnerYard, now);
      tr.partner[t] = PartnerState.inYard;
      return;
    }
    tr.partner[t] = PartnerState.outside;
    tr.partnerNext[t] = -1;
    tr.partnerPrev[t] = this.outsideTail;
    if (this.outsideTail >= 0) tr.partnerNext[this.outsideTail] = t;
    else this.outsideHead = t;
    this.outsideTail = t;
    this.partnerOutside++;
    this.partnerOutsideTw.update(this.partnerOutside, now);
  }

  private unlinkOutside(t: number): void {
    const tr = this.trucks;
    const p = tr.partnerPrev[t] as number;
    const n = tr.partnerNext[t] as number;
    if (p >= 0) tr.partnerNext[p] = n;
    else this.outsideHead = n;
    if (n >= 0) tr.partnerPrev[n] = p;
    else this.outsideTail = p;
    this.partnerOutside--;
    this.partnerOutsideTw.update(this.partnerOutside, this.sim.now);
  }

  /** A partner left its stall: the first partner waiting outside takes it. */
  private releasePartnerStall(): void {
    const now = this.sim.now;
    const h = this.outsideHead;
    if (h >= 0) {
      this.unlinkOutside(h);
      this.trucks.partner[h] = PartnerState.inYard;
      return;
    }
    this.partnerYard--;
    this.partnerYardTw.update(this.partnerYard, now);
  }

  private route(t: number, s: number): number {
    const st = this.stages[s]!;
    assert(st.type === "branch", "route on a non-branch");
    const tr = this.trucks;
    const u = (this.branchRng[s] as Xor4096).next();
    const rule = this.selectionRule[s];
    if (rule) return (st.routes[rule(this, t, this.selection[s]!, u) ? 0 : 1] as { next: number }).next;
    const dir = tr.direction[t] as number;
    const cargo = tr.cargo[t] as number;
    const ch = tr.channel[t] as number;
    const fl = tr.flags[t] as number;
    const cum = this.branchWeightCum[s]!;
    let fallback = -1;
    for (let i = 0; i < st.routes.length; i++) {
      const r = st.routes[i]!;
      if (r.when !== null) {
        if (matches(r.when, dir, cargo, ch, fl)) return r.next;
      } else if (u < (cum[i] as number)) return r.next;
      else fallback = r.next;
    }
    assert(fallback >= 0, `branch ${st.id}: no route for a truck`);
    return fallback;
  }

  /** The truck got a server (or a stall) at stage s: start there. */
  private started(t: number, s: number): void {
    const st = this.stages[s]!;
    this.releaseHeld(t);
    this.releaseHoldings(t, this.releaseMask[s] as number);
    if (st.type === "holding") {
      const tr = this.trucks;
      tr.holdMask[t] = (tr.holdMask[t] as number) | (1 << (this.holdBit[s] as number));
      if (this.measuring) this.completed[s]!++;
      this.enter(t, st.next);
      return;
    }
    assert(st.type === "server", "started on a non-server");
    if (s === this.rvStage) {
      const tr = this.trucks;
      const ps = tr.partner[t] as number;
      if (ps === PartnerState.pairedInYard) {
        this.releasePartnerStall();
        tr.partner[t] = PartnerState.paired;
      }
      if (ps !== PartnerState.none && this.measuring)
        this.partnerWaitMs.add(this.sim.now - (tr.partnerMs[t] as number));
    }
    if (this.capped[s] === 1) {
      this.capCount[s]!++;
      this.capHolding[s]!++;
      this.refreshCapacity(s);
    }
    const tr = this.trucks;
    const cargo = tr.cargo[t] as number;
    const dists = this.services[s]!;
    let d = (dists[cargo] ?? dists[0]!).sample();
    const adders = this.adders[s]!;
    if (adders.length > 0) {
      const dir = tr.direction[t] as number;
      const ch = tr.channel[t] as number;
      const fl = tr.flags[t] as number;
      for (let i = 0; i < adders.length; i++) {
        const a = adders[i]!;
        const cfgA = st.adders[i]!;
        const u = a.rng.next();
        if (matches(cfgA.when, dir, cargo, ch, fl) && u < cfgA.probability) d += a.dist.sample();
      }
    }
    this.sim.schedule(roundMs(d), this.evDone, t);
  }

  private onGrant(t: number): void {
    this.started(t, this.trucks.stage[t] as number);
  }

  private onAdmit(t: number): void {
    // A blocked truck entered the line: it gives up what it held upstream.
    this.releaseHeld(t);
  }

  private onDone(t: number): void {
    const tr = this.trucks;
    const s = tr.stage[t] as number;
    const st = this.stages[s]!;
    if (this.measuring) this.completed[s]!++;
    if (st.type === "server") {
      const now = this.sim.now;
      // Dwell limits apply in the designated yards: at the docks a loaded truck's dwell starts when it entered
      // the yard (its partner was called), elsewhere at its arrival in the network.
      const rv = s === this.rvStage && tr.partner[t] !== PartnerState.none;
      const since = rv ? (tr.yardMs[t] as number) : (tr.arrivalMs[t] as number);
      if (now - since > st.dwellLimitMs && this.measuring) this.dwellExceeded[s]!++;
      if (rv) {
        // The transfer is over: the partner leaves with its load.
        if (this.measuring) {
          this.partnersServed++;
          if (now - (tr.partnerMs[t] as number) > this.rvDwellLimitMs) this.partnerDwellExceeded++;
        }
        tr.partner[t] = PartnerState.none;
      }
      tr.heldServer[t] = s;
      this.enter(t, st.next);
    } else if (st.type === "delay") {
      this.enter(t, st.next);
    } else assert(false, `done event at stage ${st.id}`);
  }

  private releaseHeld(t: number): void {
    const tr = this.trucks;
    const h = tr.heldServer[t] as number;
    if (h < 0) return;
    tr.heldServer[t] = -1;
    const res = this.resources[h] as Resource;
    if (this.capped[h] === 1) {
      this.capHolding[h]!--;
      this.refreshCapacity(h);
    }
    res.release();
  }

  private releaseHoldings(t: number, mask: number): void {
    const tr = this.trucks;
    let held = (tr.holdMask[t] as number) & mask;
    if (held === 0) return;
    tr.holdMask[t] = (tr.holdMask[t] as number) & ~held;
    while (held !== 0) {
      const b = 31 - Math.clz32(held);
      held &= ~(1 << b);
      (this.resources[this.holdingByBit[b]!] as Resource).release();
    }
  }

  private markCrossed(t: number): void {
    const tr = this.trucks;
    const f = tr.flags[t] as number;
    if ((f & TruckFlag.crossed) !== 0) return;
    tr.flags[t] = f | TruckFlag.crossed;
    this.notCrossed--;
    if (!this.measuring) return;
    const dir = tr.direction[t] as number;
    const tis = this.sim.now - (tr.arrivalMs[t] as number);
    this.clearedByDir[dir]!++;
    this.dayCleared[dir]!++;
    this.tis.add(tis);
    this.tisByDir[dir]!.add(tis);
    this.tisHist.add(tis);
    if ((f & TruckFlag.perishable) !== 0) {
      this.perishableCleared++;
      if (tis > this.cfg.kpi.perishableThresholdMs) this.perishableLate++;
    }
  }

  // ----- Capacity -----------------------------------------------------------------------------------------
  /** Capacity in force: the schedule, plus lanes lent by a lane policy, limited by the daily cap. */
  private refreshCapacity(s: number): void {
    const sched = this.schedules[s] as CapacitySchedule;
    const res = this.resources[s] as Resource;
    const base = sched.capacityAt(this.sim.now);
    let c = base > 0 ? Math.max(0, base + (this.capOffset[s] as number)) : 0;
    if (this.capped[s] === 1) {
      const st = this.stages[s] as ServerStageConfig;
      const remaining = Math.max(0, st.dailyCapTrucks - (this.capCount[s] as number));
      // Trucks in service stay; only `remaining` more may start today (grants in flight are in `busy`).
      c = Math.min(c, (this.capHolding[s] as number) + remaining);
    }
    if (c !== res.capacity) res.setCapacity(c);
  }

  private onCapacityChange(s: number): void {
    this.refreshCapacity(s);
    const next = (this.schedules[s] as CapacitySchedule).nextChangeAfter(this.sim.now);
    if (next !== Number.POSITIVE_INFINITY) this.sim.scheduleAt(next, this.evCapacity, s, Priority.capacity);
  }

  private onCapReset(s: number): void {
    this.capCount[s] = 0;
    this.refreshCapacity(s);
    this.sim.schedule(DAY_MS, this.evCapReset, s, Priority.capacity);
  }

  private onLaneReview(g: number): void {
    const lg = this.cfg.laneGroups[g]!;
    const [a, b] = lg.stages;
    const ra = this.resources[a] as Resource;
    const rb = this.resources[b] as Resource;
    const rule = laneAllocationPolicies[lg.policy]!;
    const shift = rule({
      queueA: ra.queued + ra.blocked,
      queueB: rb.queued + rb.blocked,
      shift: this.laneShift[g] as number,
      lanesShiftMax: lg.lanesShiftMax,
      thresholdTrucks: lg.thresholdTrucks,
    });
    if (shift !== this.laneShift[g]) {
      this.laneShift[g] = shift;
      this.laneShiftTw[g]!.update(shift, this.sim.now);
      this.capOffset[a] = shift;
      this.capOffset[b] = -shift;
      this.refreshCapacity(a);
      this.refreshCapacity(b);
    }
    this.sim.schedule(lg.reviewMs, this.evLane, g, Priority.monitor);
  }

  // ----- Bookkeeping --------------------------------------------------------------------------------------
  private onWarmup(): void {
    const now = this.sim.now;
    this.measuring = true;
    for (const r of this.resources) r?.resetStats(now);
    for (const z of this.zoneTw) z.reset(now);
    for (const l of this.laneShiftTw) l.reset(now);
    this.partnerYardTw.reset(now);
    this.partnerOutsideTw.reset(now);
    this.loadedWaitingTw.reset(now);
    this.partnerWaitMs.reset();
    this.loadedWaitPartnerMs.reset();
    this.partnerDwellExceeded = 0;
    this.partnersServed = 0;
    this.partnersUnmatched = 0;
    this.partnerYardSeries.length = 0;
    this.completed.fill(0);
    this.dwellExceeded.fill(0);
    this.arrivalsByDir.fill(0);
    this.clearedByDir.fill(0);
    this.dayCleared.fill(0);
    this.dayArrivals = 0;
    this.lostMeasured = 0;
    this.noShows = 0;
    this.bookedArrivals = 0;
    this.onTime = 0;
    this.missedSlots = 0;
    this.perishableCleared = 0;
    this.perishableLate = 0;
    this.tis.reset();
    for (const x of this.tisByDir) x.reset();
    this.tisHist.reset();
    this.dailyArrivals.length = 0;
    this.dailyExport.length = 0;
    this.dailyImport.length = 0;
    this.dailyBacklog.length = 0;
    for (const z of this.zoneSeries) z.length = 0;
    this.sampleInSystem.length = 0;
    this.onSample();
  }

  private onDay(): void {
    if (this.measuring && this.sim.now > this.warmupMs) {
      this.dailyArrivals.push(this.dayArrivals);
      this.dailyExport.push(this.dayCleared[0] as number);
      this.dailyImport.push(this.dayCleared[1] as number);
      this.dailyBacklog.push(this.notCrossed);
    }
    this.dayArrivals = 0;
    this.dayCleared.fill(0);
    if (this.sim.now + DAY_MS <= this.horizonMs) this.sim.schedule(DAY_MS, this.evDay, 0, Priority.monitor);
  }

  private onSample(): void {
    if (this.measuring) {
      for (let z = 0; z < this.zoneSeries.length; z++) this.zoneSeries[z]!.push(this.zoneCount[z] as number);
      this.sampleInSystem.push(this.trucks.live - this.pendingArrivals - this.orphans);
      if (this.rvStage >= 0) this.partnerYardSeries.push(this.partnerYard + this.partnerOutside);
    }
    const step = this.cfg.kpi.sampleStepMs;
    if (this.sim.now + step < this.horizonMs) this.sim.schedule(step, this.evSample, 0, Priority.monitor);
  }

  // ----- Run and report -----------------------------------------------------------------------------------
  /** Runs the replication to the horizon and returns its result. */
  run(options: SimulateOptions): ReplicationResult {
    const outcome = this.sim.run({
      untilMs: this.horizonMs,
      stepsMax: options.stepsMax ?? STEPS_MAX_DEFAULT,
      isCancelled: options.isCancelled,
    });
    if (outcome.reason === "stepsMax") {
      throw new Error(
        `simulation of "${this.cfg.name}" hit the step bound (${options.stepsMax ?? STEPS_MAX_DEFAULT} events) ` +
          `at day ${(this.sim.now / DAY_MS).toFixed(2)}`,
      );
    }
    if (outcome.reason === "cancelled") throw new Error(`simulation of "${this.cfg.name}" was cancelled`);
    return this.report(options);
  }

  /** Demand of one direction per measured day (the days of `series.daily`). */
  private demandSeries(dir: number): number[] {
    const dd = this.demandByDay[dir]!;
    const out: number[] = [];
    for (let d = Math.floor(this.warmupMs / DAY_MS); (d + 1) * DAY_MS <= this.horizonMs; d++) out.push(dd[d] ?? 0);
    return out;
  }

  private report(options: SimulateOptions): ReplicationResult {
    const now = this.sim.now;
    const cfg = this.cfg;
    const days = (this.horizonMs - this.warmupMs) / DAY_MS;
    const kpis: Record<string, KpiValue> = {};
    const k = (name: string, value: number, unit: string): void => {
      kpis[name] = { value: Number.isFinite(value) ? value : 0, unit };
    };
    const exp = this.clearedByDir[0] as number;
    const imp = this.clearedByDir[1] as number;
    k("throughputPerDay", (exp + imp) / days, "trucks/day");
    k("exportThroughputPerDay", exp / days, "trucks/day");
    k("importThroughputPerDay", imp / days, "trucks/day");
    const arrE = this.arrivalsByDir[0] as number;
    const arrI = this.arrivalsByDir[1] as number;
    k("arrivalsPerDay", (arrE + arrI) / days, "trucks/day");
    k("exportArrivalsPerDay", arrE / days, "trucks/day");
    k("importArrivalsPerDay", arrI / days, "trucks/day");
    k("lostPerDay", this.lostMeasured / days, "trucks/day");
    const m = (ms: number): number => ms / MINUTE_MS;
    k("timeInSystemMinutesMean", m(this.tis.mean), "minutes");
    k("timeInSystemMinutesP50", m(this.tisHist.quantile(0.5)), "minutes");
    k("timeInSystemMinutesP95", m(this.tisHist.quantile(0.95)), "minutes");
    k("timeInSystemMinutesP99", m(this.tisHist.quantile(0.99)), "minutes");
    k("timeInSystemMinutesMax", m(this.tisHist.max), "minutes");
    k("exportTimeInSystemMinutesMean", m(this.tisByDir[0]!.mean), "minutes");
    k("importTimeInSystemMinutesMean", m(this.tisByDir[1]!.mean), "minutes");
    const zoneIdx = (id: string): number => cfg.zones.findIndex((z) => z.id === id);
    const zoneMean = (i: number): number => (i >= 0 ? this.zoneTw[i]!.mean(now) : 0);
    const zoneMax = (i: number): number => (i >= 0 ? this.zoneTw[i]!.max : 0);
    const nh1a = zoneIdx("nh1a");
    const yard = zoneIdx("yard");
    k("nh1aQueueTrucksMean", zoneMean(nh1a), "trucks");
    k("nh1aQueueTrucksMax", zoneMax(nh1a), "trucks");
    k("yardOccupancyMean", zoneMean(yard), "trucks");
    k("yardOccupancyMax", zoneMax(yard), "trucks");
    for (let z = 0; z < cfg.zones.length; z++) {
      const id = cfg.zones[z]!.id;
      k(`zone.${id}.trucksMean`, zoneMean(z), "trucks");
      k(`zone.${id}.trucksMax`, zoneMax(z), "trucks");
    }
    let idleArea = 0;
    for (const z of this.idleZones) idleArea += this.zoneTw[z]!.areaUntil(now);
    const idleHoursPerDay = idleArea / HOUR_MS / days;
    k("idleTruckHoursPerDay", idleHoursPerDay, "truck-hours/day");
    k("idleCo2KgPerDay", idleHoursPerDay * cfg.kpi.co2KgPerIdleHour, "kg CO2/day");
    k("appointmentOnTimeShare", this.bookedArrivals > 0 ? this.onTime / this.bookedArrivals : 0, "share");
    k("missedSlotsPerDay", this.missedSlots / days, "trucks/day");
    k("noShowsPerDay", this.noShows / days, "trucks/day");
    k(
      "perishableOverThresholdShare",
      this.perishableCleared > 0 ? this.perishableLate / this.perishableCleared : 0,
      "share",
    );
    k("perishableOverThresholdPerDay", this.perishableLate / days, "trucks/day");
    let dwell = 0;
    for (const x of this.dwellExceeded) dwell += x;
    k("dwellLimitExceededPerDay", dwell / days, "trucks/day");
    const bl = this.dailyBacklog;
    k("backlogEndOfDayMean", bl.length > 0 ? bl.reduce((x, y) => x + y, 0) / bl.length : this.notCrossed, "trucks");
    k("backlogEndOfDayMax", bl.length > 0 ? Math.max(...bl) : this.notCrossed, "trucks");
    let clearedMax = 0;
    for (let d = 0; d < this.dailyExport.length; d++) {
      clearedMax = Math.max(clearedMax, (this.dailyExport[d] as number) + (this.dailyImport[d] as number));
    }
    k("clearedPerDayMax", clearedMax, "trucks/day");
    // Trucks queued on the Vietnamese side (NH1A and the park yard), as counted in the congestion reports.
    const nh1aS = nh1a >= 0 ? this.zoneSeries[nh1a]! : [];
    const yardS = yard >= 0 ? this.zoneSeries[yard]! : [];
    let vnMax = 0;
    for (let i = 0; i < Math.max(nh1aS.length, yardS.length); i++) {
      vnMax = Math.max(vnMax, (nh1aS[i] ?? 0) + (yardS[i] ?? 0));
    }
    k("vnQueueTrucksMax", vnMax, "trucks");
    k("inSystemAtEnd", this.trucks.live - this.pendingArrivals - this.orphans, "trucks");
    // Transshipment rendezvous (models with one): the partner trucks of the other country and the wait for them.
    const rvId = this.rvStage >= 0 ? this.stages[this.rvStage]!.id : "";
    if (rvId !== "") {
      k("transshipPartnersPerDay", this.partnersServed / days, "trucks/day");
      k("partnerWaitMinutesMean", m(this.partnerWaitMs.mean), "minutes");
      k("loadedWaitForPartnerMinutesMean", m(this.loadedWaitPartnerMs.mean), "minutes");
      k("loadedWaitingForPartnerMean", this.loadedWaitingTw.mean(now), "trucks");
      k("loadedWaitingForPartnerMax", this.loadedWaitingTw.max, "trucks");
      k("partnerYardTrucksMean", this.partnerYardTw.mean(now), "trucks");
      k("partnerYardTrucksMax", this.partnerYardTw.max, "trucks");
      k("partnerOutsideTrucksMean", this.partnerOutsideTw.mean(now), "trucks");
      k("partnerOutsideTrucksMax", this.partnerOutsideTw.max, "trucks");
      k("partnerDwellLimitExceededPerDay", this.partnerDwellExceeded / days, "trucks/day");
      k("partnersUnmatchedPerDay", this.partnersUnmatched / days, "trucks/day");
      const loadedDwell = this.rvStage >= 0 ? (this.dwellExceeded[this.rvStage] as number) : 0;
      k("transshipDwellViolationsPerDay", (loadedDwell + this.partnerDwellExceeded) / days, "trucks/day");
    }

    const stages: Record<string, StageResult> = {};
    for (let s = 0; s < this.nStages; s++) {
      const st = this.stages[s]!;
      const res = this.resources[s];
      if (res) {
        stages[st.id] = {
          utilization: res.utilization(now),
          waitMinutesMean: m(res.waitMs.mean),
          queueLengthMean: res.queueLength.mean(now),
          queueLengthMax: res.queueLength.max,
          throughput: this.completed[s] as number,
        };
      } else if (st.type === "delay" || st.type === "sink") {
        stages[st.id] = {
          utilization: 0,
          waitMinutesMean: 0,
          queueLengthMean: 0,
          queueLengthMax: 0,
          throughput: this.completed[s] as number,
        };
      }
    }
    for (let g = 0; g < cfg.laneGroups.length; g++) {
      k(`laneGroup${g}.shiftMean`, this.laneShiftTw[g]!.mean(now), "lanes");
    }

    const sampled: Record<string, number[]> = { inSystem: this.sampleInSystem };
    if (rvId !== "") sampled.partnerYard = this.partnerYardSeries;
    cfg.zones.forEach((z, i) => {
      sampled[z.id === "nh1a" ? "nh1aQueue" : z.id === "yard" ? "yardOccupancy" : `zone.${z.id}`] = this.zoneSeries[i]!;
    });

    const conservation: ConservationCheck = {
      arrivals: this.arrivalsAll,
      cleared: this.exitsAll,
      inSystemAtEnd: 0,
      lost: this.lostAll,
      holds: this.arrivalsAll === this.exitsAll + this.trucks.live + this.lostAll,
    };
    // Trucks generated but not yet arrived (booked ahead) hold pool slots without being arrivals.
    // Slots kept for a partner still en route (its loaded truck already left) are not trucks in the system.
    conservation.inSystemAtEnd = this.trucks.live - this.pendingArrivals - this.orphans;
    conservation.holds = this.arrivalsAll === this.exitsAll + conservation.inSystemAtEnd + this.lostAll;
    if (!conservation.holds) {
      throw new Error(
        `conservation of trucks fails in "${cfg.name}": arrivals ${this.arrivalsAll} ≠ cleared ${this.exitsAll} + ` +
          `in system ${conservation.inSystemAtEnd} + lost ${this.lostAll} (a model bug)`,
      );
    }

    return {
      modelVersion: MODEL_VERSION,
      scenarioName: options.scenarioName ?? cfg.name,
      scenarioHash: options.scenarioHash ?? "",
      seed: options.seed,
      replication: options.replication,
      horizonDays: this.horizonMs / DAY_MS,
      warmupDays: this.warmupMs / DAY_MS,
      kpis,
      stages,
      series: {
        sampleStepMinutes: cfg.kpi.sampleStepMs / MINUTE_MS,
        daily: {
          arrivals: this.dailyArrivals,
          exportCleared: this.dailyExport,
          importCleared: this.dailyImport,
          backlogEndOfDay: this.dailyBacklog,
          // Trucks intending to arrive each day (by the day of their intended arrival, before punctuality and
          // slot shifts): identical across scenarios with the same demand and seed (common random numbers).
          exportDemand: this.demandSeries(0),
          importDemand: this.demandSeries(1),
        },
        sampled,
      },
      conservation,
      events: this.sim.steps,
    };
  }
}
