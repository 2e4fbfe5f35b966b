/**
 * The KPI glossary is one source (src/stats/glossary*.ts) with two readable forms: `GET /glossary` and
 * docs/kpis.md, which is generated from it (`UPDATE_DOCS=1` rewrites it; this test keeps them equal). And
 * it covers every name the model emits (issue 12, item 4): every key of a replication result of every
 * shipped scenario (KPIs, stage figures, series, the result's own fields) and of a run's JSON report maps
 * to a glossary entry, exactly or through a pattern such as `zone.<id>.trucksMean`.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { type ReplicationResult, simulate } from "../../src/model/index.js";
import { compileScenario, listShippedScenarios, loadShippedScenario } from "../../src/scenario/index.js";
import {
  aggregateReplications,
  buildJsonReport,
  glossaryEntryOf,
  KPI_GLOSSARY,
  renderGlossaryMarkdown,
} from "../../src/stats/index.js";

const DOC = join(dirname(fileURLToPath(import.meta.url)), "../../docs/kpis.md");

/** Every key path of a replication result with the glossary kind it must have. */
function resultKeys(r: ReplicationResult): [string, string][] {
  const keys: [string, string][] = Object.keys(r).map((k) => [k, "field"]);
  for (const k of Object.keys(r.kpis)) keys.push([k, "kpi"]);
  for (const [id, s] of Object.entries(r.stages))
    for (const k of Object.keys(s)) keys.push([`stages.${id}.${k}`, "stage"]);
  for (const k of Object.keys(r.series)) keys.push([`series.${k}`, "series"]);
  for (const k of Object.keys(r.series.daily)) keys.push([`series.daily.${k}`, "series"]);
  for (const k of Object.keys(r.series.sampled)) keys.push([`series.sampled.${k}`, "series"]);
  // Stage series are keyed `<stage>.<figure>`.
  for (const k of Object.keys(r.series.stages)) keys.push([`series.stages.${k}`, "series"]);
  for (const k of Object.keys(r.conservation)) keys.push([`conservation.${k}`, "field"]);
  for (const k of Object.keys(r.calendar)) keys.push([`calendar.${k}`, "field"]);
  for (const [dir, span] of Object.entries(r.timeInSystemSpans)) {
    for (const k of Object.keys(span)) keys.push([`timeInSystemSpans.${dir}.${k}`, "field"]);
  }
  return keys;
}

/** Keys without an entry of the right kind; the seed and the replication index are terms. */
function undocumented(keys: readonly [string, string][]): string[] {
  const terms = new Set(KPI_GLOSSARY.filter((g) => g.kind === "term").map((g) => g.id));
  const out = keys
    .filter(([k, kind]) => (kind === "field" && terms.has(k) ? false : glossaryEntryOf(k)?.kind !== kind))
    .map(([k, kind]) => `${kind} ${k}`);
  return [...new Set(out)];
}

describe("KPI glossary (docs/kpis.md)", () => {
  it("docs/kpis.md is the glossary's generated text", () => {
    const want = renderGlossaryMarkdown();
    if (process.env.UPDATE_DOCS === "1") writeFileSync(DOC, want);
    expect(readFileSync(DOC, "utf8")).toBe(want);
    expect(want.match(/^\| `/gm)?.length).toBeGreaterThan(200);
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
    const keys: [string, string][] = Object.keys(report).map((k) => [k, "field"]);
    for (const k of Object.keys(report.kpis)) keys.push([k, "kpi"]);
    for (const [id, s] of Object.entries(report.stages))
      for (const k of Object.keys(s)) keys.push([`stages.${id}.${k}`, "stage"]);
    for (const k of Object.keys(report.series)) keys.push([`series.${k}`, "series"]);
    expect(undocumented(keys)).toEqual([]);
  });
});
