/**
 * Helpers of the claim tests: a shipped scenario that claims an effect is compared, under common random
 * numbers (the same seed and replication indices), with its reference, and the claim is asserted on the
 * 95 % interval of the paired difference, which must exclude zero.
 */
import { expect } from "vitest";
import { type CompareResult, compareScenarios, InlineExecutor } from "../../src/runner/index.js";
import {
  applyOverrides,
  type CompiledScenario,
  compileScenario,
  loadShippedScenario,
} from "../../src/scenario/index.js";
import type { PairedComparison } from "../../src/stats/index.js";

const inline = new InlineExecutor();

/** A shipped scenario, optionally with overrides (dotted paths), compiled. */
export function shipped(name: string, overrides: Record<string, unknown> = {}): CompiledScenario {
  const base = loadShippedScenario(name);
  return compileScenario(Object.keys(overrides).length > 0 ? applyOverrides(base, overrides as never) : base);
}

/** Runs reference and variant with common random numbers (inline, deterministic). */
export function paired(
  reference: CompiledScenario,
  variant: CompiledScenario,
  options: { replications: number; seed?: number | string; horizonDays?: number; warmupDays?: number },
): Promise<CompareResult> {
  return compareScenarios([reference, variant], {
    replications: options.replications,
    seed: options.seed ?? variant.seed,
    executor: inline,
    ...(options.horizonDays === undefined ? {} : { horizonDays: options.horizonDays }),
    ...(options.warmupDays === undefined ? {} : { warmupDays: options.warmupDays }),
  });
}

/** The paired difference variant − reference of one KPI. */
export function diff(result: CompareResult, kpi: string): PairedComparison {
  const d = result.report.differences[0]?.kpis[kpi];
  expect(d, `KPI ${kpi} is in the comparison`).toBeDefined();
  return d as PairedComparison;
}

/** Asserts that the 95 % interval of the difference lies entirely above (`> 0`) or below (`< 0`) zero. */
export function expectSignificant(d: PairedComparison, sign: "> 0" | "< 0", what: string): void {
  const text = `${what}: difference ${d.diffMean.toFixed(3)} [${d.ci95[0].toFixed(3)}, ${d.ci95[1].toFixed(3)}] (n = ${d.n})`;
  if (sign === "> 0") expect(d.ci95[0], text).toBeGreaterThan(0);
  else expect(d.ci95[1], text).toBeLessThan(0);
}
