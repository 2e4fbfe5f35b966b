/**
 * Golden summaries: every shipped scenario at its fixed seed (replication 0, horizon capped at 21 days so
 * the suite stays fast) against `tests/golden/<name>.summary.json`. KPIs and stage figures are rounded to
 * 6 significant digits, so only real changes of results show up. `UPDATE_GOLDEN=1` rewrites the files.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { compileScenario, listShippedScenarios, loadShippedScenario, runCompiled } from "../../src/scenario/index.js";

const GOLDEN_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "golden");
const HORIZON_DAYS_MAX = 21;
const update = process.env.UPDATE_GOLDEN === "1";

function round6(x: number): number {
  return x === 0 || !Number.isFinite(x) ? x : Number(x.toPrecision(6));
}

function roundDeep(v: unknown): unknown {
  if (typeof v === "number") return round6(v);
  if (Array.isArray(v)) return v.map(roundDeep);
  if (v !== null && typeof v === "object") {
    return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, roundDeep(x)]));
  }
  return v;
}

function summary(name: string): unknown {
  const compiled = compileScenario(loadShippedScenario(name));
  const horizonDays = Math.min(compiled.horizonDays, HORIZON_DAYS_MAX);
  const warmupDays = Math.min(compiled.warmupDays, horizonDays / 2);
  const r = runCompiled(compiled, 0, compiled.seed, { horizonDays, warmupDays });
  return roundDeep({
    scenario: name,
    hash: compiled.hash,
    seed: r.seed,
    horizonDays,
    warmupDays,
    events: r.events,
    conservation: r.conservation,
    kpis: Object.fromEntries(Object.entries(r.kpis).map(([k, v]) => [k, v.value])),
    stages: r.stages,
    dailyCleared: r.series.daily.exportCleared?.map((x, i) => x + (r.series.daily.importCleared?.[i] ?? 0)),
  });
}

describe("golden summaries of the shipped scenarios", () => {
  for (const { name } of listShippedScenarios()) {
    it(name, () => {
      const file = join(GOLDEN_DIR, `${name}.summary.json`);
      const got = summary(name);
      if (update || !existsSync(file)) {
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(file, `${JSON.stringify(got, null, 2)}\n`);
        if (!update) throw new Error(`golden file ${file} was missing; written now, re-run to compare`);
        return;
      }
      expect(got).toEqual(JSON.parse(readFileSync(file, "utf8")));
    });
  }
});
