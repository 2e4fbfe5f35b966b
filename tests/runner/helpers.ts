/** Small scenarios for the runner tests: the shipped textbook M/M/1, shortened so a replication takes milliseconds. */
import {
  applyOverrides,
  type CompiledScenario,
  compileScenario,
  loadShippedScenario,
} from "../../src/scenario/index.js";

/** M/M/1 (rho 0.8) over `days` simulated days with a quarter-day warm-up, optionally overridden. */
export function smallMm1(days = 2, overrides: Record<string, unknown> = {}): CompiledScenario {
  return compileScenario(
    applyOverrides(loadShippedScenario("mm1"), { horizonDays: days, warmupDays: 0.25, ...overrides }),
  );
}

/** JSON with `timing` removed, to compare experiments bit for bit (NaN prints as null on both sides). */
export function withoutTiming(value: unknown): string {
  return JSON.stringify(value, (k, v) => (k === "timing" || k === "wallMs" ? undefined : v));
}
