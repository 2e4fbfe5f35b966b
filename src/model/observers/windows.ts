/**
 * Measure windows: a stretch of time measured on its own, so that a transient (an X-ray unit down for six
 * hours, a closure) shows up in KPIs with intervals rather than only in a chart. The trucks arriving in a
 * window are followed by `Journeys`; here, the line of each listed stage during the window, read from the
 * stage's running area at the window's start and end by two monitor events. Only windows inside the
 * measured period are measured (the areas restart at the warm-up).
 */
import { Priority, type Resource, type Simulation } from "../../kernel/index.js";
import type { MeasureWindowConfig } from "../config.js";
import type { Stages } from "../stages.js";

/** Mean line lengths of the listed stages over each measure window. */
export class MeasureWindows {
  readonly cfg: readonly MeasureWindowConfig[];
  /** True for the windows inside the measured period of this run. */
  readonly inside: boolean[];
  /** Per window, per listed stage: the queue-length area at the window's start, then its mean over the window. */
  readonly queueLengthMean: Float64Array[];
  private readonly sim: Simulation;
  private readonly stages: Stages;
  private readonly evEdge: number;

  constructor(
    sim: Simulation,
    stages: Stages,
    windows: readonly MeasureWindowConfig[],
    warmupMs: number,
    horizonMs: number,
  ) {
    this.sim = sim;
    this.stages = stages;
    this.cfg = windows;
    this.inside = windows.map((w) => w.fromMs >= warmupMs && w.toMs <= horizonMs && w.toMs > w.fromMs);
    this.queueLengthMean = windows.map((w) => new Float64Array(w.stages.length));
    this.evEdge = sim.defineEvent("measureWindow", (arg) => this.onEdge(arg));
    windows.forEach((w, i) => {
      if (!this.inside[i] || w.stages.length === 0) return;
      sim.scheduleAt(w.fromMs, this.evEdge, 2 * i, Priority.monitor);
      sim.scheduleAt(w.toMs, this.evEdge, 2 * i + 1, Priority.monitor);
    });
  }

  private onEdge(arg: number): void {
    const i = arg >> 1;
    const end = (arg & 1) === 1;
    const w = this.cfg[i]!;
    const now = this.sim.now;
    const out = this.queueLengthMean[i]!;
    for (let k = 0; k < w.stages.length; k++) {
      const area = (this.stages.resources[w.stages[k]!] as Resource).queueLength.areaUntil(now);
      out[k] = end ? (area - (out[k] as number)) / (w.toMs - w.fromMs) : area;
    }
  }
}
