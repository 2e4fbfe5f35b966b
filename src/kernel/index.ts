/**
 * The discrete-event kernel: clock and run loop, the future-event list, named random streams,
 * distributions, resources with capacity schedules, stores, and streaming statistics. It imports nothing
 * outside this folder (no npm packages, no `node:*`), so it runs unchanged in any thread or machine.
 */
export * from "./assert.js";
export * from "./distributions.js";
export * from "./event-queue/index.js";
export * from "./hand-over.js";
export * from "./mutable-fields.js";
export * from "./nhpp.js";
export * from "./priority.js";
export * from "./resource.js";
export * from "./rng.js";
export * from "./schedule.js";
export * from "./simulation.js";
export * from "./stats.js";
export * from "./store.js";
export * from "./wait-queue.js";
