/**
 * Future-event lists behind one interface (types.ts). `createEventQueue` is the default; the others stay
 * exported so tests run every implementation through the same suites and benchmarks can compare them:
 * - `wheel-ladder` (default): `wheel-chunked` with a coarse tier in front of its heap (a ring of 65.5 s
 *   buckets, events appended unsorted and moved into the heap when the clock reaches their bucket;
 *   coarse-buckets.ts), used while 256 to 4,095 events are pending: the heap stays shallow when hundreds
 *   of events wait minutes to days ahead, as in the gate model.
 * - `wheel-chunked`: exact-millisecond timing wheel with chunked FIFO buckets plus a 4-ary heap for far
 *   or out-of-order events, and a short sorted list while fewer than 16 are pending; O(1) push/pop on
 *   smooth and tied times, O(log n) at worst.
 * - `heap4`: typed-array 4-ary heap with branch-free child selection; O(log n) always.
 * - `heap4-fused`: the same heap with pop's root removal deferred and fused into the next push.
 */
import { createChunkWheelQueue, createLadderWheelQueue } from "./chunkwheel.js";
import { createHeap4FusedQueue, createHeap4Queue } from "./heap4.js";
import type { EventQueueFactory } from "./types.js";

export {
  type ChunkWheelOptions,
  ChunkWheelQueue,
  createChunkWheelQueue,
  createLadderWheelQueue,
} from "./chunkwheel.js";
export { TIME_MAX_MS } from "./common.js";
export { createHeap4FusedQueue, createHeap4Queue, Heap4Queue } from "./heap4.js";
export type { EventQueue, EventQueueFactory } from "./types.js";
export { PRIORITY_MAX } from "./types.js";

/** Every implementation by name, so tests and benchmarks cover all of them with one list. */
export const queueImplementations: readonly { readonly name: string; readonly factory: EventQueueFactory }[] = [
  { name: "heap4", factory: createHeap4Queue },
  { name: "heap4-fused", factory: createHeap4FusedQueue },
  { name: "wheel-chunked", factory: createChunkWheelQueue },
  { name: "wheel-ladder", factory: createLadderWheelQueue },
];

/**
 * The default future-event list: the chunked timing wheel with the coarse tier. The wheel is the fastest
 * implementation on the hold-model benchmark (where the tier is idle outside 256..4,095 pending events
 * and changes nothing measurable inside), and the tier takes 3-4 % off a gate-model replication (see
 * docs/model-performance.md); the heap fallback keeps it O(log n) at worst.
 */
export const createEventQueue: EventQueueFactory = createLadderWheelQueue;
