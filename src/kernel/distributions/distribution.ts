/**
 * What every sampler is, and where a sampled duration becomes simulated time.
 */

/** A sampler of one random variable. */
export interface Distribution {
  /** Draws one value (consumes the sampler's `Rng`). */
  sample(): number;
  /**
   * Draws one value as whole simulated milliseconds: exactly `roundMs(this.sample())`, the same draw and the same
   * bits. Each sampler class has its own copy of this one-liner on purpose: inside it the call to `sample` always
   * meets one class, so V8 inlines it and the fractional value stays in a register. Through a shared base method
   * (or at a caller's site that meets several classes) the double would cross a call and be allocated as a heap
   * number per draw; a whole number of ms below 2^31 crosses as a small integer instead.
   */
  sampleMs(): number;
  /** Theoretical mean of the values `sample()` returns (`NaN` only where it is not defined). */
  readonly mean: number;
}

/**
 * Converts a sampled duration into whole simulated milliseconds: the one place where that rounding happens.
 *
 * Simulated time is integer milliseconds so that equal times are real ties (ordered by the event queue's priority and
 * FIFO rules) instead of accidents of floating-point sums. Rounds half up and clamps at 0, so a duration never sends
 * the clock backwards (and `-0` becomes `0`); `Infinity` ("never") passes through; `NaN` throws.
 */
export function roundMs(x: number): number {
  const r = Math.round(x);
  if (r > 0) return r;
  if (!Number.isNaN(r)) return 0;
  throw new RangeError(`roundMs: duration must be a number, got ${x}`);
}
