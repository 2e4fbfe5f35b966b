// Entry of a piscina worker thread when gatesim runs from its TypeScript sources (see workerSpec in
// piscina-executor.ts). Registering tsx's ESM loader here, inside the thread, makes `worker.ts` and the
// whole model load as ES modules; piscina's own `require()` of a .ts file would get tsx's CommonJS
// transpilation instead, which reads every imported binding through a getter and runs 1.8x slower.
import { registerTsx } from "./register-tsx.mjs";

registerTsx();
const worker = await import("./worker.ts");

export default worker.default;
export const describeRuntime = worker.describeRuntime;
