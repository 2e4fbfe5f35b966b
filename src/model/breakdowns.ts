/**
 * Random breakdowns of a stage's units (X-ray scanners, gate lanes, the plate cameras of the lanes): each
 * unit works for a time drawn from its time-between-failures distribution, then is down for a repair time,
 * independently of the others and on the calendar clock, whether the stage is open or not. A stage may
 * have several kinds of failing units (a lane's barrier and its camera), each a group here.
 *
 * A unit that is down serves no one (closed): one server less at the stage (a spare unit, when the
 * schedule uses fewer servers than there are units, stands in first). The unit finishes the truck it is
 * serving (a scan in progress is completed, nothing is cut off), as the kernel's resources do when
 * capacity drops, and no truck starts on it until it is repaired; the repair time counts from the failure.
 * Or a unit that is down still serves, slower (a lane whose plate camera failed: plates typed in by hand):
 * a truck starting service while k of the U units are down takes the extra time with probability k/U.
 *
 * Every unit has two random streams of its own (`breakdown:<stage>[:<kind>]:<unit>`, `repair:...`), and
 * slowed trucks one per group (`downtime:<stage>[:<kind>]`, drawn only while a unit is down), so switching
 * breakdowns on changes no other draw, and faster repairs keep the same working times between failures.
 */
import {
  type Distribution,
  makeDistribution,
  Priority,
  type RandomStreams,
  type Simulation,
  TimeWeighted,
  type Xor4096,
} from "../kernel/index.js";
import type { ModelConfig } from "./config.js";
import type { CapacityControl } from "./schedules.js";

/** Failure and repair processes of every unit subject to breakdowns, by group (a kind of unit at a stage). */
export class Breakdowns {
  /** KPI name prefix of each group: `breakdown.<stage>` or `breakdown.<stage>.<kind>`. */
  private readonly names: string[] = [];
  private readonly stageOfGroup: Int32Array;
  private readonly unitsOfGroup: Int32Array;
  /** 1 where a group's units stay in service, slower, while down. */
  private readonly slowedGroup: Uint8Array;
  /** Group of each unit. */
  private readonly groupOfUnit: Int32Array;
  private readonly up: Distribution[] = [];
  private readonly repair: Distribution[] = [];
  private readonly extra: (Distribution | null)[] = [];
  private readonly extraRng: (Xor4096 | null)[] = [];
  /** The slowed groups of each stage: `slowedList[slowedStart[s] .. slowedStart[s + 1])`. */
  private readonly slowedStart: Int32Array;
  private readonly slowedList: Int32Array;
  /** Units down now, over time, per group. */
  private readonly downTw: TimeWeighted[] = [];
  /** Failures per group in the measured period. */
  private readonly failures: Float64Array;
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
    const any = cfg.stages.some((st) => st.type === "server" && (st.breakdowns?.length ?? 0) > 0);
    return any ? new Breakdowns(sim, streams, cfg, capacity) : null;
  }

  private constructor(sim: Simulation, streams: RandomStreams, cfg: ModelConfig, capacity: CapacityControl) {
    this.sim = sim;
    this.capacity = capacity;
    const stageOf: number[] = [];
    const units: number[] = [];
    const slowed: number[] = [];
    const groupOfUnit: number[] = [];
    const slowedStart: number[] = [];
    const slowedList: number[] = [];
    cfg.stages.forEach((st, s) => {
      slowedStart.push(slowedList.length);
      if (st.type !== "server") return;
      for (const b of st.breakdowns ?? []) {
        const g = stageOf.length;
        const key = b.name === "" ? st.id : `${st.id}:${b.name}`;
        stageOf.push(s);
        units.push(b.units);
        slowed.push(b.extraMs ? 1 : 0);
        this.names.push(b.name === "" ? `breakdown.${st.id}` : `breakdown.${st.id}.${b.name}`);
        this.downTw.push(new TimeWeighted(0, 0));
        if (b.extraMs) {
          slowedList.push(g);
          const rng = streams.stream(`downtime:${key}`);
          this.extraRng.push(rng);
          this.extra.push(makeDistribution(b.extraMs, rng));
        } else {
          this.extraRng.push(null);
          this.extra.push(null);
        }
        for (let u = 0; u < b.units; u++) {
          groupOfUnit.push(g);
          this.up.push(makeDistribution(b.upMs, streams.stream(`breakdown:${key}:${u}`)));
          this.repair.push(makeDistribution(b.repairMs, streams.stream(`repair:${key}:${u}`)));
        }
      }
    });
    slowedStart.push(slowedList.length);
    this.stageOfGroup = Int32Array.from(stageOf);
    this.unitsOfGroup = Int32Array.from(units);
    this.slowedGroup = Uint8Array.from(slowed);
    this.groupOfUnit = Int32Array.from(groupOfUnit);
    this.slowedStart = Int32Array.from(slowedStart);
    this.slowedList = Int32Array.from(slowedList);
    this.failures = new Float64Array(stageOf.length);
    this.evFail = sim.defineEvent("unitFails", (u) => this.onFail(u));
    this.evRepair = sim.defineEvent("unitRepaired", (u) => this.onRepair(u));
    // Every unit works when the run starts.
    for (let u = 0; u < this.up.length; u++)
      sim.schedule(this.duration(this.up[u]!), this.evFail, u, Priority.capacity);
  }

  /** 1 where stage s has units that serve slower while down (the network then asks `extraMs`). */
  slowsStage(s: number): boolean {
    return (this.slowedStart[s + 1] as number) > (this.slowedStart[s] as number);
  }

  /** A sampled duration, at least 1 ms, so a unit never fails and is repaired in the same instant. */
  private duration(d: Distribution): number {
    const ms = d.sampleMs();
    return ms > 0 ? ms : 1;
  }

  private onFail(u: number): void {
    const g = this.groupOfUnit[u] as number;
    this.downTw[g]!.add(1, this.sim.now);
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

  /** Extra service time, ms, of a truck starting at stage s, from its kinds of units that are down and slow it. */
  extraMs(s: number): number {
    let ms = 0;
    const end = this.slowedStart[s + 1] as number;
    for (let i = this.slowedStart[s] as number; i < end; i++) {
      const g = this.slowedList[i] as number;
      const down = this.downTw[g]!.value;
      if (down === 0) continue;
      const u = (this.extraRng[g] as Xor4096).next();
      if (u < down / (this.unitsOfGroup[g] as number)) ms += (this.extra[g] as Distribution).sampleMs();
    }
    return ms;
  }

  /** Restarts the measured figures at the end of the warm-up. */
  reset(nowMs: number): void {
    this.measuring = true;
    this.failures.fill(0);
    for (const tw of this.downTw) tw.reset(nowMs);
  }

  /** KPIs per group: availability of its units, units down (mean, max), failures per day. */
  report(k: (name: string, value: number, unit: string) => void, nowMs: number, days: number): void {
    for (let g = 0; g < this.names.length; g++) {
      const name = this.names[g]!;
      const downMean = this.downTw[g]!.mean(nowMs);
      k(`${name}.availability`, 1 - downMean / (this.unitsOfGroup[g] as number), "share");
      k(`${name}.unitsDownMean`, downMean, "units");
      k(`${name}.unitsDownMax`, this.downTw[g]!.max, "units");
      k(`${name}.failuresPerDay`, (this.failures[g] as number) / days, "failures/day");
    }
  }
}
