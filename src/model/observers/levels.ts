/**
 * Time-weighted levels of several quantities at once (the trucks in each zone, the blocked servers of each
 * stage): the same arithmetic as the kernel's `TimeWeighted`, in typed columns, reading the clock itself.
 *
 * Why not one `TimeWeighted` per quantity: the observers are told of a move with the time as an argument,
 * and after 2^30 ms (12.4 simulated days, the small-integer range with pointer compression) every time
 * passed to a function V8 does not inline is boxed into a fresh heap number, several per event. Here a
 * change passes only small integers (which level, its new value); the time is read from the clock.
 */
import { doubleFromTheStart, type Simulation } from "../../kernel/index.js";

/** The clock the levels read: the simulation's `now` (integer ms). */
export type Clock = Pick<Simulation, "now">;

/** Time-weighted value, area, maximum of `n` piecewise-constant quantities, all starting at 0 at time 0. */
export class Levels {
  private readonly clock: Clock;
  /** Value of each quantity now. */
  readonly value: Float64Array;
  /** Largest value of each quantity since the start (or the last reset). */
  readonly max: Float64Array;
  /** Integral of each value over time since the start (or the last reset), value·ms. */
  private readonly area: Float64Array;
  private readonly lastMs: Float64Array;
  private startMs = 0;

  constructor(clock: Clock, n: number) {
    this.clock = clock;
    this.value = new Float64Array(n);
    this.max = new Float64Array(n);
    this.area = new Float64Array(n);
    this.lastMs = new Float64Array(n);
    // Times pass 2^31 ms: see kernel/mutable-fields.ts.
    doubleFromTheStart(this, ["startMs"]);
  }

  /** Sets quantity i to `v` from now on (the same operations, in the same order, as `TimeWeighted.update`). */
  set(i: number, v: number): void {
    const now = this.clock.now;
    this.area[i] = (this.area[i] as number) + (this.value[i] as number) * (now - (this.lastMs[i] as number));
    this.lastMs[i] = now;
    this.value[i] = v;
    if (v > (this.max[i] as number)) this.max[i] = v;
  }

  /** Area under quantity i up to `nowMs`, value·ms. */
  areaUntil(i: number, nowMs: number): number {
    return (this.area[i] as number) + (this.value[i] as number) * (nowMs - (this.lastMs[i] as number));
  }

  /** Time-weighted mean of quantity i over [start or last reset, nowMs]; its value if no time has passed. */
  mean(i: number, nowMs: number): number {
    const elapsed = nowMs - this.startMs;
    return elapsed > 0 ? this.areaUntil(i, nowMs) / elapsed : (this.value[i] as number);
  }

  /** Restarts the averaging at `nowMs`, keeping the current values (end of warm-up). */
  reset(nowMs: number): void {
    this.area.fill(0);
    this.lastMs.fill(nowMs);
    this.startMs = nowMs;
    this.max.set(this.value);
  }
}
