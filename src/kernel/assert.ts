/**
 * Assertions of the kernel and the model. The edges (scenario files, API bodies, worker messages) validate
 * with zod; inside, a broken precondition is a bug, and it stops the run with a message saying which.
 */

/** Error thrown when a kernel or model invariant does not hold: a bug, or a bound that was reached. */
export class SimulationAssertionError extends Error {
  override readonly name = "SimulationAssertionError";
}

/** Throws a SimulationAssertionError with `message` when `condition` is false. */
export function assert(condition: boolean, message: string): asserts condition {
  if (!condition) throw new SimulationAssertionError(message);
}

/** Asserts that `value` is a finite integer-valued number (simulated time and counts are). */
export function assertInteger(value: number, what: string): void {
  if (!Number.isInteger(value)) throw new SimulationAssertionError(`${what} must be an integer, got ${value}`);
}

/** Asserts that `value` is a non-negative integer. */
export function assertNonNegativeInteger(value: number, what: string): void {
  if (!Number.isInteger(value) || value < 0) {
    throw new SimulationAssertionError(`${what} must be a non-negative integer, got ${value}`);
  }
}
