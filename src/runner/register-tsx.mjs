// Registers tsx's ESM loader with the project's own tsconfig.json, named by absolute path. tsx otherwise
// looks for a tsconfig in the current directory, and its compilerOptions change how fast the model runs:
// `useDefineForClassFields: false` keeps a class field declared without an initializer from being
// created as `undefined` before the constructor assigns it, which would widen V8's field representation
// (a number field becomes "tagged", a typed-array field loses its map) and add checks to every read.
// Shared by bin/gatesim.js and every piscina thread (worker-entry.mjs).
import { fileURLToPath } from "node:url";
import { register } from "tsx/esm/api";

/** Absolute path of the project's tsconfig.json. */
export const TSCONFIG_PATH = fileURLToPath(new URL("../../tsconfig.json", import.meta.url));

/** Registers tsx's ESM loader for this thread with the project's tsconfig. */
export function registerTsx() {
  register({ tsconfig: TSCONFIG_PATH });
}
