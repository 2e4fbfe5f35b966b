/**
 * Random breakdowns of a stage's units (X-ray scanners, gate lanes, plate cameras at a gate): each unit
 * works for a time drawn from its time-between-failures distribution, then is down for a repair time,
 * independently of the others and on the calendar clock, whether the stage is open or not. A failure takes
 * one server out of the stage's capacity (a spare unit, when the schedule uses fewer servers than there
 * are units, stands in first); the unit that fails finishes the truck it is serving (a scan in progress is
 * completed, nothing is cut off), as the kernel's resources do when capacity drops, and no truck starts on
 * it until it is repaired; the repair time counts from the failure. A unit may instead stay in service,
 * slower, while it is down (a lane whose plate camera failed: plates typed in by hand): a truck starting
 * service while k of the U units are down takes the extra time with probability k/U. Every unit has two
 * random streams of its own (`breakdown:<stage>:<unit>`, `repair:<stage>:<unit>`), and the slowed trucks
 * one per stage (`downtime:<stage>`, drawn only while a unit is down), so switching breakdowns on changes
 * no other draw, and faster repairs keep the same working times between failures (common random numbers).
 */
import {
  type Distribution,
  makeDistribution,
  Priority,
  type RandomStreams,
  roundMs,
  type Simulation,
  TimeWeighted,
  type Xor4096,
} from "../kernel/index.js";
import type { ModelConfig } from "./config.js";
import type { CapacityControl } from "./schedules.js";

/** Failure and repair processes of every unit subject to breakdowns. */
export class Breakdowns {
  /** Stages with breakdowns, and their first unit's index in the unit columns. */
  readonly stageIds: string[] = [];
  private readonly stageOfGroup: Int32Array;
  private readonly unitsOfGroup: Int32Array;
  /** Group (stage with breakdowns) of each unit. */
  private readonly groupOfUnit: Int32Array;
  private readonly up: Distribution[] = [];
  private readonly repair: Distribution[] = [];
  /** 1 where a group's units stay in service, slower, while down. */
  private readonly slowedGroup: Uint8Array;
  /** Group of each stage whose units are slowed while down, or -1 (what the network asks per service). */
  readonly slowedGroupOfStage: Int32Array;
  private readonly extra: (Distribution | null)[] = [];
  private readonly extraRng: (Xor4096 | null)[] = [];
  /** Units down now, over time, per group. */
  readonly downTw: TimeWeighted[] = [];
  /** Failures per group in the measured period. */
  readonly failures: Float64Array;
  private measuring = false;
  private readonly sim: Simulation;
  private readonly capacity: CapacityControl;
  private readonly evFail: number;
  private readonly evRepair: number;

  /** Breakdowns of a model, or null when no stage has any (nothing is scheduled, no stream is drawn). */
  static create(
    sim: Simulation,
    streams: RandomStreams,
    cfg: ModelConfig,
    capacity: CapacityControl,
  ): Breakdowns | null {
    return cfg.stages.some((st) => st.type === "server" && st.breakdowns)
      ? new Breakdowns(sim, streams, cfg, capacity)
      : null;
  }

  private constructor(sim: Simulation, streams: RandomStreams, cfg: ModelConfig, capacity: CapacityControl) {
    this.sim = sim;
    this.capacity = capacity;
    const stages: number[] = [];
    const units: number[] = [];
    const groupOfUnit: number[] = [];
    const slowed: number[] = [];
    this.slowedGroupOfStage = new Int32Array(cfg.stages.length).fill(-1);
    cfg.stages.forEach((st, s) => {
      if (st.type !== "server" || !st.breakdowns) return;
      const g = stages.length;
      stages.push(s);
      units.push(st.breakdowns.units);
      this.stageIds.push(st.id);
      this.downTw.push(new TimeWeighted(0, 0));
      const extra = st.breakdowns.extraMs;
      slowed.push(extra ? 1 : 0);
      if (extra) {
        this.slowedGroupOfStage[s] = g;
        const rng = streams.stream(`downtime:${st.id}`);
        this.extraRng.push(rng);
        this.extra.push(makeDistribution(extra, rng));
      } else {
        this.extraRng.push(null);
        this.extra.push(null);
      }
      for (let u = 0; u < st.breakdowns.units; u++) {
        groupOfUnit.push(g);
        this.up.push(makeDistribution(st.breakdowns.upMs, streams.stream(`breakdown:${st.id}:${u}`)));
        this.repair.push(makeDistribution(st.breakdowns.repairMs, streams.stream(`repair:${st.id}:${u}`)));
      }
    });
    this.stageOfGroup = Int32Array.from(stages);
    this.unitsOfGroup = Int32Array.from(units);
    this.groupOfUnit = Int32Array.from(groupOfUnit);
    this.slowedGroup = Uint8Array.from(slowed);
    this.failures = new Float64Array(stages.length);
    this.evFail = sim.defineEvent("unitFails", (u) => this.onFail(u));
    this.evRepair = sim.defineEvent("unitRepaired", (u) => this.onRepair(u));
    // Every unit works when the run starts.
    for (let u = 0; u < this.up.length; u++)
      sim.schedule(this.duration(this.up[u]!), this.evFail, u, Priority.capacity);
  }

  /** A sampled duration, at least 1 ms, so a unit never fails and is repaired in the same instant. */
  private duration(d: Distribution): number {
    const ms = roundMs(d.sample());
    return ms > 0 ? ms : 1;
  }

  private onFail(u: number): void {
    const g = this.groupOfUnit[u] as number;
    const now = this.sim.now;
    this.downTw[g]!.add(1, now);
    if (this.measuring) this.failures[g]!++;
    if (this.slowedGroup[g] === 0) this.capacity.unitsDown(this.stageOfGroup[g] as number, 1);
    this.sim.schedule(this.duration(this.repair[u]!), this.evRepair, u, Priority.capacity);
  }

  private onRepair(u: number): void {
    const g = this.groupOfUnit[u] as number;
    this.downTw[g]!.add(-1, this.sim.now);
    if (this.slowedGroup[g] === 0) this.capacity.unitsDown(this.stageOfGroup[g] as number, -1);
    this.sim.schedule(this.duration(this.up[u]!), this.evFail, u, Priority.capacity);
  }

  /** Extra service time, ms, of a truck starting at a stage of group g (slowed while units are down). */
  extraMs(g: number): number {
    const down = this.downTw[g]!.value;
    if (down === 0) return 0;
    const u = (this.extraRng[g] as Xor4096).next();
    return u < down / (this.unitsOfGroup[g] as number) ? roundMs((this.extra[g] as Distribution).sample()) : 0;
  }

  /** Restarts the measured figures at the end of the warm-up. */
  reset(nowMs: number): void {
    this.measuring = true;
    this.failures.fill(0);
    for (const tw of this.downTw) tw.reset(nowMs);
  }

  /** KPIs per stage with breakdowns: availability of its units, units down, failures per day. */
  report(k: (name: string, value: number, unit: string) => void, nowMs: number, days: number): void {
    for (let g = 0; g < this.stageIds.length; g++) {
      const id = this.stageIds[g]!;
      const downMean = this.downTw[g]!.mean(nowMs);
      k(`breakdown.${id}.availability`, 1 - downMean / (this.unitsOfGroup[g] as number), "share");
      k(`breakdown.${id}.unitsDownMean`, downMean, "units");
      k(`breakdown.${id}.unitsDownMax`, this.downTw[g]!.max, "units");
      k(`breakdown.${id}.failuresPerDay`, (this.failures[g] as number) / days, "failures/day");
    }
  }
}
