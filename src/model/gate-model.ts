/**
 * One replication of the gate model: builds the parts from a `ModelConfig` (trucks, the stage network with
 * its capacity and rendezvous, demand and booking, lanes, the KPI observers), schedules the day, sampling
 * and warm-up events, runs the kernel to the horizon and reports. The parts are small classes over shared
 * typed columns; no object or closure is created per truck or per event.
 */
import { assert, ChunkWheelQueue, type EventQueue, Priority, RandomStreams, Simulation } from "../kernel/index.js";
import { DAY_MS, type ModelConfig } from "./config.js";
import { Demand } from "./demand.js";
import { Lanes } from "./lanes.js";
import { Network } from "./network.js";
import type { EventLog } from "./observers/event-log.js";
import { Measures } from "./observers/measures.js";
import { Observers } from "./observers/observers.js";
import { Outcomes } from "./observers/outcomes.js";
import { StageSeries } from "./observers/stage-series.js";
import { MeasureWindows } from "./observers/windows.js";
import type { Zones } from "./observers/zones.js";
import { Parcels } from "./parcels.js";
import { type PolicyModuleProvider, PolicyRuntime } from "./policies/index.js";
import { buildReport } from "./report.js";
import type { ReplicationResult } from "./result.js";
import { TruckPool } from "./trucks.js";

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
  /** A per-truck event log to fill (opt-in; observing changes no result). */
  eventLog?: EventLog;
  /** Instantiates the config's policy modules for this replication (the runner's loader); needed when it has any. */
  policyModules?: PolicyModuleProvider;
}

/** Default bound on events per replication: far above a year at province scope (~10^7 events). */
export const STEPS_MAX_DEFAULT = 500_000_000;

/**
 * The gate model's future-event list: the kernel's default (a timing wheel with a coarse tier in front of
 * its heap), with the coarse tier taking pushes whatever the number of pending events. By default it
 * takes them only while 256 to 4,095 events are pending, checked every 16,384 pushes; the gate model's
 * pending count crosses 256 as its days fill and empty, and switching cost more than it saved. Always on:
 * 2.5–3 % fewer instructions per replication of the baseline, 7 % for december-2021, no change for
 * smart-gate-2026 or the textbook models, whose few pending events stay in the small-mode list
 * (`bench/instructions-ab.bench.ts`). The order of events, and so every result, does not depend on it.
 */
function gateEventQueue(capacityHint?: number): EventQueue {
  return new ChunkWheelQueue(capacityHint, { coarseBits: 12, coarseWidthBits: 16, coarseMinLive: 0 });
}

/** One replication of a model: build, run, report. */
export class GateModel {
  readonly cfg: ModelConfig;
  readonly sim = new Simulation({ capacityHint: 4096, queueFactory: gateEventQueue });
  readonly trucks: TruckPool;
  readonly horizonMs: number;
  readonly warmupMs: number;
  readonly measures: Measures;
  readonly obs: Observers;
  /** Balked, reneged, expelled and diverted trucks, and the booking figures. */
  readonly outcomes: Outcomes;
  readonly zones: Zones;
  readonly stageSeries: StageSeries;
  readonly windows: MeasureWindows;
  readonly network: Network;
  readonly lanes: Lanes;
  readonly demand: Demand;
  readonly policies: PolicyRuntime;
  /** The e-commerce parcel flow (null when the scenario has none). */
  readonly parcels: Parcels | null;
  private readonly evDay: number;
  private readonly evSample: number;

  constructor(cfg: ModelConfig, options: SimulateOptions) {
    this.cfg = cfg;
    const horizonDays = options.horizonDays ?? cfg.horizonDays;
    const warmupDays = options.warmupDays ?? cfg.warmupDays;
    assert(horizonDays > 0, `horizonDays must be > 0, got ${horizonDays}`);
    assert(warmupDays >= 0 && warmupDays < horizonDays, `warmupDays must be in [0, horizonDays), got ${warmupDays}`);
    this.horizonMs = Math.round(horizonDays * DAY_MS);
    this.warmupMs = Math.round(warmupDays * DAY_MS);
    const sim = this.sim;
    const streams = new RandomStreams(options.seed, options.replication);
    this.trucks = new TruckPool(1024, Math.max(1024, cfg.trucksInSystemMax));
    this.measures = new Measures(cfg, horizonDays);
    this.obs = new Observers(cfg, horizonDays, sim);
    this.zones = this.obs.zones;
    this.outcomes = new Outcomes(cfg, this.measures);
    this.policies = new PolicyRuntime(cfg, streams, options.policyModules);
    // Construction order is event order: capacity changes, then demand, then lane reviews, day and warm-up.
    this.network = new Network(
      sim,
      streams,
      cfg,
      this.trucks,
      this.measures,
      this.obs,
      this.outcomes,
      this.horizonMs,
      this.policies,
    );
    this.network.setLog(options.eventLog ?? null);
    this.demand = new Demand(
      sim,
      streams,
      cfg,
      this.trucks,
      this.network,
      this.network.rendezvous,
      this.measures,
      this.outcomes,
      this.horizonMs,
      this.policies,
    );
    this.parcels = cfg.parcels
      ? new Parcels(
          sim,
          streams,
          cfg,
          this.trucks,
          this.network,
          this.network.rendezvous,
          this.measures,
          this.horizonMs,
        )
      : null;
    this.network.exits.parcels = this.parcels;
    this.lanes = new Lanes(sim, cfg.laneGroups, this.network.capacity, this.policies);
    this.evDay = sim.defineEvent("day", () => this.onDay());
    this.evSample = sim.defineEvent("sample", () => this.onSample());
    const evWarmup = sim.defineEvent("warmup", () => this.onWarmup());
    sim.scheduleAt(DAY_MS, this.evDay, 0, Priority.monitor);
    sim.scheduleAt(this.warmupMs, evWarmup, 0, Priority.monitor);
    if (this.warmupMs === 0) this.measures.measuring = true;
    const network = this.network;
    this.policies.attach({
      sim,
      trucks: this.trucks,
      stages: network.stages,
      capacity: network.capacity,
      zones: this.zones,
      inSystem: () => this.inSystem(),
    });
    // Monitor events only (they read the resources, change nothing): last, so earlier parts keep their order.
    this.stageSeries = new StageSeries(sim, this.network.stages, this.obs.figures, this.warmupMs, this.horizonMs);
    this.windows = new MeasureWindows(sim, this.network.stages, cfg.kpi.windows, this.warmupMs, this.horizonMs);
  }

  /**
   * Trucks in the network now (arrived, not yet gone): slots kept only for a departed truck's partner, and the
   * other country's trucks on their transshipment trips, are not counted.
   */
  inSystem(): number {
    const rv = this.network.rendezvous;
    return this.trucks.live - this.measures.pendingArrivals - (rv ? rv.orphans + (rv.trips ? rv.trips.live : 0) : 0);
  }

  private onWarmup(): void {
    const now = this.sim.now;
    for (const r of this.network.stages.resources) r?.resetStats(now);
    this.obs.reset(now);
    this.stageSeries.reset(now);
    this.lanes.reset(now);
    this.network.rendezvous?.reset(now);
    this.network.pools?.reset(now);
    this.network.breakdowns?.reset(now);
    this.network.rail?.reset(now);
    this.parcels?.reset();
    this.measures.reset();
    this.outcomes.reset();
    this.onSample();
  }

  private onDay(): void {
    const record = this.measures.measuring && this.sim.now > this.warmupMs;
    this.measures.endOfDay(record);
    this.network.rail?.endOfDay(record);
    this.parcels?.endOfDay(record);
    if (this.sim.now + DAY_MS <= this.horizonMs) this.sim.schedule(DAY_MS, this.evDay, 0, Priority.monitor);
  }

  private onSample(): void {
    if (this.measures.measuring) {
      this.zones.sample();
      this.measures.sampleInSystem.push(this.inSystem());
      this.network.rendezvous?.sample();
      this.network.rail?.sample();
      this.parcels?.sample();
    }
    const step = this.cfg.kpi.sampleStepMs;
    if (this.sim.now + step < this.horizonMs) this.sim.schedule(step, this.evSample, 0, Priority.monitor);
  }

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
    this.stageSeries.finish(this.sim.now);
    return buildReport(this, options);
  }
}
