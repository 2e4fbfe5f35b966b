/**
 * Lane allocation between two server stages that share lanes (the Smart Gate's export and import lanes,
 * Youyi Guan's "tidal" lanes): every review, a named rule looks at both lines and may turn lanes from one
 * direction to the other, within a bound. The lanes lent show as a capacity offset on both stages.
 */
import { Priority, type Simulation, TimeWeighted } from "../kernel/index.js";
import type { LaneGroupConfig } from "./config.js";
import type { LaneBinding, PolicyRuntime } from "./policies/index.js";
import type { CapacityControl } from "./schedules.js";

/** The lane groups of a model and their current lending. */
export class Lanes {
  private readonly sim: Simulation;
  private readonly groups: readonly LaneGroupConfig[];
  private readonly capacity: CapacityControl;
  /** The lane policy of each group. */
  private readonly rules: LaneBinding[];
  /** Lanes moved from stage B to stage A of each group (negative: from A to B). */
  private readonly shift: Int32Array;
  /** Time-weighted shift of each group (since the warm-up). */
  readonly shiftTw: TimeWeighted[];
  private readonly evLane: number;

  constructor(sim: Simulation, groups: readonly LaneGroupConfig[], capacity: CapacityControl, policies: PolicyRuntime) {
    this.sim = sim;
    this.groups = groups;
    this.capacity = capacity;
    this.shift = new Int32Array(groups.length);
    this.shiftTw = groups.map(() => new TimeWeighted(0, 0));
    this.rules = groups.map((g) =>
      policies.laneAllocation(g.stages, g.lanesShiftMax, g.thresholdTrucks, g.policy, g.module, g.params),
    );
    this.evLane = sim.defineEvent("laneReview", (g) => this.onReview(g));
    groups.forEach((g, i) => {
      if (g.policy !== "fixed") sim.schedule(g.reviewMs, this.evLane, i, Priority.monitor);
    });
  }

  private onReview(g: number): void {
    const lg = this.groups[g]!;
    const [a, b] = lg.stages;
    const shift = this.rules[g]!.review(this.shift[g] as number);
    if (shift !== this.shift[g]) {
      this.shift[g] = shift;
      this.shiftTw[g]!.update(shift, this.sim.now);
      this.capacity.setOffset(a, shift);
      this.capacity.setOffset(b, -shift);
    }
    this.sim.schedule(lg.reviewMs, this.evLane, g, Priority.monitor);
  }

  /** Restarts the statistics at the end of the warm-up. */
  reset(now: number): void {
    for (const l of this.shiftTw) l.reset(now);
  }
}
