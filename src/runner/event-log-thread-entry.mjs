// Entry of the event-log worker thread when gatesim runs from its TypeScript sources: registers tsx's ESM
// loader with the project's tsconfig inside the thread (as worker-entry.mjs does for the pool), then runs
// the thread's module.
import { registerTsx } from "./register-tsx.mjs";

registerTsx();
await import("./event-log-thread.ts");
