/**
 * Zones: the places whose truck counts a planner reads (the NH1A roadside, the park yard, the Chinese side,
 * the roads, the ICD yard). A truck is in at most one zone at a time; each zone keeps its count, a
 * time-weighted average since the warm-up, and a sampled series.
 */
import { TimeWeighted } from "../../kernel/index.js";
import type { ZoneConfig } from "../config.js";
import type { TruckPool } from "../trucks.js";

/** Occupancy of every zone. */
export class Zones {
  readonly cfg: readonly ZoneConfig[];
  /** Trucks in each zone now. */
  readonly count: Int32Array;
  /** Time-weighted count of each zone (since the warm-up). */
  readonly tw: TimeWeighted[];
  /** Zones where trucks idle with engines running. */
  readonly idling: number[] = [];
  /** Count of each zone at every sampling step (measured period). */
  readonly series: number[][];

  constructor(zones: readonly ZoneConfig[]) {
    this.cfg = zones;
    this.count = new Int32Array(zones.length);
    this.tw = zones.map(() => new TimeWeighted(0, 0));
    zones.forEach((z, i) => {
      if (z.idling) this.idling.push(i);
    });
    this.series = zones.map(() => []);
  }

  /** Moves truck t into zone z (-1: none) at time now. */
  set(trucks: TruckPool, t: number, z: number, now: number): void {
    const old = trucks.zone[t] as number;
    if (old === z) return;
    if (old >= 0) {
      this.count[old] = (this.count[old] as number) - 1;
      this.tw[old]!.update(this.count[old] as number, now);
    }
    if (z >= 0) {
      this.count[z] = (this.count[z] as number) + 1;
      this.tw[z]!.update(this.count[z] as number, now);
    }
    trucks.zone[t] = z;
  }

  /** Index of the zone with this id, or -1. */
  indexOf(id: string): number {
    return this.cfg.findIndex((z) => z.id === id);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    for (const z of this.tw) z.reset(now);
    for (const s of this.series) s.length = 0;
  }

  /** Records every zone's count (one sampling step). */
  sample(): void {
    for (let z = 0; z < this.series.length; z++) this.series[z]!.push(this.count[z] as number);
  }
}
