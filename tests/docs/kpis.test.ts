/**
 * The KPI glossary (docs/kpis.md) covers every name the model emits (issue 12, item 4): every key of a
 * replication result of every shipped scenario (KPIs, stage figures, series, the result's own fields) and
 * of a run's JSON report maps to a glossary entry, exactly or through a pattern such as `zone.<zone>.trucksMean`.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ReplicationResult, simulate } from "../../src/model/index.js";
import { compileScenario, listShippedScenarios, loadShippedScenario } from "../../src/scenario/index.js";
import { aggregateReplications, buildJsonReport } from "../../src/stats/index.js";

const GLOSSARY = readFileSync(join(dirname(fileURLToPath(import.meta.url)), "../../docs/kpis.md"), "utf8");

/** The first-column keys of every glossary table, as anchored regular expressions. */
function glossaryPatterns(): RegExp[] {
  const out: RegExp[] = [];
  for (const line of GLOSSARY.split("\n")) {
    const m = /^\| `([^`]+)` \|/.exec(line);
    if (!m) continue;
    const escaped = m[1]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/<[a-z]+>/g, "[^.]+");
    out.push(new RegExp(`^${escaped}$`));
  }
  return out;
}

/** Every key path of a replication result, in glossary form. */
function resultKeys(r: ReplicationResult): string[] {
  const keys = [...Object.keys(r)];
  keys.push(...Object.keys(r.kpis));
  for (const s of Object.values(r.stages)) keys.push(...Object.keys(s));
  keys.push(...Object.keys(r.series));
  keys.push(...Object.keys(r.series.daily).map((k) => `daily.${k}`));
  keys.push(...Object.keys(r.series.sampled).map((k) => `sampled.${k}`));
  keys.push(...Object.keys(r.series.stages).map((k) => `stages.${k}`));
  keys.push(...Object.keys(r.conservation).map((k) => `conservation.${k}`));
  keys.push(...Object.keys(r.calendar).map((k) => `calendar.${k}`));
  for (const [dir, span] of Object.entries(r.timeInSystemSpans)) {
    keys.push(...Object.keys(span).map((k) => `timeInSystemSpans.${dir}.${k}`));
  }
  return [...new Set(keys)];
}

describe("KPI glossary (docs/kpis.md)", () => {
  const patterns = glossaryPatterns();
  const undocumented = (keys: readonly string[]): string[] => keys.filter((k) => !patterns.some((p) => p.test(k)));

  it("has entries", () => {
    expect(patterns.length).toBeGreaterThan(100);
  });

  for (const { name } of listShippedScenarios()) {
    it(`covers every key of a ${name} replication`, () => {
      const c = compileScenario(loadShippedScenario(name));
      const windowEnd = Math.max(0, ...c.config.kpi.windows.map((w) => Math.ceil(w.toMs / 86_400_000)));
      const horizonDays = Math.min(c.horizonDays, Math.max(3, windowEnd + 1));
      const r = simulate(c.config, { seed: 1, replication: 0, horizonDays, warmupDays: Math.min(c.warmupDays, 2) });
      if (c.config.kpi.windows.length > 0) expect(Object.keys(r.kpis).some((k) => k.startsWith("window."))).toBe(true);
      expect(undocumented(resultKeys(r))).toEqual([]);
    });
  }

  it("covers every key of a run's JSON report", () => {
    const c = compileScenario(loadShippedScenario("smart-gate-2026"));
    const results = [0, 1].map((i) => simulate(c.config, { seed: 1, replication: i, horizonDays: 2, warmupDays: 1 }));
    const report = buildJsonReport({
      scenario: { name: c.name, title: c.title, hash: c.hash },
      seed: 1,
      replications: 2,
      horizonDays: 2,
      warmupDays: 1,
      modelVersion: results[0]!.modelVersion,
      assumedInputs: c.assumedInputs,
      aggregate: aggregateReplications(results),
      timing: { wallMs: 1, events: 1, eventsPerSecond: 1 },
    });
    const keys = [...Object.keys(report), ...Object.keys(report.kpis), ...Object.keys(report.series)];
    for (const s of Object.values(report.stages)) keys.push(...Object.keys(s));
    expect(undocumented(keys)).toEqual([]);
  });
});
