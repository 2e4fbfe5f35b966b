/**
 * Zones: the places whose truck counts a planner reads (the NH1A roadside, the staging yards, the park yard,
 * the gate lines, the roads, the Chinese side, the ICD). A truck stands in at most one zone at a time: the
 * network moves it into a stage's `zone` when it starts there and into the stage's `queueZone` (if any) when
 * it waits for it, so every waiting line is counted where its trucks physically stand. Each zone keeps its
 * count, a time-weighted average since the warm-up and a sampled series; the zone kinds say which truck-hours
 * are idling (creeping queues) and which are parked.
 *
 * Groups of zones: the zones of one area (the NH1A roadside line and the staging yards along it) and the
 * Vietnamese-side waiting zones (the Vietnamese-side queue). A group's mean is the sum of its zones' means
 * (time-weighted means add up), so a group keeps only its count now and its maximum, which is exact: a zone
 * change costs two integer updates per group it touches, not another time-weighted average.
 */
import type { ZoneConfig, ZoneKind } from "../config.js";
import type { TruckPool } from "../trucks.js";
import { type Clock, Levels } from "./levels.js";

/** A group of zones counted together: its members, its count now, its largest count since the warm-up. */
export interface ZoneGroup {
  zones: number[];
  count: number;
  max: number;
  /** The group's count at every sampling step (measured period). */
  series: number[];
}

/** Occupancy of every zone. */
export class Zones {
  readonly cfg: readonly ZoneConfig[];
  /** Trucks in each zone now. */
  readonly count: Int32Array;
  /** Time-weighted count of each zone (since the warm-up), by zone index. */
  readonly tw: Levels;
  /** Count of each zone at every sampling step (measured period). */
  readonly series: number[][];
  /** Area names (in order of first appearance) and the group of each area. */
  readonly areas: string[] = [];
  readonly areaGroups: ZoneGroup[] = [];
  /** The Vietnamese-side queue: `vn` zones of kind queue or parked. */
  readonly vn: ZoneGroup;
  /** Per zone: 1 in the Vietnamese-side queue; the index of its area when that area groups zones, else -1. */
  private readonly inVn: Uint8Array;
  private readonly groupedArea: Int32Array;

  constructor(zones: readonly ZoneConfig[], clock: Clock) {
    this.cfg = zones;
    this.count = new Int32Array(zones.length);
    this.tw = new Levels(clock, zones.length);
    this.series = zones.map(() => []);
    const group = (): ZoneGroup => ({ zones: [], count: 0, max: 0, series: [] });
    this.vn = group();
    zones.forEach((z, i) => {
      let a = this.areas.indexOf(z.area);
      if (a < 0) {
        a = this.areas.length;
        this.areas.push(z.area);
        this.areaGroups.push(group());
      }
      this.areaGroups[a]!.zones.push(i);
      if (z.side === "vn" && (z.kind === "queue" || z.kind === "parked")) this.vn.zones.push(i);
    });
    this.inVn = Uint8Array.from(zones, (_, i) => (this.vn.zones.includes(i) ? 1 : 0));
    // Only areas that group zones are updated as trucks move: most zone changes touch no area.
    this.groupedArea = Int32Array.from(zones, (z) => {
      const a = this.areas.indexOf(z.area);
      return this.areaGroups[a]!.zones.length > 1 ? a : -1;
    });
  }

  /** Moves truck t into zone z (-1: none) now (the time is read from the clock: no time crosses the call). */
  set(trucks: TruckPool, t: number, z: number): void {
    const old = trucks.zone[t] as number;
    if (old === z) return;
    let vn = 0;
    if (old >= 0) {
      const c = (this.count[old] as number) - 1;
      this.count[old] = c;
      this.tw.set(old, c);
      vn -= this.inVn[old] as number;
      const a = this.groupedArea[old] as number;
      if (a >= 0) this.areaGroups[a]!.count--;
    }
    if (z >= 0) {
      const c = (this.count[z] as number) + 1;
      this.count[z] = c;
      this.tw.set(z, c);
      vn += this.inVn[z] as number;
      const a = this.groupedArea[z] as number;
      if (a >= 0) {
        const g = this.areaGroups[a]!;
        if (++g.count > g.max) g.max = g.count;
      }
    }
    if (vn !== 0) {
      const g = this.vn;
      g.count += vn;
      if (g.count > g.max) g.max = g.count;
    }
    trucks.zone[t] = z;
  }

  /** Index of the zone with this id, or -1. */
  indexOf(id: string): number {
    return this.cfg.findIndex((z) => z.id === id);
  }

  /** Index of the area with this name, or -1. */
  areaIndex(name: string): number {
    return this.areas.indexOf(name);
  }

  /** Time-weighted mean trucks in a group of zones until `now` (the sum of its zones' means). */
  groupMean(g: ZoneGroup, now: number): number {
    let s = 0;
    for (const z of g.zones) s += this.tw.mean(z, now);
    return s;
  }

  /** Most trucks in a group of zones at once since the warm-up. */
  groupMax(g: ZoneGroup): number {
    return g.zones.length === 1 ? (this.tw.max[g.zones[0]!] as number) : g.max;
  }

  /** The sampled series of a group (a zone's own series when the group is one zone). */
  groupSeries(g: ZoneGroup): number[] {
    return g.zones.length === 1 ? this.series[g.zones[0]!]! : g.series;
  }

  /** Truck-hours spent in zones of one kind until `now` (since the warm-up). */
  truckHours(kind: ZoneKind, now: number): number {
    let area = 0;
    for (let z = 0; z < this.cfg.length; z++) if (this.cfg[z]!.kind === kind) area += this.tw.areaUntil(z, now);
    return area / 3_600_000;
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    this.tw.reset(now);
    for (const s of this.series) s.length = 0;
    for (const g of [...this.areaGroups, this.vn]) {
      g.max = g.count;
      g.series.length = 0;
    }
  }

  /** Records every zone's and group's count (one sampling step). */
  sample(): void {
    for (let z = 0; z < this.series.length; z++) this.series[z]!.push(this.count[z] as number);
    for (const g of this.areaGroups) if (g.zones.length > 1) g.series.push(g.count);
    if (this.vn.zones.length !== 1) this.vn.series.push(this.vn.count);
  }
}
