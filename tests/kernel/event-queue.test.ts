import { ChunkWheelQueue, createEventQueue, queueImplementations } from "../../src/kernel/event-queue/index.js";
import { runQueueSuite } from "./event-queue.case.js";

for (const impl of queueImplementations) runQueueSuite(impl.name, impl.factory);
runQueueSuite("createEventQueue (default)", createEventQueue);
// A tiny wheel that wraps, resizes and spills all the time, to reach the rare paths.
runQueueSuite(
  "wheel-chunked (tiny wheel)",
  (hint) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4 }),
);
// The same tiny wheel without small mode (few pending events use the wheel, not the heap).
runQueueSuite(
  "wheel-chunked (tiny wheel, no small mode)",
  (hint) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallLive: 0 }),
);
// Switches between small mode (a sorted list, then the heap) and the wheel at a handful of pending events.
runQueueSuite(
  "wheel-chunked (small mode below 4)",
  (hint) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallLive: 4 }),
);
// Small mode whose sorted list overflows into the heap after three entries.
runQueueSuite(
  "wheel-chunked (small-mode list of 3)",
  (hint) => new ChunkWheelQueue(hint, { initialBits: 5, maxBits: 9, adaptBits: 4, smallListMax: 3 }),
);
