/**
 * The model version, part of every cache key: a stored run is reused only if the same model logic
 * produced it. It comes through the runner's public face (`api/` never imports `model/`).
 */
import { MODEL_VERSION } from "../runner/index.js";

/** The version of the model's logic. */
export function modelVersion(): string {
  return MODEL_VERSION;
}
