import { createHeap4FusedQueue, createHeap4Queue } from "./heap4.js";
import type { EventQueueFactory } from "./types.js";

export { TIME_MAX_MS } from "./common.js";
export { createHeap4FusedQueue, createHeap4Queue, Heap4Queue } from "./heap4.js";
export type { EventQueue, EventQueueFactory } from "./types.js";
export { PRIORITY_MAX } from "./types.js";

/** Every implementation by name, so tests and benchmarks cover all of them with one list. */
export const queueImplementations: readonly { readonly name: string; readonly factory: EventQueueFactory }[] = [
  { name: "heap4", factory: createHeap4Queue },
  { name: "heap4-fused", factory: createHeap4FusedQueue },
];

/** The default future-event list: the fastest implementation that passes every conformance and model test. */
export const createEventQueue: EventQueueFactory = createHeap4Queue;
