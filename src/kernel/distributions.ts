/**
 * Random-variate samplers for service times, dwell times, routing shares and the like.
 *
 * Each sampler owns its `Rng` and parameters, validates them once in the constructor (a clear `RangeError` naming the
 * distribution and the parameter) and then samples without allocating. Samplers are unit-agnostic: they return values
 * in whatever unit their parameters were given in; {@link makeDistribution} scales time-like parameters from a
 * scenario's unit to the simulator's, and {@link roundMs} is where a sampled duration becomes simulated time.
 */

export * from "./distributions/basic.js";
export * from "./distributions/distribution.js";
export * from "./distributions/empirical.js";
export * from "./distributions/gamma-weibull.js";
export * from "./distributions/normal.js";
export * from "./distributions/spec.js";
