/**
 * Zones: the places whose truck counts a planner reads (the NH1A roadside, the staging yards, the park yard,
 * the gate lines, the roads, the Chinese side, the ICD). A truck stands in at most one zone at a time: the
 * network moves it into a stage's `zone` when it starts there and into the stage's `queueZone` (if any) when
 * it waits for it, so every waiting line is counted where its trucks physically stand. Each zone keeps its
 * count, a time-weighted average since the warm-up and a sampled series; the zone kinds say which truck-hours
 * are idling (creeping queues) and which are parked. Zones of one area (the NH1A roadside and the staging
 * yards along it) add up to the area's figures, and the Vietnamese-side waiting zones to the Vietnamese-side
 * queue; both are kept as their own time-weighted counts, so their maxima are exact.
 */
import { TimeWeighted } from "../../kernel/index.js";
import type { ZoneConfig, ZoneKind } from "../config.js";
import type { TruckPool } from "../trucks.js";

/** Occupancy of every zone. */
export class Zones {
  readonly cfg: readonly ZoneConfig[];
  /** Trucks in each zone now. */
  readonly count: Int32Array;
  /** Time-weighted count of each zone (since the warm-up). */
  readonly tw: TimeWeighted[];
  /** 1 where waiting there counts in the Vietnamese-side queue (a `vn` zone of kind queue or parked). */
  private readonly vnWaiting: Uint8Array;
  /** Trucks waiting on the Vietnamese side now, and over time. */
  private vnCount = 0;
  readonly vnTw = new TimeWeighted(0, 0);
  /** Count of each zone at every sampling step (measured period). */
  readonly series: number[][];
  /** Area names (in order of first appearance). */
  readonly areas: string[] = [];
  /** Zones of each area. */
  readonly areaZones: number[][] = [];
  /** For a zone in an area of two or more zones, that area's index; -1 for a zone alone in its area. */
  private readonly areaOf: Int32Array;
  /** Trucks in each area now, over time, and at every sampling step; an area of one zone uses the zone's. */
  private readonly areaCount: Int32Array;
  readonly areaTw: TimeWeighted[];
  readonly areaSeries: number[][];
  /** Sum of the Vietnamese-side waiting zones at every sampling step. */
  readonly vnSeries: number[] = [];

  constructor(zones: readonly ZoneConfig[]) {
    this.cfg = zones;
    this.count = new Int32Array(zones.length);
    this.tw = zones.map(() => new TimeWeighted(0, 0));
    this.vnWaiting = Uint8Array.from(zones, (z) =>
      z.side === "vn" && (z.kind === "queue" || z.kind === "parked") ? 1 : 0,
    );
    this.series = zones.map(() => []);
    zones.forEach((z, i) => {
      let a = this.areas.indexOf(z.area);
      if (a < 0) {
        a = this.areas.length;
        this.areas.push(z.area);
        this.areaZones.push([]);
      }
      this.areaZones[a]!.push(i);
    });
    // Only areas that group zones keep counts of their own: most zone changes touch no area.
    this.areaOf = Int32Array.from(zones, (z) => {
      const a = this.areas.indexOf(z.area);
      return this.areaZones[a]!.length > 1 ? a : -1;
    });
    this.areaCount = new Int32Array(this.areas.length);
    this.areaTw = this.areas.map((_, a) =>
      this.areaZones[a]!.length > 1 ? new TimeWeighted(0, 0) : this.tw[this.areaZones[a]![0]!]!,
    );
    this.areaSeries = this.areas.map((_, a) =>
      this.areaZones[a]!.length > 1 ? [] : this.series[this.areaZones[a]![0]!]!,
    );
  }

  /** Moves truck t into zone z (-1: none) at time now. */
  set(trucks: TruckPool, t: number, z: number, now: number): void {
    const old = trucks.zone[t] as number;
    if (old === z) return;
    let vn = 0;
    if (old >= 0) {
      this.count[old] = (this.count[old] as number) - 1;
      this.tw[old]!.update(this.count[old] as number, now);
      vn -= this.vnWaiting[old] as number;
      const a = this.areaOf[old] as number;
      if (a >= 0) this.addToArea(a, -1, now);
    }
    if (z >= 0) {
      this.count[z] = (this.count[z] as number) + 1;
      this.tw[z]!.update(this.count[z] as number, now);
      vn += this.vnWaiting[z] as number;
      const a = this.areaOf[z] as number;
      if (a >= 0) this.addToArea(a, 1, now);
    }
    if (vn !== 0) {
      this.vnCount += vn;
      this.vnTw.update(this.vnCount, now);
    }
    trucks.zone[t] = z;
  }

  private addToArea(a: number, delta: number, now: number): void {
    const c = (this.areaCount[a] as number) + delta;
    this.areaCount[a] = c;
    this.areaTw[a]!.update(c, now);
  }

  /** Index of the area with this name, or -1. */
  areaIndex(name: string): number {
    return this.areas.indexOf(name);
  }

  /** Index of the zone with this id, or -1. */
  indexOf(id: string): number {
    return this.cfg.findIndex((z) => z.id === id);
  }

  /** Truck-hours spent in zones of one kind until `now` (since the warm-up). */
  truckHours(kind: ZoneKind, now: number): number {
    let area = 0;
    for (let z = 0; z < this.cfg.length; z++) if (this.cfg[z]!.kind === kind) area += this.tw[z]!.areaUntil(now);
    return area / 3_600_000;
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    for (const z of this.tw) z.reset(now);
    this.vnTw.reset(now);
    this.areaZones.forEach((zs, a) => {
      if (zs.length > 1) this.areaTw[a]!.reset(now);
    });
    for (const s of this.series) s.length = 0;
    this.areaZones.forEach((zs, a) => {
      if (zs.length > 1) this.areaSeries[a]!.length = 0;
    });
    this.vnSeries.length = 0;
  }

  /** Records every zone's count (one sampling step). */
  sample(): void {
    for (let z = 0; z < this.series.length; z++) this.series[z]!.push(this.count[z] as number);
    for (let a = 0; a < this.areaSeries.length; a++) {
      if ((this.areaZones[a] as number[]).length > 1) this.areaSeries[a]!.push(this.areaCount[a] as number);
    }
    this.vnSeries.push(this.vnCount);
  }
}
