import { createEventQueue, queueImplementations } from "../../src/kernel/event-queue/index.js";
import { runQueueSuite } from "./event-queue.case.js";

for (const impl of queueImplementations) runQueueSuite(impl.name, impl.factory);
runQueueSuite("createEventQueue (default)", createEventQueue);
