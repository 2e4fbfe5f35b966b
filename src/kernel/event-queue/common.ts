import { PRIORITY_MAX } from "./types.js";

/**
 * Latest schedulable time (2^44 ms, about 557 years): keeps `time * 256 + priority` an exact double,
 * which lets the implementations compare time and priority with one floating-point comparison.
 */
export const TIME_MAX_MS = 2 ** 44;

/** Number of distinct priorities; multiplier that packs a priority under a time in one key. */
export const PRIORITY_SPAN = PRIORITY_MAX + 1;

/** Slot index range inside a handle; bounds the number of simultaneously pending events. */
export const SLOT_SPAN = 2 ** 26;

/** Generation range inside a handle; a stale handle is confused only after this many slot reuses. */
export const GEN_SPAN = 2 ** 26;

/**
 * Explains why a push was rejected; kept out of line so the hot push paths stay small.
 * @returns the error to throw (the caller throws so the control flow stays visible)
 */
export function pushError(timeMs: number, priority: number, kind: number, arg: number, floorMs: number): RangeError {
  if (typeof timeMs !== "number" || Number.isNaN(timeMs))
    return new RangeError(`event time must be a number, got ${timeMs}`);
  if (timeMs < 0) return new RangeError(`event time must be non-negative, got ${timeMs}`);
  if (!Number.isInteger(timeMs)) return new RangeError(`event time must be an integer number of ms, got ${timeMs}`);
  if (timeMs < floorMs) return new RangeError(`event time ${timeMs} is before the current time ${floorMs}`);
  if (timeMs > TIME_MAX_MS) return new RangeError(`event time ${timeMs} exceeds the maximum ${TIME_MAX_MS}`);
  if (!Number.isInteger(priority) || priority < 0 || priority > PRIORITY_MAX)
    return new RangeError(`event priority must be an integer in [0, ${PRIORITY_MAX}], got ${priority}`);
  if (!Number.isInteger(kind) || kind < 0 || kind > 0x7fffffff)
    return new RangeError(`event kind must be an integer in [0, 2^31), got ${kind}`);
  if ((arg | 0) !== arg) return new RangeError(`event arg must be an int32, got ${arg}`);
  return new RangeError("invalid event");
}

/** Shared by every implementation so a bad capacity hint fails the same way everywhere. */
export function checkCapacityHint(capacityHint: number | undefined): number {
  if (capacityHint === undefined) return 64;
  if (!Number.isInteger(capacityHint) || capacityHint < 0 || capacityHint > SLOT_SPAN)
    throw new RangeError(`capacityHint must be an integer in [0, ${SLOT_SPAN}], got ${capacityHint}`);
  return Math.max(16, capacityHint);
}

/** Copies a typed array into a larger one; growth is rare (doubling) so this stays off the hot path. */
export function growF64(a: Float64Array, len: number): Float64Array {
  const b = new Float64Array(len);
  b.set(a);
  return b;
}

/** Int32 counterpart of {@link growF64}. */
export function growI32(a: Int32Array, len: number): Int32Array {
  const b = new Int32Array(len);
  b.set(a);
  return b;
}

/** Uint8 counterpart of {@link growF64}. */
export function growU8(a: Uint8Array, len: number): Uint8Array {
  const b = new Uint8Array(len);
  b.set(a);
  return b;
}
